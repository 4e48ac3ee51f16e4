import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { auditCommand, type AuditUI } from "../../src/commands/audit.js";
import { checklistShowCommand, checklistValidateCommand } from "../../src/commands/checklist.js";
import { forgetCommand } from "../../src/commands/forget.js";
import { listCommand } from "../../src/commands/list.js";
import { reportCommand } from "../../src/commands/report.js";
import { plainStyle } from "../../src/output/style.js";
import { renderResult } from "../../src/output/reporter.js";
import { CHECKLIST_FIXTURES, tempDir } from "../helpers/fixtures.js";
import { testContext } from "../helpers/context.js";

const style = plainStyle();
const GOOD = path.join(CHECKLIST_FIXTURES, "good");
let cleanup = () => {};
afterEach(() => cleanup());

function setup(options: Parameters<typeof testContext>[1] = {}) {
  const t = tempDir();
  cleanup = t.cleanup;
  const home = path.join(t.dir, "home");
  return { dir: t.dir, home, ctx: testContext(home, { checklistsDir: GOOD, ...options }) };
}

/** When the script runs out: stop the audit at the next chance, safely. */
const OUT_OF_ANSWERS: Record<string, string> = {
  "What would you like to do": "stop",
  "Is it safe to do this now": "later",
  "Record what you see first": "no",
};

/** Answers questions from a script, as a person at the terminal would. */
function scriptedUI(answers: string[]): AuditUI & { said: string[]; asked: string[] } {
  const said: string[] = [];
  const asked: string[] = [];
  const next = Object.assign(
    (message: string) => {
      asked.push(message);
      const answer = answers.shift() ?? OUT_OF_ANSWERS[message.split("?")[0]!.replace(/^.*(Record what you see first)$/, "$1")];
      if (answer === undefined) throw new Error(`no scripted answer for: ${message}`);
      next.last = answer;
      return answer;
    },
    { last: "" },
  );
  return {
    said,
    asked,
    say: (text) => void said.push(text),
    chooseOne: async <T extends string>(message: string) => next(message) as T,
    chooseMany: async <T extends string>(message: string) => next(message).split(",") as T[],
    // "back" stands for Esc, or an empty line.
    chooseOrBack: async <T extends string>(message: string) => (next(message) === "back" ? undefined : (next.last as T)),
    askLine: async (message: string) => (next(message) === "back" || next.last === "" ? undefined : next.last),
    confirmAction: async (message: string) => next(message) === "yes",
  };
}

describe("audit --answers (clinics)", () => {
  it("records the answers and summarises per platform, remaining items by risk", async () => {
    const { dir, ctx } = setup();
    const file = path.join(dir, "answers.yaml");
    writeFileSync(file, "demo.two-factor: done\ndemo.location: later\n");
    const result = await auditCommand(ctx, { platforms: [], answers: file }, { style });
    expect(result.kind).toBe("audit");
    if (result.kind !== "audit") return;
    expect(result.summary.platforms).toEqual([{ id: "demo", name: "Demo Social", done: 1, later: 1, notApplicable: 0, open: 1, total: 3 }]);
    expect(result.summary.remaining.map((r) => r.id)).toEqual(["demo.sessions", "demo.location"]);
    const report = await reportCommand(testContext(ctx.env.HARDEN_HOME!, { checklistsDir: GOOD }), { format: "json" });
    expect(report.kind === "report" && report.summary.platforms[0]?.done).toBe(1);
  });

  it("accepts JSON and names every unknown id and status in one usage error", async () => {
    const { dir, ctx } = setup();
    const file = path.join(dir, "answers.json");
    writeFileSync(file, JSON.stringify({ "demo.two-factor": "done", "demo.nope": "done", "demo.location": "maybe" }));
    await expect(auditCommand(ctx, { platforms: [], answers: file }, { style })).rejects.toMatchObject({
      exitCode: 2,
      problems: ["unknown item id: demo.nope", "unknown status: demo.location: maybe (use done, later, not-applicable)"],
    });
    expect(ctx.state().loadProgress().answers).toEqual({});
  });

  it("refuses to ask questions without a terminal and says which flag to use", async () => {
    const { ctx } = setup();
    await expect(auditCommand(ctx, { platforms: ["demo"] }, { style })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("--answers FILE") });
  });

  it("names unknown platforms", async () => {
    const { ctx } = setup();
    await expect(auditCommand(ctx, { platforms: ["myspace"] }, { style })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("Unknown platform: myspace") });
  });
});

describe("guided audit", () => {
  it("saves each answer as it is given, and a stopped audit resumes where it stopped", async () => {
    const { home, ctx } = setup({ canPrompt: true });
    // demo.two-factor warns before its steps; demo.sessions also offers to record evidence.
    const ui = scriptedUI(["choose", "demo", "now", "help", "done", "now", "no", "later", "stop"]);
    const first = await auditCommand(ctx, { platforms: [] }, { ui, style });
    expect(first.kind === "audit" && first.finished).toBe(false);
    expect(ui.said[0]!.replace(/\s+/g, " ")).toContain("can be noticed by someone who watches your accounts");
    expect(ui.said.some((s) => s.includes("If you cannot find the menu"))).toBe(true);

    const again = testContext(home, { checklistsDir: GOOD, canPrompt: true });
    expect(Object.keys(again.state().loadProgress().answers).sort()).toEqual(["demo.sessions", "demo.two-factor"]);
    const ui2 = scriptedUI(["resume", "not-applicable"]);
    const second = await auditCommand(again, { platforms: [] }, { ui: ui2, style });
    expect(ui2.asked[0]).toMatch(/audit in progress \(Demo Social, 1 step left\)/);
    expect(second.kind === "audit" && second.finished).toBe(true);
    if (second.kind === "audit") expect(second.summary.platforms[0]).toMatchObject({ done: 1, later: 1, notApplicable: 1, open: 0 });
  });

  it("shows flags in words before the steps", async () => {
    const { ctx } = setup({ canPrompt: true });
    const ui = scriptedUI(["now", "stop"]);
    await auditCommand(ctx, { platforms: ["demo"] }, { ui, style });
    const shown = ui.said.join("\n");
    expect(shown).toMatch(/may notice this change[\s\S]*Where:[\s\S]*Steps:/);
    expect(shown).toContain("Source: https://example.org/help/two-factor");
  });
});

describe("survivor-centred audit", () => {
  it("before a noticeable step, says what they may see and can plan it for later or point to an advocate", async () => {
    const { ctx } = setup({ canPrompt: true });
    const ui = scriptedUI(["advocate", "later", "stop"]);
    await auditCommand(ctx, { platforms: ["demo"] }, { ui, style });
    expect(ui.said.join("\n")).toContain("What the other person may see: Other devices may get a notification.");
    expect(ui.said.join("\n")).toMatch(/advocate at a domestic-violence service/);
    expect(ui.said.join("\n")).toContain("Samaritans free on 116 123");
    expect(ctx.state().loadProgress().answers["demo.two-factor"]?.status).toBe("later");
    expect(ctx.state().loadProgress().answers["demo.sessions"]?.status).toBe("later");
  });

  it("before a step that can destroy evidence, records a note in the evidence log", async () => {
    const { ctx } = setup({ canPrompt: true });
    const ui = scriptedUI(["later", "now", "yes", "Check where you are logged in: A phone called Galaxy, last active today", "no", "done", "stop"]);
    await auditCommand(ctx, { platforms: ["demo"] }, { ui, style });
    const { evidenceListCommand } = await import("../../src/commands/evidence.js");
    const list = await evidenceListCommand(ctx);
    expect(JSON.stringify(list)).toContain("Check where you are logged in: A phone called Galaxy, last active today");
  });

  it("the intake ranks the audit: an account taken over comes first, and answers are kept only on a yes", async () => {
    const { ctx } = setup({ canPrompt: true });
    const ui = scriptedUI(["intake", "skip", "skip", "skip", "yes", "no", "skip", "skip", "demo", "no"]);
    await auditCommand(ctx, { platforms: [] }, { ui, style });
    const shown = ui.said.join("\n");
    expect(shown).toMatch(/Your plan: the five steps that matter most first\n\s+1\. .*An account was taken over/);
    expect(ctx.state().loadProgress().session?.platforms).toEqual(expect.arrayContaining(["account-taken-over", "email", "demo"]));
    expect(ctx.state().loadSettings().intake).toBeUndefined();
  });

  it("offers the intake answers kept last time instead of asking again", async () => {
    const { home, ctx } = setup({ canPrompt: true });
    await auditCommand(ctx, { platforms: [] }, { ui: scriptedUI(["intake", "yes", "skip", "skip", "skip", "skip", "skip", "skip", "demo", "yes"]), style });
    expect(ctx.state().loadSettings().intake).toEqual({ "physical-access": "yes" });
    const again = testContext(home, { checklistsDir: GOOD, canPrompt: true });
    const ui = scriptedUI(["new", "intake", "yes", "demo"]);
    await auditCommand(again, { platforms: [] }, { ui, style });
    expect(ui.asked).toContain("You kept your answers to the questions last time. Use them again?");
    expect(ui.asked.some((q) => q.startsWith("1/7"))).toBe(false);
    expect(again.state().loadProgress().session?.platforms).toContain("phone");
  });

  it("plan --answers gives clinics the ranked plan as JSON, and audit --answers includes it", async () => {
    const { dir, ctx } = setup();
    const file = path.join(dir, "answers.yaml");
    writeFileSync(file, "intake:\n  images: yes\n  physical-access: unsure\nplatforms: [instagram]\ndemo.two-factor: done\n");
    const { planCommand } = await import("../../src/commands/plan.js");
    const result = await planCommand(ctx, { platforms: [], answers: file }, { style });
    expect(result.kind === "plan" && result.plan.platforms).toEqual(expect.arrayContaining(["images-or-impersonation", "phone", "instagram"]));
    // Safety first (she may have had her phone taken), then saving evidence of the images.
    expect(result.kind === "plan" && result.plan.items.slice(0, 2).map((i) => i.id)).toEqual(["phone.plan-first", "images-or-impersonation.save-evidence"]);
    const audit = await auditCommand(ctx, { platforms: [], answers: file }, { style });
    expect(audit.kind === "audit" && audit.plan?.items[1]!.why).toMatch(/Images of you are being shared/);
    writeFileSync(file, "intake:\n  images: maybe\n  pets: yes\n");
    await expect(planCommand(ctx, { platforms: [], answers: file }, { style })).rejects.toMatchObject({
      exitCode: 2,
      problems: expect.arrayContaining(["intake images: maybe (use yes, no or unsure)", expect.stringMatching(/^unknown intake question: pets/)]),
    });
  });
});

describe("other commands", () => {
  it("lists platforms with item counts and sections", async () => {
    const { ctx } = setup();
    const out = await renderResult(await listCommand(ctx), { json: true, style });
    const demo = (JSON.parse(out.stdout) as Array<{ id: string }>).find((p) => p.id === "demo");
    expect(demo).toEqual({ id: "demo", name: "Demo Social", items: 3, sections: ["two-factor", "sessions", "location"] });
  });

  it("shows a checklist as printable HTML with checkboxes and escaped text", async () => {
    const { ctx } = setup({ checklistsDir: path.join(CHECKLIST_FIXTURES, "trainer") });
    const out = await renderResult(await checklistShowCommand(ctx, ["demo"], { format: "html" }), { json: false, style });
    expect(out.stdout).toContain('<input type="checkbox"');
    expect(out.stdout).toContain("@media print");
    expect(out.stdout).toContain("Trainer&#39;s own location step");
  });

  it("validate exits 2 with one FILE:LINE: FIELD line per problem", async () => {
    const broken = path.join(CHECKLIST_FIXTURES, "broken", "missing-title.yaml");
    const out = await renderResult(await checklistValidateCommand([broken]), { json: false, style });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toContain(`${broken}:13: items[1].title: is missing`);
  });

  it("validate checks what a trainer's file shows: the allowlist only with officialHosts, English only with --english", async () => {
    const hosts = path.join(CHECKLIST_FIXTURES, "content", "hosts.yaml");
    const plain = path.join(CHECKLIST_FIXTURES, "content", "no-hosts.yaml");
    const out = await renderResult(await checklistValidateCommand([hosts, plain]), { json: false, style });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toEqual([
      `${hosts}:13: items[0].steps[1]: says "block them" (blocks someone, which they can notice): add flags alerts-others`,
      `${hosts}:15: items[0].help: blog.example.org is not an official host of this checklist or a third party of this item: add it to officialHosts if it is the platform's own, or to this item's thirdParty if the item sends people there on purpose`,
      `${hosts}:15: items[0].help: xihu.uk.to is a copy, proxy or archive site: link to the page on the platform's own site (when you read it in a copy, mark the item official-copy)`,
      `${hosts}:15: items[0].help: says "Other pages read": pages read for an item go in alsoRead; the text is for the person`,
      `${hosts}:16: items[0].source: blog.example.org is not an official host of this checklist or a third party of this item: cite the platform's own page, or add it to officialHosts if it is the platform's own, or to this item's thirdParty if the item sends people there on purpose`,
      `${plain}:24: items[1].source: web.archive.org is a copy, proxy or archive site: link to the page on the platform's own site (when you read it in a copy, mark the item official-copy)`,
      `${plain}:26: items[1].sourceCopy: web.archive.org is a copy, proxy or archive site: give the platform's own address of the page the copy showed, or leave sourceCopy out (official-copy says a copy was read)`,
      `${plain}:26: items[1].sourceCopy: is the source itself: leave sourceCopy out when you read the page itself`,
    ]);
    const english = await renderResult(await checklistValidateCommand([hosts], { english: true }), { json: false, style });
    expect(english.stderr.filter((l) => !out.stderr.includes(l))).toEqual([
      expect.stringMatching(new RegExp(`^${hosts.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:22: items\\[1\\]\\.why: why and steps read at grade \\d+\\.\\d: make them 8 or below`)),
      `${hosts}:27: items[1].source: links to a page in another language (/de-de/): use the English page (en, en-us or no language)`,
    ]);
    expect((await renderResult(await checklistValidateCommand([GOOD]), { json: false, style })).exitCode).toBe(0);
  });

  it("forget needs --yes without a terminal, then deletes", async () => {
    const { home, ctx } = setup();
    ctx.state().updateSettings(() => ({ a: 1 }));
    await expect(forgetCommand(ctx, { yes: false })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("--yes") });
    const result = await forgetCommand(ctx, { yes: true });
    expect(result.kind === "forget" && result.removed).toEqual([path.join(home, "settings.json")]);
  });
});
