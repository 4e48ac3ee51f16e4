/**
 * Translations of checklists: checklists/i18n/LANG/PLATFORM.yaml beside the English files (a
 * trainer's folder may hold its own i18n/ folder the same way), validated by their schema with
 * FILE:LINE problems like every data file.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Checklist } from "../core/checklist.js";
import { translationIssues, type ChecklistTranslation } from "../core/translation.js";
import { formatProblem, parseYamlWithSchema, schemaValidator, type LineOf, type Problem, type SchemaValidator } from "../datafiles/yamlSchema.js";
import { InvalidInputError } from "../errors.js";
import { readRegularFile } from "../files/regular.js";
import { MAX_DATA_FILE_BYTES } from "../input/limits.js";
import { BUILT_IN_DIR } from "./files.js";

export const TRANSLATION_SCHEMA_FILE = path.join(BUILT_IN_DIR, "i18n", "schema.json");

let validator: Promise<SchemaValidator> | undefined;
const translationValidator = () => (validator ??= schemaValidator(TRANSLATION_SCHEMA_FILE, "must be text, or a map with one or more places (web, android, ios, ...)"));

/** The translation files of one language in a checklists folder (none when it has no i18n/LANG/). */
export function translationFiles(dir: string, lang: string): string[] {
  const folder = path.join(dir, "i18n", lang);
  try {
    return readdirSync(folder)
      .filter((name) => /\.(ya?ml|json)$/i.test(name))
      .sort()
      .map((name) => path.join(folder, name));
  } catch {
    return [];
  }
}

/** The languages a checklists folder has translations for. */
export function translatedLanguages(dir: string): string[] {
  try {
    return readdirSync(path.join(dir, "i18n"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && /^[a-z]{2,3}$/.test(entry.name))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

export interface LoadedTranslation {
  file: string;
  translation: ChecklistTranslation;
  lineOf: LineOf;
}

/** Parses one translation file; its platform must be the file's name and its language the folder's. */
export async function loadTranslationFile(file: string, lang: string): Promise<{ ok: true; loaded: LoadedTranslation } | { ok: false; problems: Problem[] }> {
  const text = (await readRegularFile(file, "translation file", MAX_DATA_FILE_BYTES)).toString("utf8");
  const parsed = parseYamlWithSchema(file, text, await translationValidator());
  if (!parsed.ok) return parsed;
  const translation = parsed.data as ChecklistTranslation;
  const problems: Problem[] = [];
  const base = path.basename(file).replace(/\.(ya?ml|json)$/i, "");
  if (translation.platform !== base) problems.push({ file, line: parsed.lineOf(["platform"]), field: "platform", message: `must be "${base}", the name of this file` });
  if (translation.lang !== lang) problems.push({ file, line: parsed.lineOf(["lang"]), field: "lang", message: `must be "${lang}", the name of its folder` });
  const ids = new Map<string, number>();
  translation.items.forEach((item, index) => {
    const first = ids.get(item.id);
    if (first !== undefined) problems.push({ file, line: parsed.lineOf(["items", index, "id"]), field: `items[${index}].id`, message: `"${item.id}" is already translated by items[${first}]` });
    else ids.set(item.id, index);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, loaded: { file, translation, lineOf: parsed.lineOf } };
}

/** Every translation of a language in the given folders; a broken file stops with all problems listed. */
export async function loadTranslations(dirs: string[], lang: string): Promise<LoadedTranslation[]> {
  const loaded: LoadedTranslation[] = [];
  const problems: Problem[] = [];
  for (const dir of dirs) {
    for (const file of translationFiles(dir, lang)) {
      const result = await loadTranslationFile(file, lang);
      if (result.ok) loaded.push(result.loaded);
      else for (const problem of result.problems) problems.push(problem);
    }
  }
  if (problems.length > 0) throw new InvalidInputError("Some translation files are not valid (run: harden checklist validate):", problems.map(formatProblem));
  return loaded;
}


/** Every problem of the translations in a folder, each at its file and line, measured against the English checklists. */
export async function translationProblems(dir: string, english: Checklist[]): Promise<{ files: string[]; problems: Problem[] }> {
  const byPlatform = new Map(english.map((c) => [c.platform, c]));
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const lang of translatedLanguages(dir)) {
    for (const file of translationFiles(dir, lang)) {
      files.push(file);
      const result = await loadTranslationFile(file, lang);
      if (!result.ok) {
        for (const problem of result.problems) problems.push(problem);
        continue;
      }
      const { translation, lineOf } = result.loaded;
      const checklist = byPlatform.get(translation.platform);
      if (!checklist) {
        problems.push({ file, line: lineOf(["platform"]), field: "platform", message: `"${translation.platform}" is not a checklist in ${dir}` });
        continue;
      }
      for (const issue of translationIssues(checklist, translation)) {
        problems.push({ file, line: issue.at ? lineOf(issue.at) : 1, field: issue.field, message: issue.message });
      }
    }
  }
  return { files, problems };
}
