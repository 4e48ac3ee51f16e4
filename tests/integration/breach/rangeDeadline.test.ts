import path from "node:path";
import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sha1Hex } from "../../../src/breach/hash.js";
import { createRangeClient, type RangeClientOptions } from "../../../src/breach/rangeClient.js";
import { randomHex } from "../../fixtures/breach/datasets.js";
import { head, startRawServer, type RawHandler, type RawServer } from "../../fixtures/breach/rawHttpServer.js";
import { tempDir } from "../../helpers/fixtures.js";
import { runHarden } from "../../helpers/run.js";

/**
 * No lookup waits forever: one time limit covers every try for a prefix, the waits between
 * them and a body that drips in slower than any per-read timeout would notice.
 */

const HASH = sha1Hex("password");
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function server(handler: RawHandler): Promise<RawServer> {
  const started = await startRawServer(handler);
  cleanups.push(() => started.close());
  return started;
}

function client(baseUrl: string, options: Partial<RangeClientOptions>) {
  const created = createRangeClient({ version: "0.0.0-test", baseUrl, proxy: { httpProxy: "", httpsProxy: "" }, ...options });
  cleanups.push(() => created.close());
  return created;
}

/** A well-framed answer sent one byte every 200 ms: each read comes well inside any read timeout. */
const drip: RawHandler = (socket: Socket) => {
  const body = Array.from({ length: 200 }, (_, i) => `${randomHex(35)}:${i}`).join("\r\n");
  socket.write(head("1.1", { "content-length": Buffer.byteLength(body) }));
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= body.length) clearInterval(timer);
    else socket.write(body[at++] ?? "");
  }, 200);
  socket.on("close", () => clearInterval(timer));
};

describe("the time limit for one lookup", () => {
  it("ends a body that drips in, with a reason naming the limit", async () => {
    const api = await server(drip);
    const started = performance.now();
    const result = await client(api.baseUrl, { lookupTimeoutMs: 1000, bodyTimeoutMs: 5000 }).check(HASH);
    const took = performance.now() - started;
    expect(result).toEqual({
      status: "unknown",
      reason: `could not get an answer from the breach service at ${api.host}: it did not finish within the 1 s time limit for one lookup`,
    });
    expect(took).toBeGreaterThanOrEqual(950);
    // Far below the 5 s read timeout and the dripped body's 30-minute length; slack for a busy machine.
    expect(took).toBeLessThan(4000);
    // The limit covers the retries too: none is started once it has passed.
    expect(api.requests).toHaveLength(1);
  });

  it("does not start a wait between tries that would pass the limit", { timeout: 15_000 }, async () => {
    const api = await server((socket) => socket.write("HTTP/1.1 429 Too Many Requests\r\nretry-after: 10\r\ncontent-length: 0\r\n\r\n"));
    const started = performance.now();
    const result = await client(api.baseUrl, { lookupTimeoutMs: 1000, maxRetryAfterMs: 20_000 }).check(HASH);
    // Well short of the 10 s the server asked to wait.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result).toMatchObject({ status: "unknown", reason: expect.stringMatching(/answered 429 Too Many Requests$/) });
    expect(api.requests).toHaveLength(1);
  });

  it("ends the tries, waits included, at the limit", async () => {
    // Every try is answered slowly (400 ms), then with a 503: four tries would take 1.6 s and more.
    const api = await server((socket) => {
      const timer = setTimeout(() => socket.write("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\n\r\n"), 400);
      socket.on("close", () => clearTimeout(timer));
    });
    const started = performance.now();
    const result = await client(api.baseUrl, { lookupTimeoutMs: 1000, backoffBaseMs: 1, maxAttempts: 10 }).check(HASH);
    // Ten tries would take 4 s and more.
    expect(performance.now() - started).toBeLessThan(3500);
    expect(result).toMatchObject({ status: "unknown", reason: expect.stringMatching(/last: it did not finish within the 1 s time limit for one lookup\)$/) });
    expect(api.requests.length).toBeGreaterThanOrEqual(1);
    expect(api.requests.length).toBeLessThanOrEqual(3);
  });
});

describe("harden password --timeout", () => {
  it("gives up on a dripping answer after --timeout seconds: unknown, exit 3", { timeout: 20_000 }, async () => {
    const api = await server(drip);
    const t = tempDir();
    cleanups.push(t.cleanup);
    const started = performance.now();
    const run = await runHarden(["password", "--stdin", "--json", "--no-strength", "--timeout", "1", "--range-url", api.baseUrl], {
      env: { HARDEN_HOME: path.join(t.dir, "home") },
      input: "password\n",
    });
    // Without the limit this drip would take half an hour; the rest is process start-up.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).results[0].breach).toMatchObject({ status: "unknown", reason: expect.stringContaining("within the 1 s time limit") });
  });

  // Every value the flag refuses is in tests/unit/commands/passwordOptions.test.ts; here, that both commands refuse one.
  it("refuses a --timeout that is not a positive number of seconds, for password and scan: exit 2", { timeout: 20_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const runs = await Promise.all(
      [
        ["password", "--stdin", "--timeout", "0"],
        ["scan", "-", "--timeout", "abc"],
      ].map((args) => runHarden([...args, "--no-strength", "--range-url", "http://127.0.0.1:9/range/"], { env: { HARDEN_HOME: path.join(t.dir, "home") }, input: "x\n" })),
    );
    for (const run of runs) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--timeout must be a number of seconds/);
    }
  });
});
