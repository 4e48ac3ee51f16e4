/** Options shared by `password` and `scan`: where breach answers come from, scoring settings. */
import type { HashMode } from "../breach/hash.js";
import type { BreachSource } from "../breach/open.js";
import { DEFAULT_MIN_SCORE } from "../core/passwordVerdict.js";
import { UsageError } from "../errors.js";
import { stateDir } from "../state/store.js";
import type { ScoringThread } from "../strength/scoringThread.js";
import type { Context } from "./context.js";

export interface BreachFlags {
  breach: boolean;
  offline?: string;
  rangeUrl?: string;
  concurrency?: string;
  timeout?: string;
}

export function parseMinScore(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MIN_SCORE;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 4) throw new UsageError(`--min-score must be a whole number from 0 to 4 (got "${value}").`);
  return n;
}

function parseConcurrency(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--concurrency must be a whole number from 1 to 256 (got "${value}").`);
  return n;
}

// Past a day a lookup is not "slow" but stuck; setTimeout also cannot hold much more (24.8 days).
const MAX_TIMEOUT_SECONDS = 86_400;

/** --timeout SECONDS: the longest one breach lookup may take, all retries included. */
function parseTimeoutMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = value.trim() === "" ? NaN : Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_SECONDS) {
    throw new UsageError(`--timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, such as 30 (got "${value}").`);
  }
  return n * 1000;
}

const stringSetting = (ctx: Context, key: string): string | undefined => {
  const value = ctx.state().loadSettings()[key];
  return typeof value === "string" && value !== "" ? value : undefined;
};

/** Flag first, then HARDEN_RANGE_URL, then the saved setting; offline likewise from flag or setting. */
export function breachOptions(ctx: Context, flags: BreachFlags, mode: HashMode, version: string): BreachSource | undefined {
  if (!flags.breach) return undefined;
  const offline = flags.offline ?? stringSetting(ctx, "offline");
  return {
    mode,
    version,
    concurrency: parseConcurrency(flags.concurrency),
    timeoutMs: parseTimeoutMs(flags.timeout),
    offline,
    stateDir: offline === undefined ? undefined : stateDir(ctx.env),
    rangeUrl: flags.rangeUrl ?? (ctx.env.HARDEN_RANGE_URL || undefined) ?? stringSetting(ctx, "rangeUrl"),
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
    await scorer?.close();
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
