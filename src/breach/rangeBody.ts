import { SUFFIX_LENGTH, type HashMode } from "./hash.js";

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
// 15 digits stay below Number.MAX_SAFE_INTEGER; no real count comes close.
const MAX_COUNT_DIGITS = 15;
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
 * Any line of the wrong shape makes the whole body unusable: a proxy's error page or a cut-off
 * answer must become "unknown", never "not found". Lines may come in any order.
 */
export function parseRangeBody(body: string, mode: HashMode): ParsedRangeBody {
  if (body.length === 0 || body === BOM) {
    // Every real prefix has entries, and padding adds more: an empty body is a broken answer.
    return { ok: false, reason: "the answer was empty" };
  }
  const suffixLength = SUFFIX_LENGTH[mode];
  const counts = new Map<string, number>();
  const lines = splitLines(body);
  for (const [index, line] of lines.entries()) {
    const parsed = parseCountLine(line, suffixLength);
    if (parsed === undefined) {
      // Only the line number: the content is outside text and could hold anything.
      return { ok: false, reason: `line ${index + 1} is not SUFFIX:COUNT with a ${suffixLength}-digit suffix` };
    }
    if (parsed.count === 0) continue;
    // A repeated suffix should not happen; keeping the larger count never understates a breach.
    const previous = counts.get(parsed.hex) ?? 0;
    counts.set(parsed.hex, Math.max(previous, parsed.count));
  }
  return { ok: true, counts };
}

/** Times the suffix was seen in breaches; 0 when it is absent. Case-insensitive. */
export function countOf(counts: ReadonlyMap<string, number>, suffix: string): number {
  return counts.get(suffix.toUpperCase()) ?? 0;
}
