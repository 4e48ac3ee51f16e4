import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalLines, isCanonical, normalizeBody, normalizeBytes } from "../../../src/breach/canonicalBody.js";
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
        expect(canonicalLines(Buffer.from(normal!, "latin1"), "sha1")).toBe(parsed.counts.size);
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

describe("normalizeBytes", () => {
  it("is normalizeBody for bytes, and hands back the very bytes it was given when they are canonical", () => {
    fc.assert(
      fc.property(body, (text) => {
        const bytes = Buffer.from(text);
        const normal = normalizeBody(text, "sha1");
        const fromBytes = normalizeBytes(bytes, "sha1");
        expect(fromBytes === undefined ? undefined : Buffer.from(fromBytes).toString()).toBe(normal);
        if (normal === text) expect(fromBytes).toBe(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a canonical answer's bytes as they are, and makes the canonical form of another", () => {
    const canonical = Buffer.from(`${"0".repeat(34)}1:2\r\n${"A".repeat(35)}:10`);
    expect(normalizeBytes(canonical, "sha1")).toBe(canonical);
    expect(Buffer.from(normalizeBytes(Buffer.from(`${"a".repeat(35)}:10\n${"0".repeat(34)}1:2\n`), "sha1")!).equals(canonical)).toBe(true);
    expect(normalizeBytes(Buffer.from("<html>"), "sha1")).toBeUndefined();
  });
});

describe("isCanonical", () => {
  // The definition as one regular expression plus a strict order check: the reference the
  // one-pass scan must agree with on every input, near-canonical ones above all.
  const reference = (text: string, length: number) =>
    new RegExp(`^(?:[0-9A-F]{${length}}:[1-9][0-9]{0,14}\r\n)*[0-9A-F]{${length}}:[1-9][0-9]{0,14}$`).test(text) &&
    text.split("\r\n").every((l, i, all) => i === 0 || l.slice(0, length) > all[i - 1]!.slice(0, length));
  const upper = fc.array(fc.constantFrom(..."0123456789ABCDEF"), { minLength: 35, maxLength: 35 }).map((cs) => cs.join(""));
  const count = fc.oneof(fc.integer({ min: 1, max: 1000 }).map(String), fc.constantFrom("0", "01", "999999999999999", "1000000000000000", ""));
  const canonicalish = fc
    .uniqueArray(upper, { minLength: 1, maxLength: 12 })
    .chain((suffixes) => fc.tuple(fc.constant(suffixes.sort()), fc.array(count, { minLength: suffixes.length, maxLength: suffixes.length }), fc.boolean(), fc.nat(400), fc.constantFrom("", "\r\n", "\n", "a", ":", "G", "\r", "\u0130", "\u0441", "/", "@", "`", "\u007f", "\u00c0")))
    .map(([suffixes, counts, swap, at, noise]) => {
      const lines = suffixes.map((s, i) => `${s}:${counts[i] || "7"}`);
      if (swap && lines.length > 1) [lines[0], lines[1]] = [lines[1]!, lines[0]!];
      const text = lines.join("\r\n");
      const cut = at % (text.length + 1);
      return text.slice(0, cut) + noise + text.slice(cut + (noise ? 1 : 0));
    });

  it("agrees with the definition on near-canonical bodies, both hash lengths", () => {
    fc.assert(fc.property(canonicalish, (text) => { expect(isCanonical(text, "sha1")).toBe(reference(text, 35)); }), { numRuns: 3000 });
    const ntlm = (text: string) => text.replace(/([0-9A-F]{27})[0-9A-F]{8}:/g, "$1:");
    fc.assert(fc.property(canonicalish.map(ntlm), (text) => { expect(isCanonical(text, "ntlm")).toBe(reference(text, 27)); }), { numRuns: 1000 });
  });
});
