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
    throw new UsageError(`${file}: the answers file must map item ids to ${ANSWERS.join(", ")}, for example "facebook.two-factor: done".`);
  }
  const shown = (value: unknown) => sanitizeLine(clip(String(value)));
  const problems: string[] = [];
  const answers = new Map<string, Answer>();
  const { intake, platforms, ...items } = raw;
  if (intake !== undefined) {
    const known = new Set(questions);
    if (!isRecord(intake)) problems.push("intake must map question ids to yes, no or unsure");
    else
      for (const [q, a] of Object.entries(intake)) {
        if (!known.has(q)) problems.push(`unknown intake question: ${shown(q)} (questions: ${questions.join(", ")})`);
        else if (!(INTAKE_ANSWERS as readonly string[]).includes(String(a))) problems.push(`intake ${shown(q)}: ${shown(a)} (use yes, no or unsure)`);
      }
  }
  if (platforms !== undefined) {
    const known = new Set(checklists.map((c) => c.platform));
    const list = [...known].join(", ");
    if (!Array.isArray(platforms)) problems.push(`platforms must be a list of checklist ids (${list})`);
    else for (const p of platforms) if (typeof p !== "string" || !known.has(p)) problems.push(`unknown platform: ${shown(p)} (platforms: ${list})`);
  }
  const ids = new Set(checklists.flatMap((c) => c.items.map((i) => i.id)));
  for (const [id, status] of Object.entries(items)) {
    if (!ids.has(id)) problems.push(`unknown item id: ${shown(id)}`);
    else if (!isAnswer(status)) problems.push(`unknown status: ${shown(id)}: ${shown(status)} (use ${ANSWERS.join(", ")})`);
    else answers.set(id, status);
  }
  if (problems.length > 0) {
    throw new InvalidInputError(
      `${file}: the answers file has ${problems.length} problem${problems.length === 1 ? "" : "s"} (item ids are listed by harden checklist show PLATFORM --format json):`,
      problems,
    );
  }
  return { answers, intake: intake as IntakeAnswers | undefined, platforms: platforms as string[] | undefined };
}

export async function readAnswersFile(file: string, checklists: Checklist[], questions: string[] = []): Promise<AnswersFile> {
  const parsed = parseYamlDocument(file, await readTextInput(file, "answers file", MAX_DATA_FILE_BYTES));
  if (!parsed.ok) {
    throw new InvalidInputError(`${file}:${parsed.problems[0]!.line}: the answers file is not valid JSON or YAML:`, parsed.problems.map((p) => `line ${p.line}: ${p.message}`));
  }
  return checkAnswers(parsed.data ?? {}, checklists, file, questions);
}
