/**
 * `harden data verify`: every line of offline breach data, checked by the same line checker
 * lookups use. A sorted file is read start to end in large sequential reads into one buffer:
 * memory stays constant and the check runs near disk speed. A prefix folder has every range
 * file read and checked.
 */
import { readSync } from "node:fs";
import { opendir, stat, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { InvalidInputError } from "../errors.js";
import { t } from "../i18n/index.js";
import { FileTooLargeError, NotRegularFileError, openRegularFile, readRegularFile } from "../files/regular.js";
import type { DataFingerprint } from "../state/verifiedData.js";
import { MODE_NAME, PREFIX_LENGTH, SUFFIX_LENGTH, HASH_LENGTH, type HashMode } from "./hash.js";
import { HashLineChecker, PREFIX_COUNT, type LineProblem, type LineProblemKind } from "./hashLines.js";
import { dataOpenError, detectFileMode, type OfflineFormat } from "./offline.js";
import { RANGE_FILE, detectRangeMode } from "./prefixFolder.js";

export type VerifyProblemKind = LineProblemKind | "empty" | "unreadable" | "repeated-prefix";

export interface VerifyProblem {
  readonly kind: VerifyProblemKind;
  /** The range file, in a folder. */
  readonly file?: string;
  readonly line?: number;
  readonly offset?: number;
  /** Why a range file could not be read: a system code, or what it is instead of a file. */
  readonly detail?: string;
}

/** A run of prefixes with no lines (or no file), first and last included. */
export interface PrefixGap {
  readonly from: string;
  readonly to: string;
}

export interface DataVerification {
  readonly path: string;
  readonly format: OfflineFormat;
  /** Which hashes the data holds, read from the data itself. */
  readonly mode: HashMode;
  readonly bytes: number;
  /** Well-formed lines. */
  readonly lines: number;
  /** Range files checked (a folder only). */
  readonly files?: number;
  /** The first problems found, at most MAX_LISTED; problemCount counts them all. */
  readonly problems: readonly VerifyProblem[];
  readonly problemCount: number;
  /** Prefixes without data: the real data has all 16^5, so gaps mean a partial copy (not damage). */
  readonly missingPrefixes: { readonly count: number; readonly ranges: readonly PrefixGap[]; readonly rangeCount: number };
  /** The data's size and modification time when the check began: what a record of it keeps. */
  readonly fingerprint: DataFingerprint;
}

/** Bytes checked of a file's size, or range files checked of a folder's count. */
export interface VerifyProgress {
  readonly done: number;
  readonly total: number;
  readonly unit: "bytes" | "files";
}

export interface VerifyOptions {
  /** The kind the person asked for (--ntlm); data of the other kind is refused. */
  mode?: HashMode;
  onProgress?: (progress: VerifyProgress) => void;
  /** Bytes per read of a sorted file; tests make it tiny to put lines across reads. */
  chunkBytes?: number;
}

export const MAX_LISTED = 20;
const CHUNK_BYTES = 4 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;
/** Room kept before each chunk for the line the previous chunk cut; real lines are under 64 bytes. */
const CARRY_BYTES = 4096;
/** A range file is about 30 KB; one much larger is not a range file. */
const MAX_RANGE_FILE_BYTES = 16 * 1024 * 1024;
/** Range files read at once: enough to keep a disk busy. */
const FOLDER_CONCURRENCY = 8;
const BOM = "\u00EF\u00BB\u00BF";
const LF = 10;

export async function verifyData(path: string, options: VerifyOptions = {}): Promise<DataVerification> {
  const info = await stat(path).catch((error: unknown) => {
    throw dataOpenError(path, error);
  });
  if (info.isDirectory()) return verifyFolder(path, { size: info.size, mtimeMs: info.mtimeMs }, options);
  const handle = await openRegularFile(path, "breach data").catch((error: unknown) => {
    throw dataOpenError(path, error);
  });
  try {
    return await verifySortedFile(path, handle, options);
  } catch (error) {
    throw dataOpenError(path, error);
  } finally {
    await handle.close();
  }
}

/** Keeps the first problems and counts the rest, so memory stays small however broken the data. */
class ProblemList {
  readonly kept: VerifyProblem[] = [];
  count = 0;
  add(problem: VerifyProblem): true {
    this.count++;
    if (this.kept.length < MAX_LISTED) this.kept.push(problem);
    return true;
  }
}

const lineProblem = ({ kind, offset, line }: LineProblem): VerifyProblem => ({ kind, offset, line });

function refuseOtherMode(path: string, found: HashMode, wanted: HashMode | undefined): void {
  if (wanted !== undefined && wanted !== found) {
    throw new InvalidInputError(t("password:data.error.wrongMode", { path, found: MODE_NAME[found], wanted: MODE_NAME[wanted] }));
  }
}

async function verifySortedFile(path: string, handle: FileHandle, options: VerifyOptions): Promise<DataVerification> {
  const { size, mtimeMs } = await handle.stat();
  if (size === 0) throw new InvalidInputError(t("password:data.error.empty", { path }));
  const problems = new ProblemList();
  const prefixes = new Uint8Array(PREFIX_COUNT);
  // The kind of hash, from the first line: read on its own, whatever the size of the reads after.
  const headBuffer = Buffer.allocUnsafe(Math.min(size, HEAD_BYTES));
  const { bytesRead: headRead } = await handle.read(headBuffer, 0, headBuffer.length, 0);
  const head = headBuffer.toString("latin1", 0, headRead);
  const mode = detectFileMode(path, head.startsWith(BOM) ? head.slice(BOM.length) : head);
  refuseOtherMode(path, mode, options.mode);
  const checker = new HashLineChecker(HASH_LENGTH[mode], { onProblem: (p) => problems.add(lineProblem(p)), prefixes });
  const chunk = options.chunkBytes ?? CHUNK_BYTES;
  const buffer = Buffer.allocUnsafe(CARRY_BYTES + chunk);
  let position = 0;
  /** Bytes of a cut line kept just before CARRY_BYTES, in front of the next chunk. */
  let carried = 0;
  /** Inside a line too long to carry over: its problem is reported, the rest is skipped. */
  let skipping = false;
  for (;;) {
    // Synchronous reads: a trip through the thread pool per chunk cost more than it saved (two
    // thread hand-offs each, slow on a busy machine), and the kernel reads ahead on its own.
    const bytesRead = readSync(handle.fd, buffer, CARRY_BYTES, chunk, position);
    const base = position - carried;
    position += bytesRead;
    const final = bytesRead === 0;
    const data = buffer.subarray(CARRY_BYTES - carried, CARRY_BYTES + bytesRead);
    let from = 0;
    if (skipping) {
      const newline = data.indexOf(LF);
      from = newline < 0 ? data.length : newline + 1;
      skipping = newline < 0;
    }
    const cut = final ? data.length : Math.max(from, data.lastIndexOf(LF) + 1);
    if (cut > from) checker.scan(data, from, cut, base);
    const rest = data.length - cut;
    if (rest > CARRY_BYTES) {
      checker.skipLine(base + cut);
      skipping = true;
      carried = 0;
    } else {
      buffer.copyWithin(CARRY_BYTES - rest, CARRY_BYTES + bytesRead - rest, CARRY_BYTES + bytesRead);
      carried = rest;
    }
    options.onProgress?.({ done: Math.min(position, size), total: size, unit: "bytes" });
    if (final) break;
    // The event loop runs between chunks, so Ctrl-C stops a long check at once.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return {
    path,
    format: "sorted-file",
    mode,
    bytes: position,
    lines: checker.lines,
    problems: problems.kept,
    problemCount: problems.count,
    missingPrefixes: prefixGaps(prefixes),
    fingerprint: { size, mtimeMs },
  };
}

async function verifyFolder(path: string, fingerprint: DataFingerprint, options: VerifyOptions): Promise<DataVerification> {
  const { total, mode } = await surveyFolder(path);
  refuseOtherMode(path, mode, options.mode);
  const problems = new ProblemList();
  const prefixes = new Uint8Array(PREFIX_COUNT);
  let files = 0;
  let bytes = 0;
  let lines = 0;
  const checkFile = async (name: string) => {
    const prefix = Number.parseInt(name.slice(0, PREFIX_LENGTH), 16);
    if (prefixes[prefix] === 1) problems.add({ kind: "repeated-prefix", file: name });
    prefixes[prefix] = 1;
    let body: Buffer;
    try {
      body = await readRegularFile(join(path, name), "range file", MAX_RANGE_FILE_BYTES);
    } catch (error) {
      problems.add({ kind: "unreadable", file: name, detail: unreadableDetail(error) });
      return;
    }
    files++;
    bytes += body.length;
    if (body.length === 0 || (body.length === BOM.length && body.toString("latin1") === BOM)) {
      // Every real prefix has hashes: an empty range is a failed download.
      problems.add({ kind: "empty", file: name });
      return;
    }
    const checker = new HashLineChecker(SUFFIX_LENGTH[mode], { onProblem: (p) => problems.add({ ...lineProblem(p), file: name }) });
    checker.scan(body, 0, body.length, 0);
    lines += checker.lines;
  };
  const dir = await opendir(path);
  const entries = dir[Symbol.asyncIterator]();
  let done = 0;
  // Workers share one directory listing (an async iterator queues their calls), so a million
  // names never sit in memory at once.
  const worker = async () => {
    for (let entry = await entries.next(); entry.done !== true; entry = await entries.next()) {
      if (!RANGE_FILE.test(entry.value.name)) continue;
      await checkFile(entry.value.name);
      options.onProgress?.({ done: ++done, total, unit: "files" });
    }
  };
  await Promise.all(Array.from({ length: FOLDER_CONCURRENCY }, worker));
  // Files are checked several at once; list what was kept in a stable order.
  const order = (p: VerifyProblem) => `${p.file ?? ""}:${String(p.line ?? 0).padStart(12, "0")}`;
  problems.kept.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { path, format: "prefix-folder", mode, bytes, lines, files, problems: problems.kept, problemCount: problems.count, missingPrefixes: prefixGaps(prefixes), fingerprint };
}

/** Counts the range files (for progress) and reads the hash kind from the first one that starts like one. */
async function surveyFolder(path: string): Promise<{ total: number; mode: HashMode }> {
  let total = 0;
  let mode: HashMode | undefined;
  const dir = await opendir(path).catch((error: unknown) => {
    throw dataOpenError(path, error);
  });
  for await (const entry of dir) {
    if (!RANGE_FILE.test(entry.name)) continue;
    total++;
    if (mode === undefined && entry.isFile()) {
      const body = await readRegularFile(join(path, entry.name), "range file", MAX_RANGE_FILE_BYTES).catch(() => undefined);
      if (body !== undefined) mode = detectRangeMode(body.toString("latin1").replace(/^\u00EF\u00BB\u00BF/, ""));
    }
  }
  if (total === 0) {
    throw new InvalidInputError(t("password:data.error.noRangeFiles", { path, example: "0A1B2.txt" }));
  }
  if (mode === undefined) {
    throw new InvalidInputError(t("password:data.error.notRangeFolder", { path }));
  }
  return { total, mode };
}

function unreadableDetail(error: unknown): string {
  if (error instanceof NotRegularFileError) return "not a regular file";
  if (error instanceof FileTooLargeError) return `larger than ${MAX_RANGE_FILE_BYTES / 1024 / 1024} MB`;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : "could not be read";
}

function prefixGaps(prefixes: Uint8Array): DataVerification["missingPrefixes"] {
  const ranges: PrefixGap[] = [];
  let count = 0;
  let rangeCount = 0;
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(PREFIX_LENGTH, "0");
  for (let at = prefixes.indexOf(0); at >= 0; ) {
    let end = prefixes.indexOf(1, at);
    if (end < 0) end = prefixes.length;
    count += end - at;
    rangeCount++;
    if (ranges.length < MAX_LISTED) ranges.push({ from: hex(at), to: hex(end - 1) });
    at = end === prefixes.length ? -1 : prefixes.indexOf(0, end);
  }
  return { count, ranges, rangeCount };
}
