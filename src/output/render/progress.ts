/** A person's own audit: the plan, an audit's summary, the progress report, a workshop's round. In text, Markdown, HTML or JSON (see ../reporter.ts). */
import { t } from "../../i18n/index.js";
import { ltr, markdownDocument } from "../locale.js";
import { sanitizeLine } from "../sanitize.js";
import { planCounts, planText, summaryCounts, summaryHtml, summaryMarkdown, summaryText } from "../summaryView.js";
import { json, ok, type RenderOptions, type Rendered, type ResultOf } from "../rendered.js";

export function renderProgress(result: ResultOf<"plan" | "audit" | "report" | "workshop">, options: RenderOptions): Rendered {
  const { style } = options;
  switch (result.kind) {
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
    case "workshop": {
      if (options.json) return ok(json({ title: result.title, audit: result.audit ?? null, drills: result.drills }));
      // After the private screen, counts only: step titles would stay in the scrollback.
      const audit = result.audit && (options.discreet ? summaryCounts(result.audit, style) : summaryText(result.audit, style, t("report:workshop.checklists", { title: sanitizeLine(result.title) })));
      const lines = [audit ?? ""];
      for (const d of result.drills) lines.push(`${d.done ? style.green("✓") : "-"} ${t("report:workshop.drill", { drill: t(`report:workshop.drills.${d.drill}`), note: d.note })}`);
      return ok(`${lines.join("\n").trimStart()}\n`);
    }
  }
}
