/** `harden audit`: its arguments, flags and help; the work is in audit.ts, loaded when it runs. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import { promptsIfTerminal, type CommandKit } from "./kit.js";

export interface AuditFlags {
  answers?: string;
  since?: boolean;
  keepScreen?: boolean;
}

export function defineAudit(kit: CommandKit): Command {
  return new Command("audit")
    .description(t("cli:audit.description"))
    .argument("[platform...]", t("cli:audit.platform"))
    .option("--answers <file>", t("cli:audit.answers"))
    .option("--since", t("cli:audit.since"))
    .option("--keep-screen", t("cli:audit.keepScreen"))
    .action(
      kit.action(async (ctx, globals, platforms: string[], flags: AuditFlags) => {
        const { auditCommand, changesCommand } = await import("./audit.js");
        if (flags.since) return changesCommand(ctx);
        if (ctx.canPrompt && flags.answers === undefined && !flags.keepScreen) await kit.usePrivateScreen();
        const { style } = await kit.stderrStyle(globals);
        const ui = await promptsIfTerminal(ctx);
        return auditCommand(ctx, { platforms, answers: flags.answers, offerLanguage: globals.lang === undefined }, { ui, style, width: process.stderr.columns });
      }),
    );
}
