/** harden evidence: an append-only, hash-chained log of files and notes a person may need to show later. */
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../errors.js";
import { checkChain, localTime } from "../evidence/chain.js";
import { evidenceDir, readEvidence, recordEvidence, verifyEvidence, type EvidenceLog } from "../evidence/log.js";
import { makeSeal, parseSeal, type Seal } from "../evidence/seal.js";
import { EVIDENCE_FORMATS, type EvidenceFormat, type EvidenceListing, type EvidenceResult } from "../evidence/results.js";
import { useStateFolder, useSubfolder } from "../state/folder.js";
import { stateDir } from "../state/store.js";
import { parseFormat } from "./formats.js";
import type { Context } from "./context.js";
import { t } from "../i18n/index.js";

/** An absolute path to a readable file, or a usage error naming what was given. */
async function evidenceFile(file: string): Promise<string> {
  if (file === "-") throw new UsageError(t("errors:evidence.noStdin"));
  const absolute = path.resolve(file);
  try {
    if ((await stat(absolute)).isDirectory()) throw new UsageError(t("errors:evidence.folder", { file }));
    await access(absolute, constants.R_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === "ENOENT" ? t("errors:evidence.notFound", { file }) : t("errors:evidence.cannotRead", { file, code: code ?? "error" }));
  }
  return absolute;
}

export async function evidenceAddCommand(ctx: Context, files: string[], options: { note?: string; copy?: boolean }): Promise<EvidenceResult> {
  if (!ctx.save) throw new UsageError(t("errors:evidence.noSave"));
  // The note is kept exactly as typed; only a blank one counts as none.
  const note = options.note !== undefined && options.note.trim() !== "" ? options.note : null;
  if (note === null && files.length === 0) throw new UsageError(t("errors:evidence.nothingToAdd"));
  const absolute: string[] = [];
  for (const file of files) absolute.push(await evidenceFile(file));
  const entry = await recordEvidence(evidenceDir(stateDir(ctx.env)), { now: ctx.now(), note, files: absolute, copy: options.copy === true });
  return { kind: "evidence-add", entry };
}

/** The evidence folder to read, once the state folder is checked: a log planted by someone else is not shown as the person's. */
function evidenceToRead(ctx: Context): string {
  const dir = evidenceDir(stateDir(ctx.env));
  if (useStateFolder(path.dirname(dir), { create: false })) useSubfolder(dir, { create: false });
  return dir;
}

function listing(log: EvidenceLog): EvidenceListing {
  return {
    entries: log.lines.flatMap((l) => (l.entry ? [l.entry] : [])),
    unreadableLines: log.lines.filter((l) => !l.entry).map((l) => l.line),
    head: log.head,
  };
}

export async function evidenceListCommand(ctx: Context): Promise<EvidenceResult> {
  return { kind: "evidence-list", ...listing(await readEvidence(evidenceToRead(ctx))) };
}

const SEAL_SHAPE = "H1-7-2026-12-02T10:15Z-BA33-Q7P4-KD65-ZPEX-P";

/** The code as the person typed it back; any mistake in it is a usage error, never a finding. */
function typedSeal(code: string): Seal {
  const parsed = parseSeal(code);
  if (parsed.ok) return parsed.seal;
  if (parsed.problem === "newer") throw new UsageError(t("errors:evidence.newerSeal"));
  throw new UsageError(parsed.problem === "shape" ? t("errors:evidence.sealShape", { shape: SEAL_SHAPE }) : t("errors:evidence.sealTypo"));
}

export async function evidenceVerifyCommand(ctx: Context, options: { seal?: string } = {}): Promise<EvidenceResult> {
  const seal = options.seal === undefined ? undefined : typedSeal(options.seal);
  const { lines, files, findings, head, headFile, seal: sealCheck } = await verifyEvidence(evidenceToRead(ctx), seal);
  return { kind: "evidence-verify", entries: lines.length, files, findings, head, headFile, ...(sealCheck ? { seal: sealCheck } : {}) };
}

/** A short code for the log as it is now, to write down or send; nothing is written. */
export async function evidenceSealCommand(ctx: Context): Promise<EvidenceResult> {
  const log = await readEvidence(evidenceToRead(ctx));
  if (log.head === null) throw new UsageError(t("errors:evidence.emptyLog"));
  const now = ctx.now();
  const seal = makeSeal(log.lines.length, log.head, now);
  const problems = checkChain(log.lines, undefined).length;
  return { kind: "evidence-seal", code: seal.code, entries: seal.entries, at: seal.at, localTime: localTime(now), head: log.head, problems };
}

export const parseEvidenceFormat = (value: string | undefined): EvidenceFormat => parseFormat(value, EVIDENCE_FORMATS, "html");

/** A report to print or send: every entry, checked again as it is written. */
export async function evidenceExportCommand(ctx: Context, options: { format?: string }): Promise<EvidenceResult> {
  const format = parseEvidenceFormat(options.format);
  const log = await verifyEvidence(evidenceToRead(ctx));
  const now = ctx.now();
  return { kind: "evidence-export", format, generatedAt: now.toISOString(), generatedLocal: localTime(now), findings: log.findings, ...listing(log) };
}
