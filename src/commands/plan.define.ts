/** `harden plan`: its arguments, flags and help; the work is in plan.ts, loaded when it runs. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import { promptsIfTerminal, type CommandKit } from "./kit.js";

export interface PlanFlags {
  answers?: string;
  keepScreen?: boolean;
}

/**
 * `help` is the answers-file part of `plan --help` (the intake question ids): cli.ts reads the
 * intake rules for it only when that help is asked for.
 */
export function definePlan(kit: CommandKit, help: () => string): Command {
  return new Command("plan")
    .description(t("cli:plan.description"))
    .argument("[platform...]", t("cli:plan.platform"))
    .option("--answers <file>", t("cli:plan.answers"))
    .option("--keep-screen", t("cli:plan.keepScreen"))
    .addHelpText("after", help)
    .action(
      kit.action(async (ctx, globals, platforms: string[], flags: PlanFlags) => {
        const { planCommand } = await import("./plan.js");
        const ui = await promptsIfTerminal(ctx);
        if (ui && flags.answers === undefined && !flags.keepScreen) await kit.usePrivateScreen();
        return planCommand(ctx, { platforms, answers: flags.answers }, { ui, style: (await kit.stderrStyle(globals)).style });
      }),
    );
}
