import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sha1Hex } from "../../src/breach/hash.js";
import { knownEntries, randomEntries, sortEntries, writePrefixFolder, writeSortedFile, formatLines } from "../fixtures/breach/datasets.js";
import { tempDir } from "../helpers/fixtures.js";
import { PtySession } from "../helpers/pty.js";
import { runHarden } from "../helpers/run.js";

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function setup() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const home = path.join(t.dir, "home");
  const data = path.join(t.dir, "pwnedpasswords.txt");
  // A last line at prefix FFFFF, as in the real data.
  await writeSortedFile(data, [...(await knownEntries("sha1")), ...randomEntries("sha1", 500), ["F".repeat(40), 1]]);
  return { dir: t.dir, home, data, env: { HARDEN_HOME: home } };
}

const NOTICE = /This breach data was never checked in full: run harden data verify .*pwnedpasswords\.txt once\./;

describe("harden data verify", () => {
  it("exit 0 for sound data, recorded privately by absolute path; JSON says what was checked", async () => {
    const { dir, home, data, env } = await setup();
    const r = await runHarden(["data", "verify", "pwnedpasswords.txt"], { env, cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ The breach data at pwnedpasswords\.txt is sound: 507 lines of SHA-1 hashes \(a sorted file/);
    expect(r.stderr).toMatch(/Recorded/);
    const record = path.join(home, "verified-data.json");
    expect(statSync(record).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(record, "utf8"));
    expect(Object.keys(saved.data)).toEqual([data]);
    expect(saved.data[data]).toMatchObject({ size: statSync(data).size, format: "sorted-file", mode: "sha1" });
    expect(readFileSync(record, "utf8")).not.toContain(sha1Hex("password").slice(5));

    const json = await runHarden(["data", "verify", data, "--json"], { env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ path: data, format: "sorted-file", mode: "sha1", sound: true, lines: 507, problems: [], problemCount: 0, saved: true });
  });

  it("exit 1 for damaged data: each problem on one line with where it is, at most 20, then how many more", async () => {
    const { dir, env, home } = await setup();
    const file = path.join(dir, "damaged.txt");
    const sorted = sortEntries(randomEntries("sha1", 100));
    const lines = formatLines(sorted, { lineEnding: "\n" }).split("\n");
    for (let i = 1; i < lines.length; i += 4) lines[i] = `${lines[i]!.slice(0, 40)}:0`;
    writeFileSync(file, `${lines.join("\n")}\n`);
    const r = await runHarden(["data", "verify", file], { env });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ The breach data at ${file} is damaged: 25 problems in 100 lines`);
    const second = lines[0]!.length + 1;
    expect(r.stdout).toContain(`\n  line 2 (byte ${second}): has count 0, which real breach data never has\n`);
    expect(r.stdout.match(/^ {2}line \d+ \(byte [\d,]+\): /gm)).toHaveLength(20);
    expect(r.stdout).toMatch(/^ {2}and 5 more\.$/m);
    expect(existsSync(path.join(home, "verified-data.json"))).toBe(false);

    const json = JSON.parse((await runHarden(["data", "verify", file, "--json"], { env })).stdout);
    expect(json).toMatchObject({ sound: false, problemCount: 25, saved: false });
    expect(json.problems).toHaveLength(20);
    expect(json.problems[0]).toEqual({ kind: "padding", line: 2, offset: second, message: `line 2 (byte ${second}): has count 0, which real breach data never has` });
  });

  it("exit 2 for what is not breach data, and for a FIFO without waiting for a writer", async () => {
    const { dir, env } = await setup();
    const notes = path.join(dir, "notes.txt");
    writeFileSync(notes, "hello\nworld\n");
    const bad = await runHarden(["data", "verify", notes], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/notes\.txt is not a Pwned Passwords hash file/);
    const missing = await runHarden(["data", "verify", path.join(dir, "nope")], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope does not exist/);
    const fifo = path.join(dir, "data.fifo");
    execFileSync("mkfifo", [fifo]);
    const pipe = await runHarden(["data", "verify", fifo], { env });
    expect(pipe.code).toBe(2);
    expect(pipe.stderr).toMatch(/data\.fifo is a pipe \(FIFO\), not a regular file/);
    const offlinePipe = await runHarden(["password", "--stdin", "--no-strength", "--offline", fifo], { env, input: "x\n" });
    expect(offlinePipe.code).toBe(2);
    expect(offlinePipe.stderr).toMatch(/data\.fifo is a pipe \(FIFO\)/);
  });

  it("checks a folder of range files: exit 0 when sound, 1 when a file is damaged", async () => {
    const { dir, env } = await setup();
    const folder = path.join(dir, "hashes");
    await writePrefixFolder(folder, sortEntries(randomEntries("sha1", 50)));
    const ok = await runHarden(["data", "verify", folder, "--json"], { env });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ format: "prefix-folder", sound: true, lines: 50 });
    writeFileSync(path.join(folder, "00000.txt"), `${"B".repeat(35)}:1\r\n${"A".repeat(35)}:1\r\n`);
    const damaged = await runHarden(["data", "verify", folder], { env });
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(/^ {2}00000\.txt line 2 \(byte 39\): is out of order/m);
  });

  it("shows a progress bar on stderr at a terminal, and none with --json", async () => {
    const { data, env } = await setup();
    const session = new PtySession(["data", "verify", data], env);
    expect((await session.exited).exitCode).toBe(0);
    expect(session.text).toMatch(/Verifying \[#{24}\] (\d+)\u00a0KB of \1\u00a0KB/);
    expect(session.text).toMatch(/is sound/);
    const json = new PtySession(["data", "verify", data, "--json"], env);
    expect((await json.exited).exitCode).toBe(0);
    expect(json.text).not.toMatch(/Verifying/);
  });

  it("--no-save writes nothing", async () => {
    const { home, data, env } = await setup();
    const r = await runHarden(["--no-save", "data", "verify", data], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Not recorded \(--no-save\)/);
    expect(existsSync(home)).toBe(false);
  });
});

describe("--offline results say when the data was never verified", () => {
  it("password: the notice and JSON field appear, go once verified, and come back when the file changes", async () => {
    const { data, env } = await setup();
    const check = (json: boolean) =>
      runHarden(["password", "--stdin", "--no-strength", "--offline", data, ...(json ? ["--json"] : [])], { env, input: "letmein\n" });
    let text = await check(false);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(NOTICE);
    let json = JSON.parse((await check(true)).stdout);
    expect(json.offline).toEqual({ path: data, verified: false });
    expect(json.results[0].breach.status).toBe("found");

    expect((await runHarden(["data", "verify", data], { env })).code).toBe(0);
    text = await check(false);
    expect(text.stderr).not.toMatch(/never checked/);
    json = JSON.parse((await check(true)).stdout);
    expect(json.offline).toEqual({ path: data, verified: true });

    // A changed file counts as never verified.
    appendFileSync(data, "");
    writeFileSync(data, readFileSync(data, "utf8").replace(/\r\n$/, ""));
    expect((await check(false)).stderr).toMatch(NOTICE);
  });

  it("scan: the same notice and field; no field without --offline", async () => {
    const { dir, data, env } = await setup();
    const file = path.join(dir, "chrome.csv");
    writeFileSync(file, "name,url,username,password,note\r\nMail,https://mail.example,alice,letmein,\r\n");
    const text = await runHarden(["scan", file, "--no-strength", "--offline", data], { env });
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(NOTICE);
    const json = JSON.parse((await runHarden(["scan", file, "--no-strength", "--offline", data, "--json"], { env })).stdout);
    expect(json.offline).toEqual({ path: data, verified: false });
    expect(json.entries[0].breach.status).toBe("found");
    const noBreach = JSON.parse((await runHarden(["scan", file, "--no-strength", "--no-breach", "--json"], { env })).stdout);
    expect(noBreach).not.toHaveProperty("offline");
  });
});
