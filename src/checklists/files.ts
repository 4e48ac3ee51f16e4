/** Where checklists live and which files in a folder are checklists. Cheap: no YAML, no schema. */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { InvalidInputError } from "../errors.js";

/** The checklists folder shipped with harden (next to package.json). */
export const BUILT_IN_DIR = fileURLToPath(new URL("../../checklists/", import.meta.url));

const CHECKLIST_EXTENSIONS = [".yaml", ".yml", ".json"];
/** Schemas live beside the checklists but are not checklists. */
const isSchemaFile = (name: string) => name === "schema.json" || name.endsWith(".schema.json");

/** A file name in a checklists folder that holds a checklist. */
export const isChecklistName = (name: string) => CHECKLIST_EXTENSIONS.includes(path.extname(name).toLowerCase()) && !isSchemaFile(name);

/** Checklist files in a folder, or the file itself. */
export async function checklistFiles(target: string): Promise<string[]> {
  let info;
  try {
    info = await stat(target);
  } catch {
    throw new InvalidInputError(`${target}: no such file or folder`);
  }
  if (!info.isDirectory()) return [target];
  const names = await readdir(target);
  return names
    .filter(isChecklistName)
    .sort()
    .map((n) => path.join(target, n));
}
