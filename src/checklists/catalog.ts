/** The checklists a run works with: the built-in ones (from the build's bundle when it is current), with a trainer's folders laid over them. */
import { mergeChecklists, type Checklist } from "../core/checklist.js";
import { readBundle } from "./bundle.js";
import { BUILT_IN_DIR } from "./files.js";

async function builtIn(): Promise<Checklist[]> {
  const bundled = await readBundle(BUILT_IN_DIR);
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
