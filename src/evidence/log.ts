/**
 * The evidence log on disk: <state dir>/evidence/log.jsonl (appended to, never rewritten),
 * head.json (how the log ended at the last write) and files/ (copies named by their SHA-256).
 * Only hashes and sizes are taken from the files; their contents are never shown.
 */
import { createHash, randomUUID } from "node:crypto";
import { lstatSync, rmSync } from "node:fs";
import { open, rename, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { HardenError, UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import { cannotRead, openRegularFile } from "../files/regular.js";
import { APPEND_FLAGS, cannotSave, LinkRefusedError, NEW_FILE_FLAGS, openError, readStateFile, refuseLink, useStateFolder, useSubfolder, writeStateFile } from "../state/folder.js";
import { withStateLock } from "../state/lock.js";
import { checkChain, entryLine, entryRef, localTime, parseTail, readLogLines, sealEntry, tailOf, type ChainTail, type EvidenceEntry, type EvidenceFile, type EvidenceFinding, type LogLine } from "./chain.js";
import { checkSeal, type Seal, type SealCheck } from "./seal.js";
import { FILES, HEAD, INCOMING } from "./layout.js";

const LOG = "log.jsonl";

export const evidenceDir = (stateDir: string) => path.join(stateDir, "evidence");

/** Never through a link: a link planted at log.jsonl or head.json is refused. */
async function readOrEmpty(file: string): Promise<Buffer> {
  return readStateFile(file) ?? Buffer.alloc(0);
}

async function writeAll(handle: FileHandle, data: Uint8Array): Promise<void> {
  for (let done = 0; done < data.length; ) done += (await handle.write(data, done, data.length - done)).bytesWritten;
}

/**
 * Hashes a file as it is read; with `copyTo`, writes the same bytes there, so the copy is
 * exactly what was hashed. Only a regular file is read: a device such as /dev/zero would never
 * end and a FIFO would hang. Only the bytes it held when opened are read, so a file another
 * program keeps writing cannot keep harden reading (and copying) until the disk is full;
 * `changed` says that its size or time moved while it was read.
 */
async function hashFile(file: string, copyTo?: string): Promise<{ sha256: string; size: number; changed: boolean }> {
  const input = await openRegularFile(file, "evidence file");
  try {
    const before = await input.stat();
    const out = copyTo ? await open(copyTo, NEW_FILE_FLAGS, 0o600).catch((error: unknown) => Promise.reject(openError(copyTo, error))) : undefined;
    try {
      const hash = createHash("sha256");
      const buffer = Buffer.allocUnsafe(256 * 1024);
      let size = 0;
      while (size < before.size) {
        const want = Math.min(buffer.length, before.size - size);
        const { bytesRead } = await input.read(buffer, 0, want, null).catch((error: unknown) => Promise.reject(cannotRead("evidence file", file, error)));
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        size += bytesRead;
        if (out) await writeAll(out, chunk).catch((error: unknown) => Promise.reject(cannotSave(path.dirname(copyTo!), error)));
      }
      // One read past the end: more bytes there mean the file grew (or, like /proc files, its
      // size says nothing), and a read error there is a read error like any other.
      const { bytesRead: more } = await input.read(buffer, 0, 1, null).catch((error: unknown) => Promise.reject(cannotRead("evidence file", file, error)));
      await out?.datasync().catch((error: unknown) => Promise.reject(cannotSave(path.dirname(copyTo!), error)));
      const after = await input.stat();
      const changed = more > 0 || size !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs;
      return { sha256: hash.digest("hex"), size, changed };
    } finally {
      await out?.close();
    }
  } finally {
    await input.close();
  }
}

/** A file another program was still writing: its hash would not match it a moment later. */
function changedWhileRead(file: string): UsageError {
  return new UsageError(t("report:evidence.error.changedWhileRead", { file }));
}

/**
 * Removes `files` if harden is stopped (Ctrl-C, SIGTERM, SIGHUP) before `done` is called, so a
 * copy cut short is not left behind; a signal then ends harden with 128 + its number.
 */
function removedIfStopped(files: readonly string[]): { done(): void } {
  const remove = () => {
    for (const file of files) rmSync(file, { force: true });
  };
  const signals = { SIGTERM: 143, SIGHUP: 129 } as const;
  const handlers = Object.entries(signals).map(([signal, code]) => {
    const handler = () => {
      remove();
      process.exit(code);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  // Ctrl-C: cli.ts's handler calls process.exit, which runs "exit" listeners.
  process.once("exit", remove);
  return {
    done() {
      process.removeListener("exit", remove);
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    },
  };
}

/** Only a short plain extension survives (".png", ".pdf"): a longer one could describe what happened. */
function copyExtension(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return /^\.[a-z0-9]{1,5}$/.test(ext) ? ext : "";
}

/**
 * Renames the copies read aside into files/ under their hash; returns the ones it put there.
 * A copy already kept under a name stays as it is: replacing it would hide a change from verify.
 */
async function placeCopies(filesDir: string, copies: Array<{ incoming: string; name: string }>): Promise<string[]> {
  const placed: string[] = [];
  for (const { incoming, name } of copies) {
    const copy = path.join(filesDir, name);
    try {
      const existing = lstatSync(copy, { throwIfNoEntry: false });
      if (existing?.isSymbolicLink()) throw new LinkRefusedError(copy);
      if (existing) continue;
      await rename(incoming, copy);
      placed.push(copy);
    } catch (error) {
      for (const done of placed) rmSync(done, { force: true });
      throw cannotSave(filesDir, error);
    }
  }
  return placed;
}

/** Appends the entry after the log's last one and moves head.json on; on any failure the log is cut back to what it was. */
async function appendEntry(dir: string, input: { now: Date; note: string | null }, files: EvidenceFile[]): Promise<EvidenceEntry> {
  const logFile = path.join(dir, LOG);
  // Refused before anything is written, so a link there never leaves a half-recorded entry.
  refuseLink(path.join(dir, HEAD));
  const data = await readOrEmpty(logFile);
  const entry = sealEntry({ at: input.now.toISOString(), localTime: localTime(input.now), note: input.note, files }, tailOf(readLogLines(data)));
  // A last line cut short (no "\n") stays a line of its own instead of swallowing this entry.
  const text = (data.length > 0 && data.at(-1) !== 0x0a ? "\n" : "") + entryLine(entry);
  const log = await open(logFile, APPEND_FLAGS, 0o600).catch((error: unknown) => Promise.reject(openError(logFile, error)));
  try {
    await log.chmod(0o600);
    try {
      await writeAll(log, Buffer.from(text));
      await log.datasync();
      writeHead(dir, { count: entry.seq, hash: entry.hash });
    } catch (error) {
      await log.truncate(data.length).catch(() => {});
      throw cannotSave(dir, error);
    }
  } finally {
    await log.close();
  }
  return entry;
}

/** `error` with "Nothing was recorded." after it, when nothing was. */
function nothingRecorded(error: unknown, dir: string): unknown {
  const saved = cannotSave(dir, error);
  return saved instanceof HardenError ? new HardenError(t("report:evidence.error.nothingRecorded", { message: saved.message }), saved.exitCode) : saved;
}

/**
 * Appends one entry for `files` (absolute paths) and `note` to the log in `dir`, the evidence
 * folder inside a state folder. Every file is read (and copied aside) before the log is
 * touched, so a file that cannot be read records nothing; the append itself runs under the
 * state folder's lock, so two harden processes at once keep one unbroken chain.
 */
export async function recordEvidence(dir: string, input: { now: Date; note: string | null; files: string[]; copy: boolean }): Promise<EvidenceEntry> {
  const stateFolder = path.dirname(dir);
  const filesDir = path.join(dir, FILES);
  const incoming: string[] = [];
  const copies: Array<{ incoming: string; name: string }> = [];
  const cleanup = removedIfStopped(incoming);
  try {
    useStateFolder(stateFolder, { create: true });
    useSubfolder(dir, { create: true });
    if (input.copy) useSubfolder(filesDir, { create: true });
    const files: EvidenceFile[] = [];
    for (const file of input.files) {
      const copyTo = input.copy ? path.join(filesDir, `${INCOMING}${randomUUID()}`) : undefined;
      if (copyTo) incoming.push(copyTo);
      const { sha256, size, changed } = await hashFile(file, copyTo);
      if (changed) throw changedWhileRead(file);
      const copy = copyTo ? `${sha256}${copyExtension(file)}` : null;
      if (copyTo) copies.push({ incoming: copyTo, name: copy! });
      files.push({ path: file, sha256, size, copy });
    }
    return await withStateLock(stateFolder, async () => {
      // Under the lock, so no other entry can come to refer to a copy this one may take back.
      const placed = await placeCopies(filesDir, copies);
      try {
        return await appendEntry(dir, input, files);
      } catch (error) {
        for (const copy of placed) rmSync(copy, { force: true });
        throw error;
      }
    });
  } catch (error) {
    throw nothingRecorded(error, dir);
  } finally {
    for (const temp of incoming) rmSync(temp, { force: true });
    cleanup.done();
  }
}

function writeHead(dir: string, tail: ChainTail): void {
  writeStateFile(path.join(dir, HEAD), `${JSON.stringify(tail)}\n`);
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
        // harden's own copy is in its folder, where nothing is read through a link.
        if (file.copy && lstatSync(where, { throwIfNoEntry: false })?.isSymbolicLink()) throw Object.assign(new Error("a link"), { code: "ELOOP" });
        const now = await hashFile(where);
        if (now.changed || now.sha256 !== file.sha256 || now.size !== file.size) findings.push({ kind: "file-changed", line, path: file.path, copy: file.copy, entry: entryRef(entry!) });
      } catch (error) {
        findings.push({ kind: "file-missing", line, path: file.path, copy: file.copy, code: (error as NodeJS.ErrnoException).code ?? "error", entry: entryRef(entry!) });
      }
    }
  }
  findings.sort((a, b) => a.line - b.line);
  return { ...log, files, findings, headFile: head !== undefined, ...(sealCheck ? { seal: sealCheck } : {}) };
}
