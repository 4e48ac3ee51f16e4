/**
 * Translations of checklist items. Each translated item records which version of the English item
 * it was made from: a hash of the English words a person reads. When the English changes, the hash
 * no longer matches, the translation is stale, and the English is shown instead (with a note).
 * No I/O here.
 */
import type { Checklist, ChecklistItem } from "./checklist.js";

/** The fields of an item a person reads, in the order they are hashed and translated. */
export const TRANSLATED_FIELDS = ["title", "why", "path", "steps", "notice", "help"] as const;
export type TranslatedField = (typeof TRANSLATED_FIELDS)[number];

/** A short, stable fingerprint of any JSON value (12 hex characters of SHA-256). */
export function textHash(value: unknown): string {
  // node:crypto is read when first used (it costs a start-up several milliseconds): `harden list`
  // in English never hashes.
  const { createHash } = process.getBuiltinModule("node:crypto");
  return createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12);
}

/** The version of an English item a translation is made from. */
export const itemHash = (item: Pick<ChecklistItem, TranslatedField>): string => textHash(TRANSLATED_FIELDS.map((field) => item[field] ?? null));

/** The version of a checklist's own name and description. */
export const checklistHash = (checklist: { name: string; description?: string }): string => textHash([checklist.name, checklist.description ?? null]);

/** One item of a translation file: the English item's id, the version it was made from, and the words. */
export interface TranslatedItem extends Pick<ChecklistItem, "id" | "title" | "why" | "path" | "steps" | "notice" | "help"> {
  from: string;
}

/** checklists/i18n/LANG/PLATFORM.yaml. */
export interface ChecklistTranslation {
  lang: string;
  platform: string;
  from?: string;
  name?: string;
  description?: string;
  items: TranslatedItem[];
}

/**
 * A checklist in another language: each item whose translation was made from its current English
 * takes the translated words; any other item keeps its English and says why (`inEnglish`).
 */
export function translateChecklist(english: Checklist, translation: ChecklistTranslation | undefined): Checklist {
  const byId = new Map((translation?.items ?? []).map((item) => [item.id, item]));
  const items = english.items.map((item): ChecklistItem => {
    const translated = byId.get(item.id);
    if (!translated) return { ...item, inEnglish: "missing" };
    if (translated.from !== itemHash(item)) return { ...item, inEnglish: "stale" };
    const { id: _id, from: _from, ...words } = translated;
    return { ...item, ...words, englishSteps: item.steps };
  });
  const namesCurrent = translation?.from !== undefined && translation.from === checklistHash(english);
  return {
    ...english,
    ...(namesCurrent && translation?.name ? { name: translation.name } : {}),
    ...(namesCurrent && translation?.description ? { description: translation.description } : {}),
    items,
  };
}

/** What is wrong with a translation, measured against the English it translates. */
export interface TranslationIssue {
  /** The path of the field in the translation file (for its line), or undefined for the whole file. */
  at?: Array<string | number>;
  field: string;
  message: string;
}

const links = (value: unknown): string[] => (JSON.stringify(value ?? "").match(/https?:\/\/[^\s"'<>)\]]+/g) ?? []).map((u) => u.replace(/[.,;:]+$/, "")).sort();

/**
 * Every problem of a translation: an item that is stale (its English changed since), missing,
 * unknown, still in English, or that lost a step, a field or a link of the English.
 */
export function translationIssues(english: Checklist, translation: ChecklistTranslation): TranslationIssue[] {
  const issues: TranslationIssue[] = [];
  const englishById = new Map(english.items.map((item) => [item.id, item]));
  if (translation.from !== checklistHash(english)) {
    issues.push({ at: ["from"], field: "from", message: `is stale: the English name or description changed; translate them again and set from: ${checklistHash(english)}` });
  } else if (translation.name === english.name && /\s/.test(english.name)) {
    // A one-word name (Signal, Reddit) is the same in every language.
    issues.push({ at: ["name"], field: "name", message: "is the English name: translate it" });
  }
  const seen = new Set<string>();
  translation.items.forEach((item, index) => {
    const at = (field: string): TranslationIssue["at"] => ["items", index, field];
    const field = (name: string) => `items[${index}].${name}`;
    const source = englishById.get(item.id);
    if (!source) {
      issues.push({ at: at("id"), field: field("id"), message: `"${item.id}" is not an item of the English checklist ${english.platform}` });
      return;
    }
    seen.add(item.id);
    const hash = itemHash(source);
    if (item.from !== hash) {
      issues.push({ at: at("from"), field: field("from"), message: `is stale: the English item ${item.id} changed after this was translated; translate it again and set from: ${hash}` });
      return;
    }
    const words = (text: string) => text.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w)).length;
    for (const name of ["title", "why", "notice", "help"] as const) {
      const text = item[name];
      if (text !== undefined && text === source[name] && (name === "title" || words(text) >= 3)) issues.push({ at: at(name), field: field(name), message: "is the English text: translate it" });
    }
    item.steps.forEach((step, i) => {
      if (step === source.steps[i] && words(step) >= 3) issues.push({ at: ["items", index, "steps", i], field: `${field("steps")}[${i}]`, message: "is the English text: translate it" });
    });
    if (item.steps.length !== source.steps.length) {
      issues.push({ at: at("steps"), field: field("steps"), message: `has a different number of steps (${item.steps.length}) from the English (${source.steps.length})` });
    }
    for (const name of ["notice", "help"] as const) {
      if ((item[name] === undefined) !== (source[name] === undefined)) {
        issues.push({ at: at(item[name] === undefined ? "id" : name), field: field(name), message: source[name] === undefined ? "is not in the English item: leave it out" : "is missing: the English item has one" });
      }
    }
    const surfaces = (p: ChecklistItem["path"]) => (typeof p === "string" ? "" : Object.keys(p).sort().join(","));
    if (surfaces(item.path) !== surfaces(source.path)) {
      issues.push({ at: at("path"), field: field("path"), message: `must give the same places as the English (${surfaces(source.path) || "one text"})` });
    }
    const lost = links([source.why, source.steps, source.notice, source.help]).filter((u) => !links([item.why, item.steps, item.notice, item.help]).includes(u));
    if (lost.length > 0) issues.push({ at: at("id"), field: field("id"), message: `lost the English item's link ${lost[0]}: keep every address as it is` });
  });
  for (const item of english.items) {
    if (!seen.has(item.id)) issues.push({ at: ["items"], field: "items", message: `has no translation of ${item.id}` });
  }
  return issues;
}

/**
 * The checklists in `lang`. A later folder's translation of a platform replaces an earlier one's;
 * items without a current translation stay in English and say so.
 */
export function applyTranslations(checklists: Checklist[], translations: ChecklistTranslation[], lang: string): Checklist[] {
  if (lang === "en") return checklists;
  const byPlatform = new Map(translations.map((t) => [t.platform, t]));
  return checklists.map((checklist) => translateChecklist(checklist, byPlatform.get(checklist.platform)));
}
