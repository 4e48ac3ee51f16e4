/** Build step: validate the built-in checklists and write the bundle `harden` starts from. */
import { formatProblem } from "../datafiles/yamlSchema.js";
import type { ChecklistTranslation } from "../core/translation.js";
import { InvalidInputError } from "../errors.js";
import { writeBundle, writeTranslationsBundle } from "./bundle.js";
import { loadTranslations, translatedLanguages } from "./translations.js";
import { BUILT_IN_DIR } from "./files.js";
import { validatePaths } from "./loader.js";

const { problems, checklists } = await validatePaths([BUILT_IN_DIR]);
if (problems.length > 0) {
  // A broken built-in checklist must not ship: the build fails and says where.
  process.stderr.write(`${problems.map(formatProblem).join("\n")}\n`);
  process.exitCode = 1;
} else {
  await writeBundle(BUILT_IN_DIR, checklists);
  // Translations ship only when every file is well formed; a stale item is allowed (it is shown in
  // English, and `checklist validate` and the tests report it).
  const translations: Record<string, ChecklistTranslation[]> = {};
  for (const lang of translatedLanguages(BUILT_IN_DIR)) {
    try {
      translations[lang] = (await loadTranslations([BUILT_IN_DIR], lang)).map((l) => l.translation);
    } catch (error) {
      const problems = error instanceof InvalidInputError ? error.problems : [String(error)];
      process.stderr.write(`${problems.join("\n")}\n`);
      process.exitCode = 1;
    }
  }
  if (process.exitCode !== 1) await writeTranslationsBundle(BUILT_IN_DIR, translations);
}
