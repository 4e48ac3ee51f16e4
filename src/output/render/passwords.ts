/** Password checks: one or a few, and a scan of an export. In text, Markdown, HTML or JSON (see ../reporter.ts). */
import { verdictExitCode } from "../../core/passwordVerdict.js";
import { actionListHtml, actionListMarkdown } from "../actionListView.js";
import { offlineNotes } from "../dataView.js";
import { passwordJson, passwordText, scanJson, scanText } from "../passwordView.js";
import { json, type RenderOptions, type Rendered, type ResultOf } from "../rendered.js";

export function renderPasswords(result: ResultOf<"password" | "scan">, options: RenderOptions): Rendered {
  const { style } = options;
  switch (result.kind) {
    case "password":
      return { stdout: options.json ? json(passwordJson(result)) : passwordText(result, style), stderr: options.json ? [] : offlineNotes(result.offline), exitCode: verdictExitCode(result.summary) };
    case "scan":
      return {
        stdout: options.json ? json(scanJson(result)) : result.report === "md" ? actionListMarkdown(result) : result.report === "html" ? actionListHtml(result) : scanText(result, style),
        stderr: options.json ? [] : offlineNotes(result.offline),
        exitCode: verdictExitCode(result.summary),
      };
  }
}
