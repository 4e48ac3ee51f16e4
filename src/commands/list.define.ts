/** `harden list`: the platforms harden has checklists for. */
import { Command } from "commander";
import { t } from "../i18n/index.js";
import type { CommandKit } from "./kit.js";

export function defineList(kit: CommandKit): Command {
  return new Command("list")
    .description(t("cli:list.description"))
    .action(kit.action(async (ctx) => (await import("./list.js")).listCommand(ctx), { state: false }));
}
