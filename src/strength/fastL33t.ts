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
  /** `userWords`: whether the person's own words join `lists`, as they do everywhere but in word sequences. */
  constructor(
    protected options: Options,
    private readonly lists: WordLists,
    private readonly userWords = true,
  ) {}

  match({ password, userInputsOptions }: MatchOptions): MatchExtended[] {
    const options = this.options as Options & { trieNodeRoot: TrieNode };
    const { lookup, isPrefix, maxWidth } = this.lists.with(this.userWords ? userInputsOptions : undefined);

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
      // nextChange[k]: the first substituted position from k on (n if none).
      const nextChange = new Int32Array(n + 1).fill(n);
      for (let k = n - 1; k >= 0; k--) nextChange[k] = changed[k] ? k : nextChange[k + 1]!;
      for (let i = 0; i < n; i += 1) {
        // Spans from i that end before its first substitution are skipped below, so the walk
        // starts there, if it would have got that far: no longer than the longest word, and on
        // a word's prefix (the indexed prefixes hold their own prefixes). The one exception, the
        // full span of the variant without substitutions, is the last variant's, so stopping
        // the search on it would change nothing.
        const first = nextChange[i]!;
        if (first >= n || first - i > maxWidth) continue;
        if (first > i && !isPrefix(lower.slice(i, i + Math.min(PREFIX_LENGTH, first - i)))) continue;
        for (let j = first; j < n; j += 1) {
          const isFull = i === 0 && j === n - 1;
          if (j - i + 1 > maxWidth && !isFull) break;
          // No word starts this way, so no longer substring from i can be a word either.
          if (j - i + 1 <= PREFIX_LENGTH && !isPrefix(lower.slice(i, j + 1))) break;
          // Without a substitution inside, the match equals the original's and is dropped below;
          // only the full span still counts, because it stops the search.
          if (!isFull && changedBefore[j + 1] === changedBefore[i]) continue;
          const word = lower.slice(i, j + 1);
          const hits = lookup(word);
          if (hits.length === 0) continue;
          const ex = extras(variant, i, j);
          const token = password.slice(ex.i, ex.j + 1);
          for (const [dictionaryName, rank] of hits) {
            if (!hasFullMatch) hasFullMatch = ex.i === 0 && ex.j === password.length - 1;
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

/** Prefixes up to this length are indexed, so a walk from one start stops at the first dead end. */
const PREFIX_LENGTH = 4;
/** A hit is packed as list number * 2^24 + rank in one small integer: no allocation per word. */
const RANK_BITS = 2 ** 24;
const NO_HITS: Array<[string, number]> = [];

type UserInputs = MatchOptions["userInputsOptions"];

function addPrefixes(set: Set<string>, word: string): void {
  // Longest first: a prefix already there came with all of its own prefixes.
  for (let k = Math.min(PREFIX_LENGTH, word.length); k >= 1; k--) {
    const start = word.slice(0, k);
    if (set.has(start)) return;
    set.add(start);
  }
}

/**
 * Word lists indexed for the fast matchers: one lookup finds a word in every list, and a short
 * string tells whether any word starts with it. Ranks, list order and the longest word are the
 * library's (its buildRankedDictionary and getRankedDictionariesMaxWordSize). The lists are
 * given to these matchers only, not to the library, which would build a second ranked copy of
 * every list (some 16 MB per thread) that nothing reads.
 */
export class WordLists {
  private readonly names: string[];
  /** word -> packed hit, or packed hits (in list order) when several lists hold the word. */
  private readonly words = new Map<string, number | number[]>();
  private readonly prefixes = new Set<string>();
  private readonly maxWordSize: number;

  constructor(lists: Readonly<Record<string, ReadonlyArray<string | number>>>) {
    this.names = Object.keys(lists);
    let longest = 0;
    this.names.forEach((name, n) => {
      lists[name]!.forEach((entry, position) => {
        const word = String(entry);
        longest = Math.max(longest, word.length);
        // Ranks start at 1; a word listed twice keeps its last rank, as in the library.
        const hit = n * RANK_BITS + position + 1;
        const known = this.words.get(word);
        if (known === undefined) {
          this.words.set(word, hit);
          addPrefixes(this.prefixes, word);
        } else if (typeof known === "number") this.words.set(word, Math.floor(known / RANK_BITS) === n ? hit : [known, hit]);
        else if (Math.floor(known.at(-1)! / RANK_BITS) === n) known[known.length - 1] = hit;
        else known.push(hit);
      });
    });
    this.maxWordSize = longest;
  }

  private hits(word: string): Array<[string, number]> {
    const found = this.words.get(word);
    if (found === undefined) return NO_HITS;
    return typeof found === "number" ? [this.unpack(found)] : found.map((hit) => this.unpack(hit));
  }

  private unpack(hit: number): [string, number] {
    return [this.names[Math.floor(hit / RANK_BITS)]!, hit % RANK_BITS];
  }

  /**
   * Lookups in these lists and, after them, the person's own words (the library's
   * mergeUserInputDictionary puts them last), with the longest word either holds.
   */
  with(userInputs: UserInputs): { lookup: (word: string) => Array<[string, number]>; isPrefix: (start: string) => boolean; maxWidth: number } {
    const user = userInputs?.rankedDictionary;
    if (!user || Object.keys(user).length === 0) {
      return { lookup: (word) => this.hits(word), isPrefix: (start) => this.prefixes.has(start), maxWidth: Math.max(this.maxWordSize, userInputs?.rankedDictionaryMaxWordSize ?? 0) };
    }
    const userPrefixes = new Set<string>();
    for (const word of Object.keys(user)) addPrefixes(userPrefixes, word);
    return {
      lookup: (word) => {
        const rank = user[word];
        return rank === undefined ? this.hits(word) : [...this.hits(word), ["userInputs", rank]];
      },
      isPrefix: (start) => this.prefixes.has(start) || userPrefixes.has(start),
      maxWidth: Math.max(this.maxWordSize, userInputs.rankedDictionaryMaxWordSize),
    };
  }
}

/**
 * The plain and reversed dictionary matchers, with the same results as zxcvbn-ts's (Levenshtein
 * matching is off in harden's options).
 */
export class FastDictionaryMatching {
  constructor(
    protected options: Options,
    protected readonly lists: WordLists,
    protected readonly userWords = true,
  ) {
    if ((options as unknown as { useLevenshteinDistance: boolean }).useLevenshteinDistance) throw new Error("Levenshtein matching is not supported here");
  }

  match({ password, userInputsOptions }: MatchOptions): MatchExtended[] {
    return matchWords(password, this.lists.with(this.userWords ? userInputsOptions : undefined), false);
  }
}

export class FastReverseMatching extends FastDictionaryMatching {
  override match({ password, userInputsOptions }: MatchOptions): MatchExtended[] {
    const reversed = password.split("").reverse().join("");
    const n = password.length;
    return matchWords(reversed, this.lists.with(this.userWords ? userInputsOptions : undefined), true).map((m) => ({
      ...m,
      token: m.token.split("").reverse().join(""),
      i: n - 1 - m.j,
      j: n - 1 - m.i,
    }));
  }
}

/** Every dictionary word in `password`, in the library's (i, j, list) order. */
function matchWords(password: string, index: ReturnType<WordLists["with"]>, reversed: boolean): MatchExtended[] {
  const matches: MatchExtended[] = [];
  const lower = password.toLowerCase();
  const n = lower.length;
  for (let i = 0; i < n; i += 1) {
    for (let j = i; j < n; j += 1) {
      if (j - i + 1 > index.maxWidth && !(i === 0 && j === n - 1)) break;
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
 * zxcvbn-ts's word-sequence matcher runs its own copies of the dictionary, l33t and reverse
 * matchers over the small word-sequence lists (months, numbers…), never with the person's own
 * words; this swaps them for fast ones over `sequences`. The library does not export the
 * class, so it is taken from a bare factory's matcher.
 */
export function fastWordSequenceMatching(WordSequence: MatcherClass, sequences: WordLists): MatcherClass {
  return class FastWordSequence extends WordSequence {
    constructor(options: Options) {
      super(options);
      Object.assign(this, {
        dictionary: new FastDictionaryMatching(options, sequences, false),
        dictionaryL33t: new FastL33tMatching(options, sequences, false),
        dictionaryReverse: new FastReverseMatching(options, sequences, false),
      });
    }
  };
}
