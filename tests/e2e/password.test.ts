import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sha1Hex } from "../../src/breach/hash.js";
import { loadScorer } from "../../src/strength/scorer.js";
import { PARALLEL_FROM } from "../../src/strength/scoringThread.js";
import { ABSENT_PASSWORD, KNOWN_PASSWORDS, knownEntries, writeSortedFile, randomEntries, withNeighbours } from "../fixtures/breach/datasets.js";
import { serveEntries, startRangeServer, type RangeServer } from "../fixtures/breach/rangeServer.js";
import { FIXTURES, ROOT, tempDir } from "../helpers/fixtures.js";
import { KEY, PtySession } from "../helpers/pty.js";
import { runHarden, type RunResult } from "../helpers/run.js";

const VERSION = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).version as string;
/** A password no list holds, unusual enough that finding it anywhere means it leaked. */
const SECRET = "Zq7!harden-leak-canary-Vx93";

let cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const t = tempDir();
  const server = await startRangeServer(serveEntries(await knownEntries("sha1")));
  cleanups.push(t.cleanup, () => server.close());
  return { dir: t.dir, server, env: { HARDEN_HOME: path.join(t.dir, "home"), HARDEN_RANGE_URL: server.baseUrl } };
}

function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
  } catch {
    return [];
  }
}

/** The password, its full hash and its suffix appear nowhere: not in requests, output or files. */
function expectNoLeak(secret: string, run: RunResult, server: RangeServer, home: string) {
  const hash = sha1Hex(secret);
  const needles = [secret, hash, hash.toLowerCase(), hash.slice(5), hash.slice(5).toLowerCase()];
  const sent = JSON.stringify(server.requests);
  const written = filesUnder(home).map((f) => readFileSync(f, "utf8")).join("\n");
  for (const needle of needles) {
    expect(sent).not.toContain(needle);
    expect(run.stdout).not.toContain(needle);
    expect(run.stderr).not.toContain(needle);
    expect(written).not.toContain(needle);
  }
}

describe("harden password", () => {
  it("--stdin --json: found, not found, counts; only 5-character prefixes and the padding header leave", async () => {
    const { server, env } = await setup();
    const input = ["password", SECRET, "correct horse battery staple", "password"].join("\r\n");
    const r = await runHarden(["password", "--stdin", "--json"], { env, input });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.results.map((x: { line: number; breach: { status: string; count: number } }) => [x.line, x.breach.status, x.breach.count])).toEqual([
      [1, "found", 9_545_824],
      [2, "not-found", 0],
      [3, "found", 384],
      [4, "found", 9_545_824],
    ]);
    expect(out.results[1].strength).toMatchObject({ score: expect.any(Number), guessesLog10: expect.any(Number), suggestions: expect.any(Array) });
    expect(out.summary).toEqual({ checked: 4, found: 3, notFound: 1, unknown: 0, weak: 2 });
    expect(server.requests).toHaveLength(3); // one per distinct prefix
    for (const req of server.requests) {
      expect(req.url).toMatch(/^\/range\/[0-9A-F]{5}$/);
      expect(req.headers["add-padding"]).toBe("true");
      expect(req.headers["user-agent"]).toBe(`harden/${VERSION}`);
    }
    expectNoLeak(SECRET, r, server, env.HARDEN_HOME);
  });

  it("a service that cannot answer gives 'could not check' and exit 3, never not-found", async () => {
    const t = tempDir();
    const server = await startRangeServer((_req, res) => res.writeHead(400).end("bad"));
    cleanups.push(t.cleanup, () => server.close());
    const r = await runHarden(["password", "--stdin", "--json", "--no-strength", "--range-url", server.baseUrl], {
      env: { HARDEN_HOME: path.join(t.dir, "home") },
      input: `${ABSENT_PASSWORD}\n`,
    });
    expect(r.code).toBe(3);
    const out = JSON.parse(r.stdout);
    expect(out.results[0].breach).toMatchObject({ status: "unknown", count: null, reason: expect.stringContaining("400") });
    expect(out.summary.notFound).toBe(0);
    const human = await runHarden(["password", "--stdin", "--no-strength", "--range-url", server.baseUrl], { env: { HARDEN_HOME: path.join(t.dir, "home") }, input: "x\n" });
    expect(human.code).toBe(3);
    expect(human.stdout).toContain("This does NOT mean it is safe");
  });

  it("--password-file and --min-score decide the exit code; --no-breach makes no request", async () => {
    const { dir, server, env } = await setup();
    const file = path.join(dir, "pw.txt");
    writeFileSync(file, `${SECRET}\n`);
    const strong = await runHarden(["password", "--password-file", file, "--no-breach", "--json"], { env });
    expect(strong.code).toBe(0);
    expect(JSON.parse(strong.stdout).results[0].breach).toBeNull();
    const strict = await runHarden(["password", "--password-file", file, "--no-breach", "--min-score", "5"], { env });
    expect(strict.code).toBe(2);
    expect(server.requests).toHaveLength(0);
  });

  it("refuses a password in argv, in --password or from the environment, with exit 2", async () => {
    const { env } = await setup();
    for (const args of [["password", SECRET], ["password", "--password", SECRET]]) {
      const r = await runHarden(args, { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("never takes a password on the command line");
      expect(r.stderr).not.toContain(SECRET);
    }
    const fromEnv = await runHarden(["password", "--stdin"], { env: { ...env, HARDEN_PASSWORD: SECRET }, input: "x\n" });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain("HARDEN_PASSWORD");
    expect(fromEnv.stderr).not.toContain(SECRET);
    const noTerminal = await runHarden(["password"], { env });
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain("--stdin");
  });

  it("--offline checks a sorted hash file with no network, and refuses a file that is not breach data", async () => {
    const { dir, server, env } = await setup();
    const data = path.join(dir, "pwnedpasswords.txt");
    // As in the real data, the absent password's prefix has lines: it is truly not there.
    await writeSortedFile(data, withNeighbours([...(await knownEntries("sha1")), ...randomEntries("sha1", 2000)], [sha1Hex(SECRET)]));
    const r = await runHarden(["password", "--stdin", "--json", "--no-strength", "--offline", data], { env, input: `letmein\n${SECRET}\n` });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results.map((x: { breach: { status: string } }) => x.breach.status)).toEqual(["found", "not-found"]);
    expect(server.requests).toHaveLength(0);
    const bogus = path.join(dir, "notes.txt");
    writeFileSync(bogus, "hello\nworld\n");
    const bad = await runHarden(["password", "--stdin", "--offline", bogus], { env, input: "x\n" });
    expect([2, 3]).toContain(bad.code);
    expect(bad.stdout).not.toContain("Not found");
  });

  it("--offline answers 'could not check' (exit 3), not 'not found', when the file has no line under the password's prefix", async () => {
    const { dir, server, env } = await setup();
    const data = path.join(dir, "partial.txt");
    // A partial copy: a downloader skipped the prefix of the password looked up.
    const prefix = sha1Hex(SECRET).slice(0, 5);
    await writeSortedFile(data, [...(await knownEntries("sha1")), ...randomEntries("sha1", 2000)].filter(([hash]) => !hash.startsWith(prefix)));
    const r = await runHarden(["password", "--stdin", "--no-strength", "--offline", data], { env, input: `${SECRET}\n` });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("0 not found, 1 could not be checked");
    expect(`${r.stdout}${r.stderr}`).toContain(`no hashes with prefix ${prefix}`);
    expect(`${r.stdout}${r.stderr}`).toContain(`run harden data verify ${data}`);
    // The closing hint fits offline data: not "use --offline", which was used.
    expect(r.stdout).toContain("could not be checked in the offline data");
    expect(r.stdout).not.toContain("or use --offline FILE");
    expectNoLeak(SECRET, r, server, env.HARDEN_HOME);
  });
});

describe("harden scan", () => {
  it("reports breach, strength and reuse per entry, masks user names, never prints a password", async () => {
    const { dir, server, env } = await setup();
    const file = path.join(dir, "chrome.csv");
    writeFileSync(
      file,
      `name,url,username,password,note\r\nMail,https://mail.example,alice@example.com,${SECRET},\r\nShop,https://shop.example,alice,${SECRET},"a, note"\r\nOld,https://old.example,bob,password,\r\nCard,,,,\r\n`,
    );
    const r = await runHarden(["scan", file, "--json"], { env });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.format).toBe("Chrome / Edge CSV");
    expect(out.entries.map((e: { line: number; username: string; reusedBy: number; breach: { status: string } | null }) => [e.line, e.username, e.reusedBy, e.breach?.status ?? null])).toEqual([
      [2, "a•••e@example.com", 1, "not-found"],
      [3, "a•••e", 1, "not-found"],
      [4, "b•••", 0, "found"],
      [5, "", 0, null],
    ]);
    expect(out.summary).toMatchObject({ entries: 4, withoutPassword: 1, reused: 2, found: 1 });
    expectNoLeak(SECRET, r, server, env.HARDEN_HOME);
    const shown = await runHarden(["scan", file, "--show-usernames", "--no-breach"], { env });
    expect(shown.stdout).toContain("alice@example.com");
    expect(shown.stdout).not.toContain(SECRET);
    // A strong-scoring password under 15 characters, with no two-factor, is too short (NIST), never "too weak: strong".
    const short = path.join(dir, "short.csv");
    writeFileSync(short, "name,url,username,password,note\r\nMail,https://mail.example,alice,Xq7#vLp9!zR2,\r\n");
    const said = await runHarden(["scan", short, "--no-breach"], { env });
    expect(said.stdout).toMatch(/too short: under 15 characters \((strong|good|fair)/);
    expect(said.stdout).not.toMatch(/too weak: (strong|good)/);
  });

  it("a large export is scored on two threads, with the verdicts one thread gives, each at its own entry", async () => {
    const { dir, env } = await setup();
    // Words, l33t, years, repeats and random strings: threads get parts that cost unequal time.
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const words = ["password", "dragon", "monkey", "soleil", "correct", "horse", "january", "qwerty", "azerty", "sunshine"];
    const passwords = Array.from({ length: PARALLEL_FROM * 3 }, (_, i) =>
      i % 7 === 6
        ? `shared-${rand(5)}`
        : i % 3 === 0
          ? Array.from({ length: 8 + rand(12) }, () => String.fromCharCode(33 + rand(94))).join("")
          : `${words[rand(words.length)]!.replace(/o/g, rand(2) ? "0" : "o")}${words[rand(words.length)]}${1950 + rand(75)}`,
    );
    const file = path.join(dir, "big.csv");
    writeFileSync(file, `name,url,username,password,note\r\n${passwords.map((p, i) => `Site ${i},https://site${i}.example,user${i},"${p.replace(/"/g, '""')}",`).join("\r\n")}\r\n`);
    const r = await runHarden(["scan", file, "--json", "--no-breach"], { env });
    expect(r.stderr).toBe("");
    const scorer = await loadScorer("en");
    expect(JSON.parse(r.stdout).entries.map((e: { strength: unknown }) => e.strength)).toEqual(passwords.map((p) => scorer.score(p)));
  }, 90000);

  it("reads every fixture format and rejects an unknown header with exit 2", async () => {
    const { env } = await setup();
    for (const name of ["bitwarden.csv", "bitwarden.json", "1password.csv", "chrome.csv", "firefox.csv", "keepassxc.csv", "lastpass.csv", "apple.csv"]) {
      const r = await runHarden(["scan", path.join(FIXTURES, "exports", name), "--json", "--no-breach"], { env });
      expect([0, 1], name).toContain(r.code);
      expect(JSON.parse(r.stdout).entries.length, name).toBeGreaterThan(0);
    }
    const unknown = await runHarden(["scan", path.join(FIXTURES, "exports", "unknown.csv"), "--no-breach"], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--format");
  }, 30000);
});

describe("interactive password check", () => {
  /** `harden password --no-breach` in a terminal of its own, with SECRET typed at its hidden prompt (not yet sent). */
  async function secretTypedAtPrompt(): Promise<PtySession> {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const session = new PtySession(["password", "--no-breach"], { HARDEN_HOME: path.join(t.dir, "home") });
    cleanups.push(() => void session.pty.kill());
    await session.waitFor(/Password to check/);
    session.type(SECRET);
    return session;
  }

  it("asks at a hidden prompt, never echoes the password, and shows the verdict", async () => {
    const { server, env } = await setup();
    const session = new PtySession(["password"], env);
    cleanups.push(() => void session.pty.kill());
    await session.waitFor(/Password to check/);
    session.type("letmein" + KEY.enter);
    await session.waitFor(/Found in breach data: seen 584,561 times/);
    const { exitCode } = await session.exited;
    expect(exitCode).toBe(1);
    expect(session.output).not.toContain("letmein");
    expect(server.requests).toHaveLength(1);
    const secretRun = new PtySession(["password"], env);
    await secretRun.waitFor(/Password to check/);
    secretRun.type(SECRET + KEY.enter);
    await secretRun.waitFor(/Not found in the breach data/);
    await secretRun.exited;
    expect(secretRun.output).not.toContain(SECRET);
  }, 30000);

  it("Ctrl-C at the prompt stops with 130 and says no result was saved, not that answers were", async () => {
    const session = await secretTypedAtPrompt();
    session.type(KEY.ctrlC);
    const { exitCode } = await session.exited;
    expect(exitCode).toBe(130);
    expect(session.text).toContain("Stopped before the end. No result was saved.");
    expect(session.text).not.toContain("Everything you answered");
    expect(session.output).not.toContain(SECRET);
  }, 30000);

  it("Ctrl+T does not reveal the password at the hidden prompt", async () => {
    const session = await secretTypedAtPrompt();
    session.type("\u0014");
    // Give the prompt time to draw what Ctrl+T would show before the answer is sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    session.type(KEY.enter);
    await session.waitFor(/Strength: /);
    await session.exited;
    expect(session.output).not.toContain(SECRET);
    expect(session.text.toLowerCase()).not.toContain("ctrl+t");
  }, 30000);
});
