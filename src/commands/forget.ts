/**
 * harden forget: deletes every file harden saved. The evidence log gets its own question (or
 * flag), because a person may need it later for a report to a platform or the police.
 */
import path from "node:path";
import { UsageError } from "../errors.js";
import type { CommandResult } from "../output/results.js";
import { EVIDENCE, forgetAll, savedEntries, stateDir } from "../state/store.js";
import type { Context } from "./context.js";
import { t } from "../i18n/index.js";

export async function forgetCommand(ctx: Context, options: { yes: boolean; includeEvidence?: boolean }): Promise<CommandResult> {
  const dir = stateDir(ctx.env);
  const entries = savedEntries(dir);
  if (entries.length === 0) return { kind: "forget", removed: [], dir, cancelled: false, keptEvidence: false };
  const hasEvidence = entries.some((e) => path.basename(e) === EVIDENCE);
  let includeEvidence = options.includeEvidence === true;
  if (!options.yes) {
    if (!ctx.canPrompt) throw new UsageError(t("errors:forget.needsYes"));
    const { confirmAction } = await import("../prompts/index.js");
    const sure = await confirmAction(t("cli:forget.confirm", { dir }), false);
    if (!sure) return { kind: "forget", removed: [], dir, cancelled: true, keptEvidence: hasEvidence };
    if (hasEvidence && !includeEvidence) {
      includeEvidence = await confirmAction(
        t("cli:forget.confirmEvidence"),
        false,
      );
    }
  }
  const removed = forgetAll(dir, { keepEvidence: !includeEvidence });
  return { kind: "forget", removed, dir, cancelled: false, keptEvidence: hasEvidence && !includeEvidence };
}
