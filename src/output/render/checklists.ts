/** Checklists: the list, one shown in a format, a validation, what changed since an audit. In text, Markdown, HTML or JSON (see ../reporter.ts). */
import { SECTION_NAMES } from "../../core/checklist.js";
import { ExitCode } from "../../errors.js";
import { formatProblem } from "../../datafiles/problem.js";
import { t } from "../../i18n/index.js";
import { atMost } from "../atMost.js";
import { checklistJson, checklistMarkdown, checklistsHtml, checklistText } from "../checklistView.js";
import { ltr, ltrNumber, markdownDocument } from "../locale.js";
import { sanitizeLine } from "../sanitize.js";
import { changesHtml, changesMarkdown, changesText } from "../summaryView.js";
import { json, ok, type RenderOptions, type Rendered, type ResultOf } from "../rendered.js";

export function renderChecklists(result: ResultOf<"list" | "checklist" | "validate" | "changes">, options: RenderOptions): Rendered {
  const { style } = options;
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
  }
}
