/**
 * Reads a clinic's answers file: JSON or YAML mapping item ids to done / later /
 * not-applicable, and optionally `intake:` (question id -> yes / no / unsure) and
 * `platforms:` (the accounts to plan for).
 */
import { isRecord } from "../core/records.js";
import type { Checklist } from "../core/checklist.js";
import { INTAKE_ANSWERS, type IntakeAnswers } from "../core/plan.js";
import { ANSWERS, isAnswer, type Answer } from "../core/progress.js";
import { InvalidInputError, UsageError } from "../errors.js";
import { parseYamlDocument } from "../datafiles/yamlDocument.js";
import { MAX_DATA_FILE_BYTES } from "../input/limits.js";
import { readTextInput } from "../input/readText.js";
import { clip } from "../output/atMost.js";
import { sanitizeLine } from "../output/sanitize.js";
import { t } from "../i18n/index.js";

export interface AnswersFile {
  answers: Map<string, Answer>;
  intake?: IntakeAnswers;
  platforms?: string[];
}

/**
 * Checks every id, status, intake answer and platform, and names everything that is wrong at
 * once (the error lists the first 20). Linear in the size of the file: ids are looked up in an
 * index, never by searching every checklist.
 */
export function checkAnswers(raw: unknown, checklists: Checklist[], file: string, questions: string[] = []): AnswersFile {
  if (!isRecord(raw)) {
    throw new UsageError(t("errors:answers.notMap", { file, answers: ANSWERS.join(", ") }));
  }
  const shown = (value: unknown) => sanitizeLine(clip(String(value)));
  const problems: string[] = [];
  const answers = new Map<string, Answer>();
  const { intake, platforms, ...items } = raw;
  if (intake !== undefined) {
    const known = new Set(questions);
    if (!isRecord(intake)) problems.push(t("errors:answers.intakeNotMap"));
    else
      for (const [q, a] of Object.entries(intake)) {
        if (!known.has(q)) problems.push(t("errors:answers.unknownQuestion", { question: shown(q), questions: questions.join(", ") }));
        else if (!(INTAKE_ANSWERS as readonly string[]).includes(String(a))) problems.push(t("errors:answers.badIntakeAnswer", { question: shown(q), answer: shown(a) }));
      }
  }
  if (platforms !== undefined) {
    const known = new Set(checklists.map((c) => c.platform));
    const list = [...known].join(", ");
    if (!Array.isArray(platforms)) problems.push(t("errors:answers.platformsNotList", { platforms: list }));
    else for (const p of platforms) if (typeof p !== "string" || !known.has(p)) problems.push(t("errors:answers.unknownPlatform", { platform: shown(p), platforms: list }));
  }
  const ids = new Set(checklists.flatMap((c) => c.items.map((i) => i.id)));
  for (const [id, status] of Object.entries(items)) {
    if (!ids.has(id)) problems.push(t("errors:answers.unknownItem", { id: shown(id) }));
    else if (!isAnswer(status)) problems.push(t("errors:answers.unknownStatus", { id: shown(id), status: shown(status), answers: ANSWERS.join(", ") }));
    else answers.set(id, status);
  }
  if (problems.length > 0) {
    throw new InvalidInputError(
      t("errors:answers.problems", { file, count: problems.length }),
      problems,
    );
  }
  return { answers, intake: intake as IntakeAnswers | undefined, platforms: platforms as string[] | undefined };
}

export async function readAnswersFile(file: string, checklists: Checklist[], questions: string[] = []): Promise<AnswersFile> {
  const parsed = parseYamlDocument(file, await readTextInput(file, "answers file", MAX_DATA_FILE_BYTES));
  if (!parsed.ok) {
    throw new InvalidInputError(
      t("errors:answers.notYaml", { file, line: parsed.problems[0]!.line }),
      parsed.problems.map((p) => t("errors:lineProblem", { line: p.line, message: p.message })),
    );
  }
  return checkAnswers(parsed.data ?? {}, checklists, file, questions);
}
