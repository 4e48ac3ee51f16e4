import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHECKLIST_FIXTURES, tempHomes } from "../helpers/fixtures.js";
import { liveHazards, renderMarkdown } from "../helpers/markup.js";
import { runHarden } from "../helpers/run.js";
import { runHardenWithin } from "../helpers/runLimited.js";

const setup = tempHomes();
const GOOD = path.join(CHECKLIST_FIXTURES, "good");


const show = (output: string, env: NodeJS.ProcessEnv) => runHarden(["checklist", "show", "demo", "--format", "md", "--checklists", GOOD, "--output", output], { env });
/** Files harden left in a folder besides the ones named: a temporary file must never stay behind. */
const leftovers = (dir: string, known: string[]) => readdirSync(dir).filter((name) => !known.includes(name));

describe("--output never writes through a link or into something that is not a file", () => {
  it("a symlink to another file is refused: exit 2, the link and the file it points to unchanged", async () => {
    const { dir, env } = setup();
    const victim = path.join(dir, "victim.txt");
    writeFileSync(victim, "keep me\n");
    chmodSync(victim, 0o644);
    const link = path.join(dir, "out.md");
    symlinkSync(victim, link);
    const r = await show(link, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(link);
    expect(r.stderr).toMatch(/link/);
    expect(readFileSync(victim, "utf8")).toBe("keep me\n");
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(victim);
    expect(leftovers(dir, ["victim.txt", "out.md", "home"])).toEqual([]);
  });

  it("a dangling symlink is refused and its target is not created", async () => {
    const { dir, env } = setup();
    const target = path.join(dir, "created-by-harden.md");
    const link = path.join(dir, "out.md");
    symlinkSync(target, link);
    const r = await show(link, env);
    expect(r.code).toBe(2);
    expect(existsSync(target)).toBe(false);
    expect(leftovers(dir, ["out.md", "home"])).toEqual([]);
  });

  it("a FIFO is refused at once, without waiting for a reader", async () => {
    const { dir, env } = setup();
    const fifo = path.join(dir, "out.md");
    execFileSync("mkfifo", [fifo]);
    const started = Date.now();
    const r = await show(fifo, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(fifo);
    expect(r.stderr).toMatch(/not a regular file/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(leftovers(dir, ["out.md", "home"])).toEqual([]);
  }, 10_000);

  it("a folder and /dev/null are refused (use --output - or leave --output out for the screen)", async () => {
    const { dir, env } = setup();
    const folder = path.join(dir, "out.md");
    mkdirSync(folder);
    const r = await show(folder, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a regular file/);
    expect(readdirSync(folder)).toEqual([]);
    const devNull = await show("/dev/null", env);
    expect(devNull.code).toBe(2);
    expect(devNull.stderr).toContain("--output -");
  });

  it("an existing 0644 file is replaced whole and is now readable only by you", async () => {
    const { dir, env } = setup();
    const out = path.join(dir, "out.md");
    writeFileSync(out, "old text that is longer than nothing\n".repeat(200));
    chmodSync(out, 0o644);
    const r = await show(out, env);
    expect(r.code).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = readFileSync(out, "utf8");
    expect(text.startsWith("# Demo Social")).toBe(true);
    expect(text).not.toContain("old text");
    expect(leftovers(dir, ["out.md", "home"])).toEqual([]);
  });

  it("a folder that does not exist is a clear error, exit 2", async () => {
    const { dir, env } = setup();
    const missing = path.join(dir, "no-such-folder");
    const r = await show(path.join(missing, "out.md"), env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the folder ${missing} does not exist`);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("a file-size limit (ulimit -f) is one plain line, exit 2, and leaves no temporary file", async () => {
    const { dir, env } = setup();
    const out = path.join(dir, "all.html");
    const r = await runHardenWithin(["checklist", "show", "--all", "--format", "html", "--output", out], env, { fileBlocks: 4 });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([`Cannot write ${out}: it is larger than this system lets harden make one file (a full disk or a file-size limit). Free some space, or choose another disk.`]);
    expect(leftovers(dir, ["home"])).toEqual([]);
  });

  it("--output - still means stdout", async () => {
    const { env } = setup();
    const r = await show("-", env);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("# Demo Social")).toBe(true);
  });
});

const HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) <a href='javascript:alert(2)'>y</a>";
const q = (text: string) => JSON.stringify(text);

/** A checklist whose every free-text field is an attack, and whose sources try to break out of the link. */
function hostileChecklists(dir: string): string {
  const folder = path.join(dir, "lists");
  mkdirSync(folder);
  const item = (n: number, source: string) => `  - id: evil.item-${n}
    section: two-factor
    title: ${q(`${HOSTILE} title`)}
    why: ${q(`${HOSTILE} why\n1. not a list\n<script>alert(3)</script>`)}
    path: ${q(`${HOSTILE} path`)}
    steps:
      - ${q(`${HOSTILE} step`)}
    risk: high
    notice: ${q(`${HOSTILE} notice`)}
    help: ${q(`${HOSTILE} help`)}
    source: ${q(source)}
    sourceKind: official
    verified: 2026-11-25
`;
  writeFileSync(
    path.join(folder, "evil.yaml"),
    `platform: evil
name: ${q(`${HOSTILE} name`)}
kind: platform
description: ${q(`${HOSTILE} description`)}
items:
${item(1, "https://example.org/a><script>alert(1)</script>")}${item(2, 'https://example.org/b"onmouseover="alert(1)')}${item(3, "https://example.org/c)<img/src=x/onerror=alert(1)>")}`,
  );
  return folder;
}

function expectInertMarkdown(markdown: string) {
  expect(markdown).not.toMatch(/<script/i);
  expect(markdown).not.toMatch(/<img/i);
  expect(liveHazards(renderMarkdown(markdown))).toEqual([]);
}

function expectInertHtml(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(liveHazards(html)).toEqual([]);
}

describe("text from checklists, plans and notes cannot come alive in Markdown or HTML", () => {
  it("checklist show --format md and html", async () => {
    const { dir, env } = setup();
    const lists = hostileChecklists(dir);
    const md = await runHarden(["checklist", "show", "evil", "--format", "md", "--checklists", lists], { env });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("alert(1)"); // the text is kept, as text
    expectInertMarkdown(md.stdout);
    // The https sources stay links, percent-encoded so they cannot end early.
    expect(renderMarkdown(md.stdout)).toContain('href="https://example.org/a%3E%3Cscript%3Ealert%281%29%3C/script%3E"');
    const html = await runHarden(["checklist", "show", "evil", "--format", "html", "--checklists", lists], { env });
    expect(html.code).toBe(0);
    expectInertHtml(html.stdout);
    expect(html.stdout).toContain('href="https://example.org/b%22onmouseover=%22alert%281%29"');
  });

  it("report --format md and html", async () => {
    const { dir, env } = setup();
    const lists = hostileChecklists(dir);
    const answers = path.join(dir, "answers.yaml");
    writeFileSync(answers, "evil.item-1: done\n");
    expect((await runHarden(["audit", "--answers", answers, "--checklists", lists], { env })).code).toBe(0);
    const md = await runHarden(["report", "--format", "md", "--checklists", lists], { env });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("alert(1)");
    expectInertMarkdown(md.stdout);
    const html = await runHarden(["report", "--format", "html", "--checklists", lists], { env });
    expectInertHtml(html.stdout);
    // A second audit reopens the step: "what changed" lists its title.
    writeFileSync(answers, "evil.item-1: later\n");
    expect((await runHarden(["audit", "--answers", answers, "--checklists", lists], { env })).code).toBe(0);
    const changes = await runHarden(["report", "--changes", "--format", "md", "--checklists", lists], { env });
    expect(changes.stdout).toContain("alert(1)");
    expectInertMarkdown(changes.stdout);
    expectInertHtml((await runHarden(["report", "--changes", "--format", "html", "--checklists", lists], { env })).stdout);
  });

  it("a workshop handout in md and html", async () => {
    const { dir, env } = setup();
    const lists = hostileChecklists(dir);
    const plan = path.join(dir, "plan.yaml");
    writeFileSync(plan, `title: ${q(`${HOSTILE} plan title`)}\ndescription: ${q(`${HOSTILE} plan description`)}\nplatforms: [evil]\ndrills: [totp-practice]\nchecklists: lists\n`);
    const md = await runHarden(["workshop", plan, "--handout", "--format", "md"], { env });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("plan title");
    expectInertMarkdown(md.stdout);
    const html = await runHarden(["workshop", plan, "--handout", "--format", "html"], { env });
    expect(html.code).toBe(0);
    expectInertHtml(html.stdout);
  });

  it("evidence export in md and html", async () => {
    const { env } = setup();
    expect((await runHarden(["evidence", "add", "--note", `${HOSTILE}\n- second line\n<script>alert(4)</script>`], { env })).code).toBe(0);
    const md = await runHarden(["evidence", "export", "--format", "md"], { env });
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("alert(4)");
    expectInertMarkdown(md.stdout);
    const html = await runHarden(["evidence", "export", "--format", "html"], { env });
    expectInertHtml(html.stdout);
  });
});

describe("--json writes characters that reorder or break lines as \\u escapes", () => {
  const TRICKY = "pay\u202Eevil\u2066x\u2069\u200E\u200F\u061C\u202A\u202D\u2028\u2029end";

  it("checklist show --json", async () => {
    const { dir, env } = setup();
    const folder = path.join(dir, "lists");
    mkdirSync(folder);
    writeFileSync(path.join(folder, "demo.yaml"), readFileSync(path.join(GOOD, "demo.yaml"), "utf8").replace("name: Demo Social", `name: ${q(TRICKY)}`));
    const r = await runHarden(["checklist", "show", "demo", "--json", "--checklists", folder], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("pay\\u202eevil\\u2066x\\u2069\\u200e\\u200f\\u061c\\u202a\\u202d\\u2028\\u2029end");
    expect(r.stdout).not.toMatch(/[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(r.stdout).name).toBe(TRICKY);
  });

  it("evidence list --json keeps the note exactly once parsed", async () => {
    const { env } = setup();
    expect((await runHarden(["evidence", "add", "--note", TRICKY], { env })).code).toBe(0);
    const r = await runHarden(["evidence", "list", "--json"], { env });
    expect(r.stdout).not.toMatch(/[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(r.stdout).entries[0].note).toBe(TRICKY);
  });
});
