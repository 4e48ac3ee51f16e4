/**
 * Checks a batch of passwords: each distinct password is hashed and scored once, and the breach
 * checker is asked once per distinct hash (the range client then asks once per prefix).
 */
import { hashPassword, type HashMode } from "../breach/hash.js";
import type { BreachChecker, CheckProgress } from "../breach/result.js";
import type { PasswordVerdict } from "../core/passwordVerdict.js";
import type { ScoringThread } from "../strength/scoringThread.js";

export interface CheckPasswordsOptions {
  breach?: { checker: BreachChecker; mode: HashMode };
  scorer?: Pick<ScoringThread, "scoreMany">;
  contextWords?: readonly string[];
  onProgress?: (progress: CheckProgress) => void;
  signal?: AbortSignal;
}

/**
 * Which entries share a password, without keeping the passwords around: each password used by
 * more than one entry gets a group number (1, 2, … in order of first use), every other entry null.
 */
export function reuseGroups(passwords: readonly string[]): Array<number | null> {
  const counts = new Map<string, number>();
  for (const p of passwords) if (p !== "") counts.set(p, (counts.get(p) ?? 0) + 1);
  const groups = new Map<string, number>();
  return passwords.map((p) => {
    if (p === "" || (counts.get(p) ?? 0) < 2) return null;
    if (!groups.has(p)) groups.set(p, groups.size + 1);
    return groups.get(p)!;
  });
}

export async function checkPasswords(passwords: readonly string[], options: CheckPasswordsOptions): Promise<PasswordVerdict[]> {
  const distinct = [...new Set(passwords)];
  const indexOf = new Map(distinct.map((p, i) => [p, i]));
  // Lookups start first: they wait on the network while the scoring thread works.
  const breaches = options.breach
    ? Promise.all(distinct.map((p) => hashPassword(p, options.breach!.mode))).then((hashes) =>
        options.breach!.checker.checkMany(hashes, { onProgress: options.onProgress, signal: options.signal }),
      )
    : undefined;
  breaches?.catch(() => {});
  const strengths = await options.scorer?.scoreMany(distinct, options.contextWords);
  const found = await breaches;
  return passwords.map((p) => {
    const i = indexOf.get(p)!;
    return { breach: found?.[i], strength: strengths?.[i] };
  });
}
