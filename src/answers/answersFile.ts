/**
 * Reads a clinic's answers file: JSON or YAML mapping item ids to done / later /
 * not-applicable, and optionally `intake:` (question id -> yes / no / unsure) and
 * `platforms:` (the accounts to plan for).
 */
import { isRecord } from "../core/records.js";
import YAML from "yaml";
import { findItem, type Checklist } from "../core/checklist.js";
import { INTAKE_ANSWERS, type IntakeAnswers } from "../core/plan.js";
import { ANSWERS, isAnswer, type Answer } from "../core/progress.js";
import { InvalidInputError, UsageError } from "../errors.js";
import { readTextInput } from "../input/readText.js";
import { sanitizeLine } from "../output/sanitize.js";

export interface AnswersFile {
  answers: Map<string, Answer>;
  intake?: IntakeAnswers;
  platforms?: string[];
}


/** Checks every id, status, intake answer and platform; names everything that is wrong at once. */
export function checkAnswers(raw: unknown, checklists: Checklist[], file: string, questions: string[] = []): AnswersFile {
  if (!isRecord(raw)) {
    throw new UsageError(`${file}: the answers file must map item ids to ${ANSWERS.join(", ")}, for example "facebook.two-factor: done".`);
  }
  const unknownIds: string[] = [];
  const badStatuses: string[] = [];
  const answers = new Map<string, Answer>();
  const { intake, platforms, ...items } = raw;
  const intakeProblems: string[] = [];
  if (intake !== undefined) {
    if (!isRecord(intake)) intakeProblems.push("intake must map question ids to yes, no or unsure");
    else
      for (const [q, a] of Object.entries(intake)) {
        if (!questions.includes(q)) intakeProblems.push(`unknown intake question: ${sanitizeLine(q)} (questions: ${questions.join(", ")})`);
        else if (!(INTAKE_ANSWERS as readonly string[]).includes(String(a))) intakeProblems.push(`intake ${sanitizeLine(q)}: ${sanitizeLine(String(a))} (use yes, no or unsure)`);
      }
  }
  if (platforms !== undefined) {
    const known = checklists.map((c) => c.platform).join(", ");
    if (!Array.isArray(platforms)) intakeProblems.push(`platforms must be a list of checklist ids (${known})`);
    else {
      const unknownPlatforms = platforms.filter((p) => typeof p !== "string" || !checklists.some((c) => c.platform === p));
      if (unknownPlatforms.length > 0) intakeProblems.push(`unknown platform${unknownPlatforms.length > 1 ? "s" : ""}: ${unknownPlatforms.map((p) => sanitizeLine(String(p))).join(", ")} (platforms: ${known})`);
    }
  }
  for (const [id, status] of Object.entries(items)) {
    if (!findItem(checklists, id)) unknownIds.push(sanitizeLine(id));
    else if (!isAnswer(status)) badStatuses.push(`${sanitizeLine(id)}: ${sanitizeLine(String(status))}`);
    else answers.set(id, status);
  }
  const problems = [
    ...intakeProblems,
    unknownIds.length && `unknown item id${unknownIds.length > 1 ? "s" : ""}: ${unknownIds.join(", ")} (see harden checklist show PLATFORM --format json)`,
    badStatuses.length && `unknown status${badStatuses.length > 1 ? "es" : ""}: ${badStatuses.join("; ")} (use ${ANSWERS.join(", ")})`,
  ].filter(Boolean);
  if (problems.length > 0) throw new UsageError(`${file}: ${problems.join("; ")}.`);
  return { answers, intake: intake as IntakeAnswers | undefined, platforms: platforms as string[] | undefined };
}

export async function readAnswersFile(file: string, checklists: Checklist[], questions: string[] = []): Promise<AnswersFile> {
  const text = await readTextInput(file, "the answers file");
  let raw: unknown;
  try {
    raw = YAML.parse(text, { uniqueKeys: true });
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new InvalidInputError(`${file}${line ? `:${line}` : ""}: the answers file is neither JSON nor YAML.`);
  }
  return checkAnswers(raw ?? {}, checklists, file, questions);
}
