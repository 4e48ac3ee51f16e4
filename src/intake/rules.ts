/** Loads the intake questions and plan rules, validated like checklists (file, line, field). */
import path from "node:path";
import { BUILT_IN_DIR } from "../checklists/files.js";
import type { IntakeRules } from "../core/plan.js";
import { formatProblem, parseYamlWithSchema, schemaValidator } from "../datafiles/yamlSchema.js";
import { InvalidInputError } from "../errors.js";
import { readRegularFile } from "../files/regular.js";
import { MAX_DATA_FILE_BYTES } from "../input/limits.js";

export const RULES_FILE = path.join(BUILT_IN_DIR, "rules", "intake.yaml");

export async function loadIntakeRules(file = RULES_FILE): Promise<IntakeRules> {
  const validator = await schemaValidator(path.join(BUILT_IN_DIR, "intake.schema.json"));
  const parsed = parseYamlWithSchema(file, (await readRegularFile(file, "intake rules file", MAX_DATA_FILE_BYTES)).toString("utf8"), validator);
  if (!parsed.ok) throw new InvalidInputError(`The intake rules in ${file} are not valid:`, parsed.problems.map(formatProblem));
  const rules = parsed.data as IntakeRules;
  const questions = new Set(rules.questions.map((q) => q.id));
  const problems = rules.rules.flatMap((rule, index) =>
    Object.keys(rule.when)
      .filter((q) => !questions.has(q))
      .map((q) => formatProblem({ file, line: parsed.lineOf(["rules", index, "when", q]), field: `rules[${index}].when.${q}`, message: "is not a question id" })),
  );
  if (problems.length) throw new InvalidInputError(`The intake rules in ${file} are not valid:`, problems);
  return rules;
}
