import { describe, expect, it } from "vitest";
import { progressLine } from "../../../src/output/progress.js";

/** What a terminal of `columns` shows of the last redraw. */
function shown(columns: number, done: number, total: number, words: string): string {
  const writes: string[] = [];
  const stream = { columns, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream;
  progressLine(stream, "Downloading", () => words).update({ done, total });
  return writes.at(-1)!.replace(/^\r/, "").replace(/\u001b\[K$/, "");
}

describe("progressLine", () => {
  const words = "821 of 4,096 prefixes, 14.2 MB/s, 9 seconds left";

  it("shows label, bar and words when they fit, and always stays on one row", () => {
    expect(shown(120, 2048, 4096, words)).toBe(`Downloading [############------------] ${words}`);
    for (const columns of [20, 40, 60, 80, 120]) expect(shown(columns, 1, 3, words).length).toBeLessThan(columns);
  });

  it("on a narrow screen drops the label, then shrinks the bar, before it cuts the words", () => {
    expect(shown(76, 2048, 4096, words)).toBe(`[############------------] ${words}`);
    expect(shown(62, 2048, 4096, words)).toBe(`[#####-----] ${words}`);
    expect(shown(52, 2048, 4096, words)).toBe(words);
    expect(shown(30, 2048, 4096, words)).toMatch(/^821 of 4,096/);
  });

  it("keeps its size as the words grow and shrink: the bar only ever gets narrower, and the label never comes back", () => {
    const writes: string[] = [];
    const stream = { columns: 60, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream;
    let words = "1 of 256 prefixes, 0.5 MB/s";
    const line = progressLine(stream, "Downloading", () => words);
    const bars: number[] = [];
    for (const next of ["1 of 256 prefixes, 0.5 MB/s", "64 of 256 prefixes, 0.6 MB/s, 11 seconds left", "65 of 256 prefixes, 0.6 MB/s", "256 of 256 prefixes, 0.6 MB/s"]) {
      words = next;
      // A finished count is always drawn (others at most every 100 ms).
      line.update({ done: 256, total: 256 });
      const text = writes.at(-1)!;
      bars.push(/\[([#-]*)\]/.exec(text)?.[1]?.length ?? 0);
      expect(text.replace(/^\r/, "").replace(/\u001b\[K$/, "").length).toBeLessThan(60);
      if (bars.length > 2) expect(text).not.toContain("Downloading");
    }
    expect(bars[0]).toBeGreaterThan(bars[1]!);
    expect(bars.slice(1)).toEqual([bars[1], bars[1], bars[1]]);
  });

  it("drops whole parts of the words that do not fit, never half a phrase; a wider window brings the bar back", () => {
    const whole = "1,048,576 of 1,048,576 prefixes, 53.7 MB/s, 16.9 hours left";
    expect(shown(50, 5, 10, whole)).toBe("1,048,576 of 1,048,576 prefixes, 53.7 MB/s");
    expect(shown(40, 5, 10, whole)).toBe("1,048,576 of 1,048,576 prefixes");
    expect(shown(50, 5, 10, "٥ من ١٠ بادئة، 0.6 ميغابايت/ث، يتبقى 11 ثانية")).toBe("٥ من ١٠ بادئة، 0.6 ميغابايت/ث، يتبقى 11 ثانية".slice(0, 200));
    const writes: string[] = [];
    const stream = { columns: 40, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream;
    const line = progressLine(stream, "Downloading", () => "5 of 10 prefixes");
    line.update({ done: 10, total: 10 });
    expect(writes.at(-1)).not.toContain("Downloading");
    (stream as { columns: number }).columns = 120;
    line.update({ done: 10, total: 10 });
    expect(writes.at(-1)).toContain(`Downloading [${"#".repeat(24)}] 5 of 10 prefixes`);
  });
});
