/**
 * Password strength with zxcvbn-ts: common passwords, English, French and Arabic dictionaries.
 * Building the matcher takes a few hundred milliseconds, so callers start `loadScorer()` early
 * (while the person is still typing) and await it only when they need a verdict.
 */
import type { Matcher, Matchers, ZxcvbnResult } from "@zxcvbn-ts/core";
// Types only: the scoring thread loads no message catalogue.
import type { Language } from "../i18n/index.js";
import { STRENGTH_MAX_CHARS } from "../input/limits.js";
import { FastDictionaryMatching, FastL33tMatching, FastReverseMatching, fastWordSequenceMatching, WordLists } from "./fastL33t.js";

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
  /** The password was longer than STRENGTH_MAX_CHARS, and only its first ones were scored. */
  truncated: boolean;
}

export interface Scorer {
  score(password: string, contextWords?: readonly string[]): StrengthVerdict;
}

export const DICTIONARY_LANGUAGES = ["common", "en", "fr", "ar"] as const;

/**
 * The library with its dictionary, reverse, l33t and word-sequence matchers replaced by ones
 * that find the same matches faster (see fastL33t.ts). The word lists go to those matchers
 * only: the library's own ranked copy of them would be read by nothing.
 */
export function fastFactory(ZxcvbnFactory: typeof import("@zxcvbn-ts/core").ZxcvbnFactory, { dictionary, ...options }: ZxcvbnOptions): InstanceType<typeof ZxcvbnFactory> {
  // The library exports neither its matcher classes nor its feedback functions; a bare
  // factory has both. Feedback is looked up by a match's pattern, and the fast matchers'
  // matches are ordinary "dictionary" and "wordSequence" ones, so they keep the library's own.
  const bare = new ZxcvbnFactory() as unknown as {
    options: { isWordSequence(name: string): boolean };
    matching: { matchers: Record<string, { constructor: unknown }> };
    feedback: { matchers: Record<string, Matcher["feedback"]> };
  };
  const WordSequence = bare.matching.matchers.wordSequence!.constructor as Parameters<typeof fastWordSequenceMatching>[0];
  const lists = new WordLists(dictionary);
  const sequences = new WordLists(Object.fromEntries(Object.entries(dictionary).filter(([name]) => bare.options.isWordSequence(name))));
  // Scoring of built-in patterns always uses the library's own functions, so `scoring` here is never called.
  const feedback = { feedback: bare.feedback.matchers.dictionary!, scoring: () => 0 };
  const over = (Fast: typeof FastDictionaryMatching | typeof FastL33tMatching) => class extends Fast {
    constructor(o: ConstructorParameters<typeof Fast>[0]) {
      super(o, lists);
    }
  } as unknown as Matcher["Matching"];
  const matchers: Matchers = {
    dictionary: { Matching: over(FastDictionaryMatching), ...feedback },
    dictionaryReverse: { Matching: over(FastReverseMatching), ...feedback },
    dictionaryL33t: { Matching: over(FastL33tMatching), ...feedback },
    wordSequence: { Matching: fastWordSequenceMatching(WordSequence, sequences) as unknown as Matcher["Matching"], feedback: bare.feedback.matchers.wordSequence!, scoring: () => 0 },
  };
  return new ZxcvbnFactory(options, matchers);
}

const loading = new Map<Language, Promise<Scorer>>();

/** The scorer whose warnings, tips and times are in `lang`. */
export function loadScorer(lang: Language = "en"): Promise<Scorer> {
  let scorer = loading.get(lang);
  if (!scorer) loading.set(lang, (scorer = build(lang)));
  return scorer;
}

/**
 * The zxcvbn-ts options harden scores with: common passwords and English, French and Arabic words,
 * and the feedback (warnings, suggestions, crack times) in `lang`, from the language package's translations.
 */
export async function zxcvbnOptions(lang: Language = "en") {
  const [common, en, fr, ar] = await Promise.all([
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
    import("@zxcvbn-ts/language-fr"),
    import("@zxcvbn-ts/language-ar"),
  ]);
  return {
    // Said explicitly, although it is the library's default: score() cuts to it before any matcher runs.
    maxLength: STRENGTH_MAX_CHARS,
    translations: { en, fr, ar }[lang].translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...fr.dictionary, ...ar.dictionary },
  };
}

export type ZxcvbnOptions = Awaited<ReturnType<typeof zxcvbnOptions>>;

async function build(lang: Language): Promise<Scorer> {
  const [{ ZxcvbnFactory }, options] = await Promise.all([import("@zxcvbn-ts/core"), zxcvbnOptions(lang)]);
  const factory = fastFactory(ZxcvbnFactory, options);
  // The word index is built with the factory; a first check also runs every matcher's code
  // once. Both happen now, while the person is still typing, not after they press Enter.
  factory.check("warm-up P4ssw0rd!1990");
  return {
    score(password, contextWords = []) {
      // Cut before anything else sees it, harden's own fast matchers included.
      return verdict(factory.check(password.slice(0, STRENGTH_MAX_CHARS), [...contextWords]), password.length > STRENGTH_MAX_CHARS);
    },
  };
}

function verdict(result: ZxcvbnResult, truncated: boolean): StrengthVerdict {
  return {
    score: result.score as Score,
    guessesLog10: Math.round(result.guessesLog10 * 100) / 100,
    crackTimeOffline: result.crackTimes.offlineSlowHashingXPerSecond.display,
    crackTimeOnline: result.crackTimes.onlineThrottlingXPerHour.display,
    warning: result.feedback.warning,
    suggestions: result.feedback.suggestions,
    truncated,
  };
}
