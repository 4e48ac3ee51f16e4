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

/** How many other entries share each password, without keeping the passwords around. */
export function reuseCounts(passwords: readonly string[]): number[] {
  const counts = new Map<string, number>();
  for (const p of passwords) if (p !== "") counts.set(p, (counts.get(p) ?? 0) + 1);
  return passwords.map((p) => (p === "" ? 0 : (counts.get(p) ?? 1) - 1));
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
