/** `harden data verify`: its argument, flags and help; the work is in data.ts, loaded when it runs. */
import { Command } from "commander";
import type { DownloadProgress } from "../breach/download.js";
import type { VerifyProgress } from "../breach/verifyData.js";
import { t } from "../i18n/index.js";
import type { CommandKit } from "./kit.js";

export interface DataDownloadFlags {
  ntlm?: boolean;
  format?: string;
  concurrency?: string;
  rangeUrl?: string;
  prefixes?: string;
}

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
  data
    .command("download")
    .description(t("data:cli.download"))
    .argument("<dir>", t("data:cli.downloadDir"))
    .option("--ntlm", t("data:cli.ntlm"))
    .option("--format <format>", t("data:cli.format"), "folder")
    .option("--concurrency <n>", t("data:cli.concurrency"))
    .option("--range-url <url>", t("data:cli.rangeUrl"))
    .option("--prefixes <from-to>", t("data:cli.prefixes"))
    .action(
      kit.action(
        async (ctx, globals, dir: string, flags: DataDownloadFlags) => {
          const { dataDownloadCommand } = await import("./dataDownload.js");
          const view = await import("../output/downloadView.js");
          const { sanitizeLine } = await import("../output/sanitize.js");
          const rate = view.downloadRate();
          let onProgress: ((p: DownloadProgress) => void) | undefined;
          let clearProgress: (() => void) | undefined;
          if (globals.json) {
            // One JSON line a second for scripts, on stderr: stdout holds the result alone.
            let last = 0;
            onProgress = (p) => {
              const r = rate(p);
              if (p.done !== p.total && p.elapsedMs - last < 1000) return;
              last = p.elapsedMs;
              process.stderr.write(`${JSON.stringify(view.downloadProgressJson(p, r))}\n`);
            };
          } else {
            const progress = await kit.progressFor<DownloadProgress>(globals, t("data:download.label"), (p) => view.downloadProgressText(p, rate(p)));
            onProgress = progress?.update;
            clearProgress = progress?.done;
          }
          const warn = (line: string) => kit.say(sanitizeLine(line));
          kit.onStopSay("data:download.stopped");
          try {
            return await dataDownloadCommand(ctx, dir, flags, { version: kit.version, onProgress, warn });
          } finally {
            clearProgress?.();
          }
        },
        { state: false },
      ),
    );
  return data;
}
