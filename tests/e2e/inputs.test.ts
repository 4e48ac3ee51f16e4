/** Bad input stays bounded: big, hostile or odd files end fast with one clear message (exit 2). */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, openSync, closeSync, ftruncateSync, writeSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sha1Hex } from "../../src/breach/hash.js";
import { serveEntries, startRangeServer } from "../fixtures/breach/rangeServer.js";
import { CHECKLIST_FIXTURES, FIXTURES, tempDir } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";

const GOOD = path.join(CHECKLIST_FIXTURES, "good");

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A file of `size` bytes made at once: `head` at the start, the rest a hole that reads as NUL bytes. */
function bigFile(file: string, size: number, head = "x".repeat(1 << 16)): string {
  const fd = openSync(file, "w");
  writeSync(fd, head);
  ftruncateSync(fd, size);
  closeSync(fd);
  return file;
}

/** One clear line on stderr, exit 2, quickly. */
function expectRefused(r: { code: number | null; stdout: string; stderr: string }, started: number, words: RegExp) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(words);
  expect(r.stderr).not.toMatch(/heap|stack|at .*\.js:\d+/);
  expect(Date.now() - started).toBeLessThan(3000);
}

function home() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return { dir: t.dir, env: { HARDEN_HOME: path.join(t.dir, "home") } };
}

describe("answers file", () => {
  it("40,000 unknown ids: exit 2 at once, 20 of them listed, then 'and 39980 more'", async () => {
    const { dir, env } = home();
    const file = path.join(dir, "answers.yaml");
    writeFileSync(file, Array.from({ length: 40_000 }, (_, i) => `demo.u${i}: done\n`).join(""));
    const started = Date.now();
    const r = await runHarden(["audit", "--answers", file, "--checklists", GOOD], { env });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines.filter((l) => l.includes("unknown item id"))).toHaveLength(20);
    expect(lines.at(-1)?.trim()).toBe("and 39980 more");
    expect(lines.length).toBeLessThanOrEqual(22);
    expect(r.stderr.length).toBeLessThan(4000);
    expect(Date.now() - started).toBeLessThan(8000);
  }, 10_000);
});

describe("problem lists", () => {
  it("a checklist file with hundreds of problems lists 20, then 'and N more', in validate and in every command", async () => {
    const { dir, env } = home();
    const folder = path.join(dir, "checklists");
    mkdirSync(folder);
    const items = Array.from({ length: 60 }, (_, i) => `  - id: bad.i${i}\n`).join("");
    writeFileSync(path.join(folder, "bad.yaml"), `platform: bad\nname: Bad\nitems:\n${items}`);
    for (const args of [["checklist", "validate", folder], ["list", "--checklists", folder]]) {
      const r = await runHarden(args, { env });
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines.filter((l) => /bad\.yaml:\d+: items\[\d+\]/.test(l)), args.join(" ")).toHaveLength(20);
      expect(lines.at(-1)?.trim()).toMatch(/^and \d+ more$/);
    }
  });
});

describe("harden scan", () => {
  it("never shows a password written into an entry's URL, in text or JSON", async () => {
    const { env } = home();
    const leaks = ["Rtr-9f3kQ-leak", "Cam-x7Lp2-leak", "Cam2-Hh4w-leak", "Nas-Pz8v1-leak", "canary"];
    for (const name of ["url-credentials.csv", "url-credentials.json"]) {
      for (const args of [[], ["--json"], ["--show-usernames"]]) {
        const r = await runHarden(["scan", path.join(FIXTURES, "exports", name), "--no-breach", "--no-strength", ...args], { env });
        expect(r.code, `${name} ${args}`).toBe(0);
        for (const leak of leaks) expect(`${r.stdout}${r.stderr}`, `${name} ${args}`).not.toContain(leak);
        expect(r.stdout).toContain("192.168.0.1/");
      }
    }
  }, 20_000);

  it("nothing to check is exit 2 with the reasons, not a clean exit 0", async () => {
    const { dir, env } = home();
    const write = (name: string, text: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return file;
    };
    const header = "name,url,username,password,note\n";
    const cases = {
      malformed: write("malformed.csv", header + Array.from({ length: 25 }, (_, i) => `site${i},https://s${i}.example,u,p\n`).join("")),
      headerOnly: write("empty.csv", header),
      noItems: write("empty.json", JSON.stringify({ encrypted: false, items: [] })),
      noPasswords: write("nopass.csv", `${header}Card,,,,\nNote,https://n.example,bob,,\n`),
    };
    for (const [name, file] of Object.entries(cases)) {
      const r = await runHarden(["scan", file, "--no-breach", "--no-strength"], { env });
      expect(r.code, name).toBe(2);
      expect(r.stdout, name).toBe("");
      expect(r.stderr, name).toContain("nothing was checked");
    }
    const malformed = await runHarden(["scan", cases.malformed, "--no-breach", "--no-strength"], { env });
    const lines = malformed.stderr.trim().split("\n");
    expect(lines.filter((l) => /line \d+: it has 4 fields where the header has 5/.test(l))).toHaveLength(20);
    expect(lines.at(-1)?.trim()).toBe("and 5 more");
  }, 20_000);
});

describe("a FIFO where a file should be", () => {
  it("is refused at once in a checklist folder, as an answers file, a workshop plan or an export", async () => {
    const { dir, env } = home();
    const folder = path.join(dir, "checklists");
    mkdirSync(folder);
    copyFileSync(path.join(GOOD, "demo.yaml"), path.join(folder, "demo.yaml"));
    execFileSync("mkfifo", [path.join(folder, "x.yaml")]);
    const fifo = path.join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    const runs: Array<[string[], RegExp]> = [
      [["list", "--checklists", folder], /x\.yaml is a pipe \(FIFO\)/],
      [["checklist", "validate", folder], /x\.yaml is a pipe \(FIFO\)/],
      [["audit", "--answers", fifo, "--checklists", GOOD], /answers file .*fifo is a pipe \(FIFO\)/],
      [["workshop", fifo, "--handout"], /workshop plan .*fifo is a pipe \(FIFO\)/],
      [["scan", fifo, "--no-breach"], /export .*fifo is a pipe \(FIFO\)/],
    ];
    for (const [args, words] of runs) {
      const started = Date.now();
      expectRefused(await runHarden(args, { env }), started, words);
    }
  }, 10_000);
});

describe("size caps", () => {
  it("a 200 MB one-line password file or endless input is refused after 64 KiB, not read whole", async () => {
    const { dir, env } = home();
    const file = bigFile(path.join(dir, "huge.txt"), 200 * 1024 * 1024);
    for (const args of [["password", "--password-file", file, "--no-breach"], ["password", "--password-file", "/dev/zero"], ["totp", "code", "--secret-file", file]]) {
      const started = Date.now();
      expectRefused(await runHarden(args, { env }), started, /on line 1 of .* is longer than 65,536 characters/);
    }
    const started = Date.now();
    const piped = await runHarden(["password", "--stdin", "--no-breach"], { env, input: `short\n${"y".repeat(70_000)}\n` });
    expectRefused(piped, started, /on line 2 of stdin is longer than 65,536 characters/);
  }, 20_000);

  it("data files over 1 MB and exports over 100 MB are refused before they are read", async () => {
    const { dir, env } = home();
    const folder = path.join(dir, "checklists");
    mkdirSync(folder);
    bigFile(path.join(folder, "big.yaml"), 2 * 1024 * 1024, "platform: big\n");
    const answers = bigFile(path.join(dir, "answers.yaml"), 20 * 1024 * 1024, "demo.two-factor: done\n");
    const plan = bigFile(path.join(dir, "plan.yaml"), 2 * 1024 * 1024, "title: big\n");
    const exported = bigFile(path.join(dir, "export.csv"), 101 * 1024 * 1024, "name,url,username,password\n");
    const runs: Array<[string[], RegExp]> = [
      [["list", "--checklists", folder], /checklist file .*big\.yaml is larger than 1\u00a0MB/],
      [["audit", "--answers", answers, "--checklists", GOOD], /answers file .*answers\.yaml is larger than 1\u00a0MB/],
      [["workshop", plan, "--handout"], /workshop plan .*plan\.yaml is larger than 1\u00a0MB/],
      [["scan", exported, "--no-breach"], /export .*export\.csv is larger than 100\u00a0MB/],
    ];
    for (const [args, words] of runs) {
      const started = Date.now();
      expectRefused(await runHarden(args, { env }), started, words);
    }
    const started = Date.now();
    const piped = await runHarden(["audit", "--answers", "-", "--checklists", GOOD], { env, input: `# ${"z".repeat(1024 * 1024 + 1)}\n` });
    expectRefused(piped, started, /answers file on stdin is larger than 1\u00a0MB/);
  }, 20_000);

  it("an export row with a field over 64 KiB is skipped with its reason; the rest is checked", async () => {
    const { dir, env } = home();
    const file = path.join(dir, "chrome.csv");
    writeFileSync(file, `name,url,username,password,note\nBig,https://big.example,bob,${"p".repeat(100_000)},\nOk,https://ok.example,amy,Zq7!fine-canary-8812,\n`);
    const r = await runHarden(["scan", file, "--no-breach", "--no-strength", "--json"], { env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.entries.map((e: { line: number }) => e.line)).toEqual([3]);
    expect(out.skipped).toEqual([{ line: 2, reason: "its password is longer than 65,536 characters, the most harden reads for one field" }]);
    expect(r.stdout).not.toContain("ppppp");
  });

  it("a 300-character password: strength on the first 256, breach lookup on the whole password's hash", async () => {
    const { env } = home();
    let seed = 7;
    const noise = Array.from({ length: 277 }, () => String.fromCharCode(33 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 94))).join("");
    const long = `Zq7!harden-long-canary-${noise}`;
    expect(long).toHaveLength(300);
    const first256 = long.slice(0, 256);
    // The test only means something if the two hashes ask for different ranges.
    expect(sha1Hex(long).slice(0, 5)).not.toBe(sha1Hex(first256).slice(0, 5));
    const server = await startRangeServer(serveEntries([[sha1Hex(long), 7]]));
    cleanups.push(() => server.close());
    const r = await runHarden(["password", "--stdin", "--json", "--range-url", server.baseUrl], { env, input: `${long}\n${first256}\n` });
    expect(r.code, r.stderr).toBe(1);
    expect(server.requests.map((q) => q.url).sort()).toEqual([`/range/${sha1Hex(long).slice(0, 5)}`, `/range/${sha1Hex(first256).slice(0, 5)}`].sort());
    const [whole, cut] = JSON.parse(r.stdout).results;
    expect(whole.breach).toMatchObject({ status: "found", count: 7 });
    expect(cut.breach.status).toBe("not-found");
    expect(whole.strength.truncated).toBe(true);
    expect(cut.strength.truncated).toBe(false);
    expect({ ...whole.strength, truncated: false }).toEqual(cut.strength);
    expect(r.stdout).not.toContain("canary");
  }, 20_000);
});
