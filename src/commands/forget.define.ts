/** `harden forget`: its flags and help; the work is in forget.ts, loaded when it runs. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import type { CommandKit } from "./kit.js";

export interface ForgetFlags {
  yes?: boolean;
  includeEvidence?: boolean;
}

export function defineForget(kit: CommandKit): Command {
  return new Command("forget")
    .description(t("cli:forget.description"))
    .option("-y, --yes", t("cli:forget.yes"))
    .option("--include-evidence", t("cli:forget.includeEvidence"))
    .action(
      kit.action(async (ctx, _globals, flags: ForgetFlags) =>
        (await import("./forget.js")).forgetCommand(ctx, { yes: flags.yes === true, includeEvidence: flags.includeEvidence === true }),
      ),
    );
}
