/** The checklists a run works with: the built-in ones (from the build's bundle when it is current), with a trainer's folders laid over them. */
import { mergeChecklists, summarizeChecklist, type Checklist, type ChecklistSummary } from "../core/checklist.js";
import { readBundle, readIndex } from "./bundle.js";
import { BUILT_IN_DIR } from "./files.js";

async function builtIn(): Promise<Checklist[]> {
  const bundled = readBundle(BUILT_IN_DIR);
  if (bundled) return bundled;
  const { loadFolder } = await import("./loader.js");
  return loadFolder(BUILT_IN_DIR);
}

export async function loadChecklists(options: { extraDirs?: Array<string | undefined> } = {}): Promise<Checklist[]> {
  let lists = await builtIn();
  const extra = (options.extraDirs ?? []).filter((d): d is string => Boolean(d));
  if (extra.length === 0) return lists;
  const { loadFolder } = await import("./loader.js");
  for (const dir of extra) lists = mergeChecklists(lists, await loadFolder(dir));
  return lists;
}

/** The list of checklists for `harden list`: from the build's index when nothing is laid over it. */
export async function listChecklists(options: { extraDirs?: Array<string | undefined> } = {}): Promise<ChecklistSummary[]> {
  const indexed = (options.extraDirs ?? []).some(Boolean) ? undefined : readIndex(BUILT_IN_DIR);
  return indexed ?? (await loadChecklists(options)).map(summarizeChecklist);
}
