/**
 * harden's state folder and the files in it. Like ssh's StrictModes, a folder that another user
 * owns or can write to is refused: they could plant links in it that send harden's writes into
 * the person's other files, and making it private afterwards would not remove what they planted.
 * A folder of the person's own is made private (0700). Files in it are opened without following
 * links, and a link at any name harden uses is refused rather than followed or replaced.
 */
import { chmodSync, closeSync, constants, existsSync, fchmodSync, fstatSync, lstatSync, mkdirSync, openSync, readSync, realpathSync, renameSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { HardenError, UsageError } from "../errors.js";
import { replaceFileSync } from "../files/replace.js";
import { t } from "../i18n/index.js";

export { NEW_FILE_FLAGS, writeAllSync } from "../files/replace.js";

/** Temporary files are named FILE.tmp-RANDOM beside the file they replace; `forget` removes any left behind. */
export const TEMP_MARK = ".tmp-";

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/** The state folder cannot be used as it is: exit 2, with what to do about it. */
export class StateFolderError extends UsageError {}

/** A link where harden keeps one of its own files or folders. */
export class LinkRefusedError extends StateFolderError {
  constructor(file: string) {
    super(t("errors:state.link", { file }));
  }
}

function cannotUse(dir: string, error: unknown): StateFolderError {
  return new StateFolderError(t("errors:state.cannotUse", { dir, code: errorCode(error) ?? "error" }));
}

/**
 * A failed write as one line naming the folder (a full disk, a read-only folder). Errors that
 * carry no system error code are defects and pass through unchanged.
 */
export function cannotSave(dir: string, error: unknown): unknown {
  const code = errorCode(error);
  if (error instanceof HardenError || code === undefined) return error;
  const full = code === "ENOSPC" || code === "EDQUOT" || code === "EFBIG";
  return new StateFolderError(t(full ? "errors:state.diskFull" : "errors:state.cannotSave", { dir, code }));
}

const uid = () => process.getuid?.();

/** Owned by this user and not writable by others; a folder that is only readable by others is made private. */
function checkOwnFolder(dir: string, stats: Stats): void {
  if (!stats.isDirectory()) throw new StateFolderError(t("errors:state.notFolder", { dir }));
  const me = uid();
  if (me === undefined) return; // Windows: no owner or mode bits to compare.
  if (stats.uid !== me) throw new StateFolderError(t("errors:state.otherOwner", { dir }));
  if ((stats.mode & 0o022) !== 0) {
    throw new StateFolderError(t("errors:state.othersCanWrite", { dir }));
  }
  if ((stats.mode & 0o777) !== 0o700) {
    try {
      chmodSync(dir, 0o700);
    } catch (error) {
      throw cannotUse(dir, error);
    }
  }
}

/**
 * mkdir -p, one level at a time, each private. Not mkdirSync's recursive option: on a path it
 * can never make, such as /proc/x, that loops for ever (Node 20).
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let at = dir; !existsSync(at) && path.dirname(at) !== at; at = path.dirname(at)) missing.unshift(at);
  for (const folder of missing) {
    try {
      mkdirSync(folder, { mode: 0o700 });
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
  }
}

/**
 * Checks the state folder before harden reads or writes in it; with `create`, makes it first
 * (private). Returns false when it does not exist and was not to be made: nothing was saved.
 */
export function useStateFolder(dir: string, options: { create: boolean }): boolean {
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch (error) {
    const missing = errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR";
    if (missing && !options.create) return false;
    if (errorCode(error) !== "ENOENT") throw cannotUse(dir, error);
    checkAbove(dir);
    try {
      makeFolders(dir);
      stats = statSync(dir);
    } catch (made) {
      throw cannotUse(dir, made);
    }
  }
  checkOwnFolder(dir, stats);
  checkAbove(dir);
  return true;
}

/**
 * As ssh does for ~/.ssh: every folder above the state folder (after links are resolved) must
 * belong to this user or to root and be writable by no one else, unless sticky as /tmp is
 * (there others cannot move what is ours). Otherwise another user could swap in a folder of
 * their own. For a folder not made yet, checked from the nearest one that exists, before
 * anything is made.
 */
function checkAbove(dir: string): void {
  const me = uid();
  if (me === undefined) return;
  let from: string;
  try {
    if (existsSync(dir)) from = path.dirname(realpathSync(dir));
    else {
      let at = path.dirname(dir);
      while (!existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
      from = realpathSync(at);
    }
  } catch (error) {
    throw cannotUse(dir, error);
  }
  for (let parent = from; ; parent = path.dirname(parent)) {
    let stats: Stats;
    try {
      stats = statSync(parent);
    } catch (error) {
      throw cannotUse(dir, error);
    }
    const sticky = (stats.mode & 0o1000) !== 0;
    const othersWrite = (stats.mode & 0o022) !== 0 && !sticky;
    if ((stats.uid !== me && stats.uid !== 0) || othersWrite) throw new StateFolderError(t("errors:state.parentOthersCanWrite", { dir, parent }));
    if (path.dirname(parent) === parent) return;
  }
}

/** A folder harden keeps inside the state folder (evidence, its copies, snapshots): never a link. */
export function useSubfolder(dir: string, options: { create: boolean }): boolean {
  if (options.create) {
    try {
      mkdirSync(dir, { mode: 0o700 });
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw cannotUse(dir, error);
    }
  }
  let stats: Stats;
  try {
    stats = lstatSync(dir);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw cannotUse(dir, error);
  }
  if (stats.isSymbolicLink()) throw new LinkRefusedError(dir);
  checkOwnFolder(dir, stats);
  return true;
}

// O_NONBLOCK: a FIFO planted at a state file's name must not hang the open; the fstat refuses it.
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | NOFOLLOW;
/** Opening flags for a file harden appends to in its folder: never through a link. */
export const APPEND_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | NOFOLLOW;

function cannotReadState(file: string, error: unknown): unknown {
  if (error instanceof HardenError || errorCode(error) === undefined) return error;
  return new StateFolderError(t("errors:state.cannotRead", { file, code: errorCode(error) }));
}

/** An open error of a file in harden's folder as one line (a link, a folder in its place…). */
export function openError(file: string, error: unknown): unknown {
  if (errorCode(error) === "ELOOP") return new LinkRefusedError(file);
  return cannotSave(path.dirname(file), error);
}

function notRegular(file: string): StateFolderError {
  return new StateFolderError(t("errors:state.notRegular", { file }));
}

/** Throws when a link (or anything but a regular file) stands at `file`; nothing there is fine. */
export function refuseLink(file: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(file);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw cannotSave(path.dirname(file), error);
  }
  if (stats.isSymbolicLink()) throw new LinkRefusedError(file);
  if (!stats.isFile()) throw notRegular(file);
}

/** Opens a state file for reading without following a link; undefined when there is none. */
function openStateFile(file: string): number | undefined {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (error) {
    // ENOTDIR: the folder is missing (a file stands where it would be), so nothing was saved.
    if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") return undefined;
    throw errorCode(error) === "ELOOP" ? new LinkRefusedError(file) : cannotReadState(file, error);
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    throw notRegular(file);
  }
  return fd;
}

/** The bytes of one of harden's files, or undefined when it does not exist. */
export function readStateFile(file: string): Buffer | undefined {
  const fd = openStateFile(file);
  if (fd === undefined) return undefined;
  try {
    const chunks: Buffer[] = [];
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks);
  } catch (error) {
    throw cannotReadState(file, error);
  } finally {
    closeSync(fd);
  }
}

/** Moves an unreadable file aside as `aside`, readable only by the person whatever its mode was. */
export function keepAside(file: string, aside: string): void {
  const fd = openStateFile(file);
  if (fd === undefined) return;
  try {
    fchmodSync(fd, 0o600);
  } finally {
    closeSync(fd);
  }
  renameSync(file, aside);
}

/**
 * Replaces `file` by writing a new private file beside it and renaming it into place, so a
 * reader sees the old file or the new one, never half of one. Never writes through a link:
 * the new file is created exclusively, and a link at `file` is refused.
 */
export function writeStateFile(file: string, data: string): void {
  refuseLink(file);
  try {
    // node:crypto when first needed: most runs write nothing, and loading it costs several milliseconds.
    const { randomBytes } = process.getBuiltinModule("node:crypto");
    replaceFileSync(file, `${file}${TEMP_MARK}${randomBytes(6).toString("hex")}`, data);
  } catch (error) {
    throw openError(file, error);
  }
}
