/** A trainer's workshop plan: validated like checklists, with problems as FILE:LINE: FIELD. */
import path from "node:path";
import { BUILT_IN_DIR } from "../checklists/files.js";
import type { Checklist } from "../core/checklist.js";
import { formatProblem, parseYamlWithSchema, schemaValidator, type LineOf, type Problem, type SchemaValidator } from "../datafiles/yamlSchema.js";
import { InvalidInputError } from "../errors.js";
import { readRegularFile } from "../files/regular.js";
import { MAX_DATA_FILE_BYTES } from "../input/limits.js";

export const DRILLS = ["password-strength", "totp-practice"] as const;
export type Drill = (typeof DRILLS)[number];

export interface WorkshopPlan {
  title: string;
  description?: string;
  platforms: string[];
  drills: Drill[];
  /** Absolute folder of the trainer's checklists, when the plan names one. */
  checklistsDir?: string;
}

let validator: Promise<SchemaValidator> | undefined;
const planValidator = () => (validator ??= schemaValidator(path.join(BUILT_IN_DIR, "workshop.schema.json")));

export interface ParsedPlan {
  plan: WorkshopPlan;
  /** Where each platform id was written, for problems found once checklists are loaded. */
  lineOf: LineOf;
}

export async function parsePlan(file: string, text: string): Promise<{ ok: true; parsed: ParsedPlan } | { ok: false; problems: Problem[] }> {
  const parsed = parseYamlWithSchema(file, text, await planValidator());
  if (!parsed.ok) return parsed;
  const data = parsed.data as Omit<WorkshopPlan, "checklistsDir" | "drills"> & { drills?: Drill[]; checklists?: string };
  return {
    ok: true,
    parsed: {
      lineOf: parsed.lineOf,
      plan: {
        title: data.title,
        description: data.description,
        platforms: data.platforms,
        drills: data.drills ?? [],
        checklistsDir: data.checklists === undefined ? undefined : path.resolve(path.dirname(file), data.checklists),
      },
    },
  };
}

export async function readPlan(file: string): Promise<ParsedPlan> {
  const result = await parsePlan(file, (await readRegularFile(file, "workshop plan", MAX_DATA_FILE_BYTES)).toString("utf8"));
  if (!result.ok) throw new InvalidInputError(`The workshop plan ${file} is not valid:`, result.problems.map(formatProblem));
  return result.parsed;
}

/** Every platform the plan names must exist once its checklists are loaded. */
export function checkPlanPlatforms(file: string, parsed: ParsedPlan, checklists: Checklist[]): void {
  const problems = parsed.plan.platforms.flatMap((id, index) =>
    checklists.some((c) => c.platform === id)
      ? []
      : [{ file, line: parsed.lineOf(["platforms", index]), field: `platforms[${index}]`, message: `"${id}" is not a checklist (see harden list)` }],
  );
  if (problems.length > 0) throw new InvalidInputError(`The workshop plan ${file} is not valid:`, problems.map(formatProblem));
}
