/**
 * Loads the intake questions and plan rules, validated like checklists (file, line, field), in the
 * run's language: checklists/i18n/LANG/rules/intake.yaml beside them gives the translated words,
 * each used only while it was made from the current English (else the English is kept).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { BUILT_IN_DIR } from "../checklists/files.js";
import { translateIntake, type IntakeRules, type IntakeTranslation } from "../core/plan.js";
import { formatProblem, parseYamlWithSchema, schemaValidator } from "../datafiles/yamlSchema.js";
import { InvalidInputError } from "../errors.js";
import { readRegularFile } from "../files/regular.js";
import { currentLanguage, t, type Language } from "../i18n/index.js";
import { MAX_DATA_FILE_BYTES } from "../input/limits.js";

export const RULES_FILE = path.join(BUILT_IN_DIR, "rules", "intake.yaml");

/** Where the translation of a rules file lives: FOLDER/rules/intake.yaml -> FOLDER/i18n/LANG/rules/intake.yaml. */
export const translationFile = (file: string, lang: Language) => path.join(path.dirname(path.dirname(file)), "i18n", lang, path.basename(path.dirname(file)), path.basename(file));

export async function loadIntakeRules(file = RULES_FILE, lang: Language = currentLanguage()): Promise<IntakeRules> {
  const validator = await schemaValidator(path.join(BUILT_IN_DIR, "intake.schema.json"));
  const parsed = parseYamlWithSchema(file, (await readRegularFile(file, "intake rules file", MAX_DATA_FILE_BYTES)).toString("utf8"), validator);
  if (!parsed.ok) throw new InvalidInputError(t("audit:errors.rulesInvalid", { file }), parsed.problems.map(formatProblem));
  const rules = parsed.data as IntakeRules;
  // A rule's `when` names questions, or facts harden learns without asking.
  const questions = new Set([...rules.questions.map((q) => q.id), ...(rules.facts ?? []).map((f) => f.id)]);
  const problems = rules.rules.flatMap((rule, index) =>
    Object.keys(rule.when)
      .filter((q) => !questions.has(q))
      .map((q) => formatProblem({ file, line: parsed.lineOf(["rules", index, "when", q]), field: `rules[${index}].when.${q}`, message: t("audit:errors.notAQuestion") })),
  );
  if (problems.length) throw new InvalidInputError(t("audit:errors.rulesInvalid", { file }), problems);
  if (lang === "en") return rules;
  const translation = await readTranslation(translationFile(file, lang));
  return translation ? translateIntake(rules, translation) : rules;
}

/** A translation file, or undefined when the language has none (the English is used). */
async function readTranslation(file: string): Promise<IntakeTranslation | undefined> {
  if (!existsSync(file)) return undefined;
  const bytes = await readRegularFile(file, "intake translation file", MAX_DATA_FILE_BYTES);
  const validator = await schemaValidator(path.join(BUILT_IN_DIR, "i18n", "intake.schema.json"));
  const parsed = parseYamlWithSchema(file, bytes.toString("utf8"), validator);
  if (!parsed.ok) throw new InvalidInputError(t("audit:errors.translationInvalid", { file }), parsed.problems.map(formatProblem));
  return parsed.data as IntakeTranslation;
}
