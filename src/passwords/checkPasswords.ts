/**
 * Checks a batch of passwords: each distinct password is hashed and scored once, and the breach
 * checker is asked once per distinct hash (the range client then asks once per prefix).
 */
import { hashPassword, type HashMode } from "../breach/hash.js";
import type { BreachChecker, CheckProgress } from "../breach/result.js";
import type { PasswordVerdict } from "../core/passwordVerdict.js";
import type { Scorer, StrengthVerdict } from "../strength/scorer.js";

export interface CheckPasswordsOptions {
  breach?: { checker: BreachChecker; mode: HashMode };
  scorer?: Scorer;
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

/** Passwords scored between two turns of the event loop, so lookups in flight keep moving. */
const SCORE_CHUNK = 8;

/** Scores on the main thread in small chunks while the breach lookups wait on the network. */
async function scoreAll(scorer: Scorer, passwords: readonly string[], contextWords: readonly string[] | undefined): Promise<StrengthVerdict[]> {
  const out: StrengthVerdict[] = [];
  for (let i = 0; i < passwords.length; i += SCORE_CHUNK) {
    for (const p of passwords.slice(i, i + SCORE_CHUNK)) out.push(scorer.score(p, contextWords));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

export async function checkPasswords(passwords: readonly string[], options: CheckPasswordsOptions): Promise<PasswordVerdict[]> {
  const distinct = [...new Set(passwords)];
  const indexOf = new Map(distinct.map((p, i) => [p, i]));
  // Lookups start first: they mostly wait, and the scoring fills that time.
  const breaches = options.breach
    ? Promise.all(distinct.map((p) => hashPassword(p, options.breach!.mode))).then((hashes) =>
        options.breach!.checker.checkMany(hashes, { onProgress: options.onProgress, signal: options.signal }),
      )
    : undefined;
  breaches?.catch(() => {});
  const strengths = options.scorer ? await scoreAll(options.scorer, distinct, options.contextWords) : undefined;
  const found = await breaches;
  return passwords.map((p) => {
    const i = indexOf.get(p)!;
    return { breach: found?.[i], strength: strengths?.[i] };
  });
}
