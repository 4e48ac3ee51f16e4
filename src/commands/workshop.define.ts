/** `harden workshop`: its argument, flags and help; the work is in workshop.ts, loaded when it runs. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import { formatOption, outputOption, paperOption } from "./formatOptions.js";
import { promptsIfTerminal, type CommandKit } from "./kit.js";

export interface WorkshopFlags {
  handout?: boolean;
  keepScreen?: boolean;
  format: string;
  paper?: string;
  output?: string;
}

export function defineWorkshop(kit: CommandKit): Command {
  return new Command("workshop")
    .description(t("cli:workshop.description"))
    .argument("<plan>", t("cli:workshop.plan"))
    .option("--handout", t("cli:workshop.handout"))
    .option("--keep-screen", t("cli:workshop.keepScreen"))
    .addOption(formatOption(["text", "md", "html", "json"], "html", "handout"))
    .addOption(paperOption())
    .addOption(outputOption(t("cli:workshop.output")))
    .action(
      kit.action(async (ctx, globals, file: string, flags: WorkshopFlags) => {
        const { workshopCommand } = await import("./workshop.js");
        const { style, color } = await kit.stderrStyle(globals);
        const ui = await promptsIfTerminal(ctx);
        if (ui && !flags.handout && !flags.keepScreen) await kit.usePrivateScreen();
        return workshopCommand(ctx, file, flags, { ui, style, color, width: process.stderr.columns, version: kit.version });
      }),
    );
}
