/** `harden scan`: its argument, flags and help; the work is in scan.ts, loaded when it runs. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import { breachCheckFlags, withBreachFlags, type BreachCheckFlags } from "./breachFlags.define.js";
import type { CommandKit } from "./kit.js";

export interface ScanFlags extends BreachCheckFlags {
  format?: string;
  showUsernames?: boolean;
  output?: string;
  paper?: string;
  sitesFrom?: string;
}

export function defineScan(kit: CommandKit): Command {
  return withBreachFlags(
    new Command("scan")
      .description(t("cli:scan.description"))
      .argument("<file>", t("cli:scan.file"))
      .option("--format <name>", t("sites:options.format"))
      .option("--show-usernames", t("cli:scan.showUsernames"))
      .option("--output <file>", t("sites:options.output"))
      .option("--paper <size>", t("sites:options.paper"))
      .option("--sites-from <file>", t("sites:options.sitesFrom"))
      .addHelpText("after", () => `\n${t("sites:help.credits")}\n`),
  ).action(
    kit.action(async (ctx, globals, file: string, flags: ScanFlags) => {
      const { scanCommand } = await import("./scan.js");
      // Nothing of a check is kept: Ctrl-C must not say "everything you answered is saved".
      kit.onStopSay("errors:stoppedCheck");
      const progress = await kit.progressFor(globals, t("cli:progress.scanning"));
      try {
        return await scanCommand(ctx, file, { format: flags.format, showUsernames: flags.showUsernames === true, sitesFrom: flags.sitesFrom, paper: flags.paper, ...breachCheckFlags(flags) }, { version: kit.version, onProgress: progress?.update });
      } finally {
        progress?.done();
      }
    }),
  );
}
