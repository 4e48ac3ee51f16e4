/** `harden report`: its flags and help; the work is in report.ts (and audit.ts for --changes). */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import type { DocFormat } from "../output/results.js";
import { formatOption, outputOption, paperOption } from "./formatOptions.js";
import type { CommandKit } from "./kit.js";

export interface ReportFlags {
  format: DocFormat;
  paper?: string;
  output?: string;
  changes?: boolean;
}

export function defineReport(kit: CommandKit): Command {
  return new Command("report")
    .description(t("cli:report.description"))
    .addOption(formatOption(["text", "md", "html", "json"], "text"))
    .addOption(paperOption())
    .addOption(outputOption())
    .option("--changes", t("cli:report.changes"))
    .action(
      kit.action(async (ctx, _globals, flags: ReportFlags) =>
        flags.changes
          ? (await import("./audit.js")).changesCommand(ctx, flags.format, flags.paper)
          : (await import("./report.js")).reportCommand(ctx, flags),
      ),
    );
}
