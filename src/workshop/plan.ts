/** A trainer's workshop plan: validated like checklists, with problems as FILE:LINE: FIELD. */
import path from "node:path";
import { BUILT_IN_DIR } from "../checklists/files.js";
import type { Checklist } from "../core/checklist.js";
import { formatProblem, parseYamlDocument, parseYamlWithSchema, schemaValidator, type LineOf, type Problem, type SchemaValidator } from "../datafiles/yamlSchema.js";
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

/** What a plan names, read even when other fields are wrong, so every problem is told in one round. */
export interface PlanNames {
  platforms: Array<{ id: string; index: number }>;
  lineOf: LineOf;
  checklistsDir?: string;
}

export type PlanReading = { ok: true; parsed: ParsedPlan } | { ok: false; problems: Problem[]; names?: PlanNames };

const resolveDir = (file: string, dir: unknown) => (typeof dir === "string" && dir !== "" ? path.resolve(path.dirname(file), dir) : undefined);

export async function parsePlan(file: string, text: string): Promise<PlanReading> {
  const parsed = parseYamlWithSchema(file, text, await planValidator());
  if (!parsed.ok) {
    const doc = parseYamlDocument(file, text);
    if (!doc.ok) return parsed;
    const data = (doc.data ?? {}) as { platforms?: unknown; checklists?: unknown };
    const platforms = Array.isArray(data.platforms) ? data.platforms.flatMap((id, index) => (typeof id === "string" ? [{ id, index }] : [])) : [];
    return { ...parsed, names: { platforms, lineOf: doc.lineOf, checklistsDir: resolveDir(file, data.checklists) } };
  }
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
        checklistsDir: resolveDir(file, data.checklists),
      },
    },
  };
}

export async function readPlan(file: string): Promise<PlanReading> {
  return parsePlan(file, (await readRegularFile(file, "workshop plan", MAX_DATA_FILE_BYTES)).toString("utf8"));
}

/** The trainer's checklists folder the plan names, if it names one. */
export const planChecklistsDir = (reading: PlanReading) => (reading.ok ? reading.parsed.plan.checklistsDir : reading.names?.checklistsDir);

function platformProblems(file: string, names: Pick<PlanNames, "platforms" | "lineOf">, checklists: Checklist[]): Problem[] {
  return names.platforms.flatMap(({ id, index }) =>
    checklists.some((c) => c.platform === id)
      ? []
      : [{ file, line: names.lineOf(["platforms", index]), field: `platforms[${index}]`, message: `"${id}" is not a checklist (see harden list)` }],
  );
}

/** Every problem of the plan at once, in line order: its fields, and platforms no checklist provides. */
export function checkPlan(file: string, reading: PlanReading, checklists: Checklist[]): ParsedPlan {
  const problems = reading.ok
    ? platformProblems(file, { platforms: reading.parsed.plan.platforms.map((id, index) => ({ id, index })), lineOf: reading.parsed.lineOf }, checklists)
    : [...reading.problems, ...(reading.names ? platformProblems(file, reading.names, checklists) : [])];
  if (problems.length > 0 || !reading.ok) {
    problems.sort((a, b) => a.line - b.line);
    throw new InvalidInputError(`The workshop plan ${file} is not valid:`, problems.map(formatProblem));
  }
  return reading.parsed;
}
