import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { passwordText } from "../../../src/output/passwordView.js";
import { plainStyle } from "../../../src/output/style.js";
import { fastFactory, loadScorer, zxcvbnOptions, type Scorer } from "../../../src/strength/scorer.js";

// The library with its default matchers is the reference the fast matchers must equal.
let reference: ZxcvbnFactory;
let fast: ZxcvbnFactory;
let scorer: Scorer;
beforeAll(async () => {
  const options = await zxcvbnOptions();
  reference = new ZxcvbnFactory(options);
  fast = fastFactory(ZxcvbnFactory, options);
  scorer = await loadScorer();
}, 30000);

const l33tish = fc
  .array(fc.constantFrom(..."aeiostlgb@4301!$57|9()_-.PpAaSsWwOoRrDd2024 ".split("")), { minLength: 1, maxLength: 18 })
  .map((cs) => cs.join(""));
const wordy = fc
  .tuple(fc.constantFrom("password", "p@ssw0rd", "l0v3", "dragon", "m0nkey", "s3cr3t", "jan", "f3bruary", "five", "s!x", "motdepasse"), fc.string({ maxLength: 6 }), fc.integer({ min: 1950, max: 2030 }))
  .map(([w, s, y]) => `${w}${s}${y}`);
// Word sequences (months, numbers, planets…), plain, l33t, capitalised or reversed, with separators.
const sequence = fc
  .tuple(
    fc.array(fc.constantFrom("one", "two", "thr33", "four", "January", "f3bruary", "march", "monday", "Tuesday", "mercury", "v3nus", "red", "orange", "north", "un", "deux", "lundi", "mars"), { minLength: 1, maxLength: 4 }),
    fc.constantFrom("", " ", "-", "_", ".", "/"),
    fc.boolean(),
  )
  .map(([words, separator, reversed]) => {
    const joined = words.join(separator);
    return reversed ? [...joined].reverse().join("") : joined;
  });

/** Printable characters from a fixed seed: long, yet quick to score (no repeats or words). */
function pseudoRandom(length: number): string {
  let seed = 12345;
  return Array.from({ length }, () => String.fromCharCode(33 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 94))).join("");
}

describe("strength scoring", () => {
  it("scores only the first 256 characters, and says so", () => {
    const long = pseudoRandom(300);
    const verdict = scorer.score(long);
    expect(verdict.truncated).toBe(true);
    expect(verdict).toEqual({ ...scorer.score(long.slice(0, 256)), truncated: true });
    expect(scorer.score(long.slice(0, 256)).truncated).toBe(false);
    const text = passwordText({ kind: "password", interactive: false, minScore: 3, results: [{ line: 1, strength: verdict }], summary: { checked: 1, found: 0, notFound: 0, unknown: 0, weak: 0 } }, plainStyle());
    expect(text).toContain("Strength is scored on the first 256 characters; the breach check used the whole password.");
  });

  it("gives exactly the library's guesses and score on l33t-heavy, word-sequence and random passwords", () => {
    fc.assert(
      fc.property(fc.oneof(l33tish, wordy, sequence, fc.string({ maxLength: 20 })), (password) => {
        const a = reference.check(password);
        const b = fast.check(password);
        expect(b.guesses).toBe(a.guesses);
        expect(b.score).toBe(a.score);
        expect(b.feedback).toEqual(a.feedback);
      }),
      { numRuns: 300 },
    );
  }, 60000);

  it("keeps the library's results with the person's own words too", () => {
    for (const [password, words] of [["Alice1990!", ["alice", "1990"]], ["r3x-th3-d0g", ["rex"]], ["s4m-smith", ["sam", "smith"]]] as const) {
      const a = reference.check(password, [...words]);
      expect(fast.check(password, [...words]).guesses).toBe(a.guesses);
      expect(scorer.score(password, words).score).toBe(a.score);
    }
  });

  it("ranks a word listed twice, or in several lists, as the library does", async () => {
    const options = { ...(await zxcvbnOptions()), dictionary: { first: ["zebra", "quokka", "zebra", "ibex"], second: ["ibex", "zebra"], months: ["zebra"] } };
    const [lib, ours] = [new ZxcvbnFactory(options), fastFactory(ZxcvbnFactory, options)];
    for (const password of ["zebra", "quokka", "ibex", "z3bra", "arbez", "zebraibex", "Zebra-Quokka"]) {
      expect(ours.check(password).guesses, password).toBe(lib.check(password).guesses);
      expect(ours.check(password).sequence, password).toEqual(lib.check(password).sequence);
    }
  });

  it("scores in plain words", () => {
    const weak = scorer.score("password");
    expect(weak).toMatchObject({ score: 0, warning: expect.stringMatching(/heavily used/i) });
    expect(scorer.score("correct horse battery staple mango").score).toBe(4);
  });
});
