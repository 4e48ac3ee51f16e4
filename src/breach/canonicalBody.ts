/** The one form harden writes and serves a range in: what the service itself sends unpadded. */
import { SUFFIX_LENGTH, type HashMode } from "./hash.js";
import { parseRangeBody } from "./rangeBody.js";
import { COLON, CR, LF, MAX_COUNT_DIGITS, NINE, ZERO } from "./hashLines.js";

/**
 * The body as harden writes it: the strict parser's lines of count > 0, sorted by suffix,
 * upper-case, CRLF between lines (as the service sends them). Undefined when the parser refuses it.
 */
export function normalizeBody(body: string, mode: HashMode): string | undefined {
  // The usual case, the service's own unpadded answer, is already in that form: checked, kept.
  if (isCanonical(body, mode)) return body;
  const parsed = parseRangeBody(body, mode);
  if (!parsed.ok) return undefined;
  const lines = [...parsed.counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([suffix, count]) => `${suffix}:${count}`);
  return lines.join("\r\n");
}

/**
 * Whether the body is exactly what normalizeBody would make of it: lines of an upper-case
 * suffix, a colon and a count above 0 without leading zeros, rising strictly, joined by CRLF,
 * with no line ending after the last. Bytes are read as UTF-8.
 */
export const isCanonical = (body: string | Uint8Array, mode: HashMode): boolean => canonicalLines(body, mode) > 0;

/**
 * normalizeBody for bytes as they came (a download's answer, a file): the same bytes when they
 * are already canonical, the usual case, with no round trip through a string.
 */
export function normalizeBytes(bytes: Uint8Array, mode: HashMode): Uint8Array | undefined {
  if (isCanonical(bytes, mode)) return bytes;
  const normal = normalizeBody(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"), mode);
  return normal === undefined ? undefined : Buffer.from(normal, "utf8");
}

/** How many lines the body has if it is canonical (see isCanonical), else 0. */
export function canonicalLines(body: string | Uint8Array, mode: HashMode): number {
  // One pass over the bytes, shape and order together: about 3x faster than a regular
  // expression plus a split. UTF-8, so any character outside ASCII is a byte >= 0x80 and refused.
  // A file's bytes are checked as they are read (serve), without a round trip through a string.
  // Not HashLineChecker (hashLines.ts), which accepts what a data file may hold (either case,
  // LF or CRLF, a BOM): this form is stricter (upper case, CRLF only, no leading zero, no BOM,
  // nothing after the last line) because it is the exact text harden writes and serves.
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = SUFFIX_LENGTH[mode];
  const words = length >> 2;
  const end = bytes.length;
  let at = 0;
  let previous = -1;
  let lines = 0;
  for (;;) {
    const start = at;
    const stop = start + length;
    if (stop > end) return 0;
    // The suffix four bytes at a time, then the one to three left.
    for (let word = 0; word < words; word++, at += 4) if (!hexWord(view.getUint32(at))) return 0;
    for (; at < stop; at++) if (HEX[bytes[at]!] === 0) return 0;
    if (previous >= 0 && !rises(view, bytes, previous, start, length)) return 0;
    previous = start;
    lines++;
    if (bytes[at++] !== COLON) return 0;
    const first = bytes[at++]!;
    if (!(first > ZERO && first <= NINE)) return 0; // a count above 0, no leading zero
    for (let digits = 1; at < end; at++, digits++) {
      const c = bytes[at]!;
      if (c < ZERO || c > NINE) break;
      if (digits === MAX_COUNT_DIGITS) return 0;
    }
    if (at === end) return lines;
    if (bytes[at] !== CR || bytes[at + 1] !== LF) return 0;
    at += 2;
    if (at === end) return 0; // no line ending after the last line
  }
}

/** 1 for the bytes of upper-case hexadecimal digits, 0 for every other byte. */
const HEX = new Uint8Array(256);
for (const c of "0123456789ABCDEF") HEX[c.charCodeAt(0)] = 1;

/**
 * Whether the four bytes of `word` are all upper-case hex digits, all at once (SWAR): with no
 * byte above 0x7F, adding a constant to every byte carries into its top bit exactly when the
 * byte is at least some value, and no byte carries into the next.
 */
function hexWord(word: number): boolean {
  if ((word & 0x80808080) !== 0) return false;
  const digit = (word + 0x50505050) & ~(word + 0x46464646); // 0x30-0x39: "0"-"9"
  const letter = (word + 0x3f3f3f3f) & ~(word + 0x39393939); // 0x41-0x46: "A"-"F"
  return ((digit | letter) & 0x80808080) === (0x80808080 | 0);
}

/** Whether the suffix at `next` sorts strictly after the one at `previous` (big-endian words compare as the bytes do). */
function rises(view: DataView, bytes: Uint8Array, previous: number, next: number, length: number): boolean {
  let k = 0;
  for (; k + 4 <= length; k += 4) {
    const a = view.getUint32(previous + k);
    const b = view.getUint32(next + k);
    if (a !== b) return a < b;
  }
  for (; k < length; k++) {
    const a = bytes[previous + k]!;
    const b = bytes[next + k]!;
    if (a !== b) return a < b;
  }
  return false;
}
