import { checkPaths } from "../checklists/contentCheck.js";
import { UsageError } from "../errors.js";
import type { CommandResult } from "../output/results.js";
import { parseDocFormat, parsePaper } from "./formats.js";
import type { Context } from "./context.js";
import { pickChecklists } from "./platforms.js";
import { t } from "../i18n/index.js";


export async function checklistShowCommand(ctx: Context, platforms: string[], options: { format?: string; all?: boolean; paper?: string }): Promise<CommandResult> {
  const format = parseDocFormat(options.format);
  const paper = parsePaper(options.paper);
  const all = await ctx.checklists();
  if (options.all && platforms.length > 0) throw new UsageError(t("errors:checklist.platformsOrAll"));
  if (!options.all && platforms.length === 0) throw new UsageError(t("errors:checklist.namePlatform"));
  return { kind: "checklist", checklists: options.all ? all : pickChecklists(all, platforms), format, paper };
}

/** Checks files and folders: the schema, then what they show a person (see src/checklists/contentCheck.ts). */
export async function checklistValidateCommand(paths: string[], options: { english?: boolean } = {}): Promise<CommandResult> {
  if (paths.length === 0) throw new UsageError(t("errors:checklist.namePath"));
  const { files, problems } = await checkPaths(paths, options);
  return { kind: "validate", files, problems };
}
