/**
 * The evidence log's entries and hash chain, without I/O. Each entry is one line of canonical
 * JSON (keys sorted, no spaces) holding the previous entry's hash and its own, so an edited,
 * removed or reordered entry shows up whenever the chain is checked again.
 */
import { createHash } from "node:crypto";

/** What the first entry's prevHash is: there is no entry before it. */
export const GENESIS = "0".repeat(64);

export interface EvidenceFile {
  /** Absolute path the file had when it was recorded. */
  path: string;
  sha256: string;
  size: number;
  /** Name of harden's copy in evidence/files/ (with --copy), else null. */
  copy: string | null;
}

export interface EvidenceEntry {
  v: 1;
  /** 1 for the first entry, then one more for each line of the log. */
  seq: number;
  /** UTC, ISO 8601. */
  at: string;
  /** The same moment in the person's local time, with its offset from UTC. */
  localTime: string;
  /** The person's own words, as typed. */
  note: string | null;
  files: EvidenceFile[];
  prevHash: string;
  /** SHA-256 of the canonical JSON of every other field, prevHash included. */
  hash: string;
}

export type EntryDraft = Pick<EvidenceEntry, "at" | "localTime" | "note" | "files">;

/** How the log ended after the last entry harden wrote (kept apart, as the log's "head"). */
export interface ChainTail {
  count: number;
  hash: string;
}

/** One line of the log as read back. */
export interface LogLine {
  /** 1-based position in the log. */
  line: number;
  /** The entry, when the line has an entry's shape (even if it was edited). */
  entry?: EvidenceEntry;
  /** True only when the line is exactly what harden wrote for this entry. */
  intact: boolean;
  /** What the next entry's prevHash must be. */
  link: string;
}

/** Enough to name an entry to a person: when it was recorded, and what it says or holds. */
export interface EntryRef {
  seq: number;
  at: string;
  localTime: string;
  note: string | null;
  /** The first file's path, for an entry without a note. */
  file: string | null;
}

export const entryRef = (entry: EvidenceEntry): EntryRef => ({ seq: entry.seq, at: entry.at, localTime: entry.localTime, note: entry.note, file: entry.files[0]?.path ?? null });

export type EvidenceFinding =
  /** `entry`: how the line reads now, when it can still be read. */
  | { kind: "entry-edited"; line: number; entry?: EntryRef }
  /**
   * The entry at `line` does not link to the line before it (`after`, when that one can be read).
   * `how`: "removed" when the numbering has a gap no other line fills (`removed` entries are gone),
   * "moved" when the missing numbers are elsewhere in the log, "rewritten" when the numbers follow
   * but the hashes do not (one of the two was rewritten, or replaced).
   * `cutOff`: the last entry harden wrote (at `line`) is gone; `removed` counts the entries missing
   * from the end, and `after` is the last entry left.
   */
  | { kind: "entry-removed-or-reordered"; line: number; how: "removed" | "moved" | "rewritten"; removed: number; entry?: EntryRef; after?: EntryRef; cutOff?: true }
  | { kind: "file-changed"; line: number; path: string; copy: string | null; entry: EntryRef }
  | { kind: "file-missing"; line: number; path: string; copy: string | null; code: string; entry: EntryRef };

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

/** JSON with keys sorted at every level and no spaces: one text per value, so hashes are repeatable. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(entry: Omit<EvidenceEntry, "hash"> & { hash?: string }): string {
  const { hash: _own, ...body } = entry;
  return sha256(canonicalJson(body));
}

export function sealEntry(draft: EntryDraft, tail: ChainTail): EvidenceEntry {
  const body = { v: 1 as const, seq: tail.count + 1, ...draft, prevHash: tail.hash };
  return { ...body, hash: entryHash(body) };
}

export const entryLine = (entry: EvidenceEntry) => `${canonicalJson(entry)}\n`;

const two = (n: number) => String(n).padStart(2, "0");

/** The local wall-clock time with its UTC offset, as a person would quote it ("…T14:05:00+01:00"). */
export function localTime(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const zone = `${sign}${two(Math.floor(Math.abs(offset) / 60))}:${two(Math.abs(offset) % 60)}`;
  const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
  return `${day}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}${zone}`;
}

const HEX64 = /^[0-9a-f]{64}$/;
const UTC_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const LOCAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;
/** A copy is named by its hash and a short extension only; anything else may point outside the folder. */
const COPY_NAME = /^[0-9a-f]{64}(\.[a-z0-9]{1,5})?$/;

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function isFile(value: unknown): value is EvidenceFile {
  if (typeof value !== "object" || value === null) return false;
  const f = value as Record<string, unknown>;
  return typeof f.path === "string" && typeof f.sha256 === "string" && HEX64.test(f.sha256) && isCount(f.size) && (f.copy === null || (typeof f.copy === "string" && COPY_NAME.test(f.copy)));
}

function isEntry(value: unknown): value is EvidenceEntry {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  return (
    e.v === 1 &&
    isCount(e.seq) &&
    typeof e.at === "string" &&
    UTC_TIME.test(e.at) &&
    typeof e.localTime === "string" &&
    LOCAL_TIME.test(e.localTime) &&
    (e.note === null || typeof e.note === "string") &&
    Array.isArray(e.files) &&
    e.files.every(isFile) &&
    typeof e.prevHash === "string" &&
    HEX64.test(e.prevHash) &&
    typeof e.hash === "string" &&
    HEX64.test(e.hash)
  );
}

function parseEntry(raw: Buffer): EvidenceEntry | undefined {
  try {
    const value: unknown = JSON.parse(raw.toString("utf8"));
    return isEntry(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Lines end with "\n"; a last line without one (a write cut short) is still a line. */
function splitLines(data: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
    lines.push(data.subarray(start, end));
    start = end + 1;
  }
  if (start < data.length) lines.push(data.subarray(start));
  return lines;
}

export function readLogLines(data: Buffer): LogLine[] {
  return splitLines(data).map((raw, i) => {
    const entry = parseEntry(raw);
    // Comparing bytes, not just parsed values, catches edits JSON would hide (spaces, "\u001B" for "\u001b").
    const intact = entry !== undefined && entry.hash === entryHash(entry) && Buffer.from(canonicalJson(entry)).equals(raw);
    // An unreadable line still links the chain by its own bytes, so entries can be added after it.
    return { line: i + 1, entry, intact, link: entry?.hash ?? sha256(raw) };
  });
}

export const tailOf = (lines: LogLine[]): ChainTail => ({ count: lines.length, hash: lines.at(-1)?.link ?? GENESIS });

export function parseTail(text: string): ChainTail | undefined {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    return isCount(value.count) && value.count > 0 && typeof value.hash === "string" && HEX64.test(value.hash) ? { count: value.count, hash: value.hash } : undefined;
  } catch {
    return undefined;
  }
}

/** Why an intact entry does not link to the line before it, told by the entries' numbers (`seqs`: every intact entry's). */
function brokenLink(line: number, entry: EvidenceEntry, expected: number, seqs: number[], after: EntryRef | undefined): EvidenceFinding {
  const gap = entry.seq - expected;
  const elsewhere = seqs.some((s) => s >= expected && s < entry.seq);
  const how = gap > 0 && !elsewhere ? "removed" : gap === 0 ? "rewritten" : "moved";
  return { kind: "entry-removed-or-reordered", line, how, removed: how === "removed" ? gap : 0, entry: entryRef(entry), ...(after ? { after } : {}) };
}

/**
 * Edited, removed and reordered entries. The chain alone cannot show that the newest entries were
 * cut off, so `head` (how the log ended when harden last wrote it) is compared too.
 */
export function checkChain(lines: LogLine[], head: ChainTail | undefined): EvidenceFinding[] {
  const findings: EvidenceFinding[] = [];
  const seqs = lines.flatMap((l) => (l.intact ? [l.entry!.seq] : []));
  let link = GENESIS;
  let seq = 0;
  let before: EntryRef | undefined;
  for (const l of lines) {
    // The hash link is the proof; the numbers only tell a removed entry from a moved one.
    if (!l.intact) findings.push({ kind: "entry-edited", line: l.line, ...(l.entry ? { entry: entryRef(l.entry) } : {}) });
    else if (l.entry!.prevHash !== link) findings.push(brokenLink(l.line, l.entry!, seq + 1, seqs, before));
    seq = l.intact ? l.entry!.seq : seq + 1;
    before = l.entry ? entryRef(l.entry) : undefined;
    link = l.link;
  }
  // Only the entry the head names matters: entries after it are later additions, ones before it were checked above.
  // An unreadable line in its place is already reported; saying it again as "removed" would only confuse.
  if (head && !lines.some((l) => l.link === head.hash) && !findings.some((f) => f.line === head.count)) {
    const removed = Math.max(0, head.count - lines.length);
    const last = lines.at(-1)?.entry;
    findings.push({ kind: "entry-removed-or-reordered", line: head.count, how: removed ? "removed" : "rewritten", removed, ...(last ? { after: entryRef(last) } : {}), cutOff: true });
  }
  return findings;
}
