/** --format values, checked the same way by every command that takes one. */
import { UsageError } from "../errors.js";
import { DOC_FORMATS, PAPER_SIZES, type DocFormat, type Paper } from "../output/results.js";
import { t } from "../i18n/index.js";

/** A --format value among `allowed` (case-insensitive, "markdown" meaning md), or `fallback` when none was given. */
export function parseFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  const format = (value ?? fallback).toLowerCase();
  const named = format === "markdown" ? "md" : format;
  if (!(allowed as readonly string[]).includes(named)) throw new UsageError(t("errors:format.format", { formats: allowed.join(", "), value }));
  return named as T;
}

export const parseDocFormat = (value: string | undefined): DocFormat => parseFormat(value, DOC_FORMATS, "text");

/** A --paper value (a4 or letter, case-insensitive); a4 when none was given. */
export function parsePaper(value: string | undefined): Paper {
  const paper = (value ?? "a4").toLowerCase();
  if (!(PAPER_SIZES as readonly string[]).includes(paper)) throw new UsageError(t("errors:format.paper", { value }));
  return paper as Paper;
}
