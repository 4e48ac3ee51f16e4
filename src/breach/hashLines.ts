/**
 * The one check of sorted `HEX:COUNT` lines: every lookup runs it on each window it reads, and
 * `harden data verify` runs it on every line of a file. A line is an optional BOM, exactly
 * `hexLength` hex digits (either case), a colon, 1 to 15 digits of a count above 0, and LF or
 * CRLF (none on the last line). Lines must rise strictly: a line out of order, a repeated hash
 * or a count of 0 (padding, which the real data never holds) means the file is damaged.
 *
 * A hand-written scan over latin1 text (one character per byte, so indexes are byte offsets):
 * a regular expression per line would cost more than reading the file.
 */

export type LineProblemKind = "shape" | "padding" | "order" | "duplicate";

export interface LineProblem {
  readonly kind: LineProblemKind;
  /** Byte offset where the line starts, counted as the `base` passed to scan(). */
  readonly offset: number;
  /** 1-based line number, counted from the first line this checker scanned. */
  readonly line: number;
}

/** Plain words for each kind, completing "line N ..." or "near byte N: ...". */
export const PROBLEM_WORDS: Readonly<Record<LineProblemKind, (hexLength: number) => string>> = {
  shape: (hexLength) => `is not HASH:COUNT with a ${hexLength}-digit hash`,
  padding: () => "has count 0, which real breach data never has",
  order: () => "is out of order (its hash sorts before the line above)",
  duplicate: () => "repeats the hash of the line above",
};

const LF = 10;
const CR = 13;
const COLON = 58;
const ZERO = 48;
const NINE = 57;
/** 15 digits stay below Number.MAX_SAFE_INTEGER; no real count comes close. */
export const MAX_COUNT_DIGITS = 15;
const BOM = "\u00EF\u00BB\u00BF";

/** Each hex digit's upper-case code; 0 for any other character code. Folding case here keeps one compare per digit. */
const HEX_UPPER = new Uint8Array(65536);
for (const c of "0123456789ABCDEF") HEX_UPPER[c.charCodeAt(0)] = c.charCodeAt(0);
for (const c of "abcdef") HEX_UPPER[c.charCodeAt(0)] = c.toUpperCase().charCodeAt(0);

/** The 16^5 prefixes, one flag each: which ones have lines. */
export const PREFIX_COUNT = 16 ** 5;

export interface LineCheckerOptions {
  /** Called for each problem; return false to stop the scan there. */
  onProblem: (problem: LineProblem) => boolean;
  /** When given, the flag of every prefix seen is set (index = the prefix's value). */
  prefixes?: Uint8Array;
}

/**
 * Checks lines fed to it in order, one text after another (a window, or a file's chunks): the
 * order check carries over from the last line of one text to the first of the next. Each text
 * passed to scan() must end just after a line ending, except the very end of the data.
 */
export class HashLineChecker {
  /** Well-formed lines seen (whatever their order or count). */
  lines = 0;
  /** The number the next line will have. */
  lineNumber = 1;
  /** The last well-formed line's hash: in `previousText` at `previousAt`. */
  private previousText = "";
  private previousAt = -1;
  private stopped = false;

  constructor(
    readonly hexLength: number,
    private readonly options: LineCheckerOptions,
  ) {}

  /** Upper-case hash of the last well-formed line scanned, if any. */
  get lastHex(): string | undefined {
    return this.previousAt < 0 ? undefined : this.previousText.slice(this.previousAt, this.previousAt + this.hexLength).toUpperCase();
  }

  /**
   * Scans the lines in text[from, to), where text[0] is at byte `base` of the data. Returns
   * false once onProblem has asked to stop.
   */
  scan(text: string, from: number, to: number, base: number): boolean {
    if (this.stopped) return false;
    const hexLength = this.hexLength;
    const prefixes = this.options.prefixes;
    let previousText = this.previousText;
    let previousAt = this.previousAt;
    let pos = from;
    while (pos < to) {
      const start = pos;
      if (text.charCodeAt(pos) === 0xef && text.startsWith(BOM, pos)) pos += BOM.length;
      if (pos >= to) break;
      const first = text.charCodeAt(pos);
      if (first === LF || (first === CR && (pos + 1 === to || text.charCodeAt(pos + 1) === LF))) {
        // A blank line: lookups skip it too.
        pos += first === CR && pos + 1 < to ? 2 : 1;
        this.lineNumber++;
        continue;
      }
      let end = -1;
      let order = previousAt < 0 ? 1 : 0;
      let differAt = 0;
      let nonZero = 0;
      if (to - pos >= hexLength + 2) {
        let i = 0;
        for (; i < hexLength; i++) {
          const c = HEX_UPPER[text.charCodeAt(pos + i)]!;
          if (c === 0) break;
          if (order === 0) {
            const p = HEX_UPPER[text.charCodeAt(previousAt + i)]!;
            if (c !== p) {
              order = c > p ? 1 : -1;
              differAt = i;
            }
          }
        }
        let q = pos + hexLength;
        if (i === hexLength && text.charCodeAt(q) === COLON) {
          const digitsFrom = ++q;
          for (let c = text.charCodeAt(q); c >= ZERO && c <= NINE && q < to; c = text.charCodeAt(++q)) nonZero |= c - ZERO;
          const digits = q - digitsFrom;
          if (digits > 0 && digits <= MAX_COUNT_DIGITS) {
            if (q < to && text.charCodeAt(q) === CR) q++;
            if (q === to) end = q;
            else if (text.charCodeAt(q) === LF) end = q + 1;
          }
        }
      }
      if (end < 0) {
        const newline = text.indexOf("\n", pos);
        pos = newline < 0 || newline >= to ? to : newline + 1;
        if (!this.report("shape", base + start)) break;
        this.lineNumber++;
        continue;
      }
      let kind: LineProblemKind | undefined;
      if (order < 0) kind = "order";
      else if (order === 0) kind = "duplicate";
      else if (nonZero === 0) kind = "padding";
      // A line whose hash differs from the one above within the first 5 digits starts a prefix.
      if (prefixes !== undefined && order !== 0 && differAt < 5) {
        prefixes[Number.parseInt(text.slice(pos, pos + 5), 16)] = 1;
      }
      previousText = text;
      previousAt = pos;
      this.lines++;
      pos = end;
      if (kind !== undefined && !this.report(kind, base + start)) break;
      this.lineNumber++;
    }
    // Keep only the last hash, not the whole text, for the next call.
    this.previousText = previousAt < 0 ? "" : previousText.slice(previousAt, previousAt + hexLength);
    this.previousAt = previousAt < 0 ? -1 : 0;
    return !this.stopped;
  }

  private report(kind: LineProblemKind, offset: number): boolean {
    if (this.options.onProblem({ kind, offset, line: this.lineNumber })) return true;
    this.stopped = true;
    return false;
  }
}

/** The first problem among the lines of text[from, to), if any. */
export function firstLineProblem(text: string, from: number, to: number, base: number, hexLength: number): LineProblem | undefined {
  let found: LineProblem | undefined;
  new HashLineChecker(hexLength, {
    onProblem: (problem) => {
      found = problem;
      return false;
    },
  }).scan(text, from, to, base);
  return found;
}
