/** `harden serve`: the breach service for a room, from downloaded data; the work is in serve.ts, loaded when it runs. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import type { CommandKit } from "./kit.js";

export interface ServeFlags {
  offline?: string;
  listen?: string;
  logPrefixes?: boolean;
}

export function defineServe(kit: CommandKit): Command {
  return new Command("serve")
    .description(t("data:cli.serve"))
    .requiredOption("--offline <path>", t("data:cli.offline"))
    .option("--listen <address>", t("data:cli.listen"))
    .option("--log-prefixes", t("data:cli.logPrefixes"))
    .action(
      kit.action(
        async (ctx, globals, flags: ServeFlags) => {
          const { serveCommand } = await import("./serve.js");
          const view = await import("../output/downloadView.js");
          const { style, color } = await kit.stderrStyle(globals);
          const stop = new AbortController();
          // Stopping is how a server ends: Ctrl-C or SIGTERM closes it and prints what it answered.
          process.removeAllListeners("SIGINT");
          process.once("SIGINT", () => {
            // The terminal has echoed ^C where the cursor was: what follows starts on a line of its own.
            if (process.stderr.isTTY === true) process.stderr.write("\n");
            stop.abort("SIGINT");
          });
          process.once("SIGTERM", () => stop.abort("SIGTERM"));
          const say = (text: string) => kit.say(text);
          return serveCommand(ctx, flags, {
            signal: stop.signal,
            onListening: async (info) => {
              const qr = info.localOnly ? undefined : (await import("../totp/qr.js")).qrText;
              say(view.serveBanner(info, style, qr && ((text) => qr(text, { color }))));
            },
            onRequest: (line) => say(view.serveRequestText(line)),
            onCounts: (counts) => say(view.serveCountsText(counts)),
          });
        },
        { state: false },
      ),
    );
}
