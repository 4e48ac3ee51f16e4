import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkWindow, hashKey, hexAt, type CheckedWindow } from "../../../src/breach/sortedHashFile.js";

const A = `${"A".repeat(40)}:1`;
const B = `${"B".repeat(40)}:22`;
const C = `${"C".repeat(40)}:333`;
const BOM = "\u00EF\u00BB\u00BF";

const bytes = (text: string) => Buffer.from(text, "latin1");

/** The window of well-formed lines read at `start` in [lo, hi). */
function windowOf(text: string, start: number, lo: number, hi: number): CheckedWindow {
  const checked = checkWindow(bytes(text), start, lo, hi, 40);
  if ("problem" in checked) throw new Error(`unexpected ${checked.problem.kind} at ${checked.problem.offset}`);
  return checked.window;
}

function hexes(text: string, start: number, lo: number, hi: number): string[] {
  const window = windowOf(text, start, lo, hi);
  return Array.from({ length: window.count }, (_unused, index) => hexAt(window, index, 40));
}

describe("checkWindow: the whole lines", () => {
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
    const window = windowOf(text.slice(5, 90), 5, 0, text.length);
    expect(window.firstStart).toBe(A.length + 1);
    expect(window.end).toBe(A.length + 1 + B.length + 1);
  });

  it("handles CRLF, BOMs at line starts and blank lines", () => {
    const messy = `${BOM}${A}\r\n\r\n${BOM}${B}\r\n${C}`;
    expect(hexes(messy, 0, 0, messy.length)).toEqual(["A", "B", "C"].map((c) => c.repeat(40)));
  });

  it("finds nothing in a window without a line break", () => {
    expect(windowOf(A.slice(3), 3, 0, 1000).count).toBe(0);
  });

  it("finds exactly the lines wholly inside a window, wherever its edges fall", () => {
    // Sorted, distinct hashes with counts above 0: lines the check accepts.
    const lines = fc.uniqueArray(fc.constantFrom(..."0123456789ABCDEF"), { minLength: 1, maxLength: 16 }).chain((chars) => fc.tuple(fc.constant([...chars].sort()), fc.array(fc.integer({ min: 1, max: 99999 }), { minLength: chars.length, maxLength: chars.length })));
    fc.assert(
      fc.property(lines, fc.nat(), fc.nat(), fc.constantFrom("\n", "\r\n"), ([chars, counts], x, y, eol) => {
        const all = chars.map((c, i) => `${c.repeat(40)}:${counts[i]}`);
        const full = all.join(eol) + eol;
        const starts = all.map((_line, i) => all.slice(0, i).reduce((sum, line) => sum + line.length + eol.length, 0));
        const [s, e] = [x % (full.length + 1), y % (full.length + 1)].sort((a, b) => a - b) as [number, number];
        const window = windowOf(full.slice(s, e), s, 0, full.length);
        const got = Array.from(window.starts.subarray(0, window.count), (from) => s + from);
        const expected = starts.filter((start, i) => (s === 0 || start > s) && start + (all[i] as string).length + eol.length <= e);
        expect(got).toEqual(expected);
      }),
    );
  });
});

describe("checkWindow: the checks", () => {
  it("accepts sorted lines and finds broken, unsorted, repeated or count-0 ones in the window's whole lines", () => {
    const check = (text: string, start = 0) => {
      const checked = checkWindow(bytes(text.slice(start)), start, 0, text.length, 40);
      return "problem" in checked ? checked.problem : undefined;
    };
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
