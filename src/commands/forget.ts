/**
 * harden forget: deletes every file harden saved. The evidence log gets its own question (or
 * flag), because a person may need it later for a report to a platform or the police.
 */
import path from "node:path";
import { UsageError } from "../errors.js";
import type { CommandResult } from "../output/results.js";
import { EVIDENCE, forgetAll, savedEntries, stateDir } from "../state/store.js";
import type { Context } from "./context.js";

export async function forgetCommand(ctx: Context, options: { yes: boolean; includeEvidence?: boolean }): Promise<CommandResult> {
  const dir = stateDir(ctx.env);
  const entries = savedEntries(dir);
  if (entries.length === 0) return { kind: "forget", removed: [], dir, cancelled: false, keptEvidence: false };
  const hasEvidence = entries.some((e) => path.basename(e) === EVIDENCE);
  let includeEvidence = options.includeEvidence === true;
  if (!options.yes) {
    if (!ctx.canPrompt) throw new UsageError("harden forget deletes your saved progress and settings. Without a terminal to confirm, add --yes (and --include-evidence to delete the evidence log too).");
    const { confirmAction } = await import("../prompts/index.js");
    const sure = await confirmAction(`Delete everything harden saved in ${dir}? This cannot be undone.`, false);
    if (!sure) return { kind: "forget", removed: [], dir, cancelled: true, keptEvidence: hasEvidence };
    if (hasEvidence && !includeEvidence) {
      includeEvidence = await confirmAction(
        "This includes your evidence log. You may need it later for a report to a platform, a lawyer or the police. Delete the evidence log too?",
        false,
      );
    }
  }
  const removed = forgetAll(dir, { keepEvidence: !includeEvidence });
  return { kind: "forget", removed, dir, cancelled: false, keptEvidence: hasEvidence && !includeEvidence };
}
