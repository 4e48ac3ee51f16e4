/** `harden totp practice|code|verify`: their flags and help; the work is in totp.ts, loaded when they run. */
import { Command, Option } from "commander";
import { t } from "../i18n/index.js";
import { promptsIfTerminal, type CommandKit } from "./kit.js";

/** The flags of code and verify: where the secret comes from, and the code's settings. */
export interface SecretFlags {
  stdin?: boolean;
  secretFile?: string;
  digits?: string;
  period?: string;
  algorithm?: string;
  time?: string;
}

export interface TotpVerifyFlags extends SecretFlags {
  code?: string;
}

const withSecretFlags = (command: Command): Command =>
  command
    .option("--stdin", t("cli:totp.stdin"))
    .option("--secret-file <file>", t("cli:totp.secretFile"))
    .addOption(new Option("--digits <n>", t("cli:totp.digits")).choices(["6", "8"]))
    .option("--period <seconds>", t("cli:totp.period"))
    .addOption(new Option("--algorithm <name>", t("cli:totp.algorithm")).choices(["sha1", "sha256", "sha512"]))
    .option("--time <unix-seconds>", t("cli:totp.time"))
    .allowExcessArguments(true);

const secretOptions = (flags: SecretFlags, command: Command) => ({
  stdin: flags.stdin === true,
  secretFile: flags.secretFile,
  digits: flags.digits,
  period: flags.period,
  algorithm: flags.algorithm,
  time: flags.time,
  extraArgs: command.args,
});

export function defineTotp(kit: CommandKit): Command {
  const totp = new Command("totp").description(t("cli:totp.description"));
  totp
    .command("practice")
    .description(t("cli:totp.practice.description"))
    .action(
      kit.action(async (ctx, globals) => {
        const { totpPracticeCommand } = await import("./totp.js");
        const { style, color } = await kit.stderrStyle(globals);
        return totpPracticeCommand(ctx, { ui: await promptsIfTerminal(ctx), style, color });
      }),
    );
  withSecretFlags(totp.command("code").description(t("cli:totp.code.description"))).action(
    kit.action(async (ctx, _globals, flags: SecretFlags, command: Command) => {
      const { totpCodeCommand } = await import("./totp.js");
      return totpCodeCommand(ctx, secretOptions(flags, command), await promptsIfTerminal(ctx));
    }),
  );
  withSecretFlags(totp.command("verify").description(t("cli:totp.verify.description")))
    .option("--code <code>", t("cli:totp.verify.code"))
    .action(
      kit.action(async (ctx, _globals, flags: TotpVerifyFlags, command: Command) => {
        const { totpVerifyCommand } = await import("./totp.js");
        return totpVerifyCommand(ctx, { ...secretOptions(flags, command), code: flags.code }, await promptsIfTerminal(ctx));
      }),
    );
  return totp;
}
