import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { sha1Hex } from "../../../src/breach/hash.js";
import { createRangeClient, type RangeClientOptions } from "../../../src/breach/rangeClient.js";
import { ABSENT_PASSWORD, randomHex } from "../../fixtures/breach/datasets.js";
import { chunked, head, startRawServer, type RawHandler, type RawServer } from "../../fixtures/breach/rawHttpServer.js";
import { tempDir } from "../../helpers/fixtures.js";
import { runHarden } from "../../helpers/run.js";

/**
 * Whether harden can prove it read a range answer to its end. An answer that ends when the
 * connection closes (no Content-Length, not chunked) may have lost its tail, and with it the
 * password's line: it must be "unknown", never "not found".
 */

const PASSWORD = "password";
const HASH = sha1Hex(PASSWORD);
const ABSENT_HASH = sha1Hex(ABSENT_PASSWORD);
const COUNT = 9_545_824;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A padded answer for any prefix; for the password's prefix its line comes last, so a cut loses it. */
function bodyFor(prefix: string): string {
  const lines = [
    ...Array.from({ length: 30 }, () => `${randomHex(35)}:0`),
    ...Array.from({ length: 10 }, (_, i) => `${randomHex(35)}:${i + 1}`),
  ];
  if (prefix === HASH.slice(0, 5)) lines.push(`${HASH.slice(5)}:${COUNT}`);
  return lines.join("\r\n");
}

const PASSWORD_LINE_AT = bodyFor(HASH.slice(0, 5)).lastIndexOf("\r\n") + 2;
const CUTS = {
  "at a line end": PASSWORD_LINE_AT,
  "inside a suffix": PASSWORD_LINE_AT + 20,
  "inside a count": PASSWORD_LINE_AT + 35 + 3,
} as const;

/** Close-delimited answers: the connection's close is the only end the body has. */
const UNFRAMED: [string, "1.0" | "1.1", Record<string, string>][] = [
  ["HTTP/1.0", "1.0", { "content-type": "text/plain" }],
  ["HTTP/1.1 with Connection: close", "1.1", { "content-type": "text/plain", connection: "close" }],
];
const CASES = UNFRAMED.flatMap(([label, version, headers]) =>
  Object.entries(CUTS).map(([cut, at]) => ({ name: `${label}, cut ${cut}`, version, headers, at })),
);

function cutAnswer(version: "1.0" | "1.1", headers: Record<string, string>, at: number): RawHandler {
  return (socket, request) => socket.end(head(version, headers) + bodyFor(request.prefix).slice(0, at));
}

async function server(handler: RawHandler): Promise<RawServer> {
  const started = await startRawServer(handler);
  cleanups.push(() => started.close());
  return started;
}

function client(baseUrl: string, options: Partial<RangeClientOptions> = {}) {
  const created = createRangeClient({ version: "0.0.0-test", baseUrl, backoffBaseMs: 1, proxy: { httpProxy: "", httpsProxy: "" }, ...options });
  cleanups.push(() => created.close());
  return created;
}

const UNCONFIRMED = /sent an answer harden cannot read: the answer's end could not be confirmed/;

describe("range answers whose end cannot be proven", () => {
  it.each(CASES)("is unknown: $name", async ({ version, headers, at }) => {
    const api = await server(cutAnswer(version, headers, at));
    const result = await client(api.baseUrl).check(HASH);
    expect(result).toMatchObject({ status: "unknown", reason: expect.stringMatching(UNCONFIRMED) });
    expect(JSON.stringify(result)).not.toContain(HASH.slice(5, 15));
    // The same server would answer the same way again: no retry.
    expect(api.requests).toHaveLength(1);
  });

  it.each(UNFRAMED)("is unknown even when complete: %s", async (_label, version, headers) => {
    const api = await server((socket, request) => socket.end(head(version, headers) + bodyFor(request.prefix)));
    expect(await client(api.baseUrl).checkMany([HASH, ABSENT_HASH])).toEqual([
      { status: "unknown", reason: expect.stringMatching(UNCONFIRMED) },
      { status: "unknown", reason: expect.stringMatching(UNCONFIRMED) },
    ]);
  });

  it("is unknown for a compressed answer, framed or not", async () => {
    const gzipped = (prefix: string) => gzipSync(bodyFor(prefix));
    const framed = await server((socket, request) => {
      const body = gzipped(request.prefix);
      socket.end(Buffer.concat([Buffer.from(head("1.1", { "content-encoding": "gzip", "content-length": body.length })), body]));
    });
    const unframed = await server((socket, request) =>
      socket.end(Buffer.concat([Buffer.from(head("1.1", { "content-encoding": "gzip", connection: "close" })), gzipped(request.prefix)])),
    );
    expect(await client(framed.baseUrl).check(HASH)).toMatchObject({ status: "unknown", reason: expect.stringMatching(/compressed/) });
    expect(await client(unframed.baseUrl).check(HASH)).toMatchObject({ status: "unknown", reason: expect.stringMatching(UNCONFIRMED) });
  });

  it("is unknown when a Content-Length or chunked answer is cut short", async () => {
    const short = await server((socket, request) => {
      const body = bodyFor(request.prefix);
      socket.end(head("1.1", { "content-length": Buffer.byteLength(body) }) + body.slice(0, CUTS["at a line end"]));
    });
    const shortChunks = await server((socket, request) => socket.end(head("1.1", { "transfer-encoding": "chunked" }) + chunked(bodyFor(request.prefix), 400, false)));
    for (const api of [short, shortChunks]) {
      expect(await client(api.baseUrl, { maxAttempts: 2 }).check(HASH)).toMatchObject({
        status: "unknown",
        reason: expect.stringMatching(/could not get an answer .*: the (connection|answer)/),
      });
    }
  });
});

describe("range answers whose end is proven (positive controls)", () => {
  const framings: [string, RawHandler][] = [
    [
      "HTTP/1.1 Content-Length",
      (socket, request) => {
        const body = bodyFor(request.prefix);
        socket.write(head("1.1", { "content-length": Buffer.byteLength(body) }) + body);
      },
    ],
    [
      "HTTP/1.0 Content-Length",
      (socket, request) => {
        const body = bodyFor(request.prefix);
        socket.end(head("1.0", { "content-length": Buffer.byteLength(body) }) + body);
      },
    ],
    ["HTTP/1.1 chunked", (socket, request) => socket.write(head("1.1", { "transfer-encoding": "chunked" }) + chunked(bodyFor(request.prefix), 333))],
    [
      "HTTP/1.1 chunked, then Connection: close",
      (socket, request) => socket.end(head("1.1", { "transfer-encoding": "chunked", connection: "close" }) + chunked(bodyFor(request.prefix), 1000)),
    ],
  ];

  it.each(framings)("answers found and not-found: %s", async (_label, handler) => {
    const api = await server(handler);
    expect(await client(api.baseUrl).checkMany([HASH, ABSENT_HASH])).toEqual([{ status: "found", count: COUNT }, { status: "not-found" }]);
  });
});

describe("harden password end to end against a cut-off answer", () => {
  it("exits 3 with unknown for every close-delimited cut", { timeout: 30_000 }, async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    // One harden process per case, all at once: each spawn costs a few hundred milliseconds.
    const runs = await Promise.all(
      CASES.map(async ({ name, version, headers, at }) => {
        const api = await server(cutAnswer(version, headers, at));
        const run = await runHarden(["password", "--stdin", "--json", "--no-strength", "--range-url", api.baseUrl], {
          env: { HARDEN_HOME: path.join(t.dir, name.replace(/\W+/g, "-")) },
          input: `${PASSWORD}\n`,
        });
        return { name, run };
      }),
    );
    for (const { name, run } of runs) {
      expect({ name, code: run.code }).toEqual({ name, code: 3 });
      const out = JSON.parse(run.stdout);
      expect(out.results[0].breach).toMatchObject({ status: "unknown", reason: expect.stringMatching(UNCONFIRMED) });
      expect(out.summary.notFound).toBe(0);
      expect(run.stdout + run.stderr).not.toContain(HASH.slice(5));
    }
  });
});
