/**
 * Reading grade of English text by the Flesch-Kincaid formula (wooorm's flesch-kincaid and
 * syllable packages). Items' `why` and `steps` should read at grade 8 or below, `help` at 10.
 */
import { fleschKincaid } from "flesch-kincaid";
import { syllable } from "syllable";

export const MAX_GRADE = { whyAndSteps: 8, help: 10 } as const;

const WORD = /[A-Za-z0-9][A-Za-z0-9'’-]*/g;

export function readingGrade(text: string): number {
  const sentences = text.split(/[.!?]+(?=\s|$)/).filter((s) => /[A-Za-z]/.test(s)).length || 1;
  const words = text.match(WORD) ?? [];
  if (words.length === 0) return 0;
  const syllables = words.reduce((n, w) => n + syllable(w), 0);
  return fleschKincaid({ sentence: sentences, word: words.length, syllable: syllables });
}

/** An item's why and steps read as one text; a step without an end mark counts as a sentence. */
export const whyAndStepsText = (item: { why: string; steps: string[] }) =>
  [item.why, ...item.steps.map((s) => (/[.!?]["”)]?$/.test(s.trim()) ? s : `${s}.`))].join(" ");
