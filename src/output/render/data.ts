/** Breach data: a verification, a download, a room's server stopping. In text, Markdown, HTML or JSON (see ../reporter.ts). */
import { ExitCode } from "../../errors.js";
import { dataVerifyJson, dataVerifyNotes, dataVerifyText } from "../dataView.js";
import { downloadJson, downloadText, serveStoppedText } from "../downloadView.js";
import { json, type RenderOptions, type Rendered, type ResultOf } from "../rendered.js";

export function renderData(result: ResultOf<"data-verify" | "data-download" | "serve">, options: RenderOptions): Rendered {
  const { style } = options;
  switch (result.kind) {
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
