import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { padOrder, withPadding } from "../../../src/serve/rangeServer.js";

const hex = (n: number) => randomBytes(n).toString("hex").toUpperCase().slice(0, n);
/** A range as a source gives it: `count` distinct SUFFIX:COUNT lines in rising order, CRLF between. */
function range(count: number, length = 35): Buffer {
  const suffixes = [...new Set(Array.from({ length: count }, () => hex(length)))].sort();
  return Buffer.from(suffixes.map((s, i) => `${s}:${1 + ((i * 7919) % 100_000)}`).join("\r\n"), "latin1");
}
const rising = (xs: string[]) => xs.every((x, i) => i === 0 || xs[i - 1]! < x);

describe("padOrder", () => {
  it("orders every pad (a run of random bytes, as hex) so that their suffixes rise", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.constantFrom(35, 27), fc.integer({ min: 0, max: 3 }), (count, length, tieBytes) => {
        const width = Math.ceil(length / 2);
        const random = randomBytes(count * width);
        // Ties in the sorting key's first bytes (the insertion pass must order them by the rest).
        for (let i = 0; i < count; i += 2) random.fill(0xa5, i * width, i * width + Math.min(width, 2 * tieBytes + (tieBytes > 0 ? 3 : 0)));
        const pads = Array.from({ length: count }, (_, i) => Buffer.from(random.subarray(i * width, (i + 1) * width)).toString("hex").toUpperCase().slice(0, length));
        const order = [...padOrder(random, count, length)];
        expect([...order].sort((a, b) => a - b)).toEqual(pads.map((_, i) => i));
        expect(order.map((i) => pads[i])).toEqual([...pads].sort());
      }),
    );
  });

  it("refuses more pads than the random bytes hold", () => {
    expect(() => padOrder(randomBytes(35), 3, 35)).toThrow(RangeError);
  });
});

describe("withPadding", () => {
  for (const [mode, length] of [["sha1", 35], ["ntlm", 27]] as const) {
    it(`pads a ${mode} range to 800-1,000 lines with random count-0 lines merged in order; every real line kept`, () => {
      const sizes = new Set<number>();
      for (const count of [1, 2, 300, 799, 950, 1000, 1200]) {
        const body = range(count, length);
        const real = body.toString("latin1").split("\r\n");
        const out = withPadding(body, real.length, mode).toString("latin1");
        expect(out.endsWith("\r\n")).toBe(false);
        const lines = out.split("\r\n");
        const pads = lines.filter((l) => l.endsWith(":0"));
        expect(lines.filter((l) => !l.endsWith(":0"))).toEqual(real);
        expect(pads.every((l) => new RegExp(`^[0-9A-F]{${length}}:0$`).test(l))).toBe(true);
        expect(rising(lines.map((l) => l.slice(0, length)))).toBe(true);
        if (real.length < 790) {
          expect(lines.length).toBeGreaterThanOrEqual(800);
          expect(lines.length).toBeLessThanOrEqual(1000);
          sizes.add(lines.length);
        } else {
          expect(pads.length).toBeGreaterThanOrEqual(10);
          expect(pads.length).toBeLessThanOrEqual(Math.max(1000 - real.length, 209));
        }
      }
      // Random sizes, not one fixed size.
      expect(sizes.size).toBeGreaterThan(1);
    });
  }

  it("never the same padding twice, and every hex digit in every place about equally often", () => {
    const body = range(100);
    const lines = body.toString("latin1").split("\r\n").length;
    const seen = new Set<string>();
    const counts = Array.from({ length: 35 }, () => new Array<number>(16).fill(0));
    let pads = 0;
    for (let i = 0; i < 40; i++) {
      for (const line of withPadding(body, lines, "sha1").toString("latin1").split("\r\n")) {
        if (!line.endsWith(":0")) continue;
        expect(seen.has(line)).toBe(false);
        seen.add(line);
        pads++;
        for (let k = 0; k < 35; k++) counts[k]![parseInt(line[k]!, 16)]!++;
      }
    }
    // About 28,000 pads: each digit's share in each place is 1/16 give or take a few percent.
    for (const place of counts) for (const n of place) expect(Math.abs(n / pads - 1 / 16)).toBeLessThan(0.015);
  });
});
