/** `harden config get|set|unset`: their arguments and help; the work is in config.ts, loaded when they run. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import type { CommandKit } from "./kit.js";

export function defineConfig(kit: CommandKit): Command {
  const config = new Command("config").description(t("cli:config.description"));
  const run = async () => (await import("./config.js")).configCommand;
  config
    .command("get")
    .argument("[name]", t("cli:config.get.name"))
    .description(t("cli:config.get.description"))
    .action(kit.action(async (ctx, _globals, name: string | undefined) => (await run())(ctx, "get", name)));
  config
    .command("set")
    .argument("<name>", t("cli:config.set.name"))
    .argument("<value>", t("cli:config.set.value"))
    .description(t("cli:config.set.description"))
    .action(kit.action(async (ctx, _globals, name: string, value: string) => (await run())(ctx, "set", name, value)));
  config
    .command("unset")
    .argument("<name>", t("cli:config.unset.name"))
    .description(t("cli:config.unset.description"))
    .action(kit.action(async (ctx, _globals, name: string) => (await run())(ctx, "unset", name)));
  return config;
}
