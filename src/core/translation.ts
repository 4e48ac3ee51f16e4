/**
 * Translations of checklist items. Each translated item records which version of the English item
 * it was made from: a hash of the English words a person reads. When the English changes, the hash
 * no longer matches, the translation is stale, and the English is shown instead (with a note).
 * No I/O here.
 */
import { createHash } from "node:crypto";
import type { ChecklistItem } from "./checklist.js";

/** The fields of an item a person reads, in the order they are hashed and translated. */
export const TRANSLATED_FIELDS = ["title", "why", "path", "steps", "notice", "help"] as const;
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];

/** A short, stable fingerprint of any JSON value (12 hex characters of SHA-256). */
export function textHash(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12);
}

/** The version of an English item a translation is made from. */
export const itemHash = (item: Pick<ChecklistItem, TranslatedField>): string => textHash(TRANSLATED_FIELDS.map((field) => item[field] ?? null));

/** The version of a checklist's own name and description. */
export const checklistHash = (checklist: { name: string; description?: string }): string => textHash([checklist.name, checklist.description ?? null]);
