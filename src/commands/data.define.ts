/** `harden data verify`: its argument, flags and help; the work is in data.ts, loaded when it runs. */
import { Command } from "commander";
import type { VerifyProgress } from "../breach/verifyData.js";
import { t } from "../i18n/index.js";
import type { CommandKit } from "./kit.js";

export interface DataVerifyFlags {
  ntlm?: boolean;
}

export function defineData(kit: CommandKit): Command {
  const data = new Command("data").description(t("cli:data.description"));
  data
    .command("verify")
    .description(t("cli:data.verify.description"))
    .argument("<path>", t("cli:data.verify.path"))
    .option("--ntlm", t("cli:data.verify.ntlm"))
    .action(
      kit.action(async (ctx, globals, path: string, flags: DataVerifyFlags) => {
        const { dataVerifyCommand } = await import("./data.js");
        const { formatSize } = await import("../files/regular.js");
        const progress = await kit.progressFor<VerifyProgress>(globals, t("cli:progress.verifying"), (p) =>
          p.unit === "files" ? t("cli:progress.files", { done: p.done, count: p.total }) : t("cli:progress.bytes", { done: formatSize(p.done), total: formatSize(p.total) }),
        );
        try {
          return await dataVerifyCommand(ctx, path, { ntlm: flags.ntlm === true }, { onProgress: progress?.update });
        } finally {
          progress?.done();
        }
      }),
    );
  return data;
}
