/**
 * Password strength with zxcvbn-ts: common passwords, English, French and Arabic dictionaries.
 * Building the matcher takes a few hundred milliseconds, so callers start `loadScorer()` early
 * (while the person is still typing) and await it only when they need a verdict.
 */
import type { ZxcvbnResult } from "@zxcvbn-ts/core";

export type Score = 0 | 1 | 2 | 3 | 4;

export interface StrengthVerdict {
  score: Score;
  guessesLog10: number;
  /** How long an attacker with a stolen, slowly hashed password database would need. */
  crackTimeOffline: string;
  /** How long someone guessing at a login page that limits attempts would need. */
  crackTimeOnline: string;
  warning: string | null;
  suggestions: string[];
}

export interface Scorer {
  score(password: string, contextWords?: readonly string[]): StrengthVerdict;
}

export const DICTIONARY_LANGUAGES = ["common", "en", "fr", "ar"] as const;

let loading: Promise<Scorer> | undefined;

export function loadScorer(): Promise<Scorer> {
  loading ??= build();
  return loading;
}

async function build(): Promise<Scorer> {
  const [{ ZxcvbnFactory }, common, en, fr, ar] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
    import("@zxcvbn-ts/language-fr"),
    import("@zxcvbn-ts/language-ar"),
  ]);
  const factory = new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary, ...ar.dictionary },
  });
  return {
    score(password, contextWords = []) {
      return verdict(factory.check(password, [...contextWords]));
    },
  };
}

function verdict(result: ZxcvbnResult): StrengthVerdict {
  return {
    score: result.score as Score,
    guessesLog10: Math.round(result.guessesLog10 * 100) / 100,
    crackTimeOffline: result.crackTimes.offlineSlowHashingXPerSecond.display,
    crackTimeOnline: result.crackTimes.onlineThrottlingXPerHour.display,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
  };
}
