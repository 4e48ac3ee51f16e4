import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SUFFIX_LENGTH, type HashMode } from "../../../src/breach/hash.js";
import { countOf, parseCountLine, parseRangeBody } from "../../../src/breach/rangeBody.js";
import { formatLines, type Entry } from "../../fixtures/breach/datasets.js";

const S1 = "0018A45C4D1DEF81644B54AB7F969B88D65";
const S2 = "00D4F6E8FA6EECAD2A3AA415EEC418D38EC";
const NTLM_SUFFIX = "7EAEE8FB117AD06BDD830B7586C";

function counts(body: string, mode: HashMode = "sha1"): ReadonlyMap<string, number> {
  const parsed = parseRangeBody(body, mode);
  if (!parsed.ok) throw new Error(`expected a usable body: ${parsed.reason}`);
  return parsed.counts;
}

describe("parseRangeBody", () => {
  it("reads SUFFIX:COUNT lines joined by CRLF", () => {
    const map = counts(`${S1}:1\r\n${S2}:2`);
    expect(countOf(map, S1)).toBe(1);
    expect(countOf(map, S2)).toBe(2);
    expect(map.size).toBe(2);
  });

  it("drops count-0 padding lines", () => {
    const map = counts(`${S1}:3\r\n${S2}:0\r\n`);
    expect(countOf(map, S2)).toBe(0);
    expect(map.has(S2)).toBe(false);
  });

  it("accepts LF, lower case, any order, a trailing newline and a BOM", () => {
    const map = counts(`\uFEFF${S2.toLowerCase()}:7\n${S1}:5\n`);
    expect(countOf(map, S1)).toBe(5);
    expect(countOf(map, S2.toLowerCase())).toBe(7);
  });

  // Every real prefix holds real entries: a body of padding alone is a broken or forged answer,
  // and reading it as "every suffix absent" would be a false "not found".
  it.each([
    ["one padding line", `${S1}:0`],
    ["two padding lines", `${S1}:0\r\n${S2}:0\r\n`],
    ["900 padding lines", Array.from({ length: 900 }, (_, i) => `${i.toString(16).toUpperCase().padStart(35, "0")}:0`).join("\r\n")],
    ["padding with counts written 000", `${S1}:000\n${S2}:00`],
  ])("refuses a body made only of padding: %s", async (_what, body) => {
    const { checkRangeBody } = await import("../../../src/breach/rangeBody.js");
    const reason = "it has only padding lines (count 0), which a real answer never has";
    expect(parseRangeBody(body, "sha1")).toEqual({ ok: false, reason });
    expect(checkRangeBody(body, "sha1")).toEqual({ ok: false, reason });
  });

  it("accepts padding beside a single real line, wherever it is", () => {
    const padding = Array.from({ length: 5 }, (_, i) => `${String(i).padStart(35, "0")}:0`);
    expect(countOf(counts([...padding, `${S1}:1`].join("\r\n")), S1)).toBe(1);
    expect(countOf(counts([`${S1}:1`, ...padding].join("\r\n")), S1)).toBe(1);
  });

  it("keeps the larger count of a repeated suffix", () => {
    expect(countOf(counts(`${S1}:3\r\n${S1}:9\r\n${S1}:0`), S1)).toBe(9);
  });

  it("reads NTLM bodies with 27-digit suffixes", () => {
    expect(countOf(counts(`${NTLM_SUFFIX}:4`, "ntlm"), NTLM_SUFFIX)).toBe(4);
  });

  it.each([
    ["an empty body", ""],
    ["a lone BOM", "\uFEFF"],
    ["a lone newline", "\r\n"],
    ["an HTML page", "<html><body>Sorry</body></html>"],
    ["a blank line in the middle", `${S1}:1\r\n\r\n${S2}:2`],
    ["two trailing newlines", `${S1}:1\r\n\r\n`],
    ["a missing count", `${S1}:`],
    ["a negative count", `${S1}:-1`],
    ["a count with spaces", `${S1}: 1`],
    ["a count too large to be exact", `${S1}:1234567890123456`],
    ["a non-hex suffix", `${S1.slice(0, -1)}G:1`],
    ["a suffix one digit short", `${S1.slice(1)}:1`],
    ["a full hash instead of a suffix", `5BAA6${S1}:1`],
    ["NTLM suffixes in a SHA-1 body", `${NTLM_SUFFIX}:1`],
    ["a bare carriage return as separator", `${S1}:1\r${S2}:2`],
  ])("rejects %s", (_what, body) => {
    const parsed = parseRangeBody(body, "sha1");
    expect(parsed.ok).toBe(false);
  });

  it("names the bad line by number only, never by content", () => {
    const parsed = parseRangeBody(`${S1}:1\r\n${S2}:2\r\nsecret-stuff\u001b[31m:1`, "sha1");
    expect(parsed).toEqual({ ok: false, reason: "line 3 is not SUFFIX:COUNT with a 35-digit suffix" });
  });

  it("rejects SHA-1 suffixes in an NTLM body", () => {
    expect(parseRangeBody(`${S1}:1`, "ntlm").ok).toBe(false);
  });
});

describe("parseCountLine", () => {
  it("upper-cases the hex and reads the count", () => {
    expect(parseCountLine("abc:12", 3)).toEqual({ hex: "ABC", count: 12 });
    expect(parseCountLine("abc:12\r", 3)).toBeUndefined();
  });
});

const hexString = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789ABCDEF"), minLength: length, maxLength: length });

describe("parseRangeBody properties", () => {
  it("never throws, whatever the body, and only ever yields well-formed entries", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.constantFrom<HashMode>("sha1", "ntlm"), (body, mode) => {
        const parsed = parseRangeBody(body, mode);
        if (!parsed.ok) return parsed.reason.length < 80;
        return [...parsed.counts].every(
          ([suffix, count]) => new RegExp(`^[0-9A-F]{${SUFFIX_LENGTH[mode]}}$`).test(suffix) && count > 0,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on bodies that almost look right", () => {
    const almost = fc.array(
      fc.oneof(fc.tuple(hexString(35), fc.nat()).map(([s, n]) => `${s}:${n}`), fc.string({ unit: "binary", maxLength: 40 })),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(almost, fc.constantFrom("\n", "\r\n", "\r"), (lines, eol) => {
        parseRangeBody(lines.join(eol), "sha1");
      }),
    );
  });

  it("gives back the map a body was formatted from, whatever its shape", () => {
    const entries = fc.uniqueArray(fc.tuple(hexString(35), fc.integer({ min: 1, max: 99_999_999 })), {
      selector: ([suffix]) => suffix,
      minLength: 1,
      maxLength: 60,
    });
    const padding = fc.array(hexString(35), { maxLength: 20 });
    const shape = fc.record({
      lineEnding: fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
      bom: fc.boolean(),
      trailingNewline: fc.boolean(),
      lowercase: fc.boolean(),
    });
    fc.assert(
      fc.property(entries, padding, shape, fc.infiniteStream(fc.nat()), (real, pads, textShape, order) => {
        const realSuffixes = new Set(real.map(([suffix]) => suffix));
        const lines: Entry[] = [...real, ...pads.filter((pad) => !realSuffixes.has(pad)).map((pad) => [pad, 0] as const)];
        const shuffled = lines
          .map((line) => ({ line, key: order.next().value as number }))
          .sort((a, b) => a.key - b.key)
          .map(({ line }) => line);
        const parsed = parseRangeBody(formatLines(shuffled, textShape), "sha1");
        expect(parsed.ok).toBe(true);
        if (parsed.ok) expect(new Map(parsed.counts)).toEqual(new Map(real));
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a whole body when any one line is broken", () => {
    const valid = fc.array(fc.tuple(hexString(35), fc.integer({ min: 0, max: 9999 })), { minLength: 1, maxLength: 30 });
    // One line: a line ending inside it could split it into valid lines.
    const broken = fc
      .string({ unit: "binary", maxLength: 50 })
      .filter((text) => !text.includes("\n") && !/^[0-9A-Fa-f]{35}:[0-9]{1,15}\r?$/.test(text));
    fc.assert(
      fc.property(valid, broken, fc.nat(), (lines, bad, at) => {
        const text = lines.map(([suffix, count]) => `${suffix}:${count}`);
        const position = at % (text.length + 1);
        // An empty last line is just a trailing newline, which is fine.
        fc.pre(!(bad === "" && position === text.length));
        text.splice(position, 0, bad);
        expect(parseRangeBody(text.join("\r\n"), "sha1").ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe("checkRangeBody (the batch's fast path)", () => {
  it("agrees with parseRangeBody on every body and every suffix", async () => {
    const { checkRangeBody } = await import("../../../src/breach/rangeBody.js");
    const hexChar = fc.constantFrom(..."0123456789abcdefABCDEF".split(""));
    const suffix = fc.array(hexChar, { minLength: 35, maxLength: 35 }).map((cs) => cs.join(""));
    const line = fc.tuple(suffix, fc.integer({ min: 0, max: 99999 })).map(([s, c]) => `${s}:${c}`);
    const body = fc.tuple(fc.array(line, { minLength: 1, maxLength: 30 }), fc.constantFrom("\n", "\r\n"), fc.boolean(), fc.boolean()).map(
      ([lines, eol, trailing, bom]) => `${bom ? "\uFEFF" : ""}${lines.join(eol)}${trailing ? eol : ""}`,
    );
    fc.assert(
      fc.property(fc.oneof(body, fc.string()), suffix, (text, extra) => {
        const full = parseRangeBody(text, "sha1");
        const fast = checkRangeBody(text, "sha1");
        expect(fast.ok).toBe(full.ok);
        if (!full.ok || !fast.ok) return;
        for (const s of [...full.counts.keys(), extra, extra.toLowerCase()]) expect(fast.countOf(s)).toBe(countOf(full.counts, s));
      }),
      { numRuns: 500 },
    );
  });
});
