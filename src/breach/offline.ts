import { closeSync, statSync } from "node:fs";
import { CouldNotCheckError, HardenError, InvalidInputError } from "../errors.js";
import { openRegularFileSync } from "../files/regular.js";
import { t } from "../i18n/index.js";
import { checkByRange, runPool } from "./batch.js";
import { HASH_LENGTH, MODE_NAME, SUFFIX_LENGTH, splitHash, type HashMode } from "./hash.js";
import { PROBLEM_WORDS, type LineProblemKind } from "./hashLines.js";
import { openPrefixFolder, type PrefixFolder } from "./prefixFolder.js";
import type { BreachChecker, BreachResult, CheckOptions } from "./result.js";
import { BOM_LATIN1, MIN_WINDOW_BYTES, SortedHashFile, checkWindow, hexAt, readBytes, type CheckedWindow } from "./sortedHashFile.js";

/**
 * Offline breach lookups in a downloaded copy of Pwned Passwords: either the single sorted
 * `HASH:COUNT` file or a folder of per-prefix range files. Opening checks the data looks right,
 * because a wrong file that silently answers "not found" would tell people a breached password
 * is safe.
 */

export type OfflineFormat = "sorted-file" | "prefix-folder";

export interface OfflineStats {
  readonly lookups: number;
  /** Reads made by lookups (positioned reads for the sorted file, files for the folder). */
  readonly reads: number;
  /** Reads made while opening and checking the data; not part of `reads`. */
  readonly openReads: number;
}

export interface OfflineDataset extends BreachChecker {
  readonly path: string;
  readonly format: OfflineFormat;
  /** Which hashes the data holds, detected from the data itself. */
  readonly mode: HashMode;
  /** `hash` must be hex of this dataset's mode. */
  lookup(hash: string): Promise<BreachResult>;
  stats(): OfflineStats;
}

export interface OpenOfflineOptions {
  /** The kind of hash the caller will look up; a dataset of the other kind is refused. */
  mode?: HashMode;
}

// The downloader's own parallelism; enough to keep a disk busy without flooding it.
const LOOKUP_CONCURRENCY = 8;
/** The first lines, checked at open like the sampled pages (and read for the kind of hash): one page. */
const HEAD_BYTES = 4096;
/** Pages sampled across the file to catch unsorted data beyond the head. */
const SAMPLED_PAGES = 8;

export async function openOfflineDataset(path: string, options: OpenOfflineOptions = {}): Promise<OfflineDataset> {
  let info;
  try {
    info = statSync(path);
  } catch (error) {
    throw dataOpenError(path, error);
  }
  const dataset = info.isDirectory() ? await openFolderDataset(path) : await openFileDataset(path);
  if (options.mode !== undefined && options.mode !== dataset.mode) {
    await dataset.close();
    throw new InvalidInputError(t("password:data.error.wrongMode", { path, found: MODE_NAME[dataset.mode], wanted: MODE_NAME[options.mode] }));
  }
  return dataset;
}

/** A path the person gave that cannot be used is bad input (exit 2); other I/O trouble is exit 3. */
export function dataOpenError(path: string, error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  if (code === "ENOENT" || code === "ENOTDIR") return new InvalidInputError(t("password:data.error.missing", { path }));
  if (code === "EACCES" || code === "EPERM") return new InvalidInputError(t("password:data.error.permission", { path }));
  // Already in plain words: not breach data, or not a regular file (a FIFO is refused, never read).
  if (error instanceof HardenError) return error;
  return new CouldNotCheckError(typeof code === "string" ? t("password:data.error.unreadableCode", { path, code }) : t("password:data.error.unreadable", { path }));
}

async function openFolderDataset(path: string): Promise<OfflineDataset> {
  const folder = await openPrefixFolder(path).catch((error: unknown) => {
    throw dataOpenError(path, error);
  });
  return folderDataset(folder);
}

function folderDataset(folder: PrefixFolder): OfflineDataset {
  let lookups = 0;
  const checkMany = (hashes: readonly string[], options?: CheckOptions) => {
    hashes.forEach((hash) => requireMode(hash, folder.mode));
    lookups += hashes.length;
    return checkByRange(hashes, LOOKUP_CONCURRENCY, (_mode, prefix) => folder.loadRange(prefix), options);
  };
  return {
    path: folder.path,
    format: "prefix-folder",
    mode: folder.mode,
    checkMany,
    async lookup(hash) {
      const [result] = await checkMany([hash]);
      return result as BreachResult;
    },
    stats: () => ({ lookups, reads: folder.reads, openReads: 1 }),
    close: async () => undefined,
  };
}

async function openFileDataset(path: string): Promise<OfflineDataset> {
  // A file descriptor, not a FileHandle: lookups are positioned reads, and node:fs/promises
  // would cost the offline check's start-up a few milliseconds it has no use for.
  let fd: number;
  let size: number;
  try {
    ({ fd, size } = openRegularFileSync(path, "breach data"));
  } catch (error) {
    throw dataOpenError(path, error);
  }
  try {
    if (size === 0) throw new InvalidInputError(t("password:data.error.empty", { path }));
    const file = checkSortedFile(path, fd, size);
    return fileDataset(path, fd, file.sorted, file.openReads);
  } catch (error) {
    closeSync(fd);
    throw dataOpenError(path, error);
  }
}

function fileDataset(path: string, fd: number, file: SortedHashFile, openReads: number): OfflineDataset {
  let closed = false;
  const lookup = (hash: string) => {
    if (closed) throw new Error("the offline dataset is closed");
    requireMode(hash, file.mode);
    return file.lookup(hash.toUpperCase());
  };
  return {
    path,
    format: "sorted-file",
    mode: file.mode,
    lookup: async (hash) => lookup(hash),
    async checkMany(hashes, { onProgress, signal } = {}) {
      hashes.forEach((hash) => requireMode(hash, file.mode));
      const results = new Array<BreachResult>(hashes.length);
      let done = 0;
      const indexes = hashes.map((_hash, index) => index);
      await runPool(
        indexes,
        LOOKUP_CONCURRENCY,
        async (index) => {
          results[index] = await lookup(hashes[index] as string);
          onProgress?.({ done: ++done, total: hashes.length });
        },
        signal,
      );
      return results;
    },
    stats: () => ({ lookups: file.lookups, reads: file.reads, openReads }),
    async close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}

function requireMode(hash: string, mode: HashMode): void {
  if (splitHash(hash).mode !== mode) {
    throw new TypeError(`this offline data holds ${MODE_NAME[mode]} hashes; got a ${hash.length}-digit hash`);
  }
}

/**
 * Reads the head and a few pages spread over the file: the lines must all be HASH:COUNT of one
 * hash length and in order. That cannot prove the whole file sorted, but catches the usual
 * mistakes (another list, a file sorted by count, a truncated download) in about ten reads.
 */
function checkSortedFile(
  path: string,
  fd: number,
  size: number,
): { sorted: SortedHashFile; openReads: number } {
  let openReads = 0;
  const read = (position: number, length: number) => readBytes(fd, position, length, () => openReads++);
  const headBytes = read(0, Math.min(size, HEAD_BYTES));
  const head = headBytes.toString("latin1");
  const dataStart = head.startsWith(BOM_LATIN1) ? BOM_LATIN1.length : 0;
  const mode = detectFileMode(path, head.slice(dataStart));
  const hashLength = HASH_LENGTH[mode];
  const notData: NotData = (problem) => t("password:data.error.notSorted", { path, mode: MODE_NAME[mode], problem });

  const headChecked = checkWindow(headBytes, 0, dataStart, size, hashLength);
  if ("problem" in headChecked) {
    const { problem } = headChecked;
    throw new InvalidInputError(notData(t("password:data.error.atLine", { line: problem.line, problem: PROBLEM_WORDS[problem.kind](hashLength) })));
  }
  const headWindow = headChecked.window;
  if (headWindow.count === 0) throw new InvalidInputError(notData(t("password:data.error.noCompleteLine")));

  const pages = [headWindow];
  for (const position of samplePositions(head.length, size)) {
    const length = Math.min(MIN_WINDOW_BYTES, size - position);
    const checked = checkWindow(read(position, length), position, dataStart, size, hashLength);
    if ("problem" in checked) throw new InvalidInputError(notData(pageWords(checked.problem.kind, checked.problem.offset)));
    pages.push(checked.window);
  }
  requirePagesInOrder(notData, pages, hashLength);

  const measured = pages.reduce((sum, page) => sum + (page.end - page.firstStart), 0);
  const lineCount = pages.reduce((sum, page) => sum + page.count, 0);
  const last = pages.at(-1)!;
  const sorted = new SortedHashFile({
    path,
    fd,
    size,
    dataStart,
    mode,
    averageLineBytes: lineCount > 0 ? measured / lineCount : hashLength + 8,
    firstHex: hexAt(headWindow, 0, hashLength),
    // The last sampled page ends the file, so its last complete line holds the highest hash.
    lastHex: pages.length > 1 && last.count > 0 ? hexAt(last, last.count - 1, hashLength) : undefined,
  });
  return { sorted, openReads };
}

/** Why a sorted file is not breach data: "{path} is not a sorted Pwned Passwords SHA-1 file: PROBLEM". */
type NotData = (problem: string) => string;

/** A problem in a sampled page, near a byte: "it is not sorted by hash near byte 5000". */
const pageWords = (kind: LineProblemKind, offset: number) => t(`password:data.error.page.${kind}`, { offset });

/** The kind of hash a sorted file holds, from its first line (after any BOM); bad input otherwise. */
export function detectFileMode(path: string, head: string): HashMode {
  const firstLine = head.split("\n", 1)[0]?.replace(/\r$/, "") ?? "";
  const hex = /^([0-9A-Fa-f]+):[0-9]+$/.exec(firstLine)?.[1];
  if (hex?.length === HASH_LENGTH.sha1) return "sha1";
  if (hex?.length === HASH_LENGTH.ntlm) return "ntlm";
  if (hex?.length === SUFFIX_LENGTH.sha1 || hex?.length === SUFFIX_LENGTH.ntlm) {
    throw new InvalidInputError(t("password:data.error.singleRange", { path }));
  }
  throw new InvalidInputError(t("password:data.error.notHashFile", { path }));
}

/**
 * Page starts spread evenly after the head, never overlapping (so page order can be compared),
 * the last one ending at the end of the file to catch a truncated download.
 */
function samplePositions(afterHead: number, size: number): number[] {
  const room = size - afterHead;
  if (room <= 0) return [];
  const count = Math.min(SAMPLED_PAGES, Math.floor(room / MIN_WINDOW_BYTES));
  if (count === 0) return [afterHead];
  const positions = Array.from({ length: count - 1 }, (_unused, i) => afterHead + Math.floor((i * room) / count));
  positions.push(size - MIN_WINDOW_BYTES);
  return positions;
}

/** Each page's first line must come after the previous page's last one: strictly, no repeats. */
function requirePagesInOrder(notData: NotData, pages: readonly CheckedWindow[], hashLength: number): void {
  for (let i = 1; i < pages.length; i++) {
    const before = pages[i - 1]!;
    const after = pages[i]!;
    if (before.count === 0 || after.count === 0) continue;
    if (hexAt(after, 0, hashLength) <= hexAt(before, before.count - 1, hashLength)) {
      throw new InvalidInputError(notData(pageWords("order", after.firstStart)));
    }
  }
}
