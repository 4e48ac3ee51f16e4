/**
 * Re-audit snapshots on disk: one file per full check in <state dir>/snapshots, named only by
 * the time it was taken, so a file listing says nothing about the person or their accounts.
 */
import { closeSync, openSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { isAuditSnapshot, type AuditSnapshot } from "../core/snapshots.js";
import { cannotSave, NEW_FILE_FLAGS, openError, readStateFile, useStateFolder, useSubfolder, writeAllSync } from "./folder.js";

/** Folder name inside the state dir; store.ts lists it among the entries `forget` removes. */
export const SNAPSHOTS = "snapshots";

/** 2026-11-25T09-30-00-000Z.json, or 2026-11-25T09-30-00-000Z-2.json when two share a time. */
const FILE_NAME = /^(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)(?:-(\d+))?\.json$/;

export function snapshotsDir(dir: string): string {
  return path.join(dir, SNAPSHOTS);
}

/** Writes the snapshot as a new file (never over an existing one) and returns its path. */
export function saveSnapshot(dir: string, snapshot: AuditSnapshot): string {
  if (!isAuditSnapshot(snapshot)) throw new TypeError("not a valid audit snapshot");
  // Through Date, so the name is always a plain time stamp whatever text takenAt holds.
  const stamp = new Date(snapshot.takenAt).toISOString().replace(/[:.]/g, "-");
  const folder = snapshotsDir(dir);
  useStateFolder(dir, { create: true });
  useSubfolder(folder, { create: true });
  const body = Buffer.from(`${JSON.stringify(snapshot, null, 2)}\n`);
  for (let n = 1; ; n++) {
    const file = path.join(folder, n === 1 ? `${stamp}.json` : `${stamp}-${n}.json`);
    let fd: number;
    try {
      // Created exclusively: never over an existing file, never through a link.
      fd = openSync(file, NEW_FILE_FLAGS, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw openError(file, error);
    }
    try {
      writeAllSync(fd, body);
    } catch (error) {
      closeSync(fd);
      rmSync(file, { force: true });
      throw cannotSave(folder, error);
    }
    closeSync(fd);
    return file;
  }
}

/** Snapshot files in `dir`, oldest first. Files not named like a snapshot are ignored. */
export function listSnapshots(dir: string): string[] {
  if (!useStateFolder(dir, { create: false }) || !useSubfolder(snapshotsDir(dir), { create: false })) return [];
  let names: string[];
  try {
    names = readdirSync(snapshotsDir(dir));
  } catch {
    return [];
  }
  return names
    .flatMap((name) => {
      const match = FILE_NAME.exec(name);
      return match ? [{ name, stamp: match[1]!, n: Number(match[2] ?? 1) }] : [];
    })
    .sort((a, b) => (a.stamp < b.stamp ? -1 : a.stamp > b.stamp ? 1 : a.n - b.n))
    .map(({ name }) => path.join(snapshotsDir(dir), name));
}

/** The snapshot in `file`, or undefined when it cannot be read or is not a snapshot. Never throws. */
export function loadSnapshot(file: string): AuditSnapshot | undefined {
  try {
    const value: unknown = JSON.parse(readStateFile(file)?.toString("utf8") ?? "");
    return isAuditSnapshot(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The two newest readable snapshots as [earlier, latest] (ready for diffSnapshots), skipping broken files. */
export function lastTwo(dir: string): [AuditSnapshot, AuditSnapshot] | [AuditSnapshot] | [] {
  const found: AuditSnapshot[] = [];
  const files = listSnapshots(dir);
  for (let i = files.length - 1; i >= 0 && found.length < 2; i--) {
    const snapshot = loadSnapshot(files[i]!);
    if (snapshot) found.unshift(snapshot);
  }
  const [first, second] = found;
  if (first && second) return [first, second];
  return first ? [first] : [];
}
