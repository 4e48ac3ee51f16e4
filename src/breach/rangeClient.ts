import { STATUS_CODES } from "node:http";
import { EnvHttpProxyAgent, request, type Dispatcher } from "undici";
import { errorCode, UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { HashMode } from "./hash.js";
import { checkByRange, type RangeOutcome } from "./batch.js";
import { checkRangeBody } from "./rangeBody.js";
import { unknown, type BreachChecker, type BreachResult, type CheckOptions } from "./result.js";

/**
 * Client for the Pwned Passwords range API (k-anonymity): only the 5-digit prefix of a hash
 * is sent, the matching suffix is looked up locally in the answer.
 */

export const DEFAULT_RANGE_BASE_URL = "https://api.pwnedpasswords.com/range/";

export interface RangeClientOptions {
  /** harden's version: the HIBP APIs refuse requests without a User-Agent. */
  version: string;
  /** Where ranges live; the prefix is appended. Default: the public API. */
  baseUrl?: string;
  /** Most requests (and sockets) in flight at once. Default 16: bursts of thousands get reset. */
  concurrency?: number;
  connectTimeoutMs?: number;
  /** Longest wait for the headers, and for each piece of the body. */
  bodyTimeoutMs?: number;
  /**
   * Longest one prefix's lookup may take, every try and the waits between them included, so a
   * body that drips in or a run of retries cannot keep a person waiting. Default 60 s.
   */
  lookupTimeoutMs?: number;
  /** Tries per prefix before the answer becomes "unknown". Default 4. */
  maxAttempts?: number;
  /** First retry waits about this long, doubling each time, with jitter. */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** Cap on a server's Retry-After, so a bad header cannot stall the command for hours. */
  maxRetryAfterMs?: number;
  /** Other prefixes asked for with each real one, so the real ones are hidden, and their number (see checkByRange). Default 0. */
  decoys?: number;
  /** Makes a prefix's decoys the same from run to run (kept in harden's folder); new each run without it. */
  decoyKey?: Uint8Array;
  /** Overrides HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the environment. */
  proxy?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
}

export interface RangeClient extends BreachChecker {
  check(hash: string, options?: CheckOptions): Promise<BreachResult>;
}

const DEFAULTS = {
  concurrency: 16,
  connectTimeoutMs: 10_000,
  bodyTimeoutMs: 15_000,
  lookupTimeoutMs: 60_000,
  maxAttempts: 4,
  backoffBaseMs: 500,
  maxBackoffMs: 8_000,
  maxRetryAfterMs: 20_000,
};

// A real range is 30-40 KB; anything far larger is not a range and must not fill memory.
const MAX_BODY_BYTES = 4 * 1024 * 1024;
// setTimeout fires at once for anything longer (about 24.8 days).
const MAX_TIMER_MS = 2 ** 31 - 1;

type Settings = typeof DEFAULTS & { host: string; baseUrl: string; userAgent: string };

/** Why one attempt failed, in words, and whether trying again could help. */
type AttemptFailure =
  | { readonly kind: "unreachable"; readonly detail: string; readonly retry: boolean }
  | { readonly kind: "lost"; readonly detail: string }
  | { readonly kind: "status"; readonly status: number; readonly retry: boolean; readonly retryAfterMs?: number }
  | { readonly kind: "unreadable"; readonly detail: string };

type AttemptOutcome = { readonly ok: true; readonly body: string } | ({ readonly ok: false } & AttemptFailure);

export function createRangeClient(options: RangeClientOptions): RangeClient {
  const settings = resolveSettings(options);
  const agent = new EnvHttpProxyAgent({
    ...options.proxy,
    // One pool of kept-alive sockets, never more than the request concurrency.
    connections: settings.concurrency,
    connectTimeout: settings.connectTimeoutMs,
    headersTimeout: settings.bodyTimeoutMs,
    bodyTimeout: settings.bodyTimeoutMs,
  });
  let closed = false;

  const fetchRange = (mode: HashMode, prefix: string, signal?: AbortSignal) =>
    fetchRangeWithRetries(agent, settings, mode, prefix, signal);

  async function checkMany(hashes: readonly string[], checkOptions: CheckOptions = {}): Promise<BreachResult[]> {
    if (closed) throw new Error("the range client is closed");
    return checkByRange(hashes, settings.concurrency, fetchRange, checkOptions, { perReal: options.decoys ?? 0, key: options.decoyKey });
  }

  return {
    checkMany,
    async check(hash, checkOptions) {
      const [result] = await checkMany([hash], checkOptions);
      return result ?? unknown("no answer was produced");
    },
    async close() {
      if (closed) return;
      closed = true;
      await agent.close();
    },
  };
}

function resolveSettings(options: RangeClientOptions): Settings {
  const baseUrl = options.baseUrl ?? DEFAULT_RANGE_BASE_URL;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError(t("password:breach.service.notUrl", { address: `"${baseUrl}"` }));
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UsageError(t("password:breach.service.notHttps", { scheme: "https://", got: url.protocol }));
  }
  const positive = (value: number | undefined, fallback: number) =>
    value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
  return {
    concurrency: Math.floor(positive(options.concurrency, DEFAULTS.concurrency)),
    connectTimeoutMs: positive(options.connectTimeoutMs, DEFAULTS.connectTimeoutMs),
    bodyTimeoutMs: positive(options.bodyTimeoutMs, DEFAULTS.bodyTimeoutMs),
    lookupTimeoutMs: Math.min(positive(options.lookupTimeoutMs, DEFAULTS.lookupTimeoutMs), MAX_TIMER_MS),
    maxAttempts: Math.floor(positive(options.maxAttempts, DEFAULTS.maxAttempts)),
    backoffBaseMs: Math.max(0, options.backoffBaseMs ?? DEFAULTS.backoffBaseMs),
    maxBackoffMs: positive(options.maxBackoffMs, DEFAULTS.maxBackoffMs),
    maxRetryAfterMs: Math.max(0, options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs),
    host: url.host,
    // Without the slash the prefix would be glued onto the last path segment.
    baseUrl: url.href.endsWith("/") ? url.href : `${url.href}/`,
    userAgent: `harden/${options.version}`,
  };
}

async function fetchRangeWithRetries(
  dispatcher: Dispatcher,
  settings: Settings,
  mode: HashMode,
  prefix: string,
  signal?: AbortSignal,
): Promise<RangeOutcome> {
  signal?.throwIfAborted();
  const url = `${settings.baseUrl}${prefix}${mode === "ntlm" ? "?mode=ntlm" : ""}`;
  // One limit for the whole lookup, started when this prefix's turn comes (not while it queues):
  // it aborts the request in flight, whatever phase it is in, and no wait may run past it.
  const endsAt = performance.now() + settings.lookupTimeoutMs;
  const limit = new AbortController();
  const timer = setTimeout(() => limit.abort(new Error("the lookup's time limit passed")), settings.lookupTimeoutMs);
  const stop = () => limit.abort(signal?.reason);
  signal?.addEventListener("abort", stop, { once: true });
  const failures: AttemptFailure[] = [];
  try {
    for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
      const outcome = await attemptOnce(dispatcher, settings, url, limit.signal, signal);
      if (outcome.ok) {
        const parsed = checkRangeBody(outcome.body, mode);
        if (parsed.ok) return parsed;
        return failed(settings.host, [{ kind: "unreadable", detail: parsed.reason }]);
      }
      failures.push(outcome);
      if (!isRetryable(outcome) || limit.signal.aborted || attempt === settings.maxAttempts) break;
      const delay = retryDelayMs(settings, attempt, outcome);
      // A wait that would end past the limit could only lead to a try that is cut off: stop now.
      if (performance.now() + delay >= endsAt) break;
      try {
        await sleep(delay, limit.signal);
      } catch (error) {
        // Only the caller's stop is an error; the limit firing a moment early just ends the tries.
        if (signal?.aborted) throw signal.reason;
        if (!limit.signal.aborted) throw error;
        break;
      }
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", stop);
  }
  return failed(settings.host, failures);
}

function isRetryable(failure: AttemptFailure): boolean {
  switch (failure.kind) {
    case "unreadable":
      // A well-delivered but malformed answer (a proxy's page, a changed format) will not fix itself.
      return false;
    case "lost":
      return true;
    default:
      return failure.retry;
  }
}

/** One request. `limit` aborts it at the lookup's time limit or when `signal` (the caller's stop) aborts. */
async function attemptOnce(
  dispatcher: Dispatcher,
  settings: Settings,
  url: string,
  limit: AbortSignal,
  signal?: AbortSignal,
): Promise<AttemptOutcome> {
  try {
    const response = await request(url, {
      dispatcher,
      method: "GET",
      headers: { "user-agent": settings.userAgent, "add-padding": "true" },
      signal: limit,
    });
    if (response.statusCode !== 200) {
      await response.body.dump().catch(() => undefined);
      return { ok: false, ...statusFailure(response.statusCode, response.headers, settings) };
    }
    if (!hasProvenEnd(response.headers)) {
      // Reading on would wait for the close that is the body's only end; nothing read is usable.
      response.body.destroy();
      return { ok: false, kind: "unreadable", detail: "the answer's end could not be confirmed, so part of it may be missing" };
    }
    const encoding = headerValue(response.headers["content-encoding"]);
    if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
      await response.body.dump().catch(() => undefined);
      // harden never asks for compression, so an encoded body means something in between changed it.
      return { ok: false, kind: "unreadable", detail: "the answer was compressed without being asked" };
    }
    const body = await readLimited(response.body, MAX_BODY_BYTES);
    if (body === undefined) return { ok: false, kind: "unreadable", detail: "the answer was far too large" };
    return { ok: true, body };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (limit.aborted) return { ok: false, kind: "lost", detail: `it did not finish within the ${seconds(settings.lookupTimeoutMs)} time limit for one lookup` };
    return { ok: false, ...networkFailure(error, settings) };
  }
}

/**
 * Whether the body's end is part of the message: a Content-Length, or chunked framing whose
 * last chunk undici checks for (either cut short is an error there). Without them the body
 * ends when the connection closes (HTTP/1.0, Connection: close), and a connection dropped
 * halfway looks just like the end: the password's line could be the part that is missing.
 * The framing is that of the body as sent, so it holds for a compressed body too. (undici
 * speaks HTTP/1.1 here; HTTP/2, which frames bodies otherwise, is not enabled.)
 */
export function hasProvenEnd(headers: Record<string, unknown>): boolean {
  if (headerValue(headers["content-length"]) !== undefined) return true;
  const codings = headerValue(headers["transfer-encoding"])?.split(",");
  return codings?.at(-1)?.trim().toLowerCase() === "chunked";
}

export async function readLimited(body: AsyncIterable<Uint8Array>, limit: number): Promise<string | undefined> {
  return (await readLimitedBytes(body, limit))?.toString("utf8");
}

/** The whole body as bytes, or undefined past `limit` bytes. */
export async function readLimitedBytes(body: AsyncIterable<Uint8Array>, limit: number): Promise<Buffer | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    // Returning early from for-await destroys the stream, so the socket is not kept busy.
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function statusFailure(status: number, headers: Record<string, unknown>, settings: Settings): AttemptFailure {
  const retry = status === 429 || status === 408 || status >= 500;
  if (status !== 429 && status !== 503) return { kind: "status", status, retry };
  const retryAfterMs = parseRetryAfterMs(headerValue(headers["retry-after"]), settings.maxRetryAfterMs);
  return retryAfterMs === undefined ? { kind: "status", status, retry } : { kind: "status", status, retry, retryAfterMs };
}

function headerValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return typeof value[0] === "string" ? value[0] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** Retry-After is either whole seconds or an HTTP date; either way capped. */
export function parseRetryAfterMs(value: string | undefined, capMs: number, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) {
    ms = Number(trimmed) * 1000;
  } else {
    // An HTTP date names a weekday and month; Date.parse alone would take "-5" as a year.
    const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.min(Math.max(ms, 0), capMs);
}

function retryDelayMs(settings: Settings, attempt: number, failure: AttemptFailure): number {
  if (failure.kind === "status" && failure.retryAfterMs !== undefined) return failure.retryAfterMs;
  const ceiling = Math.min(settings.backoffBaseMs * 2 ** (attempt - 1), settings.maxBackoffMs);
  // Half fixed, half random: spreads the retries of many parallel requests apart.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Failures before a connection exists: the service could not be reached at all (message keys). */
const UNREACHABLE: Readonly<Record<string, string>> = {
  ECONNREFUSED: "refused",
  ENOTFOUND: "hostNotFound",
  EAI_AGAIN: "hostLookup",
  ENETUNREACH: "networkUnreachable",
  EHOSTUNREACH: "hostUnreachable",
};

/** Failures on an open connection: the answer was lost on the way (message keys). */
const LOST: Readonly<Record<string, string>> = {
  ECONNRESET: "reset",
  EPIPE: "reset",
  ETIMEDOUT: "timedOut",
  UND_ERR_SOCKET: "closedEarly",
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: "cutShort",
  UND_ERR_CLOSED: "closed",
};

const network = (key: string, options?: Record<string, unknown>) => t(`password:breach.network.${key}`, options);

// Certificate problems do not go away by trying again.
const TLS_CODE = /CERT|SELF_SIGNED|TLS|SSL/;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function networkFailure(error: unknown, settings: Settings): AttemptFailure {
  const code = errorCode(error);
  switch (code) {
    case "UND_ERR_CONNECT_TIMEOUT":
      return { kind: "unreachable", detail: network("noConnection", { seconds: seconds(settings.connectTimeoutMs) }), retry: true };
    case "UND_ERR_HEADERS_TIMEOUT":
      return { kind: "lost", detail: network("sentNothing", { seconds: seconds(settings.bodyTimeoutMs) }) };
    case "UND_ERR_BODY_TIMEOUT":
      return { kind: "lost", detail: network("stopped", { seconds: seconds(settings.bodyTimeoutMs) }) };
  }
  if (code === undefined) return { kind: "lost", detail: network("error") };
  if (TLS_CODE.test(code)) return { kind: "unreachable", detail: network("tls", { code }), retry: false };
  const unreachable = UNREACHABLE[code];
  if (unreachable !== undefined) return { kind: "unreachable", detail: network(unreachable), retry: true };
  // Never the error message: it is outside text and may carry the URL.
  const lost = LOST[code];
  return { kind: "lost", detail: lost === undefined ? network("errorCode", { code }) : network(lost) };
}


function failed(host: string, failures: readonly AttemptFailure[]): RangeOutcome {
  return { ok: false, reason: describeFailures(host, failures) };
}

/** One sentence for the person: what went wrong, where, and how often. */
function describeFailures(host: string, failures: readonly AttemptFailure[]): string {
  const last = failures[failures.length - 1];
  if (last === undefined) return t("password:breach.service.couldNotCheck", { host });
  const tries = failures.length;
  const times = timesWord(tries);
  const same = failures.every((failure) => failure.kind === last.kind && describeOne(failure) === describeOne(last));
  if (!same) {
    const lastWords = last.kind === "status" ? t("password:breach.service.itAnswered", { status: describeOne(last) }) : describeOne(last);
    return t("password:breach.service.mixed", { host, times, last: lastWords });
  }
  const retried = tries > 1 ? "Tried" : "";
  switch (last.kind) {
    case "unreadable":
      return t("password:breach.service.unreadable", { host, detail: last.detail });
    case "unreachable":
      return t(`password:breach.service.unreachable${retried}`, { host, detail: last.detail, times });
    case "lost":
      return t(`password:breach.service.lost${retried}`, { host, detail: last.detail, times });
    case "status":
      // The real service answers every prefix: a 404 is a wrong address or a room's partial copy, and trying again cannot help.
      if (last.status === 404) return t("password:breach.service.notFound", { host });
      return t(`password:breach.service.status${retried}`, { host, status: describeOne(last), times });
  }
}

function describeOne(failure: AttemptFailure): string {
  if (failure.kind !== "status") return failure.detail;
  // Our own status text, not the server's reason phrase: that is outside text.
  const text = STATUS_CODES[failure.status];
  return text === undefined ? String(failure.status) : `${failure.status} ${text}`;
}

/** "once", "twice", "three times"… up to six in words, then "7 times". */
const timesWord = (count: number) => (count >= 1 && count <= 6 ? t(`password:breach.times.${count}`) : t("password:breach.times.n", { count, n: count }));
