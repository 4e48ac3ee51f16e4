/**
 * The names inside the evidence folder that more than the log itself needs, and the clean-up
 * forget does when the log is kept: apart from log.ts so the state store (which forget goes
 * through) does not load the log, its chain and seals for every command.
 */
import { readdirSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { TEMP_MARK, useSubfolder } from "../state/folder.js";

export const HEAD = "head.json";
export const FILES = "files";
/** A copy being written: renamed to its hash once it is whole, removed if anything fails. */
export const INCOMING = ".incoming-";

/**
 * For forget when the log is kept: removes what an interrupted write left (a temporary head,
 * half-written copies) and the copies folder once empty, and the evidence folder if nothing is
 * left in it. Returns what it removed.
 */
export function removeEvidenceLeftovers(dir: string): string[] {
  const removed: string[] = [];
  const remove = (entry: string) => {
    rmSync(entry, { force: true });
    removed.push(entry);
  };
  const names = (folder: string) => (useSubfolder(folder, { create: false }) ? readdirSync(folder) : []);
  for (const name of names(dir)) if (name === `${HEAD}.tmp` || name.startsWith(`${HEAD}${TEMP_MARK}`)) remove(path.join(dir, name));
  const filesDir = path.join(dir, FILES);
  for (const name of names(filesDir)) if (name.startsWith(INCOMING)) remove(path.join(filesDir, name));
  for (const folder of [filesDir, dir]) {
    if (useSubfolder(folder, { create: false }) && readdirSync(folder).length === 0) {
      rmdirSync(folder);
      removed.push(folder);
    }
  }
  return removed;
}
