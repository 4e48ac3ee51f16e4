import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { downloadRanges, MANIFEST_FILE, prefixHex, type DownloadOptions } from "../../../src/breach/download.js";
import { openOfflineDataset } from "../../../src/breach/offline.js";
import { verifyData } from "../../../src/breach/verifyData.js";
import { fullRangeApi, rangeBodyFor, rangeLines } from "../../fixtures/breach/fullRangeApi.js";
import { startRangeServer, type RangeServer } from "../../fixtures/breach/rangeServer.js";
import { tempDir } from "../../helpers/fixtures.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup() {
  const api = fullRangeApi();
  const server = await startRangeServer(api.handler);
  const t = tempDir();
  cleanups.push(() => server.close(), t.cleanup);
  const options = (extra: Partial<DownloadOptions> = {}): DownloadOptions => ({
    dir: t.dir,
    mode: "sha1",
    format: "folder",
    baseUrl: server.baseUrl,
    version: "test",
    concurrency: 8,
    range: { first: 0, last: 255 },
    backoffBaseMs: 1,
    maxBackoffMs: 5,
    ...extra,
  });
  return { api, server, dir: t.dir, options };
}

const rangeFiles = (dir: string) => readdirSync(dir).filter((n) => /^[0-9A-F]{5}\.txt$/.test(n)).sort();
const requestsFor = (server: RangeServer) => server.requests.map((r) => r.url.replace(/^\/range\//, ""));

describe("downloadRanges", () => {
  it("fetches every prefix of the range once, unpadded, into files the offline reader and verify accept", async () => {
    const { server, dir, options } = await setup();
    const summary = await downloadRanges(options());
    expect(summary).toMatchObject({ complete: true, fetched: 256, kept: 0, refresh: false, missing: { count: 0 } });
    expect(server.requests).toHaveLength(256);
    expect(server.requests.every((r) => r.headers["add-padding"] === undefined && r.headers["user-agent"] === "harden/test")).toBe(true);
    expect(new Set(requestsFor(server)).size).toBe(256);
    const files = rangeFiles(dir);
    expect(files).toHaveLength(256);
    expect(files[0]).toBe("00000.txt");
    expect(files.at(-1)).toBe("000FF.txt");
    expect(readFileSync(join(dir, "000AB.txt"), "utf8")).toBe(rangeBodyFor("000AB", "sha1"));
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8"));
    expect(manifest).toMatchObject({ format: "harden-range-download", mode: "sha1", range: { from: "00000", to: "000FF", count: 256 }, missing: 0 });
    expect(manifest.completedAt).toEqual(expect.any(String));
    expect(manifest).toMatchObject({ etagsFile: "harden-download.etags", etagCount: 256 });
    expect(readFileSync(join(dir, "harden-download.etags"), "utf8")).toContain('000AB W/"000AB-sha1-0"\n');
    const verification = await verifyData(dir);
    expect(verification.problemCount).toBe(0);
    expect(verification.files).toBe(256);
    // A hash from the data is found by the offline reader.
    const dataset = await openOfflineDataset(dir);
    const [suffix, count] = rangeLines("000AB", "sha1")[2]!.split(":");
    expect(await dataset.checkMany([`000AB${suffix}`])).toEqual([{ status: "found", count: Number(count) }]);
    await dataset.close();
  });

  it("resumes: after a stop, only the missing and the damaged prefixes are fetched", async () => {
    const { api, server, dir, options } = await setup();
    const stop = new AbortController();
    let answered = 0;
    api.hook = () => {
      if (++answered === 100) stop.abort(new Error("stopped"));
      return false;
    };
    await expect(downloadRanges(options({ signal: stop.signal }))).rejects.toThrow("stopped");
    api.hook = undefined;
    const first = rangeFiles(dir);
    expect(first.length).toBeGreaterThan(50);
    expect(first.length).toBeLessThan(256);
    // No half-written files: every one is whole.
    for (const name of first) expect(readFileSync(join(dir, name), "utf8")).toBe(rangeBodyFor(name.slice(0, 5), "sha1"));
    writeFileSync(join(dir, first[3]!), "garbage\n");
    writeFileSync(join(dir, first[4]!), "");
    const before = server.requests.length;
    const summary = await downloadRanges(options());
    const again = requestsFor(server).slice(before);
    expect(summary).toMatchObject({ complete: true, kept: first.length - 2, repaired: 2, fetched: 256 - first.length + 2 });
    expect(again).toHaveLength(256 - first.length + 2);
    expect(again).toContain(first[3]!.slice(0, 5));
    expect(again).toContain(first[4]!.slice(0, 5));
    expect(again).not.toContain(first[0]!.slice(0, 5));
    expect((await verifyData(dir)).problemCount).toBe(0);
    // The ETags of the stopped run were kept by its journal.
    expect(JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")).etagCount).toBe(256);
    expect(existsSync(join(dir, "harden-download.journal"))).toBe(false);
  });

  it("refreshes a complete download with If-None-Match and counts what changed", async () => {
    const { api, server, dir, options } = await setup();
    await downloadRanges(options());
    api.version.set("00010", 1);
    api.version.set("000F0", 2);
    const before = server.requests.length;
    const summary = await downloadRanges(options());
    const sent = server.requests.slice(before);
    expect(sent).toHaveLength(256);
    expect(sent.every((r) => typeof r.headers["if-none-match"] === "string")).toBe(true);
    expect(summary).toMatchObject({ complete: true, refresh: true, unchanged: 254, fetched: 2, changed: 2 });
    expect(readFileSync(join(dir, "00010.txt"), "utf8")).toBe(rangeBodyFor("00010", "sha1", 1));
    expect(readFileSync(join(dir, "harden-download.etags"), "utf8")).toContain('000F0 W/"000F0-sha1-2"\n');
  });

  it("retries 503 with Retry-After; prefixes that keep failing are listed as missing, and the next run fetches just those", async () => {
    const { api, server, dir, options } = await setup();
    api.hook = (_req, res, info) => {
      const n = Number.parseInt(info.prefix, 16);
      if (n === 7 && info.attempt === 1) {
        res.writeHead(503, { "retry-after": "0" });
        res.end();
        return true;
      }
      if (n >= 0x20 && n <= 0x22) {
        res.writeHead(500);
        res.end();
        return true;
      }
      return false;
    };
    const summary = await downloadRanges(options({ maxAttempts: 2 }));
    expect(summary.complete).toBe(false);
    expect(summary.missing).toEqual({ count: 3, ranges: [{ from: "00020", to: "00022" }], rangeCount: 1 });
    expect(summary.failures.map((f) => f.prefix)).toEqual(["00020", "00021", "00022"].filter((p) => summary.failures.some((f) => f.prefix === p)));
    expect(summary.failures[0]!.failure).toEqual({ kind: "status", status: 500 });
    expect(existsSync(join(dir, "00007.txt"))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, MANIFEST_FILE), "utf8")).completedAt).toBeNull();
    api.hook = undefined;
    const before = server.requests.length;
    const second = await downloadRanges(options());
    expect(requestsFor(server).slice(before).sort()).toEqual(["00020", "00021", "00022"]);
    expect(second).toMatchObject({ complete: true, refresh: false, kept: 253, fetched: 3 });
  });

  it("refuses bodies the strict parser refuses, and answers without a proven end", async () => {
    const { api, dir, options } = await setup();
    api.hook = (_req, res, info) => {
      if (info.prefix === "00005") {
        const body = "<html>proxy error</html>";
        res.writeHead(200, { "content-length": body.length });
        res.end(body);
        return true;
      }
      if (info.prefix === "00006") {
        // No Content-Length and not chunked: ends when the connection closes.
        res.useChunkedEncodingByDefault = false;
        res.shouldKeepAlive = false;
        res.writeHead(200, { connection: "close" });
        res.end(rangeBodyFor("00006", "sha1"));
        return true;
      }
      return false;
    };
    const summary = await downloadRanges(options({ maxAttempts: 1 }));
    expect(summary.missing.count).toBe(2);
    expect(summary.failures.map((f) => f.failure.kind).sort()).toEqual(["malformed", "unframed"]);
    expect(existsSync(join(dir, "00005.txt"))).toBe(false);
    expect(existsSync(join(dir, "00006.txt"))).toBe(false);
  });

  it("refuses encoded and oversized answers, and reads past a long error page to the next answer", async () => {
    const { api, server, dir, options } = await setup();
    api.hook = (_req, res, info) => {
      if (info.prefix === "00003") {
        const body = Buffer.alloc(300_000, 0x41);
        res.writeHead(200, { "content-encoding": "gzip", "content-length": body.length });
        res.end(body);
        return true;
      }
      if (info.prefix === "00004") {
        // Past the 4 MiB a range answer may have, in chunks.
        res.writeHead(200);
        for (let i = 0; i < 5; i++) res.write(Buffer.alloc(1024 * 1024, 0x30));
        res.end();
        return true;
      }
      if (info.prefix === "00009" && info.attempt === 1) {
        const page = `<html>${"busy ".repeat(60_000)}</html>`;
        res.writeHead(502, { "content-length": Buffer.byteLength(page) });
        res.end(page);
        return true;
      }
      return false;
    };
    const summary = await downloadRanges(options({ maxAttempts: 2 }));
    expect(summary.missing).toEqual({ count: 2, ranges: [{ from: "00003", to: "00004" }], rangeCount: 1 });
    expect(Object.fromEntries(summary.failures.map((f) => [f.prefix, f.failure.kind]))).toEqual({ "00003": "encoded", "00004": "too-large" });
    // Encoded and oversized answers are not asked again; the 502 is, and its second answer is kept.
    expect(requestsFor(server).filter((p) => p === "00003" || p === "00004" || p === "00009").sort()).toEqual(["00003", "00004", "00009", "00009"]);
    expect(readFileSync(join(dir, "00009.txt"), "latin1")).toBe(rangeBodyFor("00009", "sha1"));
  });

  it("--format file writes one sorted HASH:COUNT file the offline reader and verify accept", async () => {
    const { dir, options } = await setup();
    const heard: { done: number; total: number; writing?: boolean }[] = [];
    const summary = await downloadRanges(options({ format: "file", range: { first: 0, last: 15 }, onProgress: (p) => heard.push(p) }));
    expect(summary.sortedFile).toBe(join(dir, "pwnedpasswords.txt"));
    // Writing the file is said too, after the download: a bar does not sit at its end meanwhile.
    const writing = heard.filter((p) => p.writing === true);
    expect(writing.at(-1)).toMatchObject({ done: 16, total: 16, writing: true });
    expect(heard.indexOf(writing[0]!)).toBeGreaterThan(heard.findIndex((p) => p.done === 16 && p.writing !== true));
    const text = readFileSync(summary.sortedFile!, "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines).toHaveLength(64);
    expect([...lines].sort()).toEqual(lines);
    expect(lines[0]).toBe(`00000${rangeLines("00000", "sha1")[0]}`);
    const verification = await verifyData(summary.sortedFile!);
    expect(verification.problemCount).toBe(0);
    expect(verification.missingPrefixes.ranges[0]).toEqual({ from: prefixHex(16), to: "FFFFF" });
  });

  it("NTLM: asks with mode=ntlm and writes 27-digit suffixes", async () => {
    const { server, dir, options } = await setup();
    await downloadRanges(options({ mode: "ntlm", range: { first: 0, last: 3 } }));
    expect(server.requests.every((r) => r.url.endsWith("?mode=ntlm"))).toBe(true);
    expect((await verifyData(dir)).mode).toBe("ntlm");
  });
});
