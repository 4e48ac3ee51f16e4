import { platformsWithAnswers, summarize } from "../core/progress.js";
import type { CommandResult } from "../output/results.js";
import { parseDocFormat, parsePaper } from "./formats.js";
import type { Context } from "./context.js";

export async function reportCommand(ctx: Context, options: { format?: string; paper?: string }): Promise<CommandResult> {
  const format = parseDocFormat(options.format);
  const paper = parsePaper(options.paper);
  const checklists = await ctx.checklists();
  const progress = ctx.state().loadProgress();
  const answered = platformsWithAnswers(checklists, progress);
  const platforms = [...new Set([...(progress.session?.platforms ?? []), ...answered])];
  const times = Object.values(progress.answers).map((a) => a.at).sort();
  return {
    kind: "report",
    format,
    paper,
    summary: summarize(checklists, platforms, progress),
    lastAnswerAt: times.at(-1),
    lastAuditAt: progress.session?.finishedAt,
  };
}
