/**
 * Where `harden serve` reads a prefix's lines from: a folder of PREFIX.txt range files (what
 * `harden data download` writes) or one sorted HASH:COUNT file (found by binary search). A
 * prefix the data lacks, or whose lines are damaged, is an error the server turns into a status,
 * never into an empty answer (which a client could read as "not found").
 */
import { open, stat, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { errorCode, InvalidInputError } from "../errors.js";
import { readRegularFile } from "../files/regular.js";
import { HASH_LENGTH, PREFIX_LENGTH, type HashMode } from "../breach/hash.js";
import { dataOpenError, detectFileMode } from "../breach/offline.js";
import { openPrefixFolder } from "../breach/prefixFolder.js";
import { canonicalLines, normalizeBytes } from "../breach/canonicalBody.js";
import { parseCountLine } from "../breach/rangeBody.js";

/**
 * The range of one prefix: SUFFIX:COUNT lines, upper-case, sorted, counts above 0, joined by CRLF
 * (ASCII bytes), and how many lines that is.
 */
export type PrefixLines = { readonly ok: true; readonly body: Buffer; readonly lines: number } | { readonly ok: false; readonly problem: "missing" | "damaged" | "unreadable" };

export interface RangeSource {
  readonly path: string;
  readonly mode: HashMode;
  readonly format: "prefix-folder" | "sorted-file";
  linesOf(prefix: string): Promise<PrefixLines>;
  close(): Promise<void>;
}

const MAX_RANGE_BYTES = 4 * 1024 * 1024;

export async function openRangeSource(path: string): Promise<RangeSource> {
  const info = await stat(path).catch((error: unknown) => {
    throw dataOpenError(path, error);
  });
  return info.isDirectory() ? openFolderSource(path) : openSortedSource(path, info.size);
}

async function openFolderSource(path: string): Promise<RangeSource> {
  const { mode } = await openPrefixFolder(path);
  const read = (name: string) => readRegularFile(join(path, name), "offline range file", MAX_RANGE_BYTES);
  return {
    path,
    mode,
    format: "prefix-folder",
    async linesOf(prefix) {
      let body: Buffer;
      try {
        body = await read(`${prefix}.txt`).catch(async (error: unknown) => {
          if (errorCode(error) !== "ENOENT") throw error;
          return read(`${prefix.toLowerCase()}.txt`);
        });
      } catch (error) {
        return { ok: false, problem: errorCode(error) === "ENOENT" ? "missing" : "unreadable" };
      }
      // A file harden downloaded is already in the service's form and is sent as it is.
      const lines = canonicalLines(body, mode);
      if (lines > 0) return { ok: true, body, lines };
      // Another tool's file (lower case, LF, padding): made canonical, which is rare enough to check twice.
      const normal = normalizeBytes(body, mode);
      if (normal === undefined) return { ok: false, problem: "damaged" };
      const bytes = Buffer.from(normal.buffer, normal.byteOffset, normal.byteLength);
      return { ok: true, body: bytes, lines: canonicalLines(bytes, mode) };
    },
    close: async () => {},
  };
}

const found = (lines: string[]): PrefixLines => (lines.length > 0 ? { ok: true, body: Buffer.from(lines.join("\r\n"), "latin1"), lines: lines.length } : { ok: false, problem: "missing" });

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Binary search stops when this little is left, then reads on line by line. */
const WINDOW = 16 * 1024;
const LF = 10;

async function openSortedSource(path: string, size: number): Promise<RangeSource> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw dataOpenError(path, error);
  }
  const read = async (position: number, length: number) => {
    const buffer = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - position)));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
    return buffer.subarray(0, bytesRead);
  };
  const head = await read(0, 4096);
  const dataStart = head.subarray(0, 3).equals(BOM) ? 3 : 0;
  let mode: HashMode;
  try {
    mode = detectFileMode(path, head.toString("latin1", dataStart));
  } catch (error) {
    await handle.close();
    throw error;
  }
  const hashLength = HASH_LENGTH[mode];
  if (size <= dataStart) {
    await handle.close();
    throw new InvalidInputError(`${path} is empty: expected Pwned Passwords HASH:COUNT lines`);
  }

  /** The first line start after `position` (position itself is inside a line). */
  const nextLineStart = async (position: number): Promise<number | undefined> => {
    const bytes = await read(position, 1024);
    const at = bytes.indexOf(LF);
    return at < 0 ? undefined : position + at + 1;
  };

  return {
    path,
    mode,
    format: "sorted-file",
    async linesOf(prefix) {
      try {
        // Smallest line start whose prefix is >= the one asked for lies in [lo, hi].
        let lo = dataStart;
        let hi = size;
        while (hi - lo > WINDOW) {
          const start = await nextLineStart(lo + Math.floor((hi - lo) / 2));
          if (start === undefined || start >= hi) return { ok: false, problem: "damaged" };
          const key = (await read(start, PREFIX_LENGTH)).toString("latin1").toUpperCase();
          if (key < prefix) lo = start;
          else hi = start;
        }
        const lines: string[] = [];
        let position = lo;
        let carry = "";
        for (;;) {
          const chunk = await read(position, 64 * 1024);
          position += chunk.length;
          const text = carry + chunk.toString("latin1");
          const parts = text.split("\n");
          carry = chunk.length === 0 ? "" : parts.pop()!;
          for (const raw of parts) {
            const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
            if (line === "") continue;
            const key = line.slice(0, PREFIX_LENGTH).toUpperCase();
            if (key < prefix) continue;
            if (key > prefix) return found(lines);
            const parsed = parseCountLine(line, hashLength);
            if (parsed === undefined || parsed.count === 0) return { ok: false, problem: "damaged" };
            lines.push(`${parsed.hex.slice(PREFIX_LENGTH)}:${parsed.count}`);
          }
          if (chunk.length === 0) return found(lines);
        }
      } catch {
        return { ok: false, problem: "unreadable" };
      }
    },
    close: () => handle.close(),
  };
}

