/** Reads a clinic's answers file: JSON or YAML mapping item ids to done / later / not-applicable. */
import YAML from "yaml";
import { findItem, type Checklist } from "../core/checklist.js";
import { ANSWERS, isAnswer, type Answer } from "../core/progress.js";
import { InvalidInputError, UsageError } from "../errors.js";
import { readTextInput } from "../input/readText.js";
import { sanitizeLine } from "../output/sanitize.js";

/** Checks every id and status against the checklists; names everything that is wrong at once. */
export function checkAnswers(raw: unknown, checklists: Checklist[], file: string): Map<string, Answer> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new UsageError(`${file}: the answers file must map item ids to ${ANSWERS.join(", ")}, for example "facebook.two-factor: done".`);
  }
  const unknownIds: string[] = [];
  const badStatuses: string[] = [];
  const answers = new Map<string, Answer>();
  for (const [id, status] of Object.entries(raw)) {
    if (!findItem(checklists, id)) unknownIds.push(sanitizeLine(id));
    else if (!isAnswer(status)) badStatuses.push(`${sanitizeLine(id)}: ${sanitizeLine(String(status))}`);
    else answers.set(id, status);
  }
  const problems = [
    unknownIds.length && `unknown item id${unknownIds.length > 1 ? "s" : ""}: ${unknownIds.join(", ")} (see harden checklist show PLATFORM --format json)`,
    badStatuses.length && `unknown status${badStatuses.length > 1 ? "es" : ""}: ${badStatuses.join("; ")} (use ${ANSWERS.join(", ")})`,
  ].filter(Boolean);
  if (problems.length > 0) throw new UsageError(`${file}: ${problems.join("; ")}.`);
  return answers;
}

export async function readAnswersFile(file: string, checklists: Checklist[]): Promise<Map<string, Answer>> {
  const text = await readTextInput(file, "the answers file");
  let raw: unknown;
  try {
    raw = YAML.parse(text, { uniqueKeys: true });
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new InvalidInputError(`${file}${line ? `:${line}` : ""}: the answers file is neither JSON nor YAML.`);
  }
  return checkAnswers(raw ?? {}, checklists, file);
}
