import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sha1Hex } from "../../src/breach/hash.js";
import { knownEntries, randomEntries, writePrefixFolder, KNOWN_PASSWORDS } from "../fixtures/breach/datasets.js";
import { englishLeft } from "../helpers/english.js";
import { BIN, tempHomes } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";

const homes = tempHomes();
const running: Array<() => void> = [];
afterEach(() => {
  for (const stop of running.splice(0)) stop();
});

/** Starts `harden serve`, waits for its address, and gives a way to stop it and read what it printed. */
async function serve(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [BIN, "serve", ...args], { env: { PATH: process.env.PATH, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  running.push(() => child.kill("SIGKILL"));
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (d) => {
      stderr += d;
      const match = /(http:\/\/[^\s\u2069]+\/range\/)/.exec(stderr);
      if (match && /Ctrl-C/.test(stderr)) resolve(match[1]!);
    });
    child.on("close", () => reject(new Error(`serve ended: ${stderr}`)));
  });
  return {
    url,
    stop: async (signal: NodeJS.Signals = "SIGTERM") => {
      child.kill(signal);
      const code = await exited;
      return { code, stdout, stderr };
    },
  };
}

async function data() {
  const home = homes();
  const dir = path.join(home.dir, "ranges");
  await writePrefixFolder(dir, [...(await knownEntries("sha1")), ...randomEntries("sha1", 200)]);
  return { dir, env: home.env };
}

describe("harden serve", () => {
  it("answers harden password --range-url; logs counts only; SIGTERM stops it with a summary", async () => {
    const { dir, env } = await data();
    const server = await serve(["--offline", dir, "--listen", "127.0.0.1:0"], env);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/range\/$/);
    const [password, count] = KNOWN_PASSWORDS[0]!;
    const r = await runHarden(["password", "--stdin", "--no-strength", "--range-url", server.url, "--json"], { env, input: `${password}\n` });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).results[0]).toMatchObject({ breach: { status: "found", count } });
    const { code, stderr } = await server.stop();
    expect(code).toBe(0);
    expect(stderr).toContain("Only this computer can reach it.");
    expect(stderr).toContain(`This data was not checked in full as it is now. Before the room uses it, run harden data verify ${dir}`);
    expect(stderr).toMatch(/Stopped after \d+ s\. Requests answered: 1 \(ranges: 1, refused: 0, the data could not answer: 0\)/);
    // Never the prefix that was asked for, without --log-prefixes.
    expect(stderr).not.toContain(sha1Hex(password).slice(0, 5));
  });

  it("says nothing of checking once harden data verify found the data sound", async () => {
    const { dir, env } = await data();
    expect((await runHarden(["data", "verify", dir], { env })).code).toBe(0);
    const server = await serve(["--offline", dir, "--listen", "127.0.0.1:0"], env);
    const { stderr } = await server.stop();
    expect(stderr).not.toContain("not checked in full");
  });

  it("--log-prefixes logs each request; --listen 0.0.0.0 prints a QR code, the room URL and the plain-HTTP warning", async () => {
    const { dir, env } = await data();
    const server = await serve(["--offline", dir, "--listen", "0.0.0.0:0", "--log-prefixes"], env);
    const [password] = KNOWN_PASSWORDS[0]!;
    const local = server.url.replace(/\/\/[^:/]+:/, "//127.0.0.1:");
    await runHarden(["password", "--stdin", "--no-strength", "--range-url", local], { env, input: `${password}\n` });
    const { stderr } = await server.stop();
    expect(stderr).toContain(`GET /range/${sha1Hex(password).slice(0, 5)} 200`);
    expect(stderr).toContain("Warning: the room's traffic is plain HTTP");
    if (!/No local network address/.test(stderr)) {
      expect(stderr).toContain(`Participants run: harden password --range-url ${server.url}`);
      expect(stderr).toMatch(/[█▀▄]{10}/);
    } else {
      // No command or code that points every laptop at its own loopback.
      expect(stderr).toMatch(/Participants run: harden password --range-url http:\/\/ADDRESS:\d+\/range\/, with this computer's address/);
      expect(stderr).not.toMatch(/[█▀▄]{10}/);
    }
  });

  it("exit 2 without --offline, for a bad --listen, and for a port in use", async () => {
    const { dir, env } = await data();
    expect((await runHarden(["serve"], { env })).code).toBe(2);
    const bad = await runHarden(["serve", "--offline", dir, "--listen", "nowhere:99999"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--listen must be ADDRESS:PORT or PORT");
    const server = await serve(["--offline", dir, "--listen", "127.0.0.1:0"], env);
    const port = new URL(server.url).port;
    const busy = await runHarden(["serve", "--offline", dir, "--listen", `127.0.0.1:${port}`], { env });
    expect(busy.code).toBe(2);
    expect(busy.stderr).toContain("EADDRINUSE");
    await server.stop();
  });

  for (const lang of ["fr", "ar"] as const) {
    it(`speaks ${lang}`, async () => {
      const { dir, env } = await data();
      const server = await serve(["--lang", lang, "--offline", dir, "--listen", "0.0.0.0:0"], env);
      const { stderr } = await server.stop();
      const help = await runHarden(["--lang", lang, "serve", "--help"], { env });
      expect(englishLeft(stderr + help.stdout, lang).filter((f) => !f.startsWith("commander"))).toEqual([]);
      expect(stderr).toMatch(lang === "fr" ? /Attention/ : /تحذير/);
    });
  }
});
