import { connect } from "node:net";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { request } from "undici";
import { sha1Hex } from "../../src/breach/hash.js";
import { createRangeClient } from "../../src/breach/rangeClient.js";
import { openRangeSource } from "../../src/serve/ranges.js";
import { startRangeServer, type RunningRangeServer } from "../../src/serve/rangeServer.js";
import { knownEntries, randomEntries, writePrefixFolder, writeSortedFile, ABSENT_PASSWORD, KNOWN_PASSWORDS, type Entry } from "../fixtures/breach/datasets.js";
import { tempDir } from "../helpers/fixtures.js";
import { join } from "node:path";
import { mkdirSync, writeFileSync } from "node:fs";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function serving(kind: "folder" | "file", entries?: Entry[], onRequest?: (r: { method: string; path: string; status: number }) => void) {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const data = entries ?? [...(await knownEntries("sha1")), ...randomEntries("sha1", 300)];
  let path: string;
  if (kind === "folder") {
    path = join(t.dir, "ranges");
    await writePrefixFolder(path, data);
  } else {
    path = join(t.dir, "pwned.txt");
    await writeSortedFile(path, data);
  }
  const source = await openRangeSource(path);
  const server = await startRangeServer({ source, host: "127.0.0.1", port: 0, onRequest });
  cleanups.push(async () => {
    await server.close();
    await source.close();
  });
  return { server, url: `http://127.0.0.1:${server.address.port}/range/`, data };
}

/** One request on a raw socket: what went over the wire, byte for byte. */
function raw(server: RunningRangeServer, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.address.port, "127.0.0.1");
    let out = "";
    socket.on("data", (d) => (out += d.toString("latin1")));
    socket.on("end", () => resolve(out));
    socket.on("error", reject);
    socket.write(text);
  });
}

describe("harden serve's range server", () => {
  for (const kind of ["folder", "file"] as const) {
    it(`harden's own client gets the same answers as from the data (${kind})`, async () => {
      const { url } = await serving(kind);
      const client = createRangeClient({ version: "test", baseUrl: url });
      cleanups.push(() => client.close());
      const hashes = [...KNOWN_PASSWORDS.map(([p]) => sha1Hex(p)), sha1Hex(ABSENT_PASSWORD)];
      const results = await client.checkMany(hashes);
      expect(results.slice(0, -1)).toEqual(KNOWN_PASSWORDS.map(([, count]) => ({ status: "found", count })));
      // Absent: its prefix either has other hashes (not found) or no data here (could not check), never a guess.
      expect(["not-found", "unknown"]).toContain(results.at(-1)!.status);
    });
  }

  it("frames exactly like the service: upper case, CRLF, Content-Length, no trailing line break", async () => {
    const { server, data } = await serving("folder");
    const prefix = data[0]![0].slice(0, 5).toLowerCase();
    const response = await raw(server, `GET /range/${prefix} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    const [head, body] = response.split("\r\n\r\n") as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(head).toMatch(/\r\ncontent-length: \d+/i);
    expect(head).not.toMatch(/transfer-encoding/i);
    expect(Number(/content-length: (\d+)/i.exec(head)![1])).toBe(Buffer.byteLength(body, "latin1"));
    const lines = body.split("\r\n");
    expect(lines.every((l) => /^[0-9A-F]{35}:[1-9]\d*$/.test(l))).toBe(true);
    expect(body.endsWith("\r\n")).toBe(false);
    const expected = data.filter(([h]) => h.toUpperCase().startsWith(prefix.toUpperCase())).map(([h, c]) => `${h.toUpperCase().slice(5)}:${c}`).sort();
    expect(lines).toEqual(expected);
  });

  it("Add-Padding: count-0 lines to 800-1,000 lines, real lines all kept; no padding without it", async () => {
    const { url, data } = await serving("file");
    const prefix = data[0]![0].slice(0, 5);
    const plain = await (await request(`${url}${prefix}`)).body.text();
    const sizes = new Set<number>();
    for (let i = 0; i < 5; i++) {
      const padded = await (await request(`${url}${prefix}`, { headers: { "add-padding": "true" } })).body.text();
      const lines = padded.split("\r\n");
      sizes.add(lines.length);
      expect(lines.length).toBeGreaterThanOrEqual(800);
      expect(lines.length).toBeLessThanOrEqual(1000);
      expect(lines.filter((l) => !l.endsWith(":0")).sort()).toEqual(plain.split("\r\n"));
      expect(lines.filter((l) => l.endsWith(":0")).every((l) => /^[0-9A-F]{35}:0$/.test(l))).toBe(true);
    }
    expect(sizes.size).toBeGreaterThan(1);
  });

  it("400 for a bad prefix, 404 for NTLM from SHA-1 data and for a prefix the data lacks, 405 for POST", async () => {
    const { url, data } = await serving("folder");
    expect((await request(`${url}ABCD`)).statusCode).toBe(400);
    expect((await request(`${url}ABCDEF`)).statusCode).toBe(400);
    expect((await request(`${url}GHIJK`)).statusCode).toBe(400);
    const prefix = data[0]![0].slice(0, 5);
    expect((await request(`${url}${prefix}?mode=ntlm`)).statusCode).toBe(404);
    expect((await request(`${url}${prefix}?mode=sha1`)).statusCode).toBe(200);
    const present = new Set(data.map(([h]) => h.slice(0, 5).toUpperCase()));
    const lacking = ["00000", "11111", "ABCDE", "FEDCB"].find((p) => !present.has(p))!;
    expect((await request(`${url}${lacking}`)).statusCode).toBe(404);
    expect((await request(`${url}${prefix}`, { method: "POST" })).statusCode).toBe(405);
  });

  it("gzip and br when asked, with Content-Length of the compressed body", async () => {
    const { url, data } = await serving("folder");
    const prefix = data[0]![0].slice(0, 5);
    const plain = await (await request(`${url}${prefix}`)).body.text();
    const gz = await request(`${url}${prefix}`, { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const gzBody = Buffer.from(await gz.body.arrayBuffer());
    expect(Number(gz.headers["content-length"])).toBe(gzBody.length);
    expect(gunzipSync(gzBody).toString()).toBe(plain);
    const br = await request(`${url}${prefix}`, { headers: { "accept-encoding": "gzip, br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(Buffer.from(await br.body.arrayBuffer())).toString()).toBe(plain);
  });

  it("follows the client's q-values for the coding (x-gzip is gzip, * any other), plain when it refuses both", async () => {
    const { url, data } = await serving("folder");
    const prefix = data[0]![0].slice(0, 5);
    const coding = async (accept: string) => {
      const r = await request(`${url}${prefix}`, { headers: { "accept-encoding": accept } });
      await r.body.arrayBuffer();
      return r.headers["content-encoding"] ?? "plain";
    };
    expect(await coding("br;q=0.1, gzip;q=1")).toBe("gzip");
    expect(await coding("gzip;q=0.5, br;q=0.5")).toBe("br");
    expect(await coding("x-gzip")).toBe("gzip");
    expect(await coding("*")).toBe("br");
    expect(await coding("*;q=0.2, br;q=0")).toBe("gzip");
    expect(await coding("br;q=0, gzip;q=0, identity;q=0")).toBe("plain");
    expect(await coding("identity")).toBe("plain");
    expect(await coding("br;q=1.5, gzip")).toBe("gzip");
    expect(await coding("br;q=0.0001, gzip;q=0.2")).toBe("gzip");
  });

  it("one ETag per coding; If-None-Match by weak comparison, in a list, or *; 304 only without padding", async () => {
    const { url, data } = await serving("folder");
    const at = `${url}${data[0]![0].slice(0, 5)}`;
    const etagOf = async (accept?: string) => {
      const r = await request(at, { headers: accept ? { "accept-encoding": accept } : {} });
      await r.body.arrayBuffer();
      return String(r.headers.etag);
    };
    const [plain, gz, br] = [await etagOf(), await etagOf("gzip"), await etagOf("br")];
    expect(new Set([plain, gz, br]).size).toBe(3);
    expect(gz).toBe(plain.replace(/"$/, '-gzip"'));
    const status = async (ifNoneMatch: string, headers: Record<string, string> = {}) => {
      const r = await request(at, { headers: { "if-none-match": ifNoneMatch, ...headers } });
      await r.body.arrayBuffer();
      return r.statusCode;
    };
    expect(await status(plain)).toBe(304);
    expect(await status(`W/${plain}`)).toBe(304);
    expect(await status(`"other", ${plain}`)).toBe(304);
    expect(await status("*")).toBe(304);
    expect(await status(gz)).toBe(200);
    expect(await status(gz, { "accept-encoding": "gzip" })).toBe(304);
    expect(await status(plain, { "add-padding": "true" })).toBe(200);
    // A padded answer is new bytes each time: it names no ETag.
    const padded = await request(at, { headers: { "add-padding": "true" } });
    await padded.body.arrayBuffer();
    expect(padded.headers.etag).toBeUndefined();
  });

  it("answers a browser's preflight as the real service does, and lets any page read its errors", async () => {
    const { url, data } = await serving("folder");
    const pre = await request(`${url}${data[0]![0].slice(0, 5)}`, { method: "OPTIONS", headers: { origin: "https://example.org", "access-control-request-method": "GET", "access-control-request-headers": "add-padding" } });
    await pre.body.arrayBuffer();
    expect(pre.statusCode).toBe(200);
    expect(pre.headers).toMatchObject({ "access-control-allow-origin": "*", "access-control-allow-methods": "GET", "access-control-allow-headers": "Add-Padding", "access-control-max-age": "1728000" });
    const elsewhere = await request(url.replace(/range\/$/, "other"));
    await elsewhere.body.arrayBuffer();
    expect([elsewhere.statusCode, elsewhere.headers["access-control-allow-origin"]]).toEqual([404, "*"]);
    const bad = await request(`${url}GHIJK`);
    await bad.body.arrayBuffer();
    expect([bad.statusCode, bad.headers["access-control-allow-origin"]]).toEqual([400, "*"]);
    // What a phone shows after scanning the room's code: the command to run, with this address.
    const home = await request(url);
    expect(home.statusCode).toBe(400);
    expect(await home.body.text()).toContain(`harden password --range-url ${url}`);
    const post = await request(`${url}00000`, { method: "POST" });
    await post.body.arrayBuffer();
    expect([post.statusCode, post.headers.allow]).toEqual([405, "GET, HEAD, OPTIONS"]);
  });

  it("NTLM data answers ?mode=ntlm only", async () => {
    const { url, data } = await serving("folder", [...(await knownEntries("ntlm")), ...randomEntries("ntlm", 50)]);
    const prefix = data[0]![0].slice(0, 5);
    expect((await request(`${url}${prefix}`)).statusCode).toBe(404);
    const r = await request(`${url}${prefix}?mode=ntlm`);
    expect(r.statusCode).toBe(200);
    expect((await r.body.text()).split("\r\n").every((l) => /^[0-9A-F]{27}:\d+$/.test(l))).toBe(true);
  });

  it("a folder file in another tool's form (lower case, LF, a padding line) is served in the service's form", async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const folder = join(t.dir, "ranges");
    mkdirSync(folder);
    writeFileSync(join(folder, "00000.txt"), `${"b".repeat(35)}:7\n${"0".repeat(35)}:0\n${"a".repeat(35)}:3\n`);
    const source = await openRangeSource(folder);
    cleanups.push(() => source.close());
    const lines = await source.linesOf("00000");
    expect(lines.ok && { body: lines.body.toString("latin1"), lines: lines.lines }).toEqual({ body: `${"A".repeat(35)}:3\r\n${"B".repeat(35)}:7`, lines: 2 });
    writeFileSync(join(folder, "00001.txt"), "not a range\n");
    expect(await source.linesOf("00001")).toEqual({ ok: false, problem: "damaged" });
  });

  it("keeps counts; hands out request lines only to onRequest", async () => {
    const seen: string[] = [];
    const { server, url, data } = await serving("folder", undefined, (r) => seen.push(`${r.method} ${r.path} ${r.status}`));
    const prefix = data[0]![0].slice(0, 5);
    await (await request(`${url}${prefix}`)).body.text();
    await (await request(`${url}XYZ`)).body.text();
    expect(server.counts).toMatchObject({ requests: 2, ranges: 1, refused: 1 });
    expect(seen).toEqual([`GET /range/${prefix} 200`, "GET /range/XYZ 400"]);
  });
});
