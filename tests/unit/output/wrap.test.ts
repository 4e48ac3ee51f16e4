import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wrap } from "../../../src/output/wrap.js";

describe("wrap", () => {
  it("breaks between words with a hanging indent", () => {
    expect(wrap("one two three four", 12, "  ", "    ")).toBe("  one two\n    three\n    four");
  });

  it("keeps every word, in order, and never exceeds the width unless a word is longer", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,15}$/), { maxLength: 40 }), fc.integer({ min: 20, max: 100 }), (words, width) => {
        const out = wrap(words.join(" "), width, "  ");
        expect(out.split(/\s+/).filter(Boolean)).toEqual(words);
        for (const line of out.split("\n")) expect(line.length <= width || !line.trim().includes(" ")).toBe(true);
      }),
    );
  });
});
