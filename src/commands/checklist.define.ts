/** `harden checklist show|validate`: their arguments, flags and help; the work is in checklist.ts. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import { formatOption, outputOption, paperOption } from "./formatOptions.js";
import type { CommandKit } from "./kit.js";

export interface ChecklistShowFlags {
  all?: boolean;
  format: string;
  paper?: string;
  output?: string;
}

export interface ChecklistValidateFlags {
  english?: boolean;
}

export function defineChecklist(kit: CommandKit): Command {
  const checklist = new Command("checklist").description(t("cli:checklist.description"));
  checklist
    .command("show")
    .description(t("cli:checklist.show.description"))
    .argument("[platform...]", t("cli:checklist.show.platform"))
    .option("--all", t("cli:checklist.show.all"))
    .addOption(formatOption(["text", "md", "html", "json"], "text"))
    .addOption(paperOption())
    .addOption(outputOption())
    .action(
      kit.action(async (ctx, _globals, platforms: string[], flags: ChecklistShowFlags) => (await import("./checklist.js")).checklistShowCommand(ctx, platforms, flags), {
        state: false,
      }),
    );
  checklist
    .command("validate")
    .description(t("cli:checklist.validate.description"))
    .argument("<path...>", t("cli:checklist.validate.path"))
    .option("--english", t("cli:checklist.validate.english"))
    .action(
      kit.action(async (_ctx, _globals, paths: string[], flags: ChecklistValidateFlags) => (await import("./checklist.js")).checklistValidateCommand(paths, flags), {
        state: false,
      }),
    );
  return checklist;
}
