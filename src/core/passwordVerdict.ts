/**
 * Verdicts on passwords: breach result and strength together, the summary, and the exit code.
 * No I/O here, and never the password itself: results are named by line or entry.
 */
import type { BreachResult } from "../breach/result.js";
import { ExitCode } from "../errors.js";
import type { StrengthVerdict } from "../strength/scorer.js";

export const DEFAULT_MIN_SCORE = 3;

export interface PasswordVerdict {
  /** undefined when the breach lookup was skipped (--no-breach). */
  breach?: BreachResult;
  /** undefined when scoring was skipped (--no-strength). */
  strength?: StrengthVerdict;
}

export interface VerdictSummary {
  checked: number;
  found: number;
  notFound: number;
  unknown: number;
  weak: number;
}

export const isWeak = (v: PasswordVerdict, minScore: number) => v.strength !== undefined && v.strength.score < minScore;

export function summarizeVerdicts(verdicts: readonly PasswordVerdict[], minScore: number): VerdictSummary {
  const summary: VerdictSummary = { checked: verdicts.length, found: 0, notFound: 0, unknown: 0, weak: 0 };
  for (const v of verdicts) {
    if (v.breach?.status === "found") summary.found++;
    else if (v.breach?.status === "not-found") summary.notFound++;
    else if (v.breach?.status === "unknown") summary.unknown++;
    if (isWeak(v, minScore)) summary.weak++;
  }
  return summary;
}

/** 1 when anything needs action; otherwise 3 when anything could not be checked; else 0. */
export function verdictExitCode(summary: VerdictSummary): ExitCode {
  if (summary.found > 0 || summary.weak > 0) return ExitCode.findings;
  if (summary.unknown > 0) return ExitCode.couldNotCheck;
  return ExitCode.ok;
}

/** The JSON shape of a breach result: always status, count and reason keys. */
export function breachJson(breach: BreachResult | undefined): { status: string; count: number | null; reason: string | null } | null {
  if (!breach) return null;
  return {
    status: breach.status,
    count: breach.status === "found" ? breach.count : breach.status === "not-found" ? 0 : null,
    reason: breach.status === "unknown" ? breach.reason : null,
  };
}

/** Masks a user name so a report can be shared: a•••@example.com, j•••n. */
export function maskUsername(username: string): string {
  if (username === "") return "";
  const at = username.lastIndexOf("@");
  const local = at > 0 ? username.slice(0, at) : username;
  const domain = at > 0 ? username.slice(at) : "";
  const chars = [...local];
  // Short names would be given away by their last letter too.
  const masked = chars.length <= 3 ? `${chars[0]}•••` : `${chars[0]}•••${chars.at(-1)}`;
  return masked + domain;
}
