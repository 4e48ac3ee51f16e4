import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword, sha1Hex } from "../../../src/breach/hash.js";
import { createRangeClient, type RangeClient, type RangeClientOptions } from "../../../src/breach/rangeClient.js";
import type { BreachResult } from "../../../src/breach/result.js";
import { ABSENT_PASSWORD, knownEntries, randomEntries, type Entry } from "../../fixtures/breach/datasets.js";
import { closedPort, paddedBody, serveEntries, startRangeServer, type RangeHandler, type RangeServer } from "../../fixtures/breach/rangeServer.js";

const VERSION = "1.2.3-test";
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function server(handler: RangeHandler): Promise<RangeServer> {
  const started = await startRangeServer(handler);
  cleanups.push(() => started.close());
  return started;
}

function client(baseUrl: string, options: Partial<RangeClientOptions> = {}): RangeClient {
  const created = createRangeClient({
    version: VERSION,
    baseUrl,
    backoffBaseMs: 1,
    bodyTimeoutMs: 3000,
    // Keep the developer's or CI's proxy variables out of loopback tests.
    proxy: { httpProxy: "", httpsProxy: "" },
    ...options,
  });
  cleanups.push(() => created.close());
  return created;
}

/** An unknown answer that names the host and gives away nothing of the hashes beyond prefixes. */
function expectUnknown(result: BreachResult | undefined, reason: RegExp, host: string, hashes: readonly string[]): void {
  expect(result?.status).toBe("unknown");
  if (result?.status !== "unknown") return;
  expect(result.reason).toMatch(reason);
  expect(result.reason).toContain(host);
  for (const hash of hashes) expect(result.reason).not.toContain(hash.slice(5, 15));
}

function rangeBodyFor(hash: string, count: number): string {
  return paddedBody("sha1", [[hash.slice(5), count]]);
}

const PASSWORD_HASH = sha1Hex("password");

describe("range client against a real server", () => {
  it("answers found / not-found from padded ranges, in input order", async () => {
    const known = await knownEntries("sha1");
    const absent = sha1Hex(ABSENT_PASSWORD);
    const api = await server(serveEntries([...known, ...randomEntries("sha1", 200)], [absent]));
    const hashes = [...known.map(([hash]) => hash), absent, known[0]?.[0] as string];
    const results = await client(api.baseUrl).checkMany(hashes);
    expect(results).toEqual([
      ...known.map(([, count]) => ({ status: "found", count })),
      { status: "not-found" },
      { status: "found", count: known[0]?.[1] },
    ]);
  });

  it("sends only upper-case 5-digit prefixes, with Add-Padding and a User-Agent", async () => {
    const entries = randomEntries("sha1", 30);
    const api = await server(serveEntries(entries));
    const hashes = entries.map(([hash]) => hash.toLowerCase());
    await client(api.baseUrl).checkMany(hashes);
    expect(api.requests.length).toBeGreaterThan(0);
    for (const request of api.requests) {
      expect(request.method).toBe("GET");
      expect(request.url).toMatch(/^\/range\/[0-9A-F]{5}$/);
      expect(request.headers["add-padding"]).toBe("true");
      expect(request.headers["user-agent"]).toBe(`harden/${VERSION}`);
      const sent = JSON.stringify(request).toUpperCase();
      for (const hash of hashes) expect(sent).not.toContain(hash.slice(5, 15).toUpperCase());
    }
  });

  it("makes one request per distinct prefix", async () => {
    const base = randomEntries("sha1", 10);
    // Same prefixes, other suffixes: 30 hashes over 10 prefixes.
    const siblings = base.flatMap(([hash]) => [`${hash.slice(0, 5)}${"A".repeat(35)}`, `${hash.slice(0, 5)}${"B".repeat(35)}`]);
    const api = await server(serveEntries(base));
    const results = await client(api.baseUrl).checkMany([...base.map(([hash]) => hash), ...siblings, ...siblings]);
    expect(results).toHaveLength(50);
    const prefixes = new Set(base.map(([hash]) => hash.slice(0, 5)));
    expect(api.requests).toHaveLength(prefixes.size);
    expect(new Set(api.requests.map((request) => request.url))).toEqual(new Set([...prefixes].map((prefix) => `/range/${prefix}`)));
  });

  it("keeps connections alive and never opens more than the concurrency", async () => {
    const entries = randomEntries("sha1", 60);
    const api = await server(serveEntries(entries));
    const rangeClient = client(api.baseUrl, { concurrency: 4 });
    await rangeClient.checkMany(entries.slice(0, 30).map(([hash]) => hash));
    expect(api.connections()).toBeLessThanOrEqual(4);
    await rangeClient.checkMany(entries.slice(30).map(([hash]) => hash));
    expect(api.connections()).toBeLessThanOrEqual(4);
    expect(api.requests.length).toBeGreaterThanOrEqual(55);
  });

  it("asks for NTLM ranges with ?mode=ntlm", async () => {
    const known = await knownEntries("ntlm");
    const api = await server(serveEntries(known));
    const hash = await hashPassword("password", "ntlm");
    const absent = await hashPassword(ABSENT_PASSWORD, "ntlm");
    const results = await client(api.baseUrl).checkMany([hash, absent]);
    expect(results[0]).toEqual({ status: "found", count: 9_545_824 });
    expect(results[1]).toEqual({ status: "not-found" });
    for (const request of api.requests) expect(request.url).toMatch(/^\/range\/[0-9A-F]{5}\?mode=ntlm$/);
  });

  it("reports progress in hashes answered", async () => {
    const entries = randomEntries("sha1", 12);
    const api = await server(serveEntries(entries));
    const seen: { done: number; total: number }[] = [];
    await client(api.baseUrl).checkMany(
      entries.map(([hash]) => hash),
      { onProgress: (progress) => seen.push(progress) },
    );
    expect(seen.at(-1)).toEqual({ done: 12, total: 12 });
    expect(seen.map(({ done }) => done)).toEqual([...seen.map(({ done }) => done)].sort((a, b) => a - b));
  });

  it("adds the trailing slash a base URL lacks", async () => {
    const api = await server(serveEntries([[PASSWORD_HASH, 3]]));
    const result = await client(api.baseUrl.replace(/\/$/, "")).check(PASSWORD_HASH);
    expect(result).toEqual({ status: "found", count: 3 });
    expect(api.requests[0]?.url).toBe("/range/5BAA6");
  });
});

describe("range client when things go wrong", () => {
  it("says connection refused when nothing listens", async () => {
    const port = await closedPort();
    const result = await client(`http://127.0.0.1:${port}/range/`, { maxAttempts: 2 }).check(PASSWORD_HASH);
    expectUnknown(result, /^could not reach the breach service at .*: connection refused \(tried twice\)$/, `127.0.0.1:${port}`, [PASSWORD_HASH]);
  });

  it("gives up on a server that never answers", async () => {
    const api = await server(() => undefined);
    const result = await client(api.baseUrl, { bodyTimeoutMs: 200, maxAttempts: 2 }).check(PASSWORD_HASH);
    expectUnknown(result, /^could not get an answer from the breach service at .*: it sent nothing for 0\.2 s \(tried twice\)$/, api.host, [PASSWORD_HASH]);
    expect(api.requests).toHaveLength(2);
  });

  it("gives up on a body that stalls halfway", async () => {
    const api = await server((_request, response) => {
      const body = rangeBodyFor(PASSWORD_HASH, 5);
      response.writeHead(200, { "content-length": Buffer.byteLength(body) });
      response.write(body.slice(0, 100));
    });
    const result = await client(api.baseUrl, { bodyTimeoutMs: 200, maxAttempts: 1 }).check(PASSWORD_HASH);
    expectUnknown(result, /: it stopped sending for 0\.2 s$/, api.host, [PASSWORD_HASH]);
  });

  it("retries a 500 and uses the answer that follows", async () => {
    const api = await server((request, response, info) => {
      if (info.attempt === 1) {
        response.writeHead(500).end("oops");
        return;
      }
      serveEntries([[PASSWORD_HASH, 42]])(request, response, info);
    });
    expect(await client(api.baseUrl).check(PASSWORD_HASH)).toEqual({ status: "found", count: 42 });
    expect(api.requests).toHaveLength(2);
  });

  it("gives up after four 500s", async () => {
    const api = await server((_request, response) => response.writeHead(500).end());
    const result = await client(api.baseUrl).check(PASSWORD_HASH);
    expectUnknown(result, /^the breach service at .* answered 500 Internal Server Error four times$/, api.host, [PASSWORD_HASH]);
    expect(api.requests).toHaveLength(4);
  });

  it("describes a mix of failures by the last one", async () => {
    const api = await server((_request, response, info) => response.writeHead(info.attempt === 1 ? 502 : 503).end());
    const result = await client(api.baseUrl, { maxAttempts: 3 }).check(PASSWORD_HASH);
    expectUnknown(result, /tried three times; last: it answered 503 Service Unavailable/, api.host, [PASSWORD_HASH]);
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    const api = await server((request, response, info) => {
      if (info.attempt === 1) {
        response.writeHead(429, { "retry-after": "1" }).end();
        return;
      }
      serveEntries([[PASSWORD_HASH, 7]])(request, response, info);
    });
    const started = performance.now();
    expect(await client(api.baseUrl).check(PASSWORD_HASH)).toEqual({ status: "found", count: 7 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("caps a Retry-After that asks too much, then gives up", async () => {
    const api = await server((_request, response) => response.writeHead(429, { "retry-after": "3600" }).end());
    const started = performance.now();
    const result = await client(api.baseUrl, { maxRetryAfterMs: 20, maxAttempts: 3 }).check(PASSWORD_HASH);
    expect(performance.now() - started).toBeLessThan(2000);
    expectUnknown(result, /answered 429 Too Many Requests three times$/, api.host, [PASSWORD_HASH]);
  });

  it("retries a connection reset in the middle of the body", async () => {
    const api = await server((request, response, info) => {
      if (info.attempt > 1) {
        serveEntries([[PASSWORD_HASH, 9]])(request, response, info);
        return;
      }
      const body = rangeBodyFor(PASSWORD_HASH, 9);
      response.writeHead(200, { "content-length": Buffer.byteLength(body) });
      response.write(body.slice(0, 200), () => response.socket?.destroy());
    });
    expect(await client(api.baseUrl).check(PASSWORD_HASH)).toEqual({ status: "found", count: 9 });
    expect(api.requests).toHaveLength(2);
  });

  it("ends unknown when every attempt is reset mid-body", async () => {
    const api = await server((_request, response) => {
      const body = rangeBodyFor(PASSWORD_HASH, 9);
      response.writeHead(200, { "content-length": Buffer.byteLength(body) });
      response.write(body.slice(0, 200), () => response.socket?.destroy());
    });
    const result = await client(api.baseUrl, { maxAttempts: 2 }).check(PASSWORD_HASH);
    expectUnknown(result, /^could not get an answer from the breach service at .*: the (connection|answer)/, api.host, [PASSWORD_HASH]);
  });

  it("ends unknown when the body is shorter than its Content-Length", async () => {
    const api = await server((_request, response) => {
      const body = rangeBodyFor(PASSWORD_HASH, 9);
      response.writeHead(200, { "content-length": Buffer.byteLength(body) + 500 });
      response.write(body, () => response.socket?.end());
    });
    const result = await client(api.baseUrl, { maxAttempts: 2 }).check(PASSWORD_HASH);
    expectUnknown(result, /^could not get an answer from the breach service at .*: the (connection|answer)/, api.host, [PASSWORD_HASH]);
    expect(api.requests).toHaveLength(2);
  });

  it("ends unknown, without retrying, on a body that is not a range", async () => {
    const api = await server((_request, response) => response.writeHead(200).end("<html><body>Captive portal</body></html>"));
    const result = await client(api.baseUrl).check(PASSWORD_HASH);
    expectUnknown(result, /sent an answer harden cannot read: line 1 is not SUFFIX:COUNT/, api.host, [PASSWORD_HASH]);
    expect(api.requests).toHaveLength(1);
  });

  it("ends unknown when one line among good ones is malformed", async () => {
    const api = await server((_request, response) =>
      response.writeHead(200).end(`${rangeBodyFor(PASSWORD_HASH, 5)}\r\nnot a line\r\n${PASSWORD_HASH.slice(5)}:5`),
    );
    expectUnknown(await client(api.baseUrl).check(PASSWORD_HASH), /is not SUFFIX:COUNT/, api.host, [PASSWORD_HASH]);
  });

  it("ends unknown when suffixes have the wrong length", async () => {
    const api = await server((_request, response) => response.writeHead(200).end(`${"A".repeat(27)}:5\r\n${"B".repeat(27)}:0`));
    expectUnknown(await client(api.baseUrl).check(PASSWORD_HASH), /35-digit suffix/, api.host, [PASSWORD_HASH]);
  });

  it("ends unknown on an empty 200", async () => {
    const api = await server((_request, response) => response.writeHead(200).end());
    expectUnknown(await client(api.baseUrl).check(PASSWORD_HASH), /the answer was empty/, api.host, [PASSWORD_HASH]);
  });

  it.each([
    ["one padding line", 1],
    ["900 padding lines", 900],
  ])("ends unknown, not not-found, on an answer of padding only: %s", async (_what, lines) => {
    const padding = Array.from({ length: lines - 1 }, (_, i) => `${i.toString(16).toUpperCase().padStart(35, "0")}:0`);
    // The password's own suffix among them, as count 0: read naively, "not found".
    padding.push(`${PASSWORD_HASH.slice(5)}:0`);
    const api = await server((_request, response) => response.writeHead(200, { "content-length": Buffer.byteLength(padding.join("\r\n")) }).end(padding.join("\r\n")));
    expectUnknown(await client(api.baseUrl).check(PASSWORD_HASH), /cannot read: it has only padding lines \(count 0\)/, api.host, [PASSWORD_HASH]);
    expect(api.requests).toHaveLength(1);
  });

  it("ends unknown on a compressed answer it did not ask for", async () => {
    const api = await server((_request, response) => response.writeHead(200, { "content-encoding": "gzip" }).end("\x1f\x8b"));
    expectUnknown(await client(api.baseUrl).check(PASSWORD_HASH), /compressed/, api.host, [PASSWORD_HASH]);
  });

  it.each([
    [400, "400 Bad Request"],
    [403, "403 Forbidden"],
    [301, "301 Moved Permanently"],
  ])("does not retry a %i", async (status, words) => {
    const api = await server((_request, response) => response.writeHead(status, { location: "/elsewhere" }).end("no"));
    const result = await client(api.baseUrl).check(PASSWORD_HASH);
    expectUnknown(result, new RegExp(`^the breach service at .* answered ${words}$`), api.host, [PASSWORD_HASH]);
    expect(api.requests).toHaveLength(1);
  });

  it("does not retry a 404, and says what it means: a wrong address or a room's partial copy", async () => {
    const api = await server((_request, response) => response.writeHead(404).end("no"));
    const result = await client(api.baseUrl).check(PASSWORD_HASH);
    expectUnknown(result, /^the breach service at .* answered 404 Not Found, which the real service never does: the address may be wrong \(it should end in \/range\/\), or a room's server lacks this part of the data/, api.host, [PASSWORD_HASH]);
    expect(api.requests).toHaveLength(1);
  });

  it("answers every hash of a batch, failures as unknown, never as not-found", async () => {
    const entries = randomEntries("sha1", 20);
    const failing = new Set(entries.slice(0, 10).map(([hash]) => hash.slice(0, 5)));
    const good = serveEntries(entries);
    const api = await server((request, response, info) => {
      if (failing.has(info.prefix)) response.writeHead(503).end();
      else good(request, response, info);
    });
    const results = await client(api.baseUrl, { maxAttempts: 2 }).checkMany(entries.map(([hash]) => hash));
    results.forEach((result, index) => {
      const [hash, count] = entries[index] as Entry;
      if (failing.has(hash.slice(0, 5))) expectUnknown(result, /503/, api.host, [hash]);
      else expect(result).toEqual({ status: "found", count });
    });
  });

  it("stops a batch when its signal aborts", async () => {
    const api = await server(() => undefined);
    const controller = new AbortController();
    const pending = client(api.baseUrl).checkMany([PASSWORD_HASH], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error("stopped by test")), 50);
    await expect(pending).rejects.toThrow("stopped by test");
  });

  it("refuses to work after close", async () => {
    const api = await server(serveEntries([]));
    const rangeClient = client(api.baseUrl);
    await rangeClient.close();
    await expect(rangeClient.check(PASSWORD_HASH)).rejects.toThrow(/closed/);
  });

  it("refuses a base URL that is not http(s)", () => {
    expect(() => createRangeClient({ version: VERSION, baseUrl: "ftp://example.com/range/" })).toThrow(/https/);
    expect(() => createRangeClient({ version: VERSION, baseUrl: "not a url" })).toThrow(/not a URL/);
  });
});

describe("range client behind a proxy", () => {
  /** A CONNECT proxy on 127.0.0.1 that records the tunnels it opens. */
  async function startProxy(): Promise<{ url: string; tunnels: string[] }> {
    const tunnels: string[] = [];
    const proxy = createServer();
    proxy.on("connect", (request, clientSocket, head) => {
      tunnels.push(request.url ?? "");
      const [host, port] = (request.url ?? "").split(":");
      const upstream = connect(Number(port), host, () => {
        clientSocket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(clientSocket);
        clientSocket.pipe(upstream);
      });
      upstream.on("error", () => clientSocket.destroy());
      clientSocket.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          proxy.closeAllConnections();
          proxy.close(() => resolve());
        }),
    );
    return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, tunnels };
  }

  it("goes through the proxy it is given", async () => {
    const api = await server(serveEntries([[PASSWORD_HASH, 11]]));
    const proxy = await startProxy();
    const result = await client(api.baseUrl, { proxy: { httpProxy: proxy.url } }).check(PASSWORD_HASH);
    expect(result).toEqual({ status: "found", count: 11 });
    expect(proxy.tunnels).toEqual([api.host]);
  });

  it("skips the proxy for hosts in NO_PROXY", async () => {
    const api = await server(serveEntries([[PASSWORD_HASH, 11]]));
    const proxy = await startProxy();
    const result = await client(api.baseUrl, { proxy: { httpProxy: proxy.url, noProxy: "127.0.0.1" } }).check(PASSWORD_HASH);
    expect(result).toEqual({ status: "found", count: 11 });
    expect(proxy.tunnels).toEqual([]);
  });
});
