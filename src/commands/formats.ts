/** --format values, checked the same way by every command that takes one. */
import { UsageError } from "../errors.js";
import { DOC_FORMATS, type DocFormat } from "../output/results.js";

/** A --format value among `allowed` (case-insensitive, "markdown" meaning md), or `fallback` when none was given. */
export function parseFormat<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  const format = (value ?? fallback).toLowerCase();
  const named = format === "markdown" ? "md" : format;
  if (!(allowed as readonly string[]).includes(named)) throw new UsageError(`--format must be one of: ${allowed.join(", ")} (got "${value}").`);
  return named as T;
}

export const parseDocFormat = (value: string | undefined): DocFormat => parseFormat(value, DOC_FORMATS, "text");
