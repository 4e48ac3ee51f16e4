import { SUFFIX_LENGTH, type HashMode } from "./hash.js";
import { t } from "../i18n/index.js";
import { MAX_COUNT_DIGITS } from "./hashLines.js";

/**
 * Parser for a Pwned Passwords range body: `SUFFIX:COUNT` lines. The same shape, with full
 * hashes instead of suffixes, is used by the offline single-file dataset, so the line parser
 * is shared.
 */

export type ParsedRangeBody =
  | { readonly ok: true; readonly counts: ReadonlyMap<string, number> }
  | { readonly ok: false; readonly reason: string };

export interface CountLine {
  /** Upper-case hex. */
  readonly hex: string;
  readonly count: number;
}

const BOM = "\uFEFF";
const linePatterns = new Map<number, RegExp>();

function linePattern(hexLength: number): RegExp {
  let pattern = linePatterns.get(hexLength);
  if (pattern === undefined) {
    pattern = new RegExp(`^[0-9A-Fa-f]{${hexLength}}:[0-9]{1,${MAX_COUNT_DIGITS}}$`);
    linePatterns.set(hexLength, pattern);
  }
  return pattern;
}

/**
 * Parses one `HEX:COUNT` line (without its line ending) whose hex part has exactly
 * `hexLength` digits; undefined when the line has any other shape.
 */
export function parseCountLine(line: string, hexLength: number): CountLine | undefined {
  if (!linePattern(hexLength).test(line)) return undefined;
  return { hex: line.slice(0, hexLength).toUpperCase(), count: Number(line.slice(hexLength + 1)) };
}

/** Splits on LF or CRLF, dropping a single trailing line ending and a leading BOM. */
export function splitLines(text: string): string[] {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const lines = body.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

/**
 * Parses a whole range body. Count-0 lines are padding (Add-Padding: true) and mean "absent".
 * Any line of the wrong shape, or a body with no real (count > 0) line at all, makes the whole
 * body unusable: a proxy's error page or a cut-off answer must become "unknown", never
 * "not found". Lines may come in any order.
 */
export function parseRangeBody(body: string, mode: HashMode): ParsedRangeBody {
  const counts = new Map<string, number>();
  const checked = scanRangeBody(body, mode, (hex, count) => {
    // A repeated suffix should not happen; keeping the larger count never understates a breach.
    if (count > (counts.get(hex) ?? 0)) counts.set(hex, count);
  });
  return checked.ok ? { ok: true, counts } : checked;
}

export type CheckedRangeBody = { readonly ok: true; countOf(suffix: string): number } | { readonly ok: false; readonly reason: string };

/**
 * The same checks as parseRangeBody, without building a map of every line: a batch asks each
 * answer about one or two suffixes, so they are looked up in the text itself.
 */
export function checkRangeBody(body: string, mode: HashMode): CheckedRangeBody {
  const checked = scanRangeBody(body, mode);
  if (!checked.ok) return checked;
  const upper = body.toUpperCase();
  const suffixLength = SUFFIX_LENGTH[mode];
  return {
    ok: true,
    countOf(suffix) {
      const wanted = suffix.toUpperCase();
      let best = 0;
      for (let at = upper.indexOf(wanted); at >= 0; at = upper.indexOf(wanted, at + 1)) {
        const lineStart = at === 0 || upper.charCodeAt(at - 1) === LF || (at === 1 && upper.startsWith(BOM));
        if (!lineStart || upper.charCodeAt(at + suffixLength) !== COLON) continue;
        let count = 0;
        for (let pos = at + suffixLength + 1, c = upper.charCodeAt(pos); c >= ZERO && c <= NINE; c = upper.charCodeAt(++pos)) count = count * 10 + (c - ZERO);
        best = Math.max(best, count);
      }
      return best;
    },
  };
}

/**
 * Checks every line of a range body, and hands each non-padding line to `onLine`. A
 * hand-written scan: a batch reads about 1,000 answers of 900 lines each, and a regular
 * expression per line cost more than the rest of the lookup.
 */
function scanRangeBody(body: string, mode: HashMode, onLine?: (hex: string, count: number) => void): { ok: true } | { ok: false; reason: string } {
  const suffixLength = SUFFIX_LENGTH[mode];
  const n = body.length;
  const bad = (line: number) => ({
    ok: false as const,
    // Only the line number: the content is outside text and could hold anything.
    reason: t("password:breach.reason.rangeLine", { line, digits: suffixLength }),
  });
  let pos = body.startsWith(BOM) ? BOM.length : 0;
  if (pos === n) {
    // Every real prefix has entries, and padding adds more: an empty body is a broken answer.
    return { ok: false, reason: t("password:breach.reason.emptyAnswer") };
  }
  let anyReal = false;
  for (let line = 1; pos < n; line++) {
    const start = pos;
    for (const end = pos + suffixLength; pos < end; pos++) if (!isHexCode(body.charCodeAt(pos))) return bad(line);
    if (body.charCodeAt(pos++) !== COLON) return bad(line);
    let count = 0;
    const digitsFrom = pos;
    for (let c = body.charCodeAt(pos); c >= ZERO && c <= NINE; c = body.charCodeAt(++pos)) count = count * 10 + (c - ZERO);
    if (pos === digitsFrom || pos - digitsFrom > MAX_COUNT_DIGITS) return bad(line);
    if (pos < n) {
      if (body.charCodeAt(pos) === CR) pos++;
      if (pos < n && body.charCodeAt(pos++) !== LF) return bad(line);
    }
    if (count > 0) {
      anyReal = true;
      if (onLine) onLine(body.slice(start, start + suffixLength).toUpperCase(), count);
    }
  }
  // Every real prefix holds real entries, so padding alone is a broken or forged answer: read
  // as "every suffix absent", it would turn a failed check into "not found".
  if (!anyReal) return { ok: false, reason: t("password:breach.reason.onlyPadding") };
  return { ok: true };
}

const COLON = 58;
const ZERO = 48;
const NINE = 57;
const CR = 13;
const LF = 10;
function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** Times the suffix was seen in breaches; 0 when it is absent. Case-insensitive. */
export function countOf(counts: ReadonlyMap<string, number>, suffix: string): number {
  return counts.get(suffix.toUpperCase()) ?? 0;
}
