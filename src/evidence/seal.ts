/**
 * A seal pins the evidence log as it is at one moment, in a code short enough to copy by hand:
 *
 *   H1-<entries>-<UTC time, to the minute>-XXXX-XXXX-XXXX-XXXX-C      e.g. H1-7-2026-12-02T10:15Z-BA33-Q7P4-KD65-ZPEX-P
 *
 * - "H1": a harden seal, format 1.
 * - XXXX…: the first 80 bits of SHA-256 over the ASCII text "H1\n<entries>\n<chain head>\n<time>"
 *   (the chain head in lowercase hex, the time exactly as in the code), in Crockford base32
 *   (0-9 and A-Z without I, L, O, U), grouped in fours.
 * - C: a Luhn mod 32 check character over every symbol before it (dashes and colons left out), so
 *   one wrong character, or (almost always) two neighbours swapped, reads as a typo rather than as
 *   tampering.
 *
 * Read back, letters may be lower case, O counts as 0, and I and L as 1. Without I/O.
 */
import { createHash } from "node:crypto";
import { entryRef, type EntryRef, type EvidenceFinding, type LogLine } from "./chain.js";

const VERSION = "H1";
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const DIGEST_SYMBOLS = 16;
const MINUTE = 60_000;

export interface Seal {
  code: string;
  /** How many lines the log had. */
  entries: number;
  /** The moment of sealing, UTC to the minute: "2026-12-02T10:15Z". */
  at: string;
  /** The 16 base32 symbols of the code's hash. */
  digest: string;
}

function base32(bytes: Uint8Array, symbols: number): string {
  let out = "";
  for (let i = 0; i < symbols; i++) {
    let value = 0;
    for (let bit = i * 5; bit < i * 5 + 5; bit++) value = (value << 1) | ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1);
    out += ALPHABET[value];
  }
  return out;
}

/** Luhn mod 32 over symbols of ALPHABET: the character that makes the whole run check out. */
function checkSymbol(symbols: string): string {
  let sum = 0;
  let factor = 2;
  for (let i = symbols.length - 1; i >= 0; i--) {
    const addend = factor * ALPHABET.indexOf(symbols[i]!);
    sum += Math.floor(addend / 32) + (addend % 32);
    factor = 3 - factor;
  }
  return ALPHABET[(32 - (sum % 32)) % 32]!;
}

export function sealDigest(entries: number, head: string, at: string): string {
  return base32(createHash("sha256").update([VERSION, String(entries), head, at].join("\n")).digest(), DIGEST_SYMBOLS);
}

function sealCode(entries: number, at: string, digest: string): string {
  const body = `${VERSION}-${entries}-${at}-${digest.match(/.{4}/g)!.join("-")}`;
  return `${body}-${checkSymbol(body.replace(/[-:]/g, ""))}`;
}

/** Seals a log of `entries` lines ending in `head` (its last line's link), at `now`. */
export function makeSeal(entries: number, head: string, now: Date): Seal {
  const at = `${now.toISOString().slice(0, 16)}Z`;
  const digest = sealDigest(entries, head, at);
  return { code: sealCode(entries, at, digest), entries, at, digest };
}

const SHAPE = /^H(\d+)-([1-9]\d*)-(\d{4}-\d\d-\d\dT\d\d:\d\dZ)-([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z]{4})-([0-9A-Z])$/;

export type ParsedSeal = { ok: true; seal: Seal } | { ok: false; problem: "shape" | "typo" | "newer" };

/** A seal code as a person typed it back: "shape" when it is not one, "typo" when its check character disagrees. */
export function parseSeal(text: string): ParsedSeal {
  const typed = text.trim().toUpperCase().replace(/[\s\-\u2010-\u2015]+/g, "-").replace(/O/g, "0").replace(/[IL]/g, "1");
  const match = SHAPE.exec(typed);
  if (!match) return { ok: false, problem: "shape" };
  const [, version, count, at, ...groups] = match as unknown as [string, string, string, string, ...string[]];
  if (`H${version}` !== VERSION) return { ok: false, problem: Number(version) > 1 ? "newer" : "shape" };
  const symbols = groups.join("");
  if ([...symbols].some((c) => !ALPHABET.includes(c))) return { ok: false, problem: "typo" };
  const entries = Number(count);
  const time = new Date(at.replace("Z", ":00Z"));
  // "2026-02-30" parses to March; only a real date round-trips.
  if (!Number.isSafeInteger(entries) || Number.isNaN(time.getTime()) || `${time.toISOString().slice(0, 16)}Z` !== at) return { ok: false, problem: "typo" };
  const digest = symbols.slice(0, DIGEST_SYMBOLS);
  const code = sealCode(entries, at, digest);
  return code === typed ? { ok: true, seal: { code, entries, at, digest } } : { ok: false, problem: "typo" };
}

export interface SealCheck {
  code: string;
  entries: number;
  at: string;
  /** Every entry recorded before the seal is there, unchanged, in its place. */
  intact: boolean;
  /** Entries recorded before the seal that are no longer in the log. */
  missing: number;
  /** Entries after the sealed ones: the seal cannot vouch for them. */
  added: EntryRef[];
  /** Of those, the ones dated before the seal was made, which harden writing after it could not have done. */
  backdated: EntryRef[];
}

/** The log (and what checkChain found in it) against a seal. */
export function checkSeal(lines: LogLine[], findings: EvidenceFinding[], seal: Seal): SealCheck {
  const n = seal.entries;
  const sealedAt = Date.parse(seal.at.replace("Z", ":00Z"));
  const last = lines[n - 1];
  const matches = last !== undefined && sealDigest(n, last.link, seal.at) === seal.digest;
  // The head can match with an entry before it edited in place: its own hash does not change.
  const broken = findings.some((f) => f.line <= n && (f.kind === "entry-edited" || (f.kind === "entry-removed-or-reordered" && !f.cutOff)));
  // Without a match, the sealed entries end where an entry numbered or dated after the seal begins.
  const later = (l: LogLine) => l.intact && (l.entry!.seq > n || Date.parse(l.entry!.at) >= sealedAt + MINUTE);
  const found = lines.findIndex(later);
  const end = matches ? n : found === -1 ? lines.length : found;
  const after = lines.slice(end);
  return {
    code: seal.code,
    entries: n,
    at: seal.at,
    intact: matches && !broken,
    missing: Math.max(0, n - end),
    added: after.flatMap((l) => (l.entry ? [entryRef(l.entry)] : [])),
    backdated: after.flatMap((l) => (l.intact && Date.parse(l.entry!.at) < sealedAt ? [entryRef(l.entry!)] : [])),
  };
}
