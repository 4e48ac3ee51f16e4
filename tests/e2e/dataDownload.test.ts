import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fullRangeApi } from "../fixtures/breach/fullRangeApi.js";
import { startRangeServer } from "../fixtures/breach/rangeServer.js";
import { englishLeft } from "../helpers/english.js";
import { BIN, tempHomes } from "../helpers/fixtures.js";
import { PtySession } from "../helpers/pty.js";
import { runHarden } from "../helpers/run.js";

const homes = tempHomes();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function setup() {
  const api = fullRangeApi();
  const server = await startRangeServer(api.handler);
  closers.push(() => server.close());
  const home = homes();
  const dir = path.join(home.dir, "ranges");
  return { api, server, dir, env: home.env };
}

const rangeFiles = (dir: string) => readdirSync(dir).filter((n) => /^[0-9A-F]{5}\.txt$/.test(n));

/**
 * `harden data download ARGS` in a child whose server stops answering after `answers` answers:
 * `reached` settles then, so a signal lands mid-download. `exited` is the exit code, or -1 when
 * a signal killed it.
 */
function stoppedAfter(api: { hook?: unknown }, answers: number, args: string[], env: Record<string, string>) {
  let answered = 0;
  let release: () => void = () => {};
  const reached = new Promise<void>((resolve) => (release = resolve));
  api.hook = () => {
    if (++answered > answers) {
      release();
      return true;
    }
    return false;
  };
  const child = spawn(process.execPath, [BIN, "data", "download", ...args], { env: { PATH: process.env.PATH, NO_COLOR: "1", ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code, killedBy) => resolve(code ?? (killedBy ? -1 : null))));
  return { child, reached, exited, stderr: () => stderr };
}

describe("harden data download", () => {
  it("downloads 256 prefixes, exit 0, then data verify accepts the folder and its record", async () => {
    const { server, dir, env } = await setup();
    const r = await runHarden(["data", "download", dir, "--range-url", server.baseUrl, "--prefixes", "00000-000FF"], { env });
    expect(r.stderr).toContain("plain http://");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✓ Complete: all 256 prefixes of SHA-1 hashes are in ${dir}.`);
    expect(r.stdout).toContain("Fetched now: 256");
    expect(rangeFiles(dir)).toHaveLength(256);
    const v = await runHarden(["data", "verify", dir], { env });
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/The download record says it was complete on \d{4}-\d\d-\d\d \(256 prefixes, 00000-000FF\)/);
    const again = await runHarden(["data", "download", dir, "--range-url", server.baseUrl, "--prefixes", "00000-000FF", "--json"], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ complete: true, refresh: true, unchanged: 256, changed: 0, fetched: 0 });
    const progress = again.stderr.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
    expect(progress.at(-1)).toMatchObject({ progress: { done: 256, total: 256 } });
  });

  it("the whole set (no --prefixes) says its size before it starts; a slice does not", async () => {
    const { server, dir, env } = await setup();
    const child = spawn(process.execPath, [BIN, "data", "download", dir, "--range-url", server.baseUrl, "--concurrency", "2"], {
      env: { PATH: process.env.PATH, NO_COLOR: "1", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    const said = new Promise<void>((resolve) => child.stderr.on("data", (d) => ((stderr += d), /38 GB/.test(stderr) && resolve())));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    await said;
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("The whole data set is about 38 GB of text, a billion lines");
    const slice = await runHarden(["data", "download", path.join(dir, "slice"), "--range-url", server.baseUrl, "--prefixes", "00000-0000F"], { env });
    expect(slice.stderr).not.toContain("38 GB");
  });

  it("Ctrl-C under --json ends with the JSON error the help promises, after the JSON progress lines", async () => {
    const { api, server, dir, env } = await setup();
    const run = stoppedAfter(api, 20, [dir, "--range-url", server.baseUrl, "--prefixes", "00000-000FF", "--concurrency", "4", "--json"], env);
    await run.reached;
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(130);
    const last = run.stderr().trimEnd().split("\n").at(-1)!;
    expect(JSON.parse(last)).toEqual({ error: { code: "interrupted", exitCode: 130, message: "Stopped. The prefixes fetched so far are kept: run the same command again to fetch only the rest.", problems: [] } });
    api.hook = undefined;
  });

  it.each(["SIGKILL", "SIGINT"] as const)("stopped mid-way (%s), a second run fetches only the rest", async (signal) => {
    const { api, server, dir, env } = await setup();
    // After 60 answers the server stops answering, so the kill lands mid-download.
    const run = stoppedAfter(api, 60, [dir, "--range-url", server.baseUrl, "--prefixes", "00000-000FF", "--concurrency", "4"], env);
    await run.reached;
    run.child.kill(signal);
    // Ctrl-C ends with 130 and says what was kept and what to do; a kill leaves no word.
    expect(await run.exited).toBe(signal === "SIGINT" ? 130 : -1);
    if (signal === "SIGINT") expect(run.stderr()).toContain("Stopped. The prefixes fetched so far are kept: run the same command again to fetch only the rest.");
    const kept = rangeFiles(dir).length;
    expect(kept).toBeGreaterThanOrEqual(50);
    expect(kept).toBeLessThanOrEqual(60);
    api.hook = undefined;
    const before = server.requests.length;
    const r = await runHarden(["data", "download", dir, "--range-url", server.baseUrl, "--prefixes", "00000-000FF", "--json"], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ complete: true, kept, fetched: 256 - kept });
    expect(server.requests.length - before).toBe(256 - kept);
  });

  it("exit 3 when prefixes are still missing, saying which and what to do", async () => {
    const { api, server, dir, env } = await setup();
    api.hook = (_req, res, info) => {
      if (!info.prefix.startsWith("0001")) return false;
      res.writeHead(404);
      res.end();
      return true;
    };
    const r = await runHarden(["data", "download", dir, "--range-url", server.baseUrl, "--prefixes", "00000-000FF"], { env });
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("✗ Not complete: 16 prefixes are still missing out of 256 (00010-0001F).");
    expect(r.stdout).toContain("00010: the service answered 404 Not Found");
    expect(r.stdout).toContain("Run the same command again: it fetches only what is missing.");
  });

  it("shows a progress bar at a terminal: prefixes done, MB/s, time left; none with --json", async () => {
    const { api, server, dir, env } = await setup();
    api.delayMs = 15;
    const session = new PtySession(["data", "download", dir, "--range-url", server.baseUrl, "--prefixes", "00000-000FF", "--concurrency", "2"], env);
    expect((await session.exited).exitCode).toBe(0);
    expect(session.text).toMatch(/Downloading \[[#-]{24}\] \d+ of 256 prefixes, \d+\.\d MB\/s, \d+ seconds? left/);
    expect(session.text).toMatch(/✓ Complete/);
    const json = new PtySession(["data", "download", dir, "--range-url", server.baseUrl, "--prefixes", "00000-000FF", "--json"], env);
    expect((await json.exited).exitCode).toBe(0);
    expect(json.text).not.toMatch(/Downloading/);
  });

  it("refuses to mix NTLM into a SHA-1 download folder", async () => {
    const { server, dir, env } = await setup();
    expect((await runHarden(["data", "download", dir, "--range-url", server.baseUrl, "--prefixes", "00000-00003"], { env })).code).toBe(0);
    const mixed = await runHarden(["data", "download", dir, "--ntlm", "--range-url", server.baseUrl, "--prefixes", "00000-00003"], { env });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain("holds SHA-1 hashes");
  });

  it("usage errors: a bad --format, --prefixes, or plain http to the internet", async () => {
    const { dir, env } = await setup();
    expect((await runHarden(["data", "download", dir, "--format", "zip"], { env })).code).toBe(2);
    expect((await runHarden(["data", "download", dir, "--prefixes", "FFFFF-00000"], { env })).code).toBe(2);
    const http = await runHarden(["data", "download", dir, "--range-url", "http://example.com/range/"], { env });
    expect(http.code).toBe(2);
    expect(http.stderr).toContain("plain http://");
  });

  for (const lang of ["fr", "ar"] as const) {
    it(`speaks ${lang}: summary, failures and help`, async () => {
      const { api, server, dir, env } = await setup();
      api.hook = (_req, res, info) => {
        if (info.prefix !== "00003") return false;
        res.writeHead(404);
        res.end();
        return true;
      };
      const r = await runHarden(["--lang", lang, "data", "download", dir, "--range-url", server.baseUrl, "--prefixes", "00000-0000F"], { env });
      expect(r.code).toBe(3);
      api.hook = undefined;
      const ok = await runHarden(["--lang", lang, "data", "download", dir, "--range-url", server.baseUrl, "--prefixes", "00000-0000F"], { env });
      expect(ok.code).toBe(0);
      const help = await runHarden(["--lang", lang, "data", "download", "--help"], { env });
      // The plain-http warning belongs to the password options' helper, not to this namespace.
      const screens = [r.stdout, ok.stdout, help.stdout].join("\n");
      expect(englishLeft(screens, lang).filter((f) => !f.startsWith("commander"))).toEqual([]);
      expect(screens).toMatch(lang === "fr" ? /Pas terminé|Terminé/ : /اكتمل/);
    });
  }
});
