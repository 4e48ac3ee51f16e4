import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { fastMatchers, loadScorer, zxcvbnOptions, type Scorer } from "../../../src/strength/scorer.js";

// The library with its default matchers is the reference the fast matchers must equal.
let reference: ZxcvbnFactory;
let fast: ZxcvbnFactory;
let scorer: Scorer;
beforeAll(async () => {
  const options = await zxcvbnOptions();
  reference = new ZxcvbnFactory(options);
  fast = new ZxcvbnFactory(options, fastMatchers(ZxcvbnFactory));
  scorer = await loadScorer();
}, 30000);

const l33tish = fc
  .array(fc.constantFrom(..."aeiostlgb@4301!$57|9()_-.PpAaSsWwOoRrDd2024 ".split("")), { minLength: 1, maxLength: 18 })
  .map((cs) => cs.join(""));
const wordy = fc
  .tuple(fc.constantFrom("password", "p@ssw0rd", "l0v3", "dragon", "m0nkey", "s3cr3t", "jan", "f3bruary", "five", "s!x", "motdepasse"), fc.string({ maxLength: 6 }), fc.integer({ min: 1950, max: 2030 }))
  .map(([w, s, y]) => `${w}${s}${y}`);

describe("strength scoring", () => {
  it("gives exactly the library's guesses and score on l33t-heavy and random passwords", () => {
    fc.assert(
      fc.property(fc.oneof(l33tish, wordy, fc.string({ maxLength: 20 })), (password) => {
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

  it("scores in plain words", () => {
    const weak = scorer.score("password");
    expect(weak).toMatchObject({ score: 0, warning: expect.stringMatching(/heavily used/i) });
    expect(scorer.score("correct horse battery staple mango").score).toBe(4);
  });
});
