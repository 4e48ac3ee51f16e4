import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashKey, hexAt, locateLines, windowProblem } from "../../../src/breach/sortedHashFile.js";

const A = `${"A".repeat(40)}:1`;
const B = `${"B".repeat(40)}:22`;
const C = `${"C".repeat(40)}:333`;
const BOM = "\u00EF\u00BB\u00BF";

const bytes = (text: string) => Buffer.from(text, "latin1");

function hexes(text: string, start: number, lo: number, hi: number): string[] {
  const window = locateLines(bytes(text), start, lo, hi);
  return window.bounds.map((_bound, index) => hexAt(window, index, 40));
}

describe("locateLines", () => {
  const text = `${A}\n${B}\n${C}\n`;

  it("takes every line of a window that covers the interval", () => {
    expect(hexes(text, 0, 0, text.length)).toEqual(["A", "B", "C"].map((c) => c.repeat(40)));
  });

  it("skips the line cut by the window's start", () => {
    expect(hexes(text.slice(5), 5, 0, text.length)).toEqual(["B", "C"].map((c) => c.repeat(40)));
  });

  it("skips a line that starts exactly at the window's start, since it cannot know", () => {
    const start = A.length + 1;
    expect(hexes(text.slice(start), start, 0, text.length)).toEqual(["C".repeat(40)]);
  });

  it("drops the line cut by the window's end, unless the window reaches the interval's end", () => {
    expect(hexes(text.slice(0, 60), 0, 0, text.length)).toEqual(["A".repeat(40)]);
    const noTrailingNewline = `${A}\n${B}`;
    expect(hexes(noTrailingNewline, 0, 0, noTrailingNewline.length)).toEqual(["A", "B"].map((c) => c.repeat(40)));
  });

  it("reports where the first line starts and the last one ends", () => {
    const window = locateLines(bytes(text.slice(5, 90)), 5, 0, text.length);
    expect(window.firstStart).toBe(A.length + 1);
    expect(window.end).toBe(A.length + 1 + B.length + 1);
  });

  it("handles CRLF, BOMs at line starts and blank lines", () => {
    const messy = `${BOM}${A}\r\n\r\n${BOM}${B}\r\n${C}`;
    expect(hexes(messy, 0, 0, messy.length)).toEqual(["A", "B", "C"].map((c) => c.repeat(40)));
  });

  it("finds nothing in a window without a line break", () => {
    expect(locateLines(bytes(A.slice(3)), 3, 0, 1000).bounds).toEqual([]);
  });

  it("finds exactly the lines wholly inside a window, wherever its edges fall", () => {
    const lines = fc.array(fc.tuple(fc.constantFrom(..."0123456789ABCDEF"), fc.nat(99999)), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(lines, fc.nat(), fc.nat(), fc.constantFrom("\n", "\r\n"), (entries, x, y, eol) => {
        const all = entries.map(([c, n]) => `${c.repeat(40)}:${n}`);
        const full = all.join(eol) + eol;
        const starts = all.map((_line, i) => all.slice(0, i).reduce((sum, line) => sum + line.length + eol.length, 0));
        const [s, e] = [x % (full.length + 1), y % (full.length + 1)].sort((a, b) => a - b) as [number, number];
        const got = locateLines(bytes(full.slice(s, e)), s, 0, full.length).bounds.map(([from]) => s + from);
        const expected = starts.filter((start, i) => (s === 0 || start > s) && start + (all[i] as string).length + eol.length <= e);
        expect(got).toEqual(expected);
      }),
    );
  });
});

describe("windowProblem", () => {
  it("accepts sorted lines and finds broken, unsorted, repeated or count-0 ones in the window's whole lines", () => {
    const check = (text: string, start = 0) => windowProblem(locateLines(bytes(text.slice(start)), start, 0, text.length), 40);
    expect(check(`${A}\n${B}\n`)).toBeUndefined();
    expect(check(`${B}\n${A}\n`)).toEqual({ kind: "order", offset: B.length + 1, line: 2 });
    expect(check(`${A}\nnonsense\n`)).toEqual({ kind: "shape", offset: A.length + 1, line: 2 });
    expect(check(`${A}\n${A}\n`)).toMatchObject({ kind: "duplicate", line: 2 });
    expect(check(`${A}\n${"B".repeat(40)}:0\n`)).toMatchObject({ kind: "padding", line: 2 });
    // A line cut by the window's start is not a whole line, so it is not judged.
    expect(check(`nonsense\n${A}\n${B}\n`, 2)).toBeUndefined();
  });
});

describe("hashKey", () => {
  it("orders like the hex it comes from", () => {
    expect(hashKey("0".repeat(40))).toBe(0);
    expect(hashKey("F".repeat(40))).toBe(16 ** 13 - 1);
    expect(hashKey("8".padEnd(40, "0"))).toBe(16 ** 13 / 2);
  });
});
