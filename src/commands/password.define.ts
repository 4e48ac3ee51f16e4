/** `harden password`: its flags and help; the work is in password.ts, loaded when it runs. */
import { Command, Option } from "commander";
import { t } from "../i18n/index.js";
import { breachCheckFlags, withBreachFlags, type BreachCheckFlags } from "./breachFlags.define.js";
import { promptsIfTerminal, type CommandKit } from "./kit.js";

export interface PasswordFlags extends BreachCheckFlags {
  stdin?: boolean;
  passwordFile?: string;
  /** Hidden: only there to refuse a password given on the command line. */
  password?: string;
}

export function definePassword(kit: CommandKit): Command {
  return withBreachFlags(
    new Command("password")
      .description(t("cli:password.description"))
      .option("--stdin", t("cli:password.stdin"))
      .option("--password-file <file>", t("cli:password.passwordFile"))
      .addOption(new Option("--password <value>").hideHelp())
      .allowExcessArguments(true),
  ).action(
    kit.action(async (ctx, globals, flags: PasswordFlags, command: Command) => {
      const { passwordCommand } = await import("./password.js");
      // Nothing of a check is kept: Ctrl-C must not say "everything you answered is saved".
      kit.onStopSay("errors:stoppedCheck");
      const progress = await kit.progressFor(globals, t("cli:progress.checking"));
      try {
        return await passwordCommand(
          ctx,
          { stdin: flags.stdin === true, passwordFile: flags.passwordFile, ...breachCheckFlags(flags), extraArgs: command.args, passwordFlag: flags.password !== undefined },
          { version: kit.version, askSecret: (await promptsIfTerminal(ctx))?.askSecret, onProgress: progress?.update },
        );
      } finally {
        progress?.done();
      }
    }),
  );
}
