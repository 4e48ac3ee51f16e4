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
});
