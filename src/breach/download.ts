/**
 * `harden data download`: every range of the Pwned Passwords API into a folder of `PREFIX.txt`
 * files (the layout the offline reader and `harden serve` read), optionally combined into one
 * sorted HASH:COUNT file. Each body is checked by the strict range parser before it is written,
 * and written by temp+rename, so a file that exists is a whole answer. A second run fetches only
 * what is missing or damaged; once a download is complete, a run asks again with If-None-Match
 * and rewrites only the prefixes that changed. A journal (one line per fetched prefix, appended
 * as it goes) keeps the ETags across Ctrl-C or a crash; the manifest gathers them at the end.
 *
 * No text for people here: outcomes are data, worded by output/downloadView.ts.
 */
import { closeSync, constants, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { opendir } from "node:fs/promises";
import { join } from "node:path";
import { Agent, type Dispatcher } from "undici";
import { errorCode } from "../errors.js";
import { readRegularFile, readRegularFileSync } from "../files/regular.js";
import { replaceFileSync, replaceFileUnsynced } from "../files/replace.js";
import { PREFIX_LENGTH, type HashMode } from "./hash.js";
import { PREFIX_COUNT } from "./hashLines.js";
import { normalizeBytes } from "./canonicalBody.js";
import { hasProvenEnd, parseRetryAfterMs, sleep } from "./rangeClient.js";

export const MANIFEST_FILE = "harden-download.json";
export const JOURNAL_FILE = "harden-download.journal";
/** Each prefix's ETag, one `PREFIX ETAG` line each, in prefix order: a million of them do not fit a JSON object cheaply. */
export const ETAGS_FILE = "harden-download.etags";
export const MANIFEST_FORMAT = "harden-range-download";
export const DEFAULT_DOWNLOAD_CONCURRENCY = 64;
/** The one file `--format file` writes, inside the folder. */
export const SORTED_FILE: Readonly<Record<HashMode, string>> = { sha1: "pwnedpasswords.txt", ntlm: "pwnedpasswords-ntlm.txt" };

export type DownloadFormat = "folder" | "file";

/** First and last prefix, both included, as numbers 0..16^5-1. */
export interface PrefixRange {
  readonly first: number;
  readonly last: number;
}

export const FULL_RANGE: PrefixRange = { first: 0, last: PREFIX_COUNT - 1 };

export const prefixHex = (n: number) => n.toString(16).toUpperCase().padStart(PREFIX_LENGTH, "0");

/** "00000-0FFFF" or one prefix; undefined when it is not that shape or runs backwards. */
export function parsePrefixRange(text: string): PrefixRange | undefined {
  const match = /^([0-9A-Fa-f]{5})(?:-([0-9A-Fa-f]{5}))?$/.exec(text.trim());
  if (!match) return undefined;
  const first = Number.parseInt(match[1]!, 16);
  const last = match[2] === undefined ? first : Number.parseInt(match[2], 16);
  return last < first ? undefined : { first, last };
}

/** Why one prefix could not be had, as data. */
export type PrefixFailure =
  | { readonly kind: "status"; readonly status: number }
  | { readonly kind: "network"; readonly code: string }
  | { readonly kind: "timeout" }
  | { readonly kind: "unframed" }
  | { readonly kind: "encoded" }
  | { readonly kind: "too-large" }
  | { readonly kind: "malformed" }
  | { readonly kind: "write"; readonly code: string };

export interface DownloadProgress {
  /** Prefixes settled this run (kept, fetched, unchanged or failed). */
  readonly done: number;
  readonly total: number;
  /** Body bytes received this run. */
  readonly bytes: number;
  readonly elapsedMs: number;
  /** Writing the sorted file (--format file), after the download: done counts the prefixes written. */
  readonly writing?: boolean;
}

export interface DownloadOptions {
  dir: string;
  mode: HashMode;
  format: DownloadFormat;
  baseUrl: string;
  version: string;
  concurrency?: number;
  range?: PrefixRange;
  now?: () => Date;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  maxAttempts?: number;
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  maxRetryAfterMs?: number;
  timeoutMs?: number;
}

export interface DownloadSummary {
  readonly dir: string;
  readonly mode: HashMode;
  readonly format: DownloadFormat;
  readonly range: { readonly from: string; readonly to: string; readonly count: number };
  /** A refresh of a complete download (If-None-Match), or a first run / resume. */
  readonly refresh: boolean;
  /** Sound files found and kept without asking (a resume). */
  readonly kept: number;
  /** Fetched with a 200 and written. */
  readonly fetched: number;
  /** Of the fetched, files that existed before and now differ (a refresh). */
  readonly changed: number;
  /** 304 Not Modified answers. */
  readonly unchanged: number;
  /** Files found damaged and fetched again. */
  readonly repaired: number;
  readonly bytes: number;
  readonly seconds: number;
  readonly complete: boolean;
  /** Prefixes without a sound file at the end. */
  readonly missing: { readonly count: number; readonly ranges: readonly { from: string; to: string }[]; readonly rangeCount: number };
  /** The first few failures, with their prefix. */
  readonly failures: readonly { readonly prefix: string; readonly failure: PrefixFailure }[];
  readonly failureCount: number;
  /** The sorted file written (--format file, complete downloads only). */
  readonly sortedFile?: string;
  readonly manifest: string;
}

/** What the manifest holds: what was downloaded, from where, when, and each prefix's ETag. */
export interface DownloadManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 1;
  readonly mode: HashMode;
  readonly source: string;
  readonly range: { readonly from: string; readonly to: string; readonly count: number };
  readonly startedAt: string;
  readonly updatedAt: string;
  /** When the last run ended with every prefix present; null while incomplete. */
  readonly completedAt: string | null;
  readonly present: number;
  readonly missing: number;
  readonly lastRun: { readonly fetched: number; readonly changed: number; readonly unchanged: number; readonly kept: number; readonly repaired: number; readonly failed: number };
  /** The file beside it with each prefix's ETag, and how many it holds. */
  readonly etagsFile: typeof ETAGS_FILE;
  readonly etagCount: number;
}

const MAX_LISTED = 20;
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** How much of another answer's body is read (and dropped) to keep its connection, as undici's dump() does. */
const DROPPED_BODY_BYTES = 128 * 1024;
const DEFAULTS = { maxAttempts: 5, backoffBaseMs: 500, maxBackoffMs: 16_000, maxRetryAfterMs: 60_000, timeoutMs: 30_000 };
/** An ETag is kept only when it is plain printable ASCII of a sane length. */
const SAFE_ETAG = /^[\x21-\x7e]{1,200}$/;

type Attempt =
  | { readonly ok: true; readonly status: 200; readonly body: Uint8Array; readonly etag?: string }
  | { readonly ok: true; readonly status: 304 }
  | { readonly ok: false; readonly failure: PrefixFailure; readonly retry: boolean; readonly retryAfterMs?: number };

export async function downloadRanges(options: DownloadOptions): Promise<DownloadSummary> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const range = options.range ?? FULL_RANGE;
  const total = range.last - range.first + 1;
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_DOWNLOAD_CONCURRENCY));
  const baseUrl = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`;
  const dir = options.dir;
  removeStaleTemps(dir);

  const previous = readManifest(dir);
  // By place in the range (prefix number - range.first): up to a million strings in an array, not
  // a million map entries, and no more slots than the range has.
  const etags = new Array<string | undefined>(total);
  if (previous && previous.mode === options.mode) readEtagLines(join(dir, ETAGS_FILE), etags, range);
  readEtagLines(join(dir, JOURNAL_FILE), etags, range);
  // A complete download of the same kind and range is refreshed: every prefix asked again, with its ETag.
  const refresh = previous !== undefined && previous.completedAt !== null && previous.mode === options.mode;
  const startedAt = refresh || previous === undefined || previous.mode !== options.mode ? now().toISOString() : previous.startedAt;

  const journal = openSync(join(dir, JOURNAL_FILE), constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0), 0o600);
  const agent = new Agent({ connections: concurrency, connectTimeout: 10_000, headersTimeout: settings.timeoutMs, bodyTimeout: settings.timeoutMs });
  const present = new Uint8Array(total);
  const failures: { prefix: string; failure: PrefixFailure }[] = [];
  let failureCount = 0;
  const counts = { kept: 0, fetched: 0, changed: 0, unchanged: 0, repaired: 0 };
  let bytes = 0;
  let done = 0;
  let lastProgress = 0;
  const progress = (force = false) => {
    const t = performance.now();
    if (!force && t - lastProgress < 200) return;
    lastProgress = t;
    options.onProgress?.({ done, total, bytes, elapsedMs: t - started });
  };

  // One listing of the folder says which files exist (a bit each), so a first run opens none.
  const listed = await listedPrefixes(dir, range);
  const work = async (i: number) => {
    const prefix = prefixHex(range.first + i);
    // What is there already: a sound file is a whole answer (it was written by rename after the
    // strict check), so a resume keeps it; a damaged one is fetched again.
    const found = listed[i] === 1 ? await readSound(dir, prefix, options.mode) : undefined;
    const old = found === "damaged" ? undefined : found;
    if (old !== undefined && !refresh) {
      present[i] = 1;
      counts.kept++;
      done++;
      progress();
      return;
    }
    const etag = old !== undefined ? etags[i] : undefined;
    // The answer's bytes live in a buffer of the pool until this prefix is written.
    const scratch = buffers.pop() ?? { buffer: Buffer.allocUnsafe(64 * 1024) };
    let handedOver = false;
    try {
      handedOver = await fetchAndWrite(i, prefix, found, old, etag, scratch);
    } finally {
      if (!handedOver) buffers.push(scratch);
    }
    if (handedOver) return;
    done++;
    progress();
  };
  const buffers: { buffer: Buffer }[] = [];
  /**
   * Files being written, at most `concurrency`: a worker hands its answer to a write and asks for
   * the next prefix, so the requests in flight do not wait on the disk (the limit assumes
   * `concurrency` requests always in flight). A prefix counts as present once its file is renamed
   * into place.
   */
  const writes = new Set<Promise<void>>();
  /** Workers waiting for a write to end, each woken by one (Promise.race over the writes would leave a handler on each per wait). */
  const waiting: (() => void)[] = [];
  /** True when the answer went to a write, which then owns `scratch`, counts the prefix and returns the buffer. */
  const fetchAndWrite = async (i: number, prefix: string, found: Uint8Array | undefined | "damaged", old: Uint8Array | undefined, etag: string | undefined, scratch: { buffer: Buffer }): Promise<boolean> => {
    const outcome = await fetchPrefix(agent, settings, `${baseUrl}${prefix}${options.mode === "ntlm" ? "?mode=ntlm" : ""}`, options, etag, scratch);
    if (outcome.ok && outcome.status === 304) {
      present[i] = 1;
      counts.unchanged++;
    } else if (outcome.ok && outcome.status === 200) {
      bytes += outcome.body.byteLength;
      const body = normalizeBytes(outcome.body, options.mode);
      if (body === undefined) {
        recordFailure(prefix, { kind: "malformed" }, old);
      } else {
        const stored = (changed: boolean) => {
          present[i] = 1;
          counts.fetched++;
          if (changed) counts.changed++;
          if (found === "damaged") counts.repaired++;
          if (outcome.etag !== undefined) {
            etags[i] = outcome.etag;
            writeSync(journal, `${prefix} ${outcome.etag}\n`);
          } else etags[i] = undefined;
        };
        const failedWrite = (error: unknown) => recordFailure(prefix, { kind: "write", code: errorCode(error) ?? "error" }, old);
        if (old !== undefined && Buffer.compare(body, old) === 0) {
          try {
            stored(false);
          } catch (error) {
            failedWrite(error);
          }
          return false;
        }
        // The file, then the journal line: a failure of either is this prefix's write failure.
        const write: Promise<void> = replaceFileUnsynced(join(dir, `${prefix}.txt`), join(dir, tempName(prefix)), body)
          .then(() => stored(old !== undefined))
          .catch(failedWrite)
          .finally(() => {
            writes.delete(write);
            buffers.push(scratch);
            done++;
            progress();
            waiting.shift()?.();
          });
        writes.add(write);
        while (writes.size >= concurrency) await new Promise<void>((wake) => waiting.push(wake));
        return true;
      }
    } else if (!outcome.ok) {
      recordFailure(prefix, outcome.failure, old);
    }
    return false;
  };
  /** A refresh that fails keeps the old file: the prefix is still present, just not re-checked. */
  const recordFailure = (prefix: string, failure: PrefixFailure, old: Uint8Array | undefined) => {
    if (old !== undefined) present[Number.parseInt(prefix, 16) - range.first] = 1;
    failureCount++;
    if (failures.length < MAX_LISTED) failures.push({ prefix, failure });
  };

  try {
    // Indexes, not prefixes, in the pool: a million small strings are made only as they are needed.
    await runPoolRange(total, concurrency, work, options.signal);
  } finally {
    // Stopped or done, every write under way ends (renamed or removed) before the journal closes.
    await Promise.all(writes);
    closeSync(journal);
    await agent.close();
  }
  progress(true);

  const missing = gaps(present, range.first);
  const complete = missing.count === 0;
  const finishedAt = now().toISOString();
  const manifest: DownloadManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    mode: options.mode,
    source: baseUrl,
    range: { from: prefixHex(range.first), to: prefixHex(range.last), count: total },
    startedAt,
    updatedAt: finishedAt,
    completedAt: complete ? finishedAt : null,
    present: total - missing.count,
    missing: missing.count,
    lastRun: { ...counts, failed: failureCount },
    etagsFile: ETAGS_FILE,
    etagCount: countEtags(etags, range),
  };
  replaceFileSync(join(dir, ETAGS_FILE), join(dir, tempName("etags")), etagLines(etags, range));
  const manifestPath = join(dir, MANIFEST_FILE);
  replaceFileSync(manifestPath, join(dir, tempName("manifest")), `${JSON.stringify(manifest, null, 1)}\n`);
  // The ETags are in the manifest now; the journal starts again empty.
  rmSync(join(dir, JOURNAL_FILE), { force: true });

  let sortedFile: string | undefined;
  if (options.format === "file" && complete) {
    sortedFile = join(dir, SORTED_FILE[options.mode]);
    // Minutes for the whole set: said as it goes, not a bar that sits at its end.
    writeSortedFile(dir, sortedFile, range, (written) => options.onProgress?.({ done: written, total, bytes: 0, elapsedMs: performance.now() - started, writing: true }));
  }
  return {
    dir,
    mode: options.mode,
    format: options.format,
    range: manifest.range,
    refresh,
    ...counts,
    bytes,
    seconds: (performance.now() - started) / 1000,
    complete,
    missing,
    failures,
    failureCount,
    sortedFile,
    manifest: manifestPath,
  };
}

function definedOnly(options: DownloadOptions): Partial<typeof DEFAULTS> {
  const out: Partial<typeof DEFAULTS> = {};
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) if (options[key] !== undefined) out[key] = options[key];
  return out;
}

/**
 * A pool of workers over 0..count-1, without an array of a million numbers. On a failure or a
 * stop, the work in flight is let finish before the error is thrown, so nothing writes to the
 * journal after it is closed.
 */
async function runPoolRange(count: number, concurrency: number, work: (i: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < count && failure === undefined) {
      try {
        signal?.throwIfAborted();
        await work(next++);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  if (failure !== undefined) throw failure.error;
}

/** Which prefixes of the range have a file named PREFIX.txt (upper case, as harden writes them). */
async function listedPrefixes(dir: string, range: PrefixRange): Promise<Uint8Array> {
  const listed = new Uint8Array(range.last - range.first + 1);
  const folder = await opendir(dir);
  for await (const entry of folder) {
    const match = /^([0-9A-F]{5})\.txt$/.exec(entry.name);
    if (!match) continue;
    const n = Number.parseInt(match[1]!, 16);
    if (n >= range.first && n <= range.last) listed[n - range.first] = 1;
  }
  return listed;
}

/** Unique within a run by its counter, across runs by the pid; created exclusively, so a clash fails, never overwrites. */
let temps = randomBytes(4).readUInt32BE(0);
const tempName = (what: string) => `.${what}.${process.pid}.${((temps = (temps + 1) >>> 0)).toString(16).padStart(8, "0")}.tmp`;
const TEMP = /^\.[0-9A-Za-z]+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Temporary files a killed run left behind. */
function removeStaleTemps(dir: string): void {
  for (const name of readdirSync(dir)) if (TEMP.test(name)) rmSync(join(dir, name), { force: true });
}

/** The file's bytes when it is a sound range file, "damaged" when it is there but not sound. */
async function readSound(dir: string, prefix: string, mode: HashMode): Promise<Uint8Array | undefined | "damaged"> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(join(dir, `${prefix}.txt`), "range file", MAX_BODY_BYTES);
  } catch (error) {
    return errorCode(error) === "ENOENT" ? undefined : "damaged";
  }
  // Canonical bytes come back as they are; only a rewritten body needs comparing.
  const normal = normalizeBytes(bytes, mode);
  return normal === bytes || (normal !== undefined && Buffer.compare(normal, bytes) === 0) ? bytes : "damaged";
}

async function fetchPrefix(agent: Agent, settings: typeof DEFAULTS, url: string, options: DownloadOptions, etag: string | undefined, scratch: { buffer: Buffer }): Promise<Attempt> {
  let last: Attempt | undefined;
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    options.signal?.throwIfAborted();
    last = await attemptOnce(agent, settings, url, options, etag, scratch);
    if (last.ok || !last.retry || attempt === settings.maxAttempts) return last;
    const ceiling = Math.min(settings.backoffBaseMs * 2 ** (attempt - 1), settings.maxBackoffMs);
    const delay = last.retryAfterMs ?? ceiling / 2 + Math.random() * (ceiling / 2);
    await sleep(delay, options.signal);
  }
  return last!;
}

async function attemptOnce(agent: Agent, settings: typeof DEFAULTS, url: string, options: DownloadOptions, etag: string | undefined, scratch: { buffer: Buffer }): Promise<Attempt> {
  try {
    // No Add-Padding: the whole, real answer is wanted.
    const headers: Record<string, string> = { "user-agent": `harden/${options.version}` };
    if (etag !== undefined) headers["if-none-match"] = etag;
    const response = await getInto(agent, url, headers, options.signal, scratch);
    if (response.statusCode === 304 && etag !== undefined) return { ok: true, status: 304 };
    if (response.statusCode !== 200) {
      const status = response.statusCode;
      const retry = status === 429 || status === 408 || status >= 500;
      const retryAfterMs = status === 429 || status === 503 ? parseRetryAfterMs(header(response.headers["retry-after"]), settings.maxRetryAfterMs) : undefined;
      return { ok: false, failure: { kind: "status", status }, retry, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    }
    if (response.body === "unframed") return { ok: false, failure: { kind: "unframed" }, retry: true };
    if (response.body === "encoded") return { ok: false, failure: { kind: "encoded" }, retry: false };
    if (response.body === "too-large") return { ok: false, failure: { kind: "too-large" }, retry: false };
    if (response.body === undefined) return { ok: false, failure: { kind: "unframed" }, retry: true };
    const tag = header(response.headers.etag);
    return { ok: true, status: 200, body: response.body, ...(tag !== undefined && SAFE_ETAG.test(tag) ? { etag: tag } : {}) };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    const code = errorCode(error);
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "UND_ERR_CONNECT_TIMEOUT") return { ok: false, failure: { kind: "timeout" }, retry: true };
    const tls = code !== undefined && /CERT|SELF_SIGNED|TLS|SSL/.test(code);
    return { ok: false, failure: { kind: "network", code: code ?? "error" }, retry: !tls };
  }
}

/**
 * Puts `chunk` at scratch.buffer[at], first growing the buffer (doubling, at most to `limit`)
 * and keeping the `at` bytes before it when it is too small. `at + chunk.length` must not pass `limit`.
 */
export function appendChunk(scratch: { buffer: Buffer }, chunk: Uint8Array, at: number, limit: number): void {
  const size = at + chunk.byteLength;
  if (size > scratch.buffer.length) {
    const grown = Buffer.allocUnsafe(Math.min(Math.max(size, scratch.buffer.length * 2), limit));
    scratch.buffer.copy(grown, 0, 0, at);
    scratch.buffer = grown;
  }
  scratch.buffer.set(chunk, at);
}

interface Got {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** A 200's whole body, as a view of scratch.buffer; or why there is none. Other statuses' bodies are read and dropped. */
  readonly body?: Buffer | "unframed" | "encoded" | "too-large";
}

/**
 * One GET through undici's low-level dispatch: the body's chunks go straight into
 * `scratch.buffer` (grown when too small), with no stream and no async iterator per answer (a
 * download makes a million requests; request() costs a Readable each). A 200 must prove where
 * it ends (a length or chunked) and not be encoded; past MAX_BODY_BYTES the request is aborted.
 * Bodies of other answers are read to their end, so the connection is kept.
 */
function getInto(agent: Agent, url: string, headers: Record<string, string>, signal: AbortSignal | undefined, scratch: { buffer: Buffer }): Promise<Got> {
  const { origin, pathname, search } = new URL(url);
  return new Promise<Got>((resolve, reject) => {
    let statusCode = 0;
    let responseHeaders: Got["headers"] = {};
    let keep = false;
    let encoded = false;
    let size = 0;
    let settled = false;
    let controller: Dispatcher.DispatchController | undefined;
    const onAbort = () => controller?.abort(signal!.reason);
    const settle = (result: Got | undefined, error?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      if (result === undefined) reject(error);
      else resolve(result);
    };
    /** The answer so far; a body (or why there is none) only for a 200. */
    const answer = (body: Got["body"]): Got => ({ statusCode, headers: responseHeaders, ...(statusCode === 200 && body !== undefined ? { body } : {}) });
    const stop = (body: "unframed" | "encoded" | "too-large" | undefined) => {
      settle(answer(body));
      controller?.abort(new Error(`harden: ${body} answer dropped`));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    agent.dispatch(
      { origin, path: `${pathname}${search}`, method: "GET", headers },
      {
        onRequestStart(start) {
          // Again when undici sends the request again (a pipelined request re-queued): from scratch.
          controller = start;
          statusCode = 0;
          keep = false;
          encoded = false;
          size = 0;
          if (signal?.aborted) start.abort(signal.reason);
        },
        onResponseStart(_controller, status, received) {
          if (status < 200) return;
          statusCode = status;
          responseHeaders = received;
          if (status !== 200) return;
          if (!hasProvenEnd(received)) return stop("unframed");
          const encoding = header(received["content-encoding"]);
          // An encoded body is read to its end and dropped, like another status's body.
          encoded = encoding !== undefined && encoding.toLowerCase() !== "identity";
          keep = !encoded;
        },
        onResponseData(_controller, chunk) {
          size += chunk.byteLength;
          if (!keep) {
            // A body read only to keep the connection: past a little, the connection goes instead.
            if (size > DROPPED_BODY_BYTES) stop(encoded ? "encoded" : undefined);
            return;
          }
          if (size > MAX_BODY_BYTES) return stop("too-large");
          appendChunk(scratch, chunk, size - chunk.byteLength, MAX_BODY_BYTES);
        },
        onResponseEnd() {
          settle(answer(encoded ? "encoded" : keep ? scratch.buffer.subarray(0, size) : undefined));
        },
        onResponseError(_controller, error) {
          settle(undefined, error);
        },
      },
    );
  });
}

function header(value: unknown): string | undefined {
  if (Array.isArray(value)) return typeof value[0] === "string" ? value[0] : undefined;
  return typeof value === "string" ? value : undefined;
}

function gaps(present: Uint8Array, first: number): DownloadSummary["missing"] {
  const ranges: { from: string; to: string }[] = [];
  let count = 0;
  let rangeCount = 0;
  for (let at = present.indexOf(0); at >= 0; ) {
    let end = present.indexOf(1, at);
    if (end < 0) end = present.length;
    count += end - at;
    rangeCount++;
    if (ranges.length < MAX_LISTED) ranges.push({ from: prefixHex(first + at), to: prefixHex(first + end - 1) });
    at = end === present.length ? -1 : present.indexOf(0, end);
  }
  return { count, ranges, rangeCount };
}

/** The manifest of an earlier run, or undefined when there is none (or it is not one of ours). */
export function readManifest(dir: string): DownloadManifest | undefined {
  let text: string;
  try {
    text = readRegularFileSync(join(dir, MANIFEST_FILE), "download manifest", 256 * 1024 * 1024).toString("utf8");
  } catch {
    return undefined;
  }
  try {
    const value = JSON.parse(text) as Partial<DownloadManifest>;
    if (value.format !== MANIFEST_FORMAT || value.version !== 1 || (value.mode !== "sha1" && value.mode !== "ntlm")) return undefined;
    if (typeof value.range !== "object" || value.range === null) return undefined;
    return value as DownloadManifest;
  } catch {
    return undefined;
  }
}

/** `PREFIX ETAG` lines of the range (the ETags file, or the journal of a run that did not reach its end) into `etags`; later lines win. */
function readEtagLines(file: string, etags: (string | undefined)[], range: PrefixRange): void {
  let text: string;
  try {
    text = readFileSync(file, "latin1");
  } catch {
    return;
  }
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    at = end + 1;
    const match = /^([0-9A-F]{5}) (\S{1,200})$/.exec(line);
    if (!match) continue;
    const n = Number.parseInt(match[1]!, 16);
    if (n >= range.first && n <= range.last && SAFE_ETAG.test(match[2]!)) etags[n - range.first] = match[2]!;
  }
}

function countEtags(etags: readonly (string | undefined)[], range: PrefixRange): number {
  let count = 0;
  for (let n = range.first; n <= range.last; n++) if (etags[n - range.first] !== undefined) count++;
  return count;
}

/** The ETags file's text in pieces, so a million lines are never one string. */
function* etagLines(etags: readonly (string | undefined)[], range: PrefixRange): Generator<Uint8Array> {
  let piece: string[] = [];
  for (let n = range.first; n <= range.last; n++) {
    const etag = etags[n - range.first];
    if (etag !== undefined) piece.push(`${prefixHex(n)} ${etag}\n`);
    if (piece.length === 10_000) {
      yield Buffer.from(piece.join(""), "latin1");
      piece = [];
    }
  }
  if (piece.length > 0) yield Buffer.from(piece.join(""), "latin1");
}

/**
 * Every range file of the range, in order, as full HASH:COUNT lines, into one file by temp+rename;
 * `onWritten` hears how many prefixes are written, every 1,024 and at the end.
 */
function writeSortedFile(dir: string, file: string, range: PrefixRange, onWritten: (written: number) => void): void {
  function* pieces(): Generator<Uint8Array> {
    for (let n = range.first; n <= range.last; n++) {
      const prefix = prefixHex(n);
      const body = readFileSync(join(dir, `${prefix}.txt`), "latin1");
      yield Buffer.from(`${body.split("\r\n").map((line) => `${prefix}${line}`).join("\n")}\n`, "latin1");
      const written = n - range.first + 1;
      if (written % 1024 === 0 || n === range.last) onWritten(written);
    }
  }
  replaceFileSync(file, join(dir, tempName("sorted")), pieces());
}

/** For `harden data verify`: what the manifest in a downloaded folder says, checked against the folder. */
export interface ManifestCheck {
  readonly manifest: string;
  readonly mode: HashMode;
  readonly range: { readonly from: string; readonly to: string; readonly count: number };
  readonly completedAt: string | null;
  readonly updatedAt: string;
  /** Prefixes of the manifest's range with no file. */
  readonly missing: number;
  readonly modeMatches: boolean;
}

export function checkManifest(dir: string, folderMode: HashMode, hasPrefix: (n: number) => boolean): ManifestCheck | undefined {
  const manifest = readManifest(dir);
  if (manifest === undefined) return undefined;
  const range = parsePrefixRange(`${manifest.range.from}-${manifest.range.to}`);
  let missing = 0;
  if (range) for (let n = range.first; n <= range.last; n++) if (!hasPrefix(n)) missing++;
  return {
    manifest: join(dir, MANIFEST_FILE),
    mode: manifest.mode,
    range: manifest.range,
    completedAt: manifest.completedAt,
    updatedAt: manifest.updatedAt,
    missing,
    modeMatches: manifest.mode === folderMode,
  };
}
