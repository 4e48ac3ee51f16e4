/**
 * A drop-in replacement for zxcvbn-ts's l33t dictionary matcher that finds exactly the same
 * matches, faster. zxcvbn-ts 4 builds up to 100 "clean" variants of the password (l33t
 * characters turned back into letters) and runs the whole dictionary matcher over each one:
 * 30-50 ms for a long password with many digits and symbols.
 *
 * The variants are enumerated here in the same order with the same limit (the enumeration is
 * ported from zxcvbn-ts's CleanPasswords, MIT licence, https://github.com/zxcvbn-ts/zxcvbn),
 * but each variant only looks up the substrings that cover a substitution (the others match
 * the original password, and the library drops those matches), and each distinct substring is
 * looked up in the dictionaries once for all variants.
 *
 * tests/unit/strength checks that scores and guesses equal the library's on random and
 * l33t-heavy passwords.
 */
import type { MatchExtended, MatchOptions, Options } from "@zxcvbn-ts/core";

interface TrieNode {
  parents: string[];
  subs?: string[];
  getChild(character: string): TrieNode | undefined;
  isTerminal(): boolean;
}

interface Change {
  /** Index in the variant. */
  i: number;
  letter: string;
  substitution: string;
}

interface Variant {
  password: string;
  changes: Change[];
}

type RankedDictionaries = Record<string, Record<string, number>>;

interface DictionaryMatcher {
  getRangedDictionaries(userInputsOptions: MatchOptions["userInputsOptions"]): {
    rankedDictionaries: RankedDictionaries;
    rankedDictionariesMaxWordSize: Record<string, number>;
  };
}

/** The same variants, in the same order, as zxcvbn-ts's getCleanPasswords. */
function cleanVariants(password: string, limit: number, trieRoot: TrieNode): Variant[] {
  const out: Variant[] = [];
  const buffer: string[] = [];

  const subsAt = (index: number): TrieNode[] => {
    const nodes: TrieNode[] = [];
    let cur: TrieNode | undefined = trieRoot;
    for (let i = index; i < password.length; i += 1) {
      cur = cur.getChild(password.charAt(i));
      if (!cur) break;
      nodes.push(cur);
    }
    return nodes;
  };

  const helper = (onlyFullSub: boolean, isFullSub: boolean, index: number, subIndex: number, changes: Change[], lastSub: string | undefined, consecutive: number): void => {
    if (out.length >= limit) return;
    if (index === password.length) {
      if (onlyFullSub === isFullSub) out.push({ password: buffer.join(""), changes });
      return;
    }
    const nodes = subsAt(index);
    let hasSubs = false;
    for (let i = index + nodes.length - 1; i >= index; i -= 1) {
      const cur = nodes[i - index]!;
      const sub = cur.parents.join("");
      if (!cur.isTerminal()) continue;
      if (lastSub === sub && consecutive >= 3) continue;
      hasSubs = true;
      for (const letter of cur.subs!) {
        buffer.push(letter);
        helper(onlyFullSub, isFullSub, index + sub.length, subIndex + letter.length, changes.concat({ i: subIndex, letter, substitution: sub }), sub, lastSub === sub ? consecutive + 1 : 1);
        buffer.pop();
        if (out.length >= limit) return;
      }
    }
    if (!onlyFullSub || !hasSubs) {
      buffer.push(password.charAt(index));
      helper(onlyFullSub, isFullSub && !hasSubs, index + 1, subIndex + 1, changes, lastSub, consecutive);
      buffer.pop();
    }
  };

  helper(true, true, 0, 0, [], undefined, 0);
  helper(false, true, 0, 0, [], undefined, 0);
  return out;
}

/** Maps a match in the variant back to the original password, as zxcvbn-ts's getExtras does. */
function extras(variant: Variant, i: number, j: number) {
  let iUnsubbed = i;
  let jUnsubbed = j;
  const subs: Array<{ letter: string; substitution: string }> = [];
  const subDisplay: string[] = [];
  const seen = new Set<string>();
  for (const change of variant.changes) {
    if (change.i < i) {
      const diff = change.substitution.length - change.letter.length;
      iUnsubbed += diff;
      jUnsubbed += diff;
    } else if (change.i <= j) {
      jUnsubbed += change.substitution.length - change.letter.length;
      const key = `${change.letter}-${change.substitution}`;
      if (!seen.has(key)) {
        seen.add(key);
        subs.push({ letter: change.letter, substitution: change.substitution });
        subDisplay.push(`${change.substitution} -> ${change.letter}`);
      }
    }
  }
  return { i: iUnsubbed, j: jUnsubbed, subs, subDisplay: subDisplay.join(", ") };
}

export class FastL33tMatching {
  /**
   * `dictionaries` gives the dictionary matcher whose word lists apply: the main one by
   * default, or the word-sequence matcher's own (months, numbers…) when it runs inside it.
   */
  constructor(
    protected options: Options,
    private readonly dictionaries: (omniMatch: MatchOptions["omniMatch"]) => DictionaryMatcher = (omniMatch) =>
      (omniMatch as unknown as { matchers: { dictionary: DictionaryMatcher } }).matchers.dictionary,
  ) {}

  match({ password, omniMatch, userInputsOptions }: MatchOptions): MatchExtended[] {
    const options = this.options as Options & { trieNodeRoot: TrieNode };
    const { rankedDictionaries, rankedDictionariesMaxWordSize } = this.dictionaries(omniMatch).getRangedDictionaries(userInputsOptions);
    const maxWidth = Math.max(0, ...Object.values(rankedDictionariesMaxWordSize));
    const { lookup, isPrefix } = wordIndex(rankedDictionaries);

    const matches: MatchExtended[] = [];
    const included = new Set<string>();
    let hasFullMatch = false;
    for (const variant of cleanVariants(password, options.l33tMaxSubstitutions, options.trieNodeRoot)) {
      if (hasFullMatch) break;
      const lower = variant.password.toLowerCase();
      const n = lower.length;
      // changedBefore[k]: substituted positions in lower[0..k).
      const changedBefore = new Int32Array(n + 1);
      const changed = new Uint8Array(n);
      for (const c of variant.changes) for (let k = c.i; k < c.i + c.letter.length && k < n; k++) changed[k] = 1;
      for (let k = 0; k < n; k++) changedBefore[k + 1] = changedBefore[k]! + changed[k]!;
      for (let i = 0; i < n; i += 1) {
        for (let j = i; j < n; j += 1) {
          const isFull = i === 0 && j === n - 1;
          if (j - i + 1 > maxWidth && !isFull) break;
          // No word starts this way, so no longer substring from i can be a word either.
          if (j - i + 1 <= PREFIX_LENGTH && !isPrefix(lower.slice(i, j + 1))) break;
          // Without a substitution inside, the match equals the original's and is dropped below;
          // only the full span still counts, because it stops the search.
          if (!isFull && changedBefore[j + 1] === changedBefore[i]) continue;
          const word = lower.slice(i, j + 1);
          for (const [dictionaryName, rank] of lookup(word)) {
            const ex = extras(variant, i, j);
            if (!hasFullMatch) hasFullMatch = ex.i === 0 && ex.j === password.length - 1;
            const token = password.slice(ex.i, ex.j + 1);
            const key = `${ex.i}\u0000${ex.j}\u0000${dictionaryName}\u0000${word}`;
            if (token.toLowerCase() !== word && !included.has(key)) {
              included.add(key);
              matches.push({
                pattern: "dictionary",
                i: ex.i,
                j: ex.j,
                token,
                matchedWord: word,
                rank,
                dictionaryName,
                reversed: false,
                l33t: true,
                subs: ex.subs,
                subDisplay: ex.subDisplay,
              } as unknown as MatchExtended);
            }
          }
        }
      }
    }
    return matches.filter((m) => m.token.length > 1);
  }
}

const NO_HITS: Array<[string, number]> = [];
/** Prefixes up to this length are indexed, so a walk from one start stops at the first dead end. */
const PREFIX_LENGTH = 4;
/** A hit is packed as list number * 2^24 + rank in one small integer: no allocation per word. */
const RANK_BITS = 2 ** 24;

interface WordIndex {
  names: string[];
  /** word -> packed hit, or packed hits when several lists hold the word. */
  words: Map<string, number | number[]>;
  prefixes: Set<string>;
}
/** One index per set of word lists, built once: the lists never change. */
const indexes = new WeakMap<object, WordIndex>();

function addPrefixes(set: Set<string>, word: string): void {
  for (let k = 1; k <= PREFIX_LENGTH && k <= word.length; k++) set.add(word.slice(0, k));
}

function buildIndex(rankedDictionaries: RankedDictionaries, names: string[]): WordIndex {
  const words = new Map<string, number | number[]>();
  const prefixes = new Set<string>();
  names.forEach((name, n) => {
    const list = rankedDictionaries[name]!;
    for (const word in list) {
      const hit = n * RANK_BITS + list[word]!;
      const known = words.get(word);
      if (known === undefined) {
        words.set(word, hit);
        addPrefixes(prefixes, word);
      } else if (typeof known === "number") words.set(word, [known, hit]);
      else known.push(hit);
    }
  });
  return { names, words, prefixes };
}

/**
 * Looks a word up in every list at once, and tells whether any word starts with a given
 * short string. The person's own words (userInputs) change per call and are checked on their
 * own, in their place in the list order.
 */
function wordIndex(rankedDictionaries: RankedDictionaries): { lookup: (word: string) => Array<[string, number]>; isPrefix: (start: string) => boolean } {
  const names = Object.keys(rankedDictionaries);
  const fixed = names.filter((n) => n !== "userInputs");
  // The fixed lists are the same objects in every call, so the first one keys the index.
  const key = rankedDictionaries[fixed[0] ?? ""] ?? rankedDictionaries;
  let index = indexes.get(key);
  if (!index) indexes.set(key, (index = buildIndex(rankedDictionaries, fixed)));
  const { words, prefixes } = index;
  const unpack = (hit: number): [string, number] => [index!.names[Math.floor(hit / RANK_BITS)]!, hit % RANK_BITS];
  const fixedHits = (word: string): Array<[string, number]> => {
    const found = words.get(word);
    return found === undefined ? NO_HITS : typeof found === "number" ? [unpack(found)] : found.map(unpack);
  };
  const user = rankedDictionaries.userInputs;
  if (!user || Object.keys(user).length === 0) return { lookup: fixedHits, isPrefix: (start) => prefixes.has(start) };
  const userPrefixes = new Set<string>();
  for (const word of Object.keys(user)) addPrefixes(userPrefixes, word);
  const at = names.indexOf("userInputs");
  return {
    lookup(word) {
      const rank = user[word];
      if (rank === undefined) return fixedHits(word);
      const hits = [...fixedHits(word)];
      hits.splice(hits.filter(([n]) => names.indexOf(n) < at).length, 0, ["userInputs", rank]);
      return hits;
    },
    isPrefix: (start) => prefixes.has(start) || userPrefixes.has(start),
  };
}

/**
 * The plain and reversed dictionary matchers, with the same results as zxcvbn-ts's (Levenshtein
 * matching is off in harden's options), using the shared word index and prefix walk.
 */
export class FastDictionaryMatching {
  /** `lists`: where the word lists come from when they are not the main ones (see fastWordSequenceMatching). */
  constructor(
    protected options: Options,
    private readonly lists?: DictionaryMatcher,
  ) {}

  /** As the library's mergeUserInputDictionary: the person's own words join the lists. */
  getRangedDictionaries(userInputsOptions: MatchOptions["userInputsOptions"]): ReturnType<DictionaryMatcher["getRangedDictionaries"]> {
    if (this.lists) return this.lists.getRangedDictionaries(userInputsOptions);
    const options = this.options as unknown as { rankedDictionaries: RankedDictionaries; rankedDictionariesMaxWordSize: Record<string, number> };
    if (!userInputsOptions) return { rankedDictionaries: options.rankedDictionaries, rankedDictionariesMaxWordSize: options.rankedDictionariesMaxWordSize };
    return {
      rankedDictionaries: { ...options.rankedDictionaries, userInputs: { ...(options.rankedDictionaries.userInputs ?? {}), ...userInputsOptions.rankedDictionary } },
      rankedDictionariesMaxWordSize: {
        ...options.rankedDictionariesMaxWordSize,
        userInputs: Math.max(userInputsOptions.rankedDictionaryMaxWordSize, options.rankedDictionariesMaxWordSize.userInputs ?? 0),
      },
    };
  }

  match({ password, userInputsOptions }: MatchOptions): MatchExtended[] {
    if ((this.options as unknown as { useLevenshteinDistance: boolean }).useLevenshteinDistance) throw new Error("Levenshtein matching is not supported here");
    const { rankedDictionaries, rankedDictionariesMaxWordSize } = this.getRangedDictionaries(userInputsOptions);
    const index = wordIndex(rankedDictionaries);
    const maxWidth = Math.max(0, ...Object.values(rankedDictionariesMaxWordSize));
    return matchWords(password, index, maxWidth, false);
  }
}

export class FastReverseMatching extends FastDictionaryMatching {
  override match({ password, userInputsOptions }: MatchOptions): MatchExtended[] {
    const { rankedDictionaries, rankedDictionariesMaxWordSize } = this.getRangedDictionaries(userInputsOptions);
    const maxWidth = Math.max(0, ...Object.values(rankedDictionariesMaxWordSize));
    const reversed = password.split("").reverse().join("");
    const n = password.length;
    return matchWords(reversed, wordIndex(rankedDictionaries), maxWidth, true).map((m) => ({
      ...m,
      token: m.token.split("").reverse().join(""),
      i: n - 1 - m.j,
      j: n - 1 - m.i,
    }));
  }
}

/** Every dictionary word in `password`, in the library's (i, j, list) order. */
function matchWords(password: string, index: ReturnType<typeof wordIndex>, maxWidth: number, reversed: boolean): MatchExtended[] {
  const matches: MatchExtended[] = [];
  const lower = password.toLowerCase();
  const n = lower.length;
  for (let i = 0; i < n; i += 1) {
    for (let j = i; j < n; j += 1) {
      if (j - i + 1 > maxWidth && !(i === 0 && j === n - 1)) break;
      const word = lower.slice(i, j + 1);
      if (j - i + 1 <= PREFIX_LENGTH && !index.isPrefix(word)) break;
      for (const [dictionaryName, rank] of index.lookup(word)) {
        matches.push({ pattern: "dictionary", i, j, token: password.slice(i, j + 1), matchedWord: word, rank, dictionaryName, reversed, l33t: false } as unknown as MatchExtended);
      }
    }
  }
  return matches;
}

type MatcherClass = new (options: Options) => { match(options: MatchOptions): MatchExtended[] | Promise<MatchExtended[]> };

/**
 * The library's word-sequence dictionary picks its lists (months, numbers…) out of all of them on
 * every call, and never adds the person's own words; they are picked once per set of lists.
 */
function wordSequenceLists(library: DictionaryMatcher, options: Options): DictionaryMatcher {
  let source: unknown;
  let picked: ReturnType<DictionaryMatcher["getRangedDictionaries"]>;
  return {
    getRangedDictionaries(userInputsOptions) {
      const current = (options as unknown as { rankedDictionaries: RankedDictionaries }).rankedDictionaries;
      if (source !== current) [source, picked] = [current, library.getRangedDictionaries(userInputsOptions)];
      return picked;
    },
  };
}

/**
 * zxcvbn-ts's word-sequence matcher runs its own copies of the dictionary, l33t and reverse
 * matchers over the small word-sequence lists; this swaps them for the fast ones. The library
 * does not export the class, so it is taken from a bare factory's matcher.
 */
export function fastWordSequenceMatching(WordSequence: MatcherClass): MatcherClass {
  return class FastWordSequence extends WordSequence {
    constructor(options: Options) {
      super(options);
      const self = this as unknown as { dictionary: DictionaryMatcher; dictionaryL33t: FastL33tMatching; dictionaryReverse: FastReverseMatching };
      const lists = wordSequenceLists(self.dictionary, options);
      self.dictionary = new FastDictionaryMatching(options, lists);
      self.dictionaryL33t = new FastL33tMatching(options, () => lists);
      self.dictionaryReverse = new FastReverseMatching(options, lists);
    }
  };
}
