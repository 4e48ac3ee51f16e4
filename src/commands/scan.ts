/**
 * harden scan FILE: every entry of a password-manager export, checked for breaches, strength
 * and reuse. The passwords stay in memory only for the check and never appear in the result.
 */
import type { CheckProgress } from "../breach/result.js";
import { lengthVerdict, summarizeVerdicts } from "../core/passwordVerdict.js";
import { InvalidInputError, UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import type { ParsedExport } from "../exports/types.js";
import type { CommandResult } from "../output/results.js";
import type { ScanEntryBase } from "../sites/actions.js";
import { MAX_EXPORT_BYTES } from "../input/limits.js";
import { readTextInput } from "../input/readText.js";
import type { Context } from "./context.js";
import { parsePaper } from "./formats.js";
import { contextWords, prepareChecks, withScoringThread, type BreachFlags } from "./passwordOptions.js";

export interface ScanOptions extends BreachFlags {
  format?: string;
  showUsernames?: boolean;
  strength: boolean;
  minScore?: string;
  ntlm?: boolean;
  contextWord?: string[];
  /** A newer 2fa.directory all-entries.json. */
  sitesFrom?: string;
  paper?: string;
}

/** --format takes the printable action list's format, or the export's format (their names differ). */
const REPORT_FORMATS = ["md", "html", "text"] as const;

export async function scanCommand(
  ctx: Context,
  file: string,
  options: ScanOptions,
  deps: { version: string; onProgress?: (p: CheckProgress) => void },
): Promise<CommandResult> {
  const exportsModule = await import("../exports/index.js");
  const asked = options.format?.toLowerCase() === "markdown" ? "md" : options.format?.toLowerCase();
  const report = (REPORT_FORMATS as readonly string[]).includes(asked ?? "") ? (asked as (typeof REPORT_FORMATS)[number]) : undefined;
  const format = report ? undefined : asked;
  if (format !== undefined && !exportsModule.isExportFormat(format)) {
    throw new InvalidInputError(t("errors:scan.format", { value: options.format }), [...REPORT_FORMATS.slice(0, 2).map((f) => t(`sites:options.formatChoice.${f}`)), ...exportsModule.formatChoices()]);
  }
  const paper = options.paper === undefined ? undefined : parsePaper(options.paper);
  if (file === "-" && process.stdin.isTTY === true) {
    throw new UsageError(t("errors:scan.typedExport"));
  }
  if (file === "-" && options.sitesFrom === "-") throw new UsageError(t("sites:options.bothStdin"));
  const { minScore, mode, source, breachModules } = prepareChecks(ctx, options, deps.version);
  // The site data (and a --sites-from file) loads beside the dictionaries; it is awaited before any breach lookup.
  const sitesLoading = import("../sites/load.js").then((m) => m.loadSites(options.sitesFrom));
  sitesLoading.catch(() => undefined);
  // The dictionaries load on the scoring thread while the export is read and parsed.
  return withScoringThread(options.strength, async (scorer) => {
    const parsed = exportsModule.parseExport(await readTextInput(file, "export", MAX_EXPORT_BYTES), format, file);
    const withPassword = parsed.entries.filter((e) => e.password !== "");
    if (withPassword.length === 0) throw nothingToCheck(file, parsed);
    const sites = await sitesLoading;
    const [{ checkPasswords, reuseGroups }, { openBreachChecker }] = await Promise.all([
      import("../passwords/checkPasswords.js"),
      breachModules,
    ]);
    const opened = source && withPassword.length > 0 ? await openBreachChecker(source) : undefined;
    try {
      const passwords = withPassword.map((e) => e.password);
      const verdicts = await checkPasswords(passwords, {
        breach: opened && { checker: opened.checker, mode },
        scorer,
        contextWords: contextWords(ctx, options.contextWord),
        onProgress: deps.onProgress,
      });
      const groups = reuseGroups(passwords);
      const groupSizes = new Map<number, number>();
      for (const g of groups) if (g !== null) groupSizes.set(g, (groupSizes.get(g) ?? 0) + 1);
      const byEntry = new Map(withPassword.map((e, i) => [e, i]));
      const checked: ScanEntryBase[] = parsed.entries.map((e) => {
        const i = byEntry.get(e);
        const base = { line: e.line, name: e.name, url: e.url, username: e.username };
        if (i === undefined) return { ...base, hasPassword: false, reusedBy: 0, reuseGroup: null };
        const group = groups[i] ?? null;
        const tooShort = lengthVerdict(e.password, e.hasTotp === true);
        return { ...base, hasPassword: true, reusedBy: group === null ? 0 : groupSizes.get(group)! - 1, reuseGroup: group, ...verdicts[i], ...(tooShort && { tooShort }) };
      });
      const verdictsWithLength = checked.filter((e) => e.hasPassword);
      return {
        kind: "scan",
        file,
        format: exportsModule.formatLabel(parsed.format),
        minScore,
        where: opened?.where,
        offline: opened?.offline,
        ...(opened?.decoys ? { decoys: opened.decoys } : {}),
        showUsernames: options.showUsernames === true,
        entries: (await import("../sites/actions.js")).withNextSteps(checked, parsed.entries, sites.index, minScore),
        skipped: parsed.skipped,
        sites: sites.data.sources,
        ...(report && report !== "text" && { report }),
        ...(paper && { paper }),
        scannedAt: ctx.now().toISOString(),
        summary: {
          ...summarizeVerdicts(verdictsWithLength, minScore),
          entries: parsed.entries.length,
          withoutPassword: parsed.withoutPassword,
          reused: groups.filter((g) => g !== null).length,
        },
      };
    } finally {
      await opened?.checker.close();
    }
  });
}

/**
 * Not one password could be read: a clean exit would read as "all fine". Names why (the first
 * 20 skipped rows), so the person can tell a wrong file from a broken one.
 */
function nothingToCheck(file: string, parsed: ParsedExport): InvalidInputError {
  const { entries, skipped } = parsed;
  // One message for each case, so that each language can say it whole.
  const message =
    entries.length === 0
      ? skipped.length === 0
        ? t("errors:scan.nothing.noEntries", { file })
        : t("errors:scan.nothing.noEntriesSkipped", { file, count: skipped.length })
      : skipped.length === 0
        ? t("errors:scan.nothing.noPasswords", { file, count: entries.length })
        : t("errors:scan.nothing.noPasswordsSkipped", { file, count: entries.length, rows: t("errors:scan.nothing.rows", { count: skipped.length }) });
  return new InvalidInputError(
    message,
    skipped.map((s) => t("errors:lineProblem", { line: s.line, message: s.reason })),
  );
}
