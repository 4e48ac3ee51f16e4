/**
 * `harden serve`: the Pwned Passwords range API from downloaded data, as the real service
 * answers it: GET /range/{5 hex} (any case), `?mode=ntlm` for NTLM, upper-case SUFFIX:COUNT
 * lines joined by CRLF, `Add-Padding: true` honoured with count-0 lines, 400 for a bad prefix,
 * gzip or br when asked. Every answer has a Content-Length, so a client can prove it whole.
 * Counts only are kept; the prefixes asked for are handed out only when `onRequest` is given.
 */
import { hash, randomFillSync, randomInt } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { SUFFIX_LENGTH, type HashMode } from "../breach/hash.js";
import type { RangeSource } from "./ranges.js";

export interface ServeCounts {
  requests: number;
  /** 200 (and 304) answers with a range. */
  ranges: number;
  /** 400, 404, 405 answers. */
  refused: number;
  /** Prefixes the data lacks or holds damaged (answered 404 or 500: "could not check" for the client). */
  failed: number;
}

export interface RangeServerOptions {
  source: RangeSource;
  host: string;
  port: number;
  /** Called for every request; only given with --log-prefixes. */
  onRequest?: (request: { method: string; path: string; status: number }) => void;
}

export interface RunningRangeServer {
  readonly address: { host: string; port: number };
  readonly counts: Readonly<ServeCounts>;
  close(): Promise<void>;
}

const PATH = /^\/range\/([0-9A-Fa-f]{5})$/;
const RANGE_PATH = /^\/range\//;
/** The Cloudflare blog's padded size: 800 to 1,000 lines. */
const PADDED_MIN = 800;
const PADDED_MAX = 1000;

export async function startRangeServer(options: RangeServerOptions): Promise<RunningRangeServer> {
  const counts: ServeCounts = { requests: 0, ranges: 0, refused: 0, failed: 0 };
  const server: Server = createServer((request, response) => {
    counts.requests++;
    handle(options.source, request, response, counts)
      .catch(() => send(response, request, 500, "Internal error\n"))
      .finally(() => options.onRequest?.({ method: request.method ?? "", path: (request.url ?? "").split("?")[0]!.slice(0, 64), status: response.statusCode }));
  });
  // A room of laptops keeps connections open between checks.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    address: { host: address.address, port: address.port },
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(source: RangeSource, request: IncomingMessage, response: ServerResponse, counts: ServeCounts): Promise<void> {
  const url = new URL(request.url ?? "/", "http://harden.invalid");
  // Any web page may ask, as of the real service, and read its errors too.
  response.setHeader("access-control-allow-origin", "*");
  if (!RANGE_PATH.test(url.pathname)) {
    counts.refused++;
    return send(response, request, 404, "Not found: ask for /range/{first 5 characters of the hash}\n");
  }
  // The preflight a browser sends first for a request with Add-Padding: the real service's answer, to the header.
  if (request.method === "OPTIONS") {
    response.setHeader("access-control-allow-methods", "GET");
    response.setHeader("access-control-allow-headers", "Add-Padding");
    response.setHeader("access-control-max-age", "1728000");
    response.setHeader("content-length", 0);
    response.statusCode = 200;
    response.end();
    return;
  }
  if (request.method !== "GET" && request.method !== "HEAD") {
    counts.refused++;
    response.setHeader("allow", "GET, HEAD, OPTIONS");
    return send(response, request, 405, "Method not allowed\n");
  }
  const match = PATH.exec(url.pathname);
  if (!match) {
    counts.refused++;
    // /range/ itself is what a phone opens from the room's QR code: say what the address is for.
    const asked = String(request.headers.host ?? "");
    const host = /^[A-Za-z0-9.:[\]-]{1,100}$/.test(asked) ? asked : "ADDRESS:PORT";
    const hint = url.pathname === "/range/" ? `This address is a breach data server for harden. To check passwords against it, run:\nharden password --range-url http://${host}/range/\n` : "";
    return send(response, request, 400, `The hash prefix was not in a valid format\n${hint}`);
  }
  // Like the real service: only "ntlm" picks NTLM; any other mode value is SHA-1.
  const mode: HashMode = url.searchParams.get("mode") === "ntlm" ? "ntlm" : "sha1";
  if (mode !== source.mode) {
    counts.refused++;
    return send(response, request, 404, `This server holds only ${source.mode === "sha1" ? "SHA-1" : "NTLM"} data\n`);
  }
  const prefix = match[1]!.toUpperCase();
  const found = await source.linesOf(prefix);
  if (!found.ok) {
    counts.failed++;
    // Never an empty 200: a client would read it as "not in any breach".
    return send(response, request, found.problem === "missing" ? 404 : 500, found.problem === "missing" ? "This server's data has no range for this prefix\n" : "This server's data for this prefix is damaged\n");
  }
  counts.ranges++;
  const padded = String(request.headers["add-padding"]).toLowerCase() === "true";
  const encoding = pickEncoding(request.headers["accept-encoding"]);
  response.setHeader("vary", "Accept-Encoding, Add-Padding");
  response.setHeader("cache-control", "public, max-age=2678400");
  // One ETag per range and coding: a strong ETag names exactly the bytes sent (RFC 9110 8.8.3). A
  // padded answer is new bytes each time: no ETag names it, and its range is not hashed for one.
  if (!padded) {
    const etag = `"${hash("sha1", found.body, "hex").slice(0, 20)}${encoding === undefined ? "" : `-${encoding}`}"`;
    response.setHeader("etag", etag);
    if (noneMatch(request.headers["if-none-match"], etag)) {
      response.statusCode = 304;
      response.end();
      return;
    }
  }
  const body = padded ? withPadding(found.body, found.lines, mode) : found.body;
  const sent = encoding === "br" ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } }) : encoding === "gzip" ? gzipSync(body, { level: 6 }) : body;
  if (encoding !== undefined) response.setHeader("content-encoding", encoding);
  response.setHeader("content-type", "text/plain");
  response.setHeader("content-length", sent.length);
  response.statusCode = 200;
  response.end(request.method === "HEAD" ? undefined : sent);
}

function send(response: ServerResponse, request: IncomingMessage, status: number, text: string): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = Buffer.from(text);
  response.statusCode = status;
  response.setHeader("content-type", "text/plain");
  response.setHeader("content-length", body.length);
  response.end(request.method === "HEAD" ? undefined : body);
}

/**
 * The body with count-0 lines added: enough to reach a random total of 800 to 1,000 lines (the
 * Cloudflare blog's size), and never fewer than a random 10 to 209 (what the service's worker
 * adds to every range), so a range of more than about 790 lines grows as the worker's would.
 * They are merged in order with the real ones so their place says nothing either. `body` is
 * `lines` SUFFIX:COUNT lines in rising order joined by CRLF, as a range source gives it; the
 * answer is built in one buffer in one pass, without a string per line.
 */
export function withPadding(body: Buffer, lines: number, mode: HashMode): Buffer {
  const length = SUFFIX_LENGTH[mode];
  const width = Math.ceil(length / 2);
  const target = randomInt(PADDED_MIN, PADDED_MAX + 1);
  const extra = Math.max(target - lines, randomInt(10, 210));
  const random = randomBytesFromPool(extra * width);
  const order = padOrder(random, extra, length);
  const pad = Buffer.allocUnsafe(length + 4);
  pad.write(":0\r\n", length, "latin1");
  const lineView = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const padView = new DataView(pad.buffer, pad.byteOffset, pad.byteLength);
  const out = Buffer.allocUnsafe(body.length + 2 + extra * pad.length);
  const end = body.length;
  let written = 0;
  // Real lines are copied a run at a time, from `run` to `at`, the start of the next line yet to
  // place (end + 2 once past the last one, which has no CRLF of its own).
  let run = 0;
  let at = 0;
  const copyRun = () => {
    if (run === at) return;
    written += body.copy(out, written, run, Math.min(at, end));
    if (at > end) written += out.write("\r\n", written, "latin1");
    run = at;
  };
  for (let n = 0; n < extra; n++) {
    const first = order[n]! * width;
    for (let k = 0; k < length; k++) pad[k] = HEX_DIGITS[digit(random, first, k)]!;
    while (at < end && suffixBefore(lineView, at, padView, length)) {
      // Past the suffix, the colon and the first digit, to the CRLF.
      at += length + 2;
      while (at < end && body[at] !== 13) at++;
      at += 2;
    }
    copyRun();
    written += pad.copy(out, written);
  }
  at = end + 2;
  copyRun();
  // Every line was written with a CRLF after it; the service sends none after the last.
  return out.subarray(0, written - 2);
}

const HEX_DIGITS = Buffer.from("0123456789ABCDEF", "latin1");

/** Random bytes drawn from the system a 64 KiB block at a time (each byte used once): a call per block, not per answer. */
const POOL_BYTES = 64 * 1024;
let pool = Buffer.alloc(0);
let poolAt = 0;

function randomBytesFromPool(length: number): Buffer {
  if (length > POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(length));
  if (poolAt + length > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    poolAt = 0;
  }
  poolAt += length;
  return pool.subarray(poolAt - length, poolAt);
}

/**
 * Whether the suffix of the line at `at` sorts before the pad's, four bytes at a time (big-endian
 * words compare as their bytes do); the pad's colon ends the comparison of the last word.
 */
function suffixBefore(line: DataView, at: number, pad: DataView, length: number): boolean {
  for (let k = 0; k < length; k += 4) {
    const a = line.getUint32(at + k);
    const b = pad.getUint32(k);
    if (a !== b) return a < b;
  }
  return false;
}

/** Hex digit k (0 the first) of the pad whose random bytes start at `at`, as a number 0-15. */
const digit = (random: Uint8Array, at: number, k: number) => (k & 1 ? random[at + (k >> 1)]! & 15 : random[at + (k >> 1)]! >> 4);

/** Index bits below a 40-bit sort key: a padded answer never needs this many pads. */
const INDEX_BITS = 13;

/**
 * The order of `count` pads, pad i being the first `length` hex digits of `random`'s i-th run of
 * ceil(length / 2) bytes: the pads' indices, their suffixes rising. Sorted by their first 40 bits
 * and their index in one native sort of numbers, then put right where those bits tie by one
 * insertion pass (all but free when nothing ties).
 */
export function padOrder(random: Uint8Array, count: number, length: number): Int32Array {
  const width = Math.ceil(length / 2);
  if (count >= 2 ** INDEX_BITS || random.length < count * width) throw new RangeError(`cannot make ${count} pads`);
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const at = i * width;
    const top = random[at]! * 2 ** 32 + (((random[at + 1]! << 24) | (random[at + 2]! << 16) | (random[at + 3]! << 8) | random[at + 4]!) >>> 0);
    keys[i] = top * 2 ** INDEX_BITS + i;
  }
  keys.sort();
  const order = new Int32Array(count);
  for (let n = 0; n < count; n++) order[n] = keys[n]! % 2 ** INDEX_BITS;
  const less = (a: number, b: number) => {
    for (let k = 0; k < length; k++) {
      const x = digit(random, a * width, k);
      const y = digit(random, b * width, k);
      if (x !== y) return x < y;
    }
    return false;
  };
  for (let n = 1; n < count; n++) {
    // Pads whose first 40 bits differ are already in order.
    if (Math.floor(keys[n]! / 2 ** INDEX_BITS) !== Math.floor(keys[n - 1]! / 2 ** INDEX_BITS)) continue;
    const pad = order[n]!;
    let m = n;
    for (; m > 0 && less(pad, order[m - 1]!); m--) order[m] = order[m - 1]!;
    order[m] = pad;
  }
  return order;
}

/**
 * br or gzip, by the client's preference (q-values; `*` stands for any coding not named, x-gzip
 * for gzip), br on a tie; undefined for the plain body, which is also sent when the client
 * refuses every coding, identity included (RFC 9110 lets a server disregard the header then).
 */
function pickEncoding(header: string | string[] | undefined): "br" | "gzip" | undefined {
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(",") : (header ?? "")).toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((piece) => piece.trim());
    if (!name) continue;
    const q = params.find((param) => param.startsWith("q="));
    // A q-value RFC 9110 does not allow (above 1, more than three decimals) makes that coding unacceptable.
    const weight = q === undefined ? 1 : /^q=(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(q) ? Number(q.slice(2)) : 0;
    weights.set(name === "x-gzip" ? "gzip" : name, weight);
  }
  const weight = (coding: string) => weights.get(coding) ?? weights.get("*") ?? 0;
  const [br, gzip] = [weight("br"), weight("gzip")];
  if (br > 0 && br >= gzip) return "br";
  if (gzip > 0) return "gzip";
  return undefined;
}

/** If-None-Match against the ETag about to be sent: any of its list, or `*`, by weak comparison (RFC 9110 13.1.2). */
function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}
