/** The evidence log. In text, Markdown, HTML or JSON (see ../reporter.ts). */
import { ExitCode } from "../../errors.js";
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
} from "../evidenceView.js";
import { json, ok, type RenderOptions, type Rendered, type ResultOf } from "../rendered.js";

export function renderEvidence(result: ResultOf<"evidence-add" | "evidence-list" | "evidence-verify" | "evidence-seal" | "evidence-export">, options: RenderOptions): Rendered {
  const { style } = options;
  switch (result.kind) {
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
  }
}
