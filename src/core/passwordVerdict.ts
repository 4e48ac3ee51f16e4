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
  /**
   * Set when the password is shorter than NIST SP 800-63B-4 allows for how the account uses it
   * (see minimumLength): then it is weak whatever its score. Only the minimum, never the length.
   */
  tooShort?: { minimum: number };
}

export interface VerdictSummary {
  checked: number;
  found: number;
  notFound: number;
  unknown: number;
  weak: number;
}

export const isWeak = (v: PasswordVerdict, minScore: number) => v.tooShort !== undefined || (v.strength !== undefined && v.strength.score < minScore);

/**
 * NIST SP 800-63B-4, 3.1.1.2 (password verifiers): a password used alone must be at least 15
 * characters; one used only with a second factor at least 8. Length is counted in Unicode code
 * points. The same section forbids composition rules (no "add a symbol") and forced periodic
 * changes, so no advice of harden's asks for either.
 */
export const MIN_LENGTH_ALONE = 15;
export const MIN_LENGTH_WITH_SECOND_FACTOR = 8;

export const minimumLength = (secondFactor: boolean) => (secondFactor ? MIN_LENGTH_WITH_SECOND_FACTOR : MIN_LENGTH_ALONE);

/** The verdict's tooShort for a password on an account with (or without) two-factor turned on, or undefined when long enough. */
export function lengthVerdict(password: string, secondFactor: boolean): { minimum: number } | undefined {
  const minimum = minimumLength(secondFactor);
  return [...password].length < minimum ? { minimum } : undefined;
}

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
