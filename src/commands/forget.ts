import { UsageError } from "../errors.js";
import type { CommandResult } from "../output/results.js";
import { forgetAll, savedEntries, stateDir } from "../state/store.js";
import type { Context } from "./context.js";

export async function forgetCommand(ctx: Context, options: { yes: boolean }): Promise<CommandResult> {
  const dir = stateDir(ctx.env);
  const entries = savedEntries(dir);
  if (entries.length === 0) return { kind: "forget", removed: [], dir, cancelled: false };
  if (!options.yes) {
    if (!ctx.canPrompt) throw new UsageError("harden forget deletes your saved progress and settings. Without a terminal to confirm, add --yes.");
    const { confirmAction } = await import("../prompts/index.js");
    const sure = await confirmAction(`Delete everything harden saved in ${dir}? This cannot be undone.`, false);
    if (!sure) return { kind: "forget", removed: [], dir, cancelled: true };
  }
  return { kind: "forget", removed: forgetAll(dir), dir, cancelled: false };
}
