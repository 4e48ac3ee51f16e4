/**
 * harden phone: a read-only stalkerware check of an Android phone over adb (or of a folder of
 * saved outputs), and the indicators it checks against. Its definition (flags, help) is in
 * phone.define.ts. Heavy parts load when a command runs.
 */
import { t } from "../i18n/index.js";
import type { CommandResult } from "../output/results.js";
import type { PhoneFormat, PhoneResult } from "../phone/results.js";
import type { Exec } from "../phone/source.js";
import type { Context } from "./context.js";

export interface PhoneCheckOptions {
  from?: string;
  collect?: string;
  iphone?: boolean;
  evidence?: boolean;
  format?: string;
}

export async function phoneCheckCommand(ctx: Context, options: PhoneCheckOptions, deps: { onProgress?: (p: { done: number; total: number }) => void; exec?: Exec } = {}): Promise<PhoneResult> {
  const { UsageError } = await import("../errors.js");
  const { parseFormat } = await import("./formats.js");
  const { PHONE_FORMATS } = await import("../phone/results.js");
  const format = parseFormat(ctx.json ? "json" : options.format, PHONE_FORMATS, "text");
  if (options.iphone) return iphoneResult(ctx, format, false);
  if (options.from !== undefined && options.collect !== undefined) throw new UsageError(t("phone:errors.fromAndCollect"));
  if (options.evidence && !ctx.save) throw new UsageError(t("phone:errors.evidenceNoSave"));
  const { adbSource, folderSource, PhoneNotReadyError } = await import("../phone/source.js");
  let source;
  if (options.from !== undefined) {
    const { statSync } = await import("node:fs");
    if (!statSync(options.from, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(t("phone:errors.noFolder", { dir: options.from }));
    source = folderSource(options.from);
  } else {
    try {
      source = await adbSource({ adb: ctx.env.HARDEN_ADB || "adb", exec: deps.exec });
    } catch (error) {
      // adb never sees an iPhone: one on the USB cable and no Android phone means an iPhone check.
      const { appleDeviceConnected } = await import("../phone/iphone.js");
      if (error instanceof PhoneNotReadyError && error.reason === "no-phone" && appleDeviceConnected()) return iphoneResult(ctx, format, true);
      throw error;
    }
  }
  const { gather } = await import("../phone/gather.js");
  const { data, raw } = await gather(source, deps.onProgress);
  if (options.collect !== undefined) await saveCollected(options.collect, raw);
  const { stateDir } = await import("../state/dir.js");
  const { loadIndicators, indicatorsInfo } = await import("../phone/indicators.js");
  const indicators = await loadIndicators(stateDir(ctx.env));
  const { checkPhone } = await import("../phone/check.js");
  const outcome = checkPhone(data, indicators.apps);
  const { localTime } = await import("../evidence/chain.js");
  const now = ctx.now();
  const report = {
    checkedAt: now.toISOString(),
    localTime: localTime(now),
    source: { kind: source.kind, folder: source.folder ?? null },
    device: data.device,
    outcome,
    indicators: indicatorsInfo(indicators),
    collected: options.collect ?? null,
    evidence: null as { seq: number } | null,
  };
  if (options.evidence) {
    const { evidenceDir, recordEvidence } = await import("../evidence/log.js");
    const { evidenceNote } = await import("../output/phoneView.js");
    const entry = await recordEvidence(evidenceDir(stateDir(ctx.env)), { now, note: evidenceNote(report), files: [], copy: false });
    report.evidence = { seq: entry.seq };
  }
  // A known stalkerware app puts the phone and the accounts it can read first in harden plan.
  if (ctx.save && outcome.findings.some((f) => f.kind === "stalkerware")) (await import("./intake.js")).saveFact(ctx, "phone-stalkerware");
  return { kind: "phone-check", format, report };
}

async function iphoneResult(ctx: Context, format: PhoneFormat, seen: boolean): Promise<PhoneResult> {
  const { IPHONE_ITEMS } = await import("../phone/iphone.js");
  const items = (await ctx.checklists()).flatMap((c) => c.items).filter((i) => IPHONE_ITEMS.includes(i.id));
  return { kind: "phone-iphone", format, seen, items: IPHONE_ITEMS.flatMap((id) => items.filter((i) => i.id === id).map((i) => ({ id: i.id, title: i.title }))) };
}

/** Writes what was read to a new (or empty) private folder, each output in its own file (0600). */
async function saveCollected(dir: string, raw: Map<string, string>): Promise<void> {
  const { mkdirSync, readdirSync } = await import("node:fs");
  const path = await import("node:path");
  const { UsageError } = await import("../errors.js");
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new UsageError(t("phone:errors.collectFolder", { dir, code: (error as NodeJS.ErrnoException).code ?? "error" }));
  }
  if (readdirSync(dir).length > 0) throw new UsageError(t("phone:errors.collectNotEmpty", { dir }));
  const { writePrivateFile } = await import("../output/writeFile.js");
  for (const [name, text] of raw) await writePrivateFile(path.join(dir, name), text);
}

export async function phoneIndicatorsCommand(ctx: Context): Promise<PhoneResult> {
  const { stateDir } = await import("../state/dir.js");
  const { loadIndicators, indicatorsInfo } = await import("../phone/indicators.js");
  return { kind: "phone-indicators", info: indicatorsInfo(await loadIndicators(stateDir(ctx.env))), updated: false };
}

export async function phoneIndicatorsUpdateCommand(ctx: Context, from: string): Promise<PhoneResult> {
  const { UsageError, InvalidInputError } = await import("../errors.js");
  if (!ctx.save) throw new UsageError(t("phone:errors.updateNoSave"));
  const { fetchIndicators } = await import("../phone/update.js");
  const text = await fetchIndicators(from);
  const { readIndicatorsText } = await import("../phone/indicatorsFile.js");
  const { formatProblem } = await import("../datafiles/problem.js");
  const read = await readIndicatorsText(from, text);
  if (!read.ok) throw new InvalidInputError(t("phone:errors.updateInvalid", { from }), read.problems.map(formatProblem));
  if (!read.apps.some((a) => a.type === "stalkerware")) throw new InvalidInputError(t("phone:errors.updateNoStalkerware", { from }));
  const { stateDir } = await import("../state/dir.js");
  const { loadIndicators, indicatorsInfo, UPDATED_FILE } = await import("../phone/indicators.js");
  const dir = stateDir(ctx.env);
  const current = await loadIndicators(dir);
  // An ioc.yaml holds only stalkerware: the watchware of the set in use is kept beside it.
  const watchware = read.apps.some((a) => a.type === "watchware") ? [] : current.apps.filter((a) => a.type === "watchware");
  const set = { version: 1 as const, source: { from, commit: null, date: ctx.now().toISOString().slice(0, 10), kind: "updated" as const }, apps: [...read.apps, ...watchware] };
  const { useStateFolder, writeStateFile } = await import("../state/folder.js");
  const { withStateLockSync } = await import("../state/lock.js");
  const path = await import("node:path");
  useStateFolder(dir, { create: true });
  withStateLockSync(dir, () => writeStateFile(path.join(dir, UPDATED_FILE), `${JSON.stringify(set)}\n`));
  return { kind: "phone-indicators", info: indicatorsInfo(set), updated: true };
}
