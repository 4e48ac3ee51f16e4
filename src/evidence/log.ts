/**
 * The evidence log on disk: <state dir>/evidence/log.jsonl (appended to, never rewritten),
 * head.json (how the log ended at the last write) and files/ (copies named by their SHA-256).
 * Only hashes and sizes are taken from the files; their contents are never shown.
 */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { chmod, mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { checkChain, entryLine, entryRef, localTime, parseTail, readLogLines, sealEntry, tailOf, type ChainTail, type EvidenceEntry, type EvidenceFile, type EvidenceFinding, type LogLine } from "./chain.js";
import { checkSeal, type Seal, type SealCheck } from "./seal.js";

const LOG = "log.jsonl";
const HEAD = "head.json";
const FILES = "files";

export const evidenceDir = (stateDir: string) => path.join(stateDir, "evidence");

async function readOrEmpty(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return Buffer.alloc(0);
    throw error;
  }
}

/** Folders readable only by the person, even when they existed before with a wider mode. */
async function privateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

/** Hashes a file as it is read; with `copyTo`, writes the same bytes there, so the copy is exactly what was hashed. */
async function hashFile(file: string, copyTo?: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  const out = copyTo ? await open(copyTo, "wx", 0o600) : undefined;
  try {
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      await out?.write(chunk);
    }
  } finally {
    await out?.close();
  }
  return { sha256: hash.digest("hex"), size };
}

/** Only a short plain extension survives (".png", ".pdf"): a longer one could describe what happened. */
function copyExtension(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return /^\.[a-z0-9]{1,5}$/.test(ext) ? ext : "";
}

async function keepCopy(filesDir: string, file: string): Promise<EvidenceFile> {
  const incoming = path.join(filesDir, `.incoming-${randomUUID()}`);
  try {
    const { sha256, size } = await hashFile(file, incoming);
    const copy = `${sha256}${copyExtension(file)}`;
    // A copy already kept under this name stays as it is: replacing it would hide a change to it from verify.
    if (existsSync(path.join(filesDir, copy))) await rm(incoming);
    else await rename(incoming, path.join(filesDir, copy));
    return { path: file, sha256, size, copy };
  } catch (error) {
    await rm(incoming, { force: true });
    throw error;
  }
}

/** Appends one entry for `files` (absolute paths, checked to exist) and `note`. */
export async function recordEvidence(dir: string, input: { now: Date; note: string | null; files: string[]; copy: boolean }): Promise<EvidenceEntry> {
  await privateDir(dir);
  const filesDir = path.join(dir, FILES);
  if (input.copy) await privateDir(filesDir);
  const files: EvidenceFile[] = [];
  for (const file of input.files) files.push(input.copy ? await keepCopy(filesDir, file) : { path: file, ...(await hashFile(file)), copy: null });

  const logFile = path.join(dir, LOG);
  const data = await readOrEmpty(logFile);
  const entry = sealEntry({ at: input.now.toISOString(), localTime: localTime(input.now), note: input.note, files }, tailOf(readLogLines(data)));
  // A last line cut short (no "\n") stays a line of its own instead of swallowing this entry.
  const text = (data.length > 0 && data.at(-1) !== 0x0a ? "\n" : "") + entryLine(entry);
  const log = await open(logFile, "a", 0o600);
  try {
    await log.chmod(0o600);
    await log.write(text);
    await log.datasync();
  } finally {
    await log.close();
  }
  await writeHead(dir, { count: entry.seq, hash: entry.hash });
  return entry;
}

async function writeHead(dir: string, tail: ChainTail): Promise<void> {
  const temp = path.join(dir, `${HEAD}.tmp`);
  await writeFile(temp, `${JSON.stringify(tail)}\n`, { mode: 0o600 });
  await rename(temp, path.join(dir, HEAD));
}

export interface EvidenceLog {
  lines: LogLine[];
  /** The last entry's hash (the chain head), or null when the log is empty. */
  head: string | null;
}

/** Reads the log without creating anything. */
export async function readEvidence(dir: string): Promise<EvidenceLog> {
  const lines = readLogLines(await readOrEmpty(path.join(dir, LOG)));
  return { lines, head: lines.length ? tailOf(lines).hash : null };
}

export interface EvidenceCheck extends EvidenceLog {
  files: number;
  findings: EvidenceFinding[];
  /** False when head.json is missing or unreadable: entries cut off the end would then not show. */
  headFile: boolean;
  /** With a seal: whether what was recorded before it is all still there. */
  seal?: SealCheck;
}

/** The chain, then every file again: referenced files where they were, copies in files/; and the log against `seal`, if given. */
export async function verifyEvidence(dir: string, seal?: Seal): Promise<EvidenceCheck> {
  const log = await readEvidence(dir);
  // A head that cannot be read counts as none: removing it would hide just as much.
  const head = parseTail((await readOrEmpty(path.join(dir, HEAD))).toString("utf8"));
  const findings = checkChain(log.lines, head);
  const sealCheck = seal ? checkSeal(log.lines, findings, seal) : undefined;
  let files = 0;
  for (const { line, entry } of log.lines) {
    for (const file of entry?.files ?? []) {
      files++;
      const where = file.copy ? path.join(dir, FILES, file.copy) : file.path;
      try {
        const now = await hashFile(where);
        if (now.sha256 !== file.sha256 || now.size !== file.size) findings.push({ kind: "file-changed", line, path: file.path, copy: file.copy, entry: entryRef(entry!) });
      } catch (error) {
        findings.push({ kind: "file-missing", line, path: file.path, copy: file.copy, code: (error as NodeJS.ErrnoException).code ?? "error", entry: entryRef(entry!) });
      }
    }
  }
  findings.sort((a, b) => a.line - b.line);
  return { ...log, files, findings, headFile: head !== undefined, ...(sealCheck ? { seal: sealCheck } : {}) };
}
