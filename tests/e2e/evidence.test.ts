import { createHash } from "node:crypto";
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
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
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("entry 1 was changed after it was recorded");
    expect(r.stdout).toContain("entry 2 does not follow the entry before it");
    expect(r.stdout).toContain(`entry 1: ${shot} has changed since it was recorded`);
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
