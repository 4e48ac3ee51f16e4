import { listChecklists } from "../checklists/catalog.js";
import type { CommandResult } from "../output/results.js";
import type { Context } from "./context.js";

export async function listCommand(ctx: Context): Promise<CommandResult> {
  return { kind: "list", checklists: await listChecklists({ extraDirs: [ctx.checklistsDir], lang: ctx.lang }) };
}
