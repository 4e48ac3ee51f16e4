/**
 * The one check of sorted `HEX:COUNT` lines: every lookup runs it on each window it reads, and
 * `harden data verify` runs it on every line of a file. A line is an optional BOM, exactly
 * `hexLength` hex digits (either case), a colon, 1 to 15 digits of a count above 0, and LF or
 * CRLF (none on the last line). Lines must rise strictly: a line out of order, a repeated hash
 * or a count of 0 (padding, which the real data never holds) means the file is damaged.
 *
 * A hand-written scan over bytes: a regular expression per line would cost more than reading
 * the file.
 */

import { t } from "../i18n/index.js";

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
  shape: (hexLength) => t("password:data.problem.shape", { digits: hexLength }),
  padding: () => t("password:data.problem.padding"),
  order: () => t("password:data.problem.order"),
  duplicate: () => t("password:data.problem.duplicate"),
};

/** The bytes a `HEX:COUNT` line is made of, shared with the canonical-form check. */
export const LF = 10;
export const CR = 13;
export const COLON = 58;
export const ZERO = 48;
export const NINE = 57;
/** 15 digits stay below Number.MAX_SAFE_INTEGER; no real count comes close. */
export const MAX_COUNT_DIGITS = 15;

/** Each hex digit's upper-case code, 0 for any other byte; and 1 for a hex digit, 0 otherwise. */
const HEX_UPPER = new Uint8Array(256);
const IS_HEX = new Uint8Array(256);
for (const c of "0123456789ABCDEFabcdef") {
  HEX_UPPER[c.charCodeAt(0)] = c.toUpperCase().charCodeAt(0);
  IS_HEX[c.charCodeAt(0)] = 1;
}

/** The 16^5 prefixes, one flag each: which ones have lines. */
export const PREFIX_COUNT = 16 ** 5;

export interface LineCheckerOptions {
  /** Called for each problem; return false to stop the scan there. */
  onProblem: (problem: LineProblem) => boolean;
  /** When given, the flag of every prefix seen is set (index = the prefix's value). */
  prefixes?: Uint8Array;
  /** When given, where each well-formed line's hash starts (after any BOM), in line order. */
  starts?: Int32Array;
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
  /** A copy of the last well-formed line's hash, kept between calls. */
  private previous: Uint8Array | undefined;
  private stopped = false;

  constructor(
    readonly hexLength: number,
    private readonly options: LineCheckerOptions,
  ) {}

  /**
   * Scans the lines in bytes[from, to), where bytes[0] is at byte `base` of the data. Returns
   * false once onProblem has asked to stop.
   */
  scan(bytes: Uint8Array, from: number, to: number, base: number): boolean {
    if (this.stopped) return false;
    const hexLength = this.hexLength;
    const prefixes = this.options.prefixes;
    const starts = this.options.starts;
    // Where the previous line's hash is: in these bytes once a line was seen, else the saved copy.
    let previousBytes = this.previous ?? bytes;
    let previousAt = this.previous === undefined ? -1 : 0;
    // Counters in locals while scanning: a property write per line costs more than the line's check.
    let lines = this.lines;
    let lineNumber = this.lineNumber;
    let pos = from;
    while (pos < to) {
      const start = pos;
      if (pos + 2 < to && bytes[pos] === 0xef && bytes[pos + 1] === 0xbb && bytes[pos + 2] === 0xbf) pos += 3;
      if (pos >= to) break;
      const first = bytes[pos];
      if (first === LF || (first === CR && (pos + 1 === to || bytes[pos + 1] === LF))) {
        // A blank line: lookups skip it too.
        pos += first === CR && pos + 1 < to ? 2 : 1;
        lineNumber++;
        continue;
      }
      let end = -1;
      let nonZero = 0;
      if (to - pos >= hexLength + 2) {
        // Branch-free: one table load per digit, checked once; eight at a time ran 40% faster.
        let hex = 1;
        let i = pos;
        for (const end8 = pos + (hexLength & ~7); i < end8; i += 8) {
          hex &=
            IS_HEX[bytes[i]!]! & IS_HEX[bytes[i + 1]!]! & IS_HEX[bytes[i + 2]!]! & IS_HEX[bytes[i + 3]!]! &
            IS_HEX[bytes[i + 4]!]! & IS_HEX[bytes[i + 5]!]! & IS_HEX[bytes[i + 6]!]! & IS_HEX[bytes[i + 7]!]!;
        }
        for (const hexEnd = pos + hexLength; i < hexEnd; i++) hex &= IS_HEX[bytes[i]!]!;
        let q = pos + hexLength;
        if (hex === 1 && bytes[q] === COLON) {
          const digitsFrom = ++q;
          for (let c = bytes[q]!; q < to && c >= ZERO && c <= NINE; c = bytes[++q]!) nonZero |= c - ZERO;
          const digits = q - digitsFrom;
          if (digits > 0 && digits <= MAX_COUNT_DIGITS) {
            if (q < to && bytes[q] === CR) q++;
            if (q === to) end = q;
            else if (bytes[q] === LF) end = q + 1;
          }
        }
      }
      if (end < 0) {
        const newline = bytes.indexOf(LF, pos);
        pos = newline < 0 || newline >= to ? to : newline + 1;
        if (!this.report("shape", base + start, lineNumber)) break;
        lineNumber++;
        continue;
      }
      // Compare with the line above: raw bytes first (the data is one case), then folded.
      let order = 1;
      let differAt = 0;
      if (previousAt >= 0) {
        let i = 0;
        while (i < hexLength && bytes[pos + i] === previousBytes[previousAt + i]) i++;
        while (i < hexLength && HEX_UPPER[bytes[pos + i]!] === HEX_UPPER[previousBytes[previousAt + i]!]) i++;
        differAt = i;
        order = i === hexLength ? 0 : HEX_UPPER[bytes[pos + i]!]! > HEX_UPPER[previousBytes[previousAt + i]!]! ? 1 : -1;
      }
      let kind: LineProblemKind | undefined;
      if (order < 0) kind = "order";
      else if (order === 0) kind = "duplicate";
      else if (nonZero === 0) kind = "padding";
      // A line whose hash differs from the one above within the first 5 digits starts a prefix.
      if (prefixes !== undefined && order !== 0 && differAt < 5) prefixes[prefixValue(bytes, pos)] = 1;
      previousBytes = bytes;
      previousAt = pos;
      if (starts !== undefined) starts[lines] = pos;
      lines++;
      pos = end;
      if (kind !== undefined && !this.report(kind, base + start, lineNumber)) break;
      lineNumber++;
    }
    this.lines = lines;
    this.lineNumber = lineNumber;
    // The caller may reuse its buffer: keep a copy of the last hash for the next call. A Buffer,
    // like the data it is compared with: one kind of array keeps the compare loop monomorphic.
    if (previousAt >= 0 && previousBytes !== this.previous) this.previous = Buffer.from(previousBytes.subarray(previousAt, previousAt + hexLength));
    return !this.stopped;
  }

  /**
   * A line the caller could not hand over whole (longer than it keeps between reads): counted
   * as a line of the wrong shape. Returns false once onProblem has asked to stop.
   */
  skipLine(offset: number): boolean {
    return this.report("shape", offset, this.lineNumber++);
  }

  private report(kind: LineProblemKind, offset: number, line: number): boolean {
    if (this.options.onProblem({ kind, offset, line })) return true;
    this.stopped = true;
    return false;
  }
}

function prefixValue(bytes: Uint8Array, at: number): number {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const c = HEX_UPPER[bytes[at + i]!]!;
    value = value * 16 + (c <= NINE ? c - ZERO : c - 55);
  }
  return value;
}

/**
 * Checks the lines of bytes[from, to) and writes where each one's hash starts into `starts`:
 * the first problem, or the number of lines when there is none.
 */
export function checkLines(bytes: Uint8Array, from: number, to: number, base: number, hexLength: number, starts: Int32Array): LineProblem | number {
  let found: LineProblem | undefined;
  const checker = new HashLineChecker(hexLength, {
    onProblem: (problem) => {
      found = problem;
      return false;
    },
    starts,
  });
  checker.scan(bytes, from, to, base);
  return found ?? checker.lines;
}

/**
 * How the hex digits at bytes[at, at + target.length) compare with `target` (upper-case hex
 * codes), either case in the bytes: below 0, 0 or above 0. The bytes must be hex digits.
 */
export function compareHexAt(bytes: Uint8Array, at: number, target: Uint8Array): number {
  for (let i = 0; i < target.length; i++) {
    const difference = HEX_UPPER[bytes[at + i]!]! - target[i]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The count after the colon of the well-formed line whose hash starts at `at`, before byte `end`. */
export function countAt(bytes: Uint8Array, at: number, hexLength: number, end: number): number {
  let count = 0;
  for (let q = at + hexLength + 1; q < end && bytes[q]! >= ZERO && bytes[q]! <= NINE; q++) count = count * 10 + (bytes[q]! - ZERO);
  return count;
}
