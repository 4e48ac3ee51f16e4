import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkByRange, decoyBatchSize, decoysOf, type RangeOutcome } from "../../../src/breach/batch.js";
import { sha1Hex } from "../../../src/breach/hash.js";

/** A range loader that answers every prefix with no lines and notes what it was asked, in order. */
function recorder() {
  const asked: string[] = [];
  const empty: RangeOutcome = { ok: true, countOf: () => 0 } as unknown as RangeOutcome;
  return { asked, load: async (mode: string, prefix: string) => (asked.push(`${mode}:${prefix}`), empty) };
}

const hashes = (n: number, tag = "") => Array.from({ length: n }, (_, i) => sha1Hex(`decoy test ${tag}${i}`));
const real = (list: readonly string[]) => new Set(list.map((h) => `sha1:${h.slice(0, 5)}`));

describe("decoys", () => {
  it("a prefix's decoys come from the key: the same every time with one key, others with another, never the prefix itself", () => {
    const key = randomBytes(32);
    const first = decoysOf("sha1", "5BAA6", 10, key);
    expect(decoysOf("sha1", "5BAA6", 10, key)).toEqual(first);
    expect(decoysOf("sha1", "5BAA6", 3, key)).toEqual(first.slice(0, 3));
    expect(new Set(first).size).toBe(10);
    expect(first.every((p) => /^[0-9A-F]{5}$/.test(p) && p !== "5BAA6")).toBe(true);
    expect(decoysOf("sha1", "5BAA6", 10, randomBytes(32))).not.toEqual(first);
    expect(decoysOf("ntlm", "5BAA6", 10, key)).not.toEqual(first);
  });

  it("decoys spread over the whole space: 16,000 of them fill each sixteenth about equally", () => {
    const key = randomBytes(32);
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 800; i++) for (const p of decoysOf("sha1", i.toString(16).padStart(5, "0").toUpperCase(), 20, key)) counts[Number.parseInt(p[0]!, 16)]!++;
    // 1,000 expected in each; 4 standard deviations is about 125.
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(130);
  });

  it("a batch asks (N + 1) for a rounded count of real prefixes: 1 to 4 look the same, then 6, 8, 12, 16, 24 ...", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 17, 25, 33, 200].map((r) => decoyBatchSize(r, 3) / 4)).toEqual([4, 4, 4, 4, 6, 6, 8, 8, 12, 16, 24, 32, 48, 256]);
    expect(decoyBatchSize(1, 10)).toBe(44);
    expect(decoyBatchSize(500_000, 20)).toBe(16 ** 5);
  });

  it("asks each prefix once, real ones among them, and answers as without decoys", async () => {
    for (const count of [1, 3, 5, 40]) {
      const list = hashes(count);
      const plain = recorder();
      const without = await checkByRange(list, 4, plain.load);
      const hidden = recorder();
      const withDecoys = await checkByRange(list, 4, hidden.load, {}, { perReal: 3, key: randomBytes(32) });
      expect(withDecoys).toEqual(without);
      expect(hidden.asked).toHaveLength(decoyBatchSize(real(list).size, 3));
      expect(new Set(hidden.asked).size).toBe(hidden.asked.length);
      for (const prefix of real(list)) expect(hidden.asked).toContain(prefix);
    }
  });

  it("with one key, two runs of the same passwords ask for exactly the same prefixes (filler too); with new keys they share only the real ones", async () => {
    const list = hashes(5, "runs ");
    const key = randomBytes(32);
    const run = async (k?: Uint8Array) => {
      const r = recorder();
      await checkByRange(list, 4, r.load, {}, { perReal: 3, key: k });
      return r.asked;
    };
    const [a, b] = [await run(key), await run(key)];
    expect(a).toHaveLength(decoyBatchSize(5, 3));
    expect([...b].sort()).toEqual([...a].sort());
    // Each real prefix's first 3 decoys are among them, and the rest come from the same sequences.
    for (const p of real(list)) for (const d of decoysOf("sha1", p.slice(5), 3, key)) expect(a).toContain(`sha1:${d}`);
    expect(a).not.toEqual(b); // the order is new each run
    const [c, d] = [await run(undefined), await run(undefined)];
    expect(c.filter((p) => d.includes(p)).sort()).toEqual([...real(list)].sort());
  });

  it("a smaller N asks for the first decoys of a larger one, and the rounding hides 1 to 4 real prefixes", async () => {
    const key = randomBytes(32);
    const sizes = [];
    for (const count of [1, 2, 3, 4]) {
      const r = recorder();
      await checkByRange(hashes(count, "count "), 4, r.load, {}, { perReal: 3, key });
      sizes.push(r.asked.length);
    }
    expect(new Set(sizes)).toEqual(new Set([16]));
    expect(decoysOf("sha1", "ABCDE", 5, key).slice(0, 3)).toEqual(decoysOf("sha1", "ABCDE", 3, key));
  });
});
