/** Options shared by `password` and `scan`: where breach answers come from, scoring settings. */
import type { HashMode } from "../breach/hash.js";
import type { BreachSource } from "../breach/open.js";
import { DEFAULT_MIN_SCORE } from "../core/passwordVerdict.js";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import { stateDir } from "../state/dir.js";
import type { ScoringThread } from "../strength/scoringThread.js";
import type { Context } from "./context.js";

export interface BreachFlags {
  breach: boolean;
  offline?: string;
  rangeUrl?: string;
  concurrency?: string;
  timeout?: string;
  decoys?: string;
}

export function parseMinScore(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MIN_SCORE;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 4) throw new UsageError(t("errors:breach.minScore", { value }));
  return n;
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(t("errors:breach.concurrency", { value }));
  return n;
}

// Past a day a lookup is not "slow" but stuck; setTimeout also cannot hold much more (24.8 days).
const MAX_TIMEOUT_SECONDS = 86_400;

/** --timeout SECONDS: the longest one breach lookup may take, all retries included. */
function parseTimeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === "" ? NaN : Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(t("errors:breach.timeout", { most: MAX_TIMEOUT_SECONDS, value }));
  }
  return n * 1000;
}

const stringSetting = (ctx: Context, key: string): string | undefined => {
  const value = ctx.state().loadSettings()[key];
  return typeof value === "string" && value !== "" ? value : undefined;
};

/**
 * 127.0.0.0/8, 10/8, 172.16/12, 192.168/16, 169.254/16 (link-local: two laptops on one cable or
 * a network with no router), ::1, fc00::/7 and localhost: a workshop's own server, not the
 * internet. Not fe80::/10: such an address needs its interface in a URL, which no client takes.
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  // node:net only when a range URL is checked: every password and scan run imports this file.
  const { isIP } = process.getBuiltinModule("node:net");
  if (isIP(host) === 4) {
    const [a, b] = host.split(".").map(Number) as [number, number];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (isIP(host) === 6) {
    if (host === "::1") return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (mapped) return isLocalHost(mapped[1]!);
    return /^f[cd][0-9a-f]{0,2}:/.test(host);
  }
  return false;
}

/**
 * Plain http lets anyone on the way read the hash prefixes and answer "not found" for a breached
 * password, so it is taken only for a server on this machine or the local network, with a warning.
 */
export function checkRangeUrl(value: string | undefined, warn: (line: string) => void): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value; // The range client says what is wrong with the address.
  }
  if (url.protocol !== "http:") return value;
  if (!isLocalHost(url.hostname)) {
    throw new UsageError(t("errors:breach.plainHttp", { host: url.host, https: `https://${url.host}${url.pathname}` }));
  }
  warn(t("errors:breach.plainHttpWarning", { host: url.host }));
  return value;
}

export const MAX_DECOYS = 20;

/** --decoys N (or `harden config set decoys N`): decoy prefixes asked for with each real one. Digits only: not 1e1, 0x10 or 0b11. */
export function parseDecoys(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === "number" ? value : /^\s*\d+\s*$/.test(String(value)) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > MAX_DECOYS) throw new UsageError(t("data:usage.decoys", { value: String(value) }));
  return n;
}

/** Flag first, then HARDEN_RANGE_URL, then the saved setting; offline likewise from flag or setting. */
export function breachOptions(ctx: Context, flags: BreachFlags, mode: HashMode, version: string): BreachSource | undefined {
  if (!flags.breach) return undefined;
  const offline = flags.offline ?? stringSetting(ctx, "offline");
  const decoys = parseDecoys(flags.decoys ?? ctx.state().loadSettings().decoys);
  return {
    mode,
    version,
    concurrency: parseConcurrency(flags.concurrency),
    timeoutMs: parseTimeoutMs(flags.timeout),
    decoys,
    decoyKey: decoys && offline === undefined ? ctx.state().decoyKey() : undefined,
    offline,
    stateDir: offline === undefined ? undefined : stateDir(ctx.env),
    rangeUrl: offline === undefined ? checkRangeUrl(flags.rangeUrl ?? (ctx.env.HARDEN_RANGE_URL || undefined) ?? stringSetting(ctx, "rangeUrl"), (line) => ctx.state().notices.push(line)) : undefined,
  };
}

/** Words that make a password guessable for this person: flags plus saved profile words. */
export function contextWords(ctx: Context, flagWords: string[] | undefined): string[] {
  const saved = ctx.state().loadSettings().profileWords;
  const words = Array.isArray(saved) ? saved.filter((w): w is string => typeof w === "string") : [];
  return [...new Set([...(flagWords ?? []), ...words].map((w) => w.trim()).filter(Boolean))];
}

/**
 * Runs `run` with a scoring thread (when scoring is on) that starts loading its dictionaries
 * at once, and always stops it afterwards.
 */
export async function withScoringThread<T>(enabled: boolean, run: (scorer: ScoringThread | undefined) => Promise<T>): Promise<T> {
  const scorer = enabled ? (await import("../strength/scoringThread.js")).startScoringThread() : undefined;
  try {
    return await run(scorer);
  } finally {
    // Not waited for: the result is printed while the threads stop (the process ends after both).
    scorer?.close().catch(() => {});
  }
}

/**
 * What `password` and `scan` settle before reading any input: the weak-score bar, the hash
 * kind, where breach answers come from; and the HTTP client or dataset reader, whose loading
 * starts now so it is ready when the input has been read.
 */
export function prepareChecks(ctx: Context, flags: BreachFlags & { ntlm?: boolean; minScore?: string }, version: string) {
  const minScore = parseMinScore(flags.minScore);
  const mode: HashMode = flags.ntlm ? "ntlm" : "sha1";
  const source = breachOptions(ctx, flags, mode, version);
  const breachModules = import("../breach/open.js").then((m) => (m.preloadBreachModules(source), m));
  breachModules.catch(() => {});
  return { minScore, mode, source, breachModules };
}
