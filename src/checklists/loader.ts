/**
 * Reads checklist files (YAML or JSON), validates them against checklists/schema.json and
 * reports every problem as `FILE:LINE: FIELD: what is wrong`.
 */
import path from "node:path";
import type { Checklist } from "../core/checklist.js";
import { SURFACES } from "../core/checklist.js";
import { formatProblem, parseYamlWithSchema, schemaValidator, type LineOf, type Problem, type SchemaValidator } from "../datafiles/yamlSchema.js";
import { InvalidInputError } from "../errors.js";
import { readRegularFile } from "../files/regular.js";
import { MAX_DATA_FILE_BYTES } from "../input/limits.js";
import { BUILT_IN_DIR, checklistFiles } from "./files.js";

export { formatProblem, type Problem };

export const SCHEMA_FILE = path.join(BUILT_IN_DIR, "schema.json");

let validator: Promise<SchemaValidator> | undefined;
const checklistValidator = () => (validator ??= schemaValidator(SCHEMA_FILE, `must be text, or a map with one or more of: ${SURFACES.join(", ")}`));

function isRealDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Checks a schema cannot express: id prefixes, duplicate ids, real dates. */
function contentProblems(file: string, lineOf: LineOf, data: Omit<Checklist, "files">): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  data.items.forEach((item, index) => {
    const at = (field: string) => lineOf(["items", index, field]);
    if (!item.id.startsWith(`${data.platform}.`)) {
      problems.push({ file, line: at("id"), field: `items[${index}].id`, message: `must start with "${data.platform}." (the platform of this file)` });
    }
    const first = seen.get(item.id);
    if (first !== undefined) {
      problems.push({ file, line: at("id"), field: `items[${index}].id`, message: `"${item.id}" is already used by items[${first}]` });
    } else seen.set(item.id, index);
    if (!isRealDate(item.verified)) {
      problems.push({ file, line: at("verified"), field: `items[${index}].verified`, message: "is not a real date" });
    }
  });
  return problems;
}

export type LoadResult = { ok: true; checklist: Checklist; lineOf: LineOf } | { ok: false; problems: Problem[] };

/** Parses and validates one checklist text. `file` is the name used in problems. */
export async function parseChecklist(file: string, text: string): Promise<LoadResult> {
  const parsed = parseYamlWithSchema(file, text, await checklistValidator());
  if (!parsed.ok) return parsed;
  const checklist = parsed.data as Omit<Checklist, "files">;
  const problems = contentProblems(file, parsed.lineOf, checklist);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, checklist: { ...checklist, files: [file] }, lineOf: parsed.lineOf };
}

/**
 * A file that cannot be read at all (missing, unreadable, a FIFO or device, over 1 MB) stops
 * everything with one line (exit 2): reading a FIFO would otherwise wait for ever.
 */
export async function loadChecklistFile(file: string): Promise<LoadResult> {
  return parseChecklist(file, (await readRegularFile(file, "checklist file", MAX_DATA_FILE_BYTES)).toString("utf8"));
}

/** A valid checklist file, with the lines of its fields (for checks run after loading). */
export interface LoadedChecklist {
  file: string;
  checklist: Checklist;
  lineOf: LineOf;
}

/** Validates files and folders; returns every problem found (none when all are valid). */
export async function validatePaths(targets: string[]): Promise<{ files: string[]; problems: Problem[]; checklists: Checklist[]; loaded: LoadedChecklist[] }> {
  const files: string[] = [];
  const problems: Problem[] = [];
  const checklists: Checklist[] = [];
  const loaded: LoadedChecklist[] = [];
  for (const target of targets) {
    const inTarget = await checklistFiles(target);
    const platforms = new Map<string, string>();
    for (const file of inTarget) {
      files.push(file);
      const result = await loadChecklistFile(file);
      if (!result.ok) {
        // One by one: spread arguments overflow the stack past about 100,000.
        for (const problem of result.problems) problems.push(problem);
        continue;
      }
      const other = platforms.get(result.checklist.platform);
      if (other) problems.push({ file, line: 1, field: "platform", message: `"${result.checklist.platform}" is also the platform of ${other}` });
      else {
        platforms.set(result.checklist.platform, file);
        checklists.push(result.checklist);
        loaded.push({ file, checklist: result.checklist, lineOf: result.lineOf });
      }
    }
  }
  return { files, problems, checklists, loaded };
}

/** Every checklist in a folder, fully validated; any problem stops with all of them listed. */
export async function loadFolder(dir: string): Promise<Checklist[]> {
  const { problems, checklists } = await validatePaths([dir]);
  if (problems.length > 0) {
    throw new InvalidInputError(`Some checklist files are not valid (run: harden checklist validate ${dir}):`, problems.map(formatProblem));
  }
  return checklists;
}
