/**
 * Which offline breach data `harden data verify` found sound, so later lookups can say when the
 * data was never checked in full. One small JSON file in harden's folder, keyed by the data's
 * absolute path; a record counts only while the data's size and modification time are unchanged.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { readStateFile, useStateFolder, writeStateFile } from "./folder.js";
import { withStateLockSync } from "./lock.js";

export const VERIFIED_DATA_FILE = "verified-data.json";
/** Far more than any number of data sets a person keeps; a bigger file is not harden's. */
const MAX_RECORD_BYTES = 1024 * 1024;

/** What identifies one state of the data: a changed size or modification time means changed data. */
export interface DataFingerprint {
  readonly size: number;
  readonly mtimeMs: number;
}

export interface VerifiedRecord extends DataFingerprint {
  readonly format: string;
  readonly mode: string;
  readonly verifiedAt: string;
}

type Records = Record<string, VerifiedRecord>;

export function fingerprintOf(dataPath: string): DataFingerprint {
  const { size, mtimeMs } = statSync(dataPath);
  return { size, mtimeMs };
}

const isRecord = (value: unknown): value is VerifiedRecord =>
  typeof value === "object" && value !== null && typeof (value as VerifiedRecord).size === "number" && typeof (value as VerifiedRecord).mtimeMs === "number";

/** The saved records; a missing or unreadable file holds none (the data then reads as never verified). */
function loadRecords(stateDir: string): Records {
  try {
    const bytes = readStateFile(path.join(stateDir, VERIFIED_DATA_FILE));
    if (bytes === undefined || bytes.length > MAX_RECORD_BYTES) return {};
    const parsed: unknown = JSON.parse(bytes.toString("utf8"));
    const data = (parsed as { data?: unknown } | null)?.data;
    if (typeof data !== "object" || data === null || Array.isArray(data)) return {};
    return Object.fromEntries(Object.entries(data).filter(([, record]) => isRecord(record))) as Records;
  } catch {
    return {};
  }
}

/** Whether the data at `dataPath` was verified as it is now. */
export function wasVerified(stateDir: string, dataPath: string): boolean {
  const record = loadRecords(stateDir)[path.resolve(dataPath)];
  if (record === undefined) return false;
  try {
    const now = fingerprintOf(dataPath);
    return now.size === record.size && now.mtimeMs === record.mtimeMs;
  } catch {
    return false;
  }
}

/** Records a sound verification, under the state lock, never through a link, readable only by the person. */
export function recordVerified(stateDir: string, dataPath: string, record: VerifiedRecord): void {
  useStateFolder(stateDir, { create: true });
  withStateLockSync(stateDir, () => {
    const records = loadRecords(stateDir);
    records[path.resolve(dataPath)] = record;
    writeStateFile(path.join(stateDir, VERIFIED_DATA_FILE), `${JSON.stringify({ version: 1, data: records }, null, 2)}\n`);
  });
}
