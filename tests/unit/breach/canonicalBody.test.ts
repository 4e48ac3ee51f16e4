import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCanonical, normalizeBody } from "../../../src/breach/canonicalBody.js";
import { parseRangeBody } from "../../../src/breach/rangeBody.js";

const hexChar = fc.constantFrom(..."0123456789ABCDEFabcdef");
const suffix = fc.array(hexChar, { minLength: 35, maxLength: 35 }).map((cs) => cs.join(""));
const line = fc.tuple(suffix, fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000_000 }))).map(([s, n]) => `${s}:${n}`);
const body = fc.tuple(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom("\r\n", "\n"), fc.boolean()).map(([lines, end, trailing]) => lines.join(end) + (trailing ? end : ""));

describe("normalizeBody", () => {
  it("gives the parser's lines of count > 0, upper-case, sorted, CRLF, and is canonical; refuses what the parser refuses", () => {
    fc.assert(
      fc.property(body, (text) => {
        const parsed = parseRangeBody(text, "sha1");
        const normal = normalizeBody(text, "sha1");
        if (!parsed.ok) {
          expect(normal).toBeUndefined();
          return;
        }
        const expected = [...parsed.counts].map(([s, n]) => `${s}:${n}`).sort().join("\r\n");
        expect(normal).toBe(expected);
        expect(isCanonical(normal!, "sha1")).toBe(true);
        expect(normalizeBody(normal!, "sha1")).toBe(normal);
      }),
    );
  });

  it("is not fooled by almost-canonical bodies", () => {
    const a = `${"A".repeat(35)}:1`;
    const b = `${"B".repeat(35)}:2`;
    expect(isCanonical(`${a}\r\n${b}`, "sha1")).toBe(true);
    for (const bad of [`${b}\r\n${a}`, `${a}\r\n${a}`, `${a}\r\n${b}\r\n`, `${a}\n${b}`, `${a.toLowerCase()}`, `${"A".repeat(35)}:0`, `${"A".repeat(35)}:01`, "", `${"A".repeat(34)}:1`]) {
      expect(isCanonical(bad, "sha1"), JSON.stringify(bad)).toBe(false);
    }
  });
});
