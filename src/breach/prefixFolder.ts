import { join } from "node:path";
import { errorCode, InvalidInputError } from "../errors.js";
import { FileTooLargeError, NotRegularFileError, readRegularFile } from "../files/regular.js";
import { t } from "../i18n/index.js";
import type { RangeOutcome } from "./batch.js";
import { PREFIX_LENGTH, SUFFIX_LENGTH, type HashMode } from "./hash.js";
import { checkRangeBody, splitLines } from "./rangeBody.js";

/**
 * A folder of per-prefix range files `ABCDE.txt`, each holding the raw range body, as
 * PwnedPasswordsDownloader writes with `-s false`. A lookup reads one small file.
 */

export const RANGE_FILE = new RegExp(`^[0-9A-Fa-f]{${PREFIX_LENGTH}}\\.txt$`);
// A real range file is 30-40 KB; a far larger one is not a range and must not fill memory.
const MAX_RANGE_FILE_BYTES = 4 * 1024 * 1024;
const WHAT = "offline range file";

/** Reads one range file: only a regular file (a FIFO would hang the read, a device never ends). */
const readRangeFile = async (file: string) => (await readRegularFile(file, WHAT, MAX_RANGE_FILE_BYTES)).toString("utf8");

export class PrefixFolder {
  /** Files read by lookups, for tests and benchmarks. */
  reads = 0;

  constructor(
    readonly path: string,
    readonly mode: HashMode,
  ) {}

  /** Loads one prefix's range; a missing or broken file is a reason, never an empty range. */
  async loadRange(prefix: string): Promise<RangeOutcome> {
    let body: string;
    try {
      body = await this.readRangeFile(prefix);
    } catch (error) {
      // A file that is not a range cannot say "absent": each case is a reason, never an empty range.
      if (error instanceof NotRegularFileError) {
        return { ok: false, reason: t("password:breach.reason.prefixNotRegular", { prefix, kind: error.kind }) };
      }
      if (error instanceof FileTooLargeError) return { ok: false, reason: t("password:breach.reason.prefixTooLarge", { prefix }) };
      const code = errorCode(error);
      if (code === "ENOENT") return { ok: false, reason: t("password:breach.reason.prefixMissing", { prefix }) };
      return { ok: false, reason: code === undefined ? t("password:breach.reason.prefixUnreadable", { prefix }) : t("password:breach.reason.prefixUnreadableCode", { prefix, code }) };
    }
    const parsed = checkRangeBody(body, this.mode);
    if (parsed.ok) return parsed;
    return { ok: false, reason: t("password:breach.reason.prefixDamaged", { prefix, reason: parsed.reason }) };
  }

  private async readRangeFile(prefix: string): Promise<string> {
    this.reads++;
    try {
      return await readRangeFile(join(this.path, `${prefix}.txt`));
    } catch (error) {
      // The downloader writes upper-case names; other tools and case-sensitive copies may not.
      if (errorCode(error) !== "ENOENT") throw error;
      this.reads++;
      return await readRangeFile(join(this.path, `${prefix.toLowerCase()}.txt`));
    }
  }
}

/**
 * Checks that `path` holds range files and tells which kind of hash they hold, from the first
 * line of the first ones found. Stops there: listing a million names just to count them is not
 * needed. A file whose first line says the kind but whose body is damaged (padding only, a line
 * out of order) does not refuse the folder: a lookup in its prefix answers "could not check",
 * as for any other damaged file.
 */
export async function openPrefixFolder(path: string): Promise<PrefixFolder> {
  let first: { path: string; body: string } | undefined;
  for (const name of await firstRangeFiles(path, MODE_SAMPLES)) {
    const samplePath = join(path, name);
    // Refused as a usage error (exit 2) if it turned into something other than a regular file.
    const body = await readRangeFile(samplePath);
    const mode = detectRangeMode(body);
    if (mode !== undefined) return new PrefixFolder(path, mode);
    first ??= { path: samplePath, body };
  }
  if (first === undefined) throw new InvalidInputError(t("password:data.error.noRangeFiles", { path, example: "0A1B2.txt" }));
  throw new InvalidInputError(t("password:data.error.notRangeFile", { path: first.path, problem: t("password:data.error.firstLineNotRange") }));
}

/** How many range files may be read to tell the kind of hash before the folder is refused. */
const MODE_SAMPLES = 16;

async function firstRangeFiles(path: string, most: number): Promise<string[]> {
  // node:fs/promises when first used: the sorted-file reader shares this chunk and needs none of it.
  const dir = await process.getBuiltinModule("node:fs/promises").opendir(path);
  const names: string[] = [];
  try {
    for await (const entry of dir) {
      if (entry.isFile() && RANGE_FILE.test(entry.name)) names.push(entry.name);
      if (names.length === most) break;
    }
    return names;
  } finally {
    // Breaking out of for-await closes the directory; closing again would throw.
    await dir.close().catch(() => undefined);
  }
}

export function detectRangeMode(body: string): HashMode | undefined {
  const suffix = splitLines(body)[0]?.split(":")[0];
  if (suffix === undefined) return undefined;
  if (suffix.length === SUFFIX_LENGTH.sha1) return "sha1";
  if (suffix.length === SUFFIX_LENGTH.ntlm) return "ntlm";
  return undefined;
}
