/**
 * Opening files harden reads as data (exports, checklists, evidence, breach data, answers):
 * only regular files. A FIFO would hang the open or the read, a device such as /dev/zero
 * would never end, and a folder is not data; each is refused with one clear line (exit 2).
 */
import fs, { constants, closeSync, fstatSync, openSync, readSync, type Stats } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";

const MiB = 1024 * 1024;

/** What a file is instead of a regular file. */
export type FileType = "folder" | "fifo" | "device" | "socket" | "other";

function typeOf(stats: Stats): FileType {
  if (stats.isDirectory()) return "folder";
  if (stats.isFIFO()) return "fifo";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "device";
  if (stats.isSocket()) return "socket";
  return "other";
}

/**
 * The name of an input in messages ("answers file", "export"...), in the language. Callers name
 * it in English, which is also its key in the errors catalogue.
 */
export const inputName = (what: string): string => t(`errors:inputs.${what}`, { defaultValue: what });

export class NotRegularFileError extends UsageError {
  readonly type: FileType;
  /** What the file is instead, in words of the language: "a pipe (FIFO)", "a device", ... */
  readonly kind: string;
  constructor(what: string, file: string, stats: Stats) {
    const type = typeOf(stats);
    super(t(`errors:file.notRegular.${type}`, { what: inputName(what), file }));
    this.type = type;
    this.kind = t(`errors:file.kind.${type}`);
  }
}

export class FileTooLargeError extends UsageError {
  constructor(what: string, file: string, limit: number) {
    super(t("errors:file.tooLarge", { what: inputName(what), file, size: formatSize(limit) }));
  }
}

export const formatSize = (bytes: number) => (bytes >= MiB ? t("errors:file.megabytes", { count: Math.round(bytes / MiB) }) : t("errors:file.kilobytes", { count: Math.round(bytes / 1024) }));

/** Keeps the system's code (ENOENT, EACCES…) so a caller can tell "missing" from "unreadable". */
export class CannotReadError extends UsageError {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** A read error as one line: names the file and the reason, never its contents. */
export function cannotRead(what: string, file: string, error: unknown): UsageError {
  if (error instanceof UsageError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const wrapped = new CannotReadError(t("errors:file.cannotRead", { what: inputName(what), file, code: code ?? "error" }), code);
  wrapped.cause = error;
  return wrapped;
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer; the fstat that
// follows refuses it. For a regular file the flag changes nothing.
const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK;

/** Opens `file` for reading if it is a regular file (symlinks to one are fine); else throws NotRegularFileError. */
export async function openRegularFile(file: string, what: string): Promise<FileHandle> {
  // node:fs/promises when first used: the offline check reads its file with positioned reads and needs none of it.
  const handle = await process.getBuiltinModule("node:fs/promises").open(file, READ_FLAGS).catch((error: unknown) => {
    throw cannotRead(what, file, error);
  });
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new NotRegularFileError(what, file, stats);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Reads a whole regular file, refusing anything larger than `maxBytes` before reading it.
 * Callbacks inside one promise, one fstat: `harden serve` reads a file for every request, and
 * FileHandle's promise for each step (and readFile's second fstat) cost it about half again
 * the CPU of the read itself.
 */
export function readRegularFile(file: string, what: string, maxBytes?: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    fs.open(file, READ_FLAGS, (openError, fd) => {
      if (openError) return reject(cannotRead(what, file, openError));
      const finish = (error: unknown, bytes?: Buffer) => fs.close(fd, () => (error === undefined ? resolve(bytes!) : reject(error)));
      fs.fstat(fd, (statError, stats) => {
        try {
          if (statError) throw cannotRead(what, file, statError);
          if (!stats.isFile()) throw new NotRegularFileError(what, file, stats);
          if (maxBytes !== undefined && stats.size > maxBytes) throw new FileTooLargeError(what, file, maxBytes);
        } catch (error) {
          return finish(error);
        }
        readToEnd(fd, stats.size, (readError, bytes) => {
          if (readError) return finish(cannotRead(what, file, readError));
          if (maxBytes !== undefined && bytes!.length > maxBytes) return finish(new FileTooLargeError(what, file, maxBytes));
          finish(undefined, bytes);
        });
      });
    });
  });
}

/**
 * The file's bytes up to the size its fstat gave (as readFile reads them); a size of 0 may be
 * a file the kernel makes as it is read (/proc), read in chunks to its end.
 */
function readToEnd(fd: number, size: number, done: (error: Error | null, bytes?: Buffer) => void): void {
  const known = size > 0;
  let buffer = Buffer.allocUnsafe(known ? size : 64 * 1024);
  let read = 0;
  const next = () =>
    fs.read(fd, buffer, read, buffer.length - read, read, (error, bytesRead) => {
      if (error) return done(error);
      read += bytesRead;
      if (bytesRead === 0 || (known && read === size)) return done(null, read === buffer.length ? buffer : buffer.subarray(0, read));
      if (read === buffer.length) buffer = Buffer.concat([buffer, Buffer.allocUnsafe(buffer.length)]);
      next();
    });
  next();
}

/** Synchronous twin of openRegularFile for the few synchronous readers (positioned reads): the fd, and the size its fstat gave. */
export function openRegularFileSync(file: string, what: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (error) {
    throw cannotRead(what, file, error);
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    throw new NotRegularFileError(what, file, stats);
  }
  return { fd, size: stats.size };
}

/** Reads a whole regular file synchronously (small state and data files). */
export function readRegularFileSync(file: string, what: string, maxBytes?: number): Buffer {
  const { fd, size } = openRegularFileSync(file, what);
  try {
    if (maxBytes !== undefined && size > maxBytes) throw new FileTooLargeError(what, file, maxBytes);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
