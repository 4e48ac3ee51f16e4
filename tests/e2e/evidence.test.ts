import { createHash } from "node:crypto";
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";

let cleanup = () => {};
afterEach(() => cleanup());

/** A temp HARDEN_HOME and a screenshot to record; TZ fixed so local times can be checked. */
function setUp() {
  const t = tempDir();
  cleanup = t.cleanup;
  const home = path.join(t.dir, "home");
  const shot = path.join(t.dir, "shot.png");
  writeFileSync(shot, "not really a png");
  return { dir: t.dir, home, shot, evidence: path.join(home, "evidence"), env: { HARDEN_HOME: home, TZ: "Asia/Kolkata" } };
}

const mode = (file: string) => statSync(file).mode & 0o777;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** Verify's text with its wrapped lines joined again (continuations are indented by four spaces). */
const flat = (text: string) => text.replace(/\n {4}(?! )/g, " ");
const ESCAPES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("harden evidence", () => {
  it("adds files and notes, lists them, and verifies them intact", async () => {
    const { shot, evidence, env } = setUp();
    const added = await runHarden(["evidence", "add", shot, "--note", "Message after the hearing\u001b[2J"], { env });
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("Entry 1");
    expect(added.stdout).toMatch(/\+05:30 \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/);
    expect(added.stdout).toContain(sha256("not really a png"));
    expect(added.stderr).toContain("--copy");
    expect(`${added.stdout}${added.stderr}`).not.toMatch(ESCAPES);

    expect((await runHarden(["evidence", "add", "--note", "Called 14 times tonight"], { env })).code).toBe(0);
    expect(mode(evidence)).toBe(0o700);
    expect(mode(path.join(evidence, "log.jsonl"))).toBe(0o600);

    const list = await runHarden(["evidence", "list", "--json"], { env });
    expect(list.code).toBe(0);
    const { entries, head } = JSON.parse(list.stdout);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ seq: 1, note: "Message after the hearing\u001b[2J", files: [{ path: shot, size: 16, sha256: sha256("not really a png"), copy: null }] });
    expect(entries[0].localTime).toMatch(/\+05:30$/);
    expect(entries[1]).toMatchObject({ seq: 2, note: "Called 14 times tonight", files: [], prevHash: entries[0].hash });
    expect(head).toBe(entries[1].hash);

    const text = await runHarden(["evidence", "list"], { env });
    expect(text.stdout).toContain("Called 14 times tonight");
    expect(text.stdout).not.toMatch(ESCAPES);

    const verify = await runHarden(["evidence", "verify"], { env });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain("All 2 entries and 1 file are as they were recorded");
    expect(verify.stdout).toContain(`Chain head: ${head}`);
  });

  it("refuses bad usage with exit 2: nothing to record, a missing file, --no-save", async () => {
    const { dir, home, env } = setUp();
    const none = await runHarden(["evidence", "add"], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("--note");
    const missing = await runHarden(["evidence", "add", path.join(dir, "gone.png"), "--note", "x"], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("gone.png");
    const unsaved = await runHarden(["--no-save", "evidence", "add", "--note", "x"], { env });
    expect(unsaved.code).toBe(2);
    expect(unsaved.stderr).toMatch(/Nothing can be recorded with --no-save/);
    expect(existsSync(home)).toBe(false);
  });

  it("--copy keeps a private copy named only by its hash", async () => {
    const { dir, evidence, env } = setUp();
    const named = path.join(dir, "threats from my ex.jpg");
    writeFileSync(named, "jpeg bytes");
    expect((await runHarden(["evidence", "add", named, "--copy"], { env })).code).toBe(0);
    const files = path.join(evidence, "files");
    expect(mode(files)).toBe(0o700);
    expect(readdirSync(files)).toEqual([`${sha256("jpeg bytes")}.jpg`]);
    expect(mode(path.join(files, `${sha256("jpeg bytes")}.jpg`))).toBe(0o600);
  });

  it("verify exits 1 and says what changed: a file, an edited note, a removed line", async () => {
    const { shot, evidence, env } = setUp();
    for (const note of ["one", "two", "three"]) await runHarden(["evidence", "add", shot, "--note", note], { env });
    appendFileSync(shot, "cropped");
    const log = path.join(evidence, "log.jsonl");
    const lines = readFileSync(log, "utf8").split("\n");
    writeFileSync(log, [lines[0]!.replace('"note":"one"', '"note":"ONE"'), lines[2], ""].join("\n"));

    const r = await runHarden(["evidence", "verify"], { env });
    r.stdout = flat(r.stdout);
    expect(r.code).toBe(1);
    // Entries are named by their local time as recorded and their note, not only a number.
    expect(r.stdout).toMatch(/The entry of \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d “ONE” \(entry 1\) was changed after it was recorded\./);
    expect(r.stdout).toMatch(/An entry between the entry of [^“]+“ONE” \(entry 1\) and the entry of [^“]+“three” \(entry 3\) was removed\./);
    expect(r.stdout).toMatch(new RegExp(`${shot.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} has changed since it was recorded, in the entry of [^“]+“ONE” \\(entry 1\\)`));
    const json = JSON.parse((await runHarden(["evidence", "verify", "--json"], { env })).stdout);
    expect(json.intact).toBe(false);
    expect(json.findings.map((f: { kind: string }) => f.kind)).toEqual(expect.arrayContaining(["entry-edited", "entry-removed-or-reordered", "file-changed"]));
  });

  it("exports a dated, escaped report to a private file, in html, md and json", async () => {
    const { dir, shot, env } = setUp();
    await runHarden(["evidence", "add", shot, "--note", "<script>alert(1)</script> **not bold**\nsecond line"], { env });
    const head = JSON.parse((await runHarden(["evidence", "list", "--json"], { env })).stdout).head;

    const out = path.join(dir, "report.html");
    const html = await runHarden(["evidence", "export", "--format", "html", "--output", out], { env });
    expect(html.code).toBe(0);
    expect(mode(out)).toBe(0o600);
    const page = readFileSync(out, "utf8");
    for (const text of ["<h1>Evidence log</h1>", "Generated ", "+05:30", "&lt;script&gt;alert(1)&lt;/script&gt;", sha256("not really a png"), shot, head, "every entry is as it was recorded"]) {
      expect(page).toContain(text);
    }
    expect(page).not.toContain("<script>");

    const md = await runHarden(["evidence", "export", "--format", "md"], { env });
    expect(md.stdout).toMatch(/^# Evidence log\n/);
    expect(md.stdout).toContain("> &lt;script>alert(1)&lt;/script> \\*\\*not bold\\*\\*  \n> second line");
    expect(md.stdout).toContain(`\`${head}\``);

    const json = JSON.parse((await runHarden(["evidence", "export", "--format", "json"], { env })).stdout);
    expect(json).toMatchObject({ title: "Evidence log", intact: true, head, findings: [] });
    expect(json.generatedLocal).toMatch(/\+05:30$/);
    expect(json.entries[0].note).toContain("<script>");
  });

  it("forget keeps the evidence log unless asked explicitly, then removes every file", async () => {
    const { shot, home, evidence, env } = setUp();
    await runHarden(["evidence", "add", shot, "--copy", "--note", "x"], { env });
    await runHarden(["config", "set", "profile-words", "rex"], { env });
    expect(existsSync(evidence)).toBe(true);
    const kept = await runHarden(["forget", "--yes"], { env });
    expect(kept.code).toBe(0);
    expect(kept.stderr).toContain("evidence log was kept");
    expect(existsSync(evidence)).toBe(true);
    expect(existsSync(path.join(home, "settings.json"))).toBe(false);
    const r = await runHarden(["forget", "--yes", "--include-evidence"], { env });
    expect(r.code).toBe(0);
    expect(existsSync(home)).toBe(false);
  });
});

/** An entry made with the recipe the export documents ("How to check this report"), as anyone with the log could. */
function forgeEntry(log: string, note: string, at: Date): string {
  const last = JSON.parse(readFileSync(log, "utf8").trimEnd().split("\n").at(-1)!);
  const body = { at: at.toISOString(), files: [], localTime: "2030-01-01T00:00:00+05:30", note, prevHash: last.hash, seq: last.seq + 1, v: 1 };
  const hash = sha256(JSON.stringify(body));
  const { at: a, files, localTime, note: n, prevHash, seq, v } = body;
  // The line is written as harden writes one: keys in order, hash among them.
  return `${JSON.stringify({ at: a, files, hash, localTime, note: n, prevHash, seq, v })}\n`;
}

describe("harden evidence seal", () => {
  async function sealed(notes: string[]) {
    const s = setUp();
    for (const note of notes) expect((await runHarden(["evidence", "add", "--note", note], { env: s.env })).code).toBe(0);
    const seal = await runHarden(["evidence", "seal"], { env: s.env });
    expect(seal.code).toBe(0);
    return { ...s, code: seal.stdout.trim(), seal, log: path.join(s.evidence, "log.jsonl") };
  }

  it("prints a short code and what to do with it, and writes nothing", async () => {
    const { evidence, env, code, seal } = await sealed(["Messages received after the hearing", "Called 14 times tonight"]);
    expect(code).toMatch(/^H1-2-\d{4}-\d\d-\d\dT\d\d:\d\dZ-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$/);
    expect(seal.stderr).toContain("Write this code down or send it to someone you trust. Later, harden evidence verify --seal CODE proves nothing recorded before now was removed or changed.");
    const before = readdirSync(evidence).map((f) => [f, readFileSync(path.join(evidence, f), "utf8")]);
    const json = await runHarden(["evidence", "seal", "--json"], { env });
    expect(json.code).toBe(0);
    const head = JSON.parse((await runHarden(["evidence", "list", "--json"], { env })).stdout).head;
    expect(JSON.parse(json.stdout)).toEqual({ code: expect.stringMatching(/^H1-2-/), entries: 2, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/), head });
    expect(readdirSync(evidence).map((f) => [f, readFileSync(path.join(evidence, f), "utf8")])).toEqual(before);

    const ok = await runHarden(["evidence", "verify", "--seal", code], { env });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("✓ Nothing recorded before the seal of ");
  });

  it("refuses to seal an empty log, creating nothing", async () => {
    const { home, env } = setUp();
    const r = await runHarden(["evidence", "seal"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Nothing to seal: the evidence log is empty.");
    expect(existsSync(home)).toBe(false);
  });

  it("catches the newest entries deleted with head.json, which plain verify cannot", async () => {
    const { evidence, env, code, log } = await sealed(["one", "two", "three", "four"]);
    writeFileSync(log, readFileSync(log, "utf8").split("\n").slice(0, 2).join("\n") + "\n");
    // With head.json still there, plain verify sees the end cut.
    const cut = await runHarden(["evidence", "verify"], { env });
    expect(cut.code).toBe(1);
    expect(flat(cut.stdout)).toMatch(/The end of the log was cut: head\.json says 4 entries were recorded, but the log holds 2\. The last one left is the entry of [^“]+“two” \(entry 2\)\./);
    rmSync(path.join(evidence, "head.json"));

    const plain = await runHarden(["evidence", "verify"], { env });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("head.json, which notes how the log ended, is missing");
    expect(plain.stderr).toContain("To pin the log as it is now, run: harden evidence seal");

    const r = await runHarden(["evidence", "verify", "--seal", code], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ The log does not match the seal of ");
    expect(r.stdout).toContain("2 entries recorded before the seal are missing.");
    const json = JSON.parse((await runHarden(["evidence", "verify", "--json", "--seal", code], { env })).stdout);
    expect(json).toMatchObject({ intact: false, findings: [], headFile: false, seal: { code, entries: 4, intact: false, missing: 2 } });
  });

  it("catches an earlier note edited after the seal", async () => {
    const { env, code, log } = await sealed(["He called at 9", "two"]);
    writeFileSync(log, readFileSync(log, "utf8").replace("He called at 9", "He called at 8"));
    const r = await runHarden(["evidence", "verify", "--seal", code], { env });
    r.stdout = flat(r.stdout);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Entries recorded before the seal were changed, moved or replaced.");
    expect(r.stdout).toMatch(/The entry of [^“]+“He called at 8” \(entry 1\) was changed after it was recorded/);
  });

  it("lists an entry forged after the seal as added after it, and flags one dated before the seal", async () => {
    const { env, code, log } = await sealed(["one", "two"]);
    const clean = readFileSync(log, "utf8");
    appendFileSync(log, forgeEntry(log, "Forged after the seal", new Date(Date.now() + 60_000)));
    const plain = await runHarden(["evidence", "verify"], { env });
    expect(plain.code).toBe(0); // the recipe is public: without a seal, a forged entry at the end passes
    const r = await runHarden(["evidence", "verify", "--seal", code], { env });
    r.stdout = flat(r.stdout);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("✓ Nothing recorded before the seal of ");
    expect(r.stdout).toMatch(/1 entry was added after the seal:\n {2}- the entry of 1 Jan 2030 00:00 “Forged after the seal” \(entry 3\)\n/);
    expect(r.stdout.replace(/\s+/g, " ")).toContain("The seal vouches only for what was recorded before it: it cannot tell who added these.");

    writeFileSync(log, clean);
    appendFileSync(log, forgeEntry(log, "Backdated", new Date("2020-01-01T00:00:00Z")));
    const back = await runHarden(["evidence", "verify", "--seal", code], { env });
    expect(back.code).toBe(1);
    expect(flat(back.stdout)).toContain("“Backdated” (entry 3) ✗ dated before the seal was made");
  });

  it("reads a one-character typo in the code as a typo (exit 2), not as tampering", async () => {
    const { env, code } = await sealed(["one"]);
    const i = code.length - 5;
    const typo = code.slice(0, i) + (code[i] === "7" ? "8" : "7") + code.slice(i + 1);
    const r = await runHarden(["evidence", "verify", "--seal", typo], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("This seal code has a typo: check it against what you wrote down.");
    expect(r.stdout).toBe("");
    const junk = await runHarden(["evidence", "verify", "--seal", "hello"], { env });
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain("A seal code looks like H1-");
    // As written by hand: lower case, spaces instead of dashes.
    expect((await runHarden(["evidence", "verify", "--seal", code.toLowerCase().replace(/-(?=[0-9a-z]{4}-)/g, " ")], { env })).code).toBe(0);
  });

  it("names a removed middle entry by the entries either side of it", async () => {
    const { env, log } = await sealed(["Messages received after the hearing, all of them from the new number", "two", "Called 14 times tonight"]);
    const lines = readFileSync(log, "utf8").split("\n");
    writeFileSync(log, [lines[0], lines[2], ""].join("\n"));
    const r = await runHarden(["evidence", "verify"], { env });
    expect(r.code).toBe(1);
    expect(flat(r.stdout)).toMatch(
      /An entry between the entry of \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d “Messages received after the hearing, all…” \(entry 1\) and the entry of [^“]+“Called 14 times tonight” \(entry 3\) was removed\./,
    );
  });
});
