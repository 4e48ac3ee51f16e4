/**
 * The one way harden replaces a file: the data goes to a new temporary file beside it, created
 * exclusively, never through a link, private (0600) from the first byte; it is flushed to disk
 * and renamed over the final name. A reader sees the old file or the new one, never half of one,
 * and a link at the final name is replaced, not followed. On any failure the temporary file is
 * removed and the system error is rethrown for the caller to put into words.
 */
import { closeSync, constants, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";

/** Create-only, write-only, never through a link. */
export const NEW_FILE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Writes all of `data`: a write may take fewer bytes than it was given. */
export function writeAllSync(fd: number, data: Uint8Array): void {
  for (let done = 0; done < data.length; ) done += writeSync(fd, data, done, data.length - done);
}

/** `temp` must be a fresh name in the same folder as `file` (so the rename cannot cross disks). */
export function replaceFileSync(file: string, temp: string, data: string | Uint8Array | Iterable<Uint8Array>): void {
  const fd = openSync(temp, NEW_FILE_FLAGS, 0o600);
  try {
    try {
      if (typeof data === "string") writeAllSync(fd, Buffer.from(data));
      else if (data instanceof Uint8Array) writeAllSync(fd, data);
      // In pieces: a file far larger than memory (a whole breach data set) is written as it is made.
      else for (const piece of data) writeAllSync(fd, piece);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * replaceFileSync's steps on libuv's thread pool, for many small files at once (a download's
 * ranges): the event loop keeps the network moving while the disk works. No fsync: callers
 * that use it check every file again when they resume.
 */
export async function replaceFileUnsynced(file: string, temp: string, data: string | Uint8Array): Promise<void> {
  // node:fs/promises when first used: the state folder imports this file for its synchronous
  // writes, and loading the promises API costs every start-up a millisecond or two.
  const { open, rename, rm } = process.getBuiltinModule("node:fs/promises");
  const handle = await open(temp, NEW_FILE_FLAGS, 0o600);
  try {
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
