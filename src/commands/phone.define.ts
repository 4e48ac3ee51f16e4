/** `harden phone check` and `harden phone indicators [update]`: flags and help; the work is in phone.ts, loaded when it runs. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import type { CommandKit } from "./kit.js";
import type { PhoneCheckOptions } from "./phone.js";

export function definePhone(kit: CommandKit): Command {
  const phone = new Command("phone").description(t("phone:help.phone"));
  phone
    .command("check")
    .description(t("phone:help.check"))
    .option("--from <dir>", t("phone:help.from"))
    .option("--collect <dir>", t("phone:help.collect"))
    .option("--iphone", t("phone:help.iphone"))
    .option("--evidence", t("phone:help.evidence"))
    .option("--format <format>", t("phone:help.format"))
    .option("--output <file>", t("phone:help.output"))
    .addHelpText("after", () => `\n${t("phone:help.after")}\n`)
    .action(
      kit.action(
        async (ctx, globals, flags: PhoneCheckOptions) => {
          const { phoneCheckCommand } = await import("./phone.js");
          const progress = await kit.progressFor(globals, t("phone:progress.label"));
          try {
            return await phoneCheckCommand(ctx, flags, { onProgress: progress?.update });
          } finally {
            progress?.done();
          }
        },
      ),
    );
  const indicators = phone
    .command("indicators")
    .description(t("phone:help.indicators"))
    .action(kit.action(async (ctx) => (await import("./phone.js")).phoneIndicatorsCommand(ctx), { state: false }));
  indicators
    .command("update")
    .description(t("phone:help.update"))
    .requiredOption("--from <file-or-url>", t("phone:help.updateFrom"))
    .action(kit.action(async (ctx, _g, flags: { from: string }) => (await import("./phone.js")).phoneIndicatorsUpdateCommand(ctx, flags.from), { state: false }));
  return phone;
}
