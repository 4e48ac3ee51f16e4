import { readSync } from "node:fs";
import { HASH_LENGTH, PREFIX_LENGTH, type HashMode } from "./hash.js";
import { checkLines, compareHexAt, countAt, LF, type LineProblem, type LineProblemKind } from "./hashLines.js";
import { found, notFound, unknown, type BreachResult } from "./result.js";
import { t } from "../i18n/index.js";

/**
 * Lookups in one big `HASH:COUNT` file sorted by hash, as PwnedPasswordsDownloader writes it
 * (about a billion lines, ~38 GB). The file is never read whole: each lookup does a few
 * positioned reads, so memory stays constant and a lookup takes milliseconds, not minutes.
 *
 * Hashes are uniform, so the byte offset of a hash is close to its value's fraction of the
 * key space: interpolation search finds the page in about two reads. Each read's width follows
 * the statistical error of the estimate. After a few probes every other one bisects, so skewed
 * data still takes O(log n) reads.
 */

/** Leading hex digits used as a number for interpolation: 52 bits, exact in a double. */
const KEY_DIGITS = 13;
const KEY_SPACE = 16 ** KEY_DIGITS;
export const MIN_WINDOW_BYTES = 4096;
/**
 * A read of 16 KiB costs about what one of 4 KiB does. On a 20M-line file, 4 KiB reads only
 * averaged 2.18 per lookup; windows sized to the estimate's error, up to 16 KiB, average 1.91.
 */
const MAX_WINDOW_BYTES = 16384;
/** Probes allowed to interpolate before bisections are mixed in. */
const INTERPOLATION_PROBES = 3;
/** Standard deviations of the position estimate a window covers. */
const WINDOW_SPREAD = 3;

/** The UTF-8 BOM bytes read as latin1; the downloader may write one per range. */
export const BOM_LATIN1 = "\u00EF\u00BB\u00BF";

/** The whole lines of one read window, each checked. */
export interface CheckedWindow {
  readonly bytes: Buffer;
  /** File offset of bytes[0]. */
  readonly start: number;
  /** File offset where the first whole line starts. */
  readonly firstStart: number;
  /** File offset just past the last whole line. */
  readonly end: number;
  /** The whole lines, blank ones aside; the hash of line i starts at bytes[starts[i]]. */
  readonly count: number;
  readonly starts: Int32Array;
}

/**
 * Where the whole lines of a window read from [start, start + bytes.length) inside an interval
 * [lo, hi) whose ends are line boundaries begin and end in it; undefined when a window that
 * starts after `lo` holds no line break. A line cut by the window's edge is skipped: the
 * interval bookkeeping only ever moves to the edges of lines seen whole.
 */
function wholeLines(bytes: Buffer, start: number, lo: number, hi: number): { begin: number; end: number } | undefined {
  const begin = start <= lo ? 0 : bytes.indexOf(LF) + 1;
  if (begin === 0 && start > lo) return undefined;
  return { begin, end: Math.max(begin, start + bytes.length >= hi ? bytes.length : bytes.lastIndexOf(LF) + 1) };
}

/** Room for where every line of `length` bytes starts: the shortest line is the hash, a colon, a digit and a line ending. */
export const startsFor = (length: number, hashLength: number): Int32Array => new Int32Array(Math.ceil(length / (hashLength + 3)) + 1);

/**
 * The whole lines of a window (see wholeLines), each checked: shape, count 0, order or a repeated
 * hash. Every line read is checked, not only those a search touches, so a damaged page never
 * answers "not found"; it costs no extra read. The first problem, or the window, whose starts
 * are written into `starts` (room for every line, see startsFor).
 */
export function checkWindow(bytes: Buffer, start: number, lo: number, hi: number, hashLength: number, starts = startsFor(bytes.length, hashLength)): { problem: LineProblem } | { window: CheckedWindow } {
  const whole = wholeLines(bytes, start, lo, hi);
  if (whole === undefined) return { window: { bytes, start, firstStart: start, end: start, count: 0, starts } };
  const counted = checkLines(bytes, whole.begin, whole.end, start, hashLength, starts);
  if (typeof counted !== "number") return { problem: counted };
  return { window: { bytes, start, firstStart: start + whole.begin, end: start + whole.end, count: counted, starts } };
}

/** The upper-case hash of a checked window's line `index`. */
export function hexAt(window: CheckedWindow, index: number, hashLength: number): string {
  const at = window.starts[index]!;
  return window.bytes.toString("latin1", at, at + hashLength).toUpperCase();
}

export function hashKey(hex: string): number {
  return Number.parseInt(hex.slice(0, KEY_DIGITS), 16);
}

const DAMAGE_WORDS: Readonly<Record<LineProblemKind, string>> = {
  shape: "a line is not HASH:COUNT",
  padding: "a line has count 0",
  order: "lines out of order",
  duplicate: "a hash appears twice",
};

/** Thrown inside a lookup when the data cannot be trusted; becomes an "unknown" result. */
class UnusableData extends Error {}

export interface SortedHashFileInit {
  /** As the person gave it: named in the reason when the data looks damaged. */
  readonly path: string;
  /** The open file, read with positioned reads. */
  readonly fd: number;
  readonly size: number;
  /** Where the data starts: 3 when the file begins with a BOM. */
  readonly dataStart: number;
  readonly mode: HashMode;
  /** Measured at open; sizes the read windows. */
  readonly averageLineBytes: number;
  /** The first and last hash, read at open: interpolation works within the file's own key range. */
  readonly firstHex?: string;
  readonly lastHex?: string;
}

export class SortedHashFile {
  readonly mode: HashMode;
  /** Positioned reads made by lookups, for benchmarks and tests. */
  reads = 0;
  lookups = 0;
  private readonly path: string;
  private readonly fd: number;
  private readonly size: number;
  private readonly dataStart: number;
  private readonly hashLength: number;
  private readonly lineBytes: number;

  constructor(init: SortedHashFileInit) {
    this.path = init.path;
    this.fd = init.fd;
    this.size = init.size;
    this.dataStart = init.dataStart;
    this.mode = init.mode;
    this.hashLength = HASH_LENGTH[init.mode];
    this.lineBytes = init.averageLineBytes;
    this.keyFirst = init.firstHex === undefined ? 0 : hashKey(init.firstHex);
    this.keyLast = init.lastHex === undefined ? KEY_SPACE : hashKey(init.lastHex) + 1;
    this.starts = startsFor(MAX_WINDOW_BYTES, this.hashLength);
  }

  /** A lookup runs start to end without waiting, so one buffer and one list of line starts serve them all. */
  private readonly buffer = Buffer.allocUnsafe(MAX_WINDOW_BYTES);
  private readonly starts: Int32Array;

  private readonly keyFirst: number;
  private readonly keyLast: number;

  /** `hash` must be upper-case hex of this file's kind. */
  async lookup(hash: string): Promise<BreachResult> {
    this.lookups++;
    try {
      return this.search(hash);
    } catch (error) {
      if (error instanceof UnusableData) return unknown(error.message);
      const code = (error as { code?: unknown }).code;
      return unknown(typeof code === "string" ? t("password:breach.reason.offlineUnreadableCode", { code }) : t("password:breach.reason.offlineUnreadable"));
    }
  }

  private search(target: string): BreachResult {
    const targetKey = hashKey(target);
    const targetBytes = Buffer.from(target, "latin1");
    // [lo, hi) always starts and ends on line boundaries; the key bounds are the hashes
    // of the lines just outside it (or the ends of the key space).
    let lo = this.dataStart;
    let hi = this.size;
    let keyLo = this.keyFirst;
    let keyHi = this.keyLast;
    let hexLo = "";
    let hexHi: string | undefined;
    let bisect = false;
    let probes = 0;
    while (lo < hi) {
      const span = hi - lo;
      const fraction = bisect || keyHi <= keyLo ? 0.5 : clamp((targetKey - keyLo) / (keyHi - keyLo), 0, 1);
      const width = bisect ? MIN_WINDOW_BYTES : this.windowWidth(span, fraction);
      const start = width >= span ? lo : clamp(Math.round(lo + fraction * span - width / 2), lo, hi - width);
      const window = this.readWindow(start, Math.min(start + width, hi), lo, hi);
      if (window.count === 0) {
        if (start === lo && width >= span) return this.absent(target, hexLo, hexHi);
        throw this.damaged(start, "no line break");
      }
      const first = this.hexOf(window, 0);
      const last = this.hexOf(window, window.count - 1);
      // Strictly: the lines just outside [lo, hi) were read before, so an equal hash is a repeat.
      if (first <= hexLo) throw this.damaged(window.firstStart, first === hexLo ? DAMAGE_WORDS.duplicate : DAMAGE_WORDS.order);
      if (hexHi !== undefined && last >= hexHi) throw this.damaged(window.end, last === hexHi ? DAMAGE_WORDS.duplicate : DAMAGE_WORDS.order);
      if (target < first) {
        hi = window.firstStart;
        keyHi = hashKey(first);
        hexHi = first;
      } else if (target > last) {
        lo = window.end;
        keyLo = hashKey(last);
        hexLo = last;
      } else {
        const place = this.findPlace(window, targetBytes);
        // The window was checked: every line in it has a count above 0.
        if (typeof place === "number") return found(place);
        return this.absent(target, place.before, place.after);
      }
      // Uniform data needs two or three interpolation probes. Past that the data is skewed and
      // interpolation may creep a window at a time, so every other probe bisects instead.
      probes++;
      bisect = probes >= INTERPOLATION_PROBES && !bisect;
    }
    return this.absent(target, hexLo, hexHi);
  }

  /**
   * The answer for a hash not in the file, given the hashes just before and after where it would
   * be ("" or undefined at the file's start or end). The real data has hashes under every one of
   * the 16^5 prefixes, and a prefix's lines sit together, so if neither neighbour shares the
   * target's prefix the file has none: a partial download, and "not found" would be a guess.
   */
  private absent(target: string, before: string | undefined, after: string | undefined): BreachResult {
    const prefix = target.slice(0, PREFIX_LENGTH);
    if (before?.startsWith(prefix) === true || after?.startsWith(prefix) === true) return notFound();
    throw new UnusableData(`the offline data has no hashes with prefix ${prefix}, which the full data always has: this copy is incomplete (run harden data verify ${this.path})`);
  }

  /**
   * Among n uniform hashes, the count below a fraction f of an interval has standard
   * deviation sqrt(n f (1 - f)); cover WINDOW_SPREAD of them each side.
   */
  private windowWidth(span: number, fraction: number): number {
    const sigmaBytes = Math.sqrt(span * this.lineBytes * fraction * (1 - fraction));
    const width = 2 * WINDOW_SPREAD * sigmaBytes + 2 * this.lineBytes;
    return Math.round(clamp(width, MIN_WINDOW_BYTES, MAX_WINDOW_BYTES));
  }

  /** Reads [start, end) inside [lo, hi) into the file's buffer and checks its whole lines (see checkWindow). */
  private readWindow(start: number, end: number, lo: number, hi: number): CheckedWindow {
    const view = this.buffer.subarray(0, end - start);
    readFully(this.fd, view, start, () => this.reads++);
    const checked = checkWindow(view, start, lo, hi, this.hashLength, this.starts);
    if ("problem" in checked) throw this.damaged(checked.problem.offset, DAMAGE_WORDS[checked.problem.kind]);
    return checked.window;
  }

  private hexOf(window: CheckedWindow, index: number): string {
    return hexAt(window, index, this.hashLength);
  }

  /** Why the answer is unknown: the file looks damaged here, and what to run to check it all. */
  private damaged(offset: number, what: string): UnusableData {
    return new UnusableData(`the breach data file looks damaged near byte ${offset} (${what}): run harden data verify ${this.path}`);
  }

  /**
   * The target's count, or the hashes of the lines either side of where it would be. The target
   * lies within the window's first and last hashes, so both neighbours are in the window.
   */
  private findPlace(window: CheckedWindow, target: Uint8Array): number | { before?: string; after?: string } {
    let low = 0;
    let high = window.count - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const order = compareHexAt(window.bytes, window.starts[middle]!, target);
      if (order === 0) return countAt(window.bytes, window.starts[middle]!, this.hashLength, window.end - window.start);
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    const side = (index: number) => (index >= 0 && index < window.count ? this.hexOf(window, index) : undefined);
    return { before: side(high), after: side(low) };
  }
}

/** Reads [position, position + length). Calls `onRead` once per read system call. */
export function readBytes(fd: number, position: number, length: number, onRead: () => void): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  readFully(fd, buffer, position, onRead);
  return buffer;
}

/** Fills `buffer` from the file at `position`. */
function readFully(fd: number, buffer: Buffer, position: number, onRead: () => void): void {
  let filled = 0;
  while (filled < buffer.length) {
    // A synchronous positioned read: a lookup needs one or two small reads, usually from the
    // page cache, and a trip through libuv's thread pool would cost more than the read itself.
    const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, position + filled);
    onRead();
    if (bytesRead === 0) throw new UnusableData("the offline data file got shorter while in use");
    filled += bytesRead;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
