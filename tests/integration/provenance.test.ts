/**
 * sourceCopy and alsoRead are provenance for maintainers: no output shows or links them (issue
 * 11). And a person sees how old the page behind a step is: its own date where known, and a
 * word of warning when it is from before 2024.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { auditCommand, type AuditUI } from "../../src/commands/audit.js";
import { checklistShowCommand } from "../../src/commands/checklist.js";
import { planCommand } from "../../src/commands/plan.js";
import { handoutHtml, handoutMarkdown, handoutText } from "../../src/output/handoutView.js";
import { renderResult } from "../../src/output/reporter.js";
import { plainStyle } from "../../src/output/style.js";
import { testContext } from "../helpers/context.js";
import { CHECKLIST_FIXTURES, tempDir } from "../helpers/fixtures.js";

const style = plainStyle();
const DIR = path.join(CHECKLIST_FIXTURES, "provenance");
const MARKERS = /copy-marker|also-marker/;
let cleanup = () => {};
afterEach(() => cleanup());

function setup(options: { canPrompt?: boolean } = {}) {
  const t = tempDir();
  cleanup = t.cleanup;
  return { dir: t.dir, ctx: testContext(path.join(t.dir, "home"), { checklistsDir: DIR, ...options }) };
}

/** Goes through every step, asking for More help once on each. */
function helpThenDoneUI(): AuditUI & { said: string[] } {
  const said: string[] = [];
  let helped = false;
  const answer = (message: string): string => {
    if (message.startsWith("What would you like to do")) return (helped = !helped) ? "help" : "done";
    if (message.startsWith("Is it safe to do this now")) return "now";
    if (/Record what you see first/.test(message)) return "no";
    throw new Error(`no scripted answer for: ${message}`);
  };
  return {
    said,
    say: (text) => void said.push(text),
    chooseOne: async <T extends string>(message: string) => answer(message) as T,
    chooseMany: async <T extends string>(message: string) => answer(message) as unknown as T[],
    chooseOrBack: async <T extends string>(message: string) => answer(message) as T,
    askLine: async (message: string) => answer(message),
    confirmAction: async () => false,
  };
}

describe("provenance is never shown", () => {
  it.each(["text", "md", "html"])("checklist show --format %s shows the source and its date, never sourceCopy or alsoRead", async (format) => {
    const { ctx } = setup();
    const out = (await renderResult(await checklistShowCommand(ctx, ["provdemo"], { format }), { json: false, style })).stdout;
    expect(out).not.toMatch(MARKERS);
    expect(out).toContain("help.provdemo.example/devices");
    expect(out).toContain("page from 2019: it may be out of date; checked 2026-11-20");
    expect(out).toContain("page dated 2025-03-14, checked 2026-11-20");
    expect(out).toMatch(/help\.provdemo\.example\/other\S* \(checked 2026-11-20\)/);
    expect(out).toMatch(/Source \(not the platform(&#39;|')s own page\): .*howto\.example\.org\/provdemo-privacy/);
  });

  it("checklist show --format json leaves sourceCopy and alsoRead out, and keeps sourceDate", async () => {
    const { ctx } = setup();
    const out = (await renderResult(await checklistShowCommand(ctx, ["provdemo"], { format: "json" }), { json: false, style })).stdout;
    expect(out).not.toMatch(MARKERS);
    const items = (JSON.parse(out) as { items: Array<Record<string, unknown>> }).items;
    expect(items.map((i) => [i.sourceDate, "sourceCopy" in i, "alsoRead" in i])).toEqual([
      ["2019-05", false, false],
      ["2025-03-14", false, false],
      [undefined, false, false],
      [undefined, false, false],
    ]);
  });

  it("the guided audit shows every step and its More help without them", async () => {
    const { ctx } = setup({ canPrompt: true });
    const ui = helpThenDoneUI();
    await auditCommand(ctx, { platforms: ["provdemo"] }, { ui, style });
    const shown = ui.said.join("\n");
    expect(shown).toContain("More help:");
    expect(shown).toContain("Ask someone you trust to look with you.");
    expect(shown).toContain("page from 2019: it may be out of date");
    expect(shown).not.toMatch(MARKERS);
  });

  it("audit --answers --json, plan --json and a workshop handout in every format never carry them", async () => {
    const { dir, ctx } = setup();
    const file = path.join(dir, "answers.yaml");
    writeFileSync(file, "intake:\n  physical-access: yes\nplatforms: [provdemo]\nprovdemo.old: later\n");
    const audit = (await renderResult(await auditCommand(ctx, { platforms: [], answers: file }, { style }), { json: true, style })).stdout;
    expect(audit).toContain("provdemo.old");
    expect(audit).not.toMatch(MARKERS);
    const plan = (await renderResult(await planCommand(ctx, { platforms: [], answers: file }, { style }), { json: true, style })).stdout;
    expect(plan).toContain("provdemo.dated");
    expect(plan).not.toMatch(MARKERS);
    const checklists = (await ctx.checklists()).filter((c) => c.platform === "provdemo");
    const handout = { plan: { title: "Session", platforms: ["provdemo"], drills: [] } as never, checklists };
    for (const out of [handoutHtml(handout), handoutMarkdown(handout), handoutText(handout, style), (await renderResult({ kind: "handout", ...handout, format: "json" }, { json: true, style })).stdout]) {
      expect(out).toContain("help.provdemo.example/privacy");
      expect(out).not.toMatch(MARKERS);
    }
  });
});
