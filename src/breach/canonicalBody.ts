/** The one form harden writes and serves a range in: what the service itself sends unpadded. */
import { SUFFIX_LENGTH, type HashMode } from "./hash.js";
import { parseRangeBody } from "./rangeBody.js";

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
 * with no line ending after the last.
 */
export function isCanonical(body: string, mode: HashMode): boolean {
  // One regular expression for the shape (the engine scans far faster than a loop of
  // charCodeAt), then the order, line against line.
  if (!CANONICAL[mode].test(body)) return false;
  const lines = body.split("\r\n");
  const length = SUFFIX_LENGTH[mode];
  for (let i = 1; i < lines.length; i++) if (lines[i]!.slice(0, length) <= lines[i - 1]!.slice(0, length)) return false;
  return true;
}

const canonicalPattern = (length: number) => new RegExp(`^(?:[0-9A-F]{${length}}:[1-9][0-9]{0,14}\r\n)*[0-9A-F]{${length}}:[1-9][0-9]{0,14}$`);
const CANONICAL: Readonly<Record<HashMode, RegExp>> = { sha1: canonicalPattern(SUFFIX_LENGTH.sha1), ntlm: canonicalPattern(SUFFIX_LENGTH.ntlm) };

