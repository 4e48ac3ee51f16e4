/** The one place that turns a command's result into what goes to stdout, and its exit code. */
import { SECTION_NAMES } from "../core/checklist.js";
import { ExitCode } from "../errors.js";
import { verdictExitCode } from "../core/passwordVerdict.js";
import { driftWords } from "../totp/drift.js";
import {
  evidenceEntryText,
  evidenceHtml,
  evidenceListJson,
  evidenceListText,
  evidenceMarkdown,
  evidenceNotes,
  evidenceReportJson,
  evidenceSealJson,
  evidenceSealText,
  evidenceVerifyClean,
  evidenceVerifyJson,
  evidenceVerifyText,
} from "./evidenceView.js";
import { handoutHtml, handoutMarkdown, handoutText } from "./handoutView.js";
import { passwordJson, passwordText, scanJson, scanText } from "./passwordView.js";
import { actionListHtml, actionListMarkdown } from "./actionListView.js";
import { dataVerifyJson, dataVerifyNotes, dataVerifyText, offlineNotes } from "./dataView.js";
import { downloadJson, downloadText, serveStoppedText } from "./downloadView.js";
import { formatProblem } from "../datafiles/problem.js";
import { checklistJson, checklistMarkdown, checklistsHtml, checklistText } from "./checklistView.js";
import { atMost } from "./atMost.js";
import type { CommandResult } from "./results.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";
import { changesHtml, changesMarkdown, changesText, planCounts, planText, summaryCounts, summaryHtml, summaryMarkdown, summaryText } from "./summaryView.js";
import { BACKUP_ADVICE } from "./guidance.js";
import { wrap } from "./wrap.js";
import { renderPhone } from "./phoneView.js";
import { configText } from "./configView.js";
import { t } from "../i18n/index.js";
import { ltr, ltrNumber, markdownDocument } from "./locale.js";

export interface Rendered {
  stdout: string;
  /** Messages for the person, printed to stderr. */
  stderr: string[];
  exitCode: number;
}

/**
 * Characters JSON may carry raw but a reader should not get raw: C1 controls, marks and overrides
 * that reorder text on screen (bidi), and U+2028/U+2029, which end a line in some readers.
 */
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The one JSON writer. Values are kept exactly (evidence hashes can be recomputed from them):
 * the characters above are written as \u escapes, which parse back to the same string.
 */
export const json = (value: unknown, indent = 2) => `${JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;

/**
 * `discreet`: the command ran in the terminal's private (alternate) screen, and what is printed now
 * stays on the normal screen and in its scrollback: counts and where to look, never step titles.
 */
export function renderResult(result: CommandResult, options: { json: boolean; style: Style; discreet?: boolean }): Rendered {
  const { style } = options;
  const ok = (stdout: string, stderr: string[] = []): Rendered => ({ stdout, stderr, exitCode: ExitCode.ok });
  switch (result.kind) {
    case "list": {
      if (options.json) return ok(json(result.checklists));
      const width = Math.max(...result.checklists.map((c) => c.id.length));
      const lines = result.checklists.map(
        (c) =>
          `${ltr(sanitizeLine(c.id).padEnd(width))}  ${t("report:list.line", {
            name: sanitizeLine(c.name),
            items: t("report:list.items", { count: c.items, n: ltrNumber(c.items) }),
            sections: c.sections.map((s) => SECTION_NAMES[s].toLocaleLowerCase()).join(t("report:list.separator")),
          })}`,
      );
      return ok(`${lines.join("\n")}\n`);
    }
    case "checklist": {
      const format = options.json ? "json" : result.format;
      const lists = result.checklists;
      if (format === "json") return ok(json(lists.length === 1 ? checklistJson(lists[0]!) : lists.map(checklistJson)));
      if (format === "md") return ok(markdownDocument(lists.map(checklistMarkdown).join("\n---\n\n")));
      if (format === "html") return ok(checklistsHtml(lists, result.paper));
      return ok(lists.map((c) => checklistText(c, style)).join("\n"));
    }
    case "validate": {
      if (options.json) {
        return { stdout: json({ files: result.files, problems: result.problems }), stderr: [], exitCode: result.problems.length ? ExitCode.usage : ExitCode.ok };
      }
      if (result.problems.length === 0) return ok("", [t("report:validate.valid", { count: result.files.length, n: ltrNumber(result.files.length) })]);
      return { stdout: "", stderr: atMost(result.problems.map((p) => sanitizeLine(formatProblem(p)))), exitCode: ExitCode.usage };
    }
    case "changes": {
      const format = options.json ? "json" : result.format;
      if (format === "json") return ok(json({ staleness: result.staleness, diff: result.diff ?? null }));
      if (format === "md") return ok(changesMarkdown(result));
      if (format === "html") return ok(changesHtml(result));
      return ok(changesText(result, style));
    }
    case "plan": {
      if (options.json) return ok(json(result.plan));
      return ok(options.discreet ? planCounts(result.plan, style) : planText(result.plan, style), result.plan.kept ? [result.plan.kept] : []);
    }
    case "audit": {
      if (options.json) return ok(json({ ...result.summary, ...(result.plan && { plan: result.plan }), ...(result.kept && { kept: result.kept }) }));
      const notes = result.kept ? [result.kept] : [];
      if (!result.finished) notes.push(t("report:audit.saved", { command: ltr("`harden audit`") }));
      if (!result.saved) notes.push(t("report:audit.notSaved", { flag: ltr("--no-save") }));
      return ok(options.discreet ? summaryCounts(result.summary, style) : summaryText(result.summary, style), notes);
    }
    case "report": {
      const format = options.json ? "json" : result.format;
      const dated = result.lastAnswerAt ? t("report:report.lastAnswer", { date: result.lastAnswerAt.slice(0, 10) }) : t("report:report.noAnswers");
      if (format === "json") return ok(json({ ...result.summary, lastAnswerAt: result.lastAnswerAt ?? null, lastAuditAt: result.lastAuditAt ?? null }));
      if (format === "md") return ok(markdownDocument(summaryMarkdown(result.summary, t("report:report.title"), dated)));
      if (format === "html") return ok(summaryHtml(result.summary, t("report:report.title"), dated, result.paper));
      const textDated = result.lastAnswerAt ? t("report:report.lastAnswer", { date: ltr(result.lastAnswerAt.slice(0, 10)) }) : dated;
      return ok(summaryText(result.summary, style, t("report:report.progress", { dated: textDated.toLocaleLowerCase() })));
    }
    case "forget": {
      if (options.json) return ok(json({ removed: result.removed, cancelled: result.cancelled, keptEvidence: result.keptEvidence }));
      if (result.cancelled) return ok("", [t("report:forget.cancelled")]);
      const dir = ltr(sanitizeLine(result.dir));
      const kept = result.keptEvidence ? [t("report:forget.keptEvidence", { command: ltr("harden forget --yes --include-evidence") })] : [];
      if (result.removed.length === 0) return ok("", [...(result.keptEvidence ? [] : [t("report:forget.nothing", { dir })]), ...kept]);
      return ok("", [t("report:forget.deleted", { dir, count: result.removed.length, n: ltrNumber(result.removed.length) }), ...kept]);
    }
    case "config": {
      if (options.json) return ok(json(result.values));
      const text = configText(result.values, result.changed);
      return ok(text.stdout, text.stderr);
    }
    case "handout": {
      const format = options.json ? "json" : result.format;
      if (format === "json") return ok(json({ plan: result.plan, checklists: result.checklists.map(checklistJson) }));
      if (format === "md") return ok(handoutMarkdown(result));
      if (format === "html") return ok(handoutHtml(result));
      return ok(handoutText(result, style));
    }
    case "workshop": {
      if (options.json) return ok(json({ title: result.title, audit: result.audit ?? null, drills: result.drills }));
      // After the private screen, counts only: step titles would stay in the scrollback.
      const audit = result.audit && (options.discreet ? summaryCounts(result.audit, style) : summaryText(result.audit, style, t("report:workshop.checklists", { title: sanitizeLine(result.title) })));
      const lines = [audit ?? ""];
      for (const d of result.drills) lines.push(`${d.done ? style.green("✓") : "-"} ${t("report:workshop.drill", { drill: t(`report:workshop.drills.${d.drill}`), note: d.note })}`);
      return ok(`${lines.join("\n").trimStart()}\n`);
    }
    case "totp-code":
      if (options.json) return ok(json({ code: result.code, time: result.time, validFor: result.validFor, digits: result.digits, period: result.period, algorithm: result.algorithm }));
      return ok(`${result.code}\n`, [t("password:totp.validFor", { count: result.validFor, n: ltrNumber(result.validFor) })]);
    case "totp-verify":
    case "totp-practice": {
      const exitCode = result.match ? ExitCode.ok : ExitCode.findings;
      if (options.json) return { stdout: json({ match: result.match, driftSteps: result.driftSteps ?? null, driftSeconds: result.driftSeconds ?? null }), stderr: [], exitCode };
      const text = result.match
        ? `${style.green(`✓ ${t("password:totp.matches")}`)} ${driftWords(result)}\n`
        : `${style.red(`✗ ${t("password:totp.noMatch")}`)}\n`;
      // The drill's advice comes after its result, which it follows from.
      const advice = result.kind === "totp-practice" ? [`\n${style.bold(BACKUP_ADVICE.title)}\n${BACKUP_ADVICE.points.map((p) => wrap(p, 80, "  - ", "    ")).join("\n")}`] : [];
      return { stdout: text, stderr: advice, exitCode };
    }
    case "evidence-add":
      return ok(options.json ? json(result.entry) : evidenceEntryText(result.entry, style), evidenceNotes(result));
    case "evidence-list":
      return ok(options.json ? json(evidenceListJson(result)) : evidenceListText(result, style), evidenceNotes(result));
    case "evidence-verify":
      return {
        stdout: options.json ? json(evidenceVerifyJson(result)) : evidenceVerifyText(result, style),
        stderr: evidenceNotes(result),
        exitCode: evidenceVerifyClean(result) ? ExitCode.ok : ExitCode.findings,
      };
    case "evidence-seal":
      return ok(options.json ? json(evidenceSealJson(result)) : evidenceSealText(result, style), options.json ? [] : evidenceNotes(result));
    case "evidence-export": {
      const format = options.json ? "json" : result.format;
      const stdout = format === "json" ? json(evidenceReportJson(result)) : format === "md" ? evidenceMarkdown(result) : evidenceHtml(result);
      return ok(stdout, evidenceNotes(result));
    }
    case "password":
      return { stdout: options.json ? json(passwordJson(result)) : passwordText(result, style), stderr: options.json ? [] : offlineNotes(result.offline), exitCode: verdictExitCode(result.summary) };
    case "scan":
      return {
        stdout: options.json ? json(scanJson(result)) : result.report === "md" ? actionListMarkdown(result) : result.report === "html" ? actionListHtml(result) : scanText(result, style),
        stderr: options.json ? [] : offlineNotes(result.offline),
        exitCode: verdictExitCode(result.summary),
      };
    case "phone-check":
    case "phone-iphone":
    case "phone-indicators":
      return renderPhone(result, options);
    case "data-verify":
      return {
        stdout: options.json ? json(dataVerifyJson(result)) : dataVerifyText(result, style),
        stderr: dataVerifyNotes(result),
        exitCode: result.verification.problemCount > 0 || result.manifestSound === false ? ExitCode.findings : ExitCode.ok,
      };
    case "data-download":
      return {
        stdout: options.json ? json(downloadJson(result)) : downloadText(result, style),
        stderr: [],
        exitCode: result.summary.complete ? ExitCode.ok : ExitCode.couldNotCheck,
      };
    case "serve":
      return {
        stdout: options.json ? json({ ...result.counts, seconds: Number(result.seconds.toFixed(1)) }) : "",
        stderr: options.json ? [] : [serveStoppedText(result)],
        exitCode: result.interrupted ? ExitCode.interrupted : ExitCode.ok,
      };
  }
}
