/**
 * The built-in checklists, validated once at build time and kept as one JSON file, so that
 * `harden list` need not load a YAML parser and a schema compiler on every start. The bundle
 * is used only while every checklist file still has the size and time it had at build.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { summarizeChecklist, type Checklist, type ChecklistSummary } from "../core/checklist.js";
import type { ChecklistTranslation } from "../core/translation.js";
import { isChecklistName } from "./files.js";

export const BUNDLE_FILE = fileURLToPath(new URL("../checklists.bundle.json", import.meta.url));
/** Just what `harden list` shows, so listing does not parse every item. */
export const INDEX_FILE = fileURLToPath(new URL("../checklists.index.json", import.meta.url));

/**
 * Names, sizes and modification times of a folder's checklist files (and its schema). Read
 * synchronously: a start-up path of twenty tiny calls, where thread-pool round trips cost more.
 */
export function fingerprint(dir: string): string {
  return filesFingerprint([...checklistFilesIn(dir), path.join(dir, "schema.json")]);
}

/** Each file's name, size and modification time (a missing one as -1). */
function filesFingerprint(files: string[]): string {
  return JSON.stringify(
    files.map((f) => {
      try {
        const s = statSync(f);
        return [f, s.size, s.mtimeMs];
      } catch {
        return [f, -1, -1];
      }
    }),
  );
}

function checklistFilesIn(dir: string): string[] {
  return readdirSync(dir).filter(isChecklistName).sort().map((n) => path.join(dir, n));
}

/** The bundle's contents while it matches the files in `dir`; undefined when it is stale or missing. */
function readCurrent<T>(file: string, dir: string): T | undefined {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as { fingerprint?: string; content?: T } | null;
    return data?.fingerprint === fingerprint(dir) ? data.content : undefined;
  } catch {
    return undefined;
  }
}

export const readBundle = (dir: string) => readCurrent<Checklist[]>(BUNDLE_FILE, dir);

/** The built-in translations, every language, validated at build: read only when a run is in another language. */
export const TRANSLATIONS_BUNDLE_FILE = fileURLToPath(new URL("../checklists.i18n.json", import.meta.url));

/** The translation files of a folder (every language) and their schema, as fingerprint() does for checklists. */
function translationsFingerprint(dir: string): string {
  const files: string[] = [path.join(dir, "i18n", "schema.json")];
  try {
    for (const lang of readdirSync(path.join(dir, "i18n")).sort()) {
      try {
        for (const name of readdirSync(path.join(dir, "i18n", lang)).sort()) if (/\.(ya?ml|json)$/i.test(name)) files.push(path.join(dir, "i18n", lang, name));
      } catch {
        // Not a folder.
      }
    }
  } catch {
    // No translations.
  }
  return filesFingerprint(files);
}

/** The bundled translations of one language while they match the files; undefined when stale or missing. */
export function readTranslationsBundle(dir: string, lang: string): ChecklistTranslation[] | undefined {
  try {
    const data = JSON.parse(readFileSync(TRANSLATIONS_BUNDLE_FILE, "utf8")) as { fingerprint?: string; content?: Record<string, ChecklistTranslation[]> } | null;
    return data?.fingerprint === translationsFingerprint(dir) ? (data.content?.[lang] ?? []) : undefined;
  } catch {
    return undefined;
  }
}

export async function writeTranslationsBundle(dir: string, translations: Record<string, ChecklistTranslation[]>): Promise<void> {
  await writeFile(TRANSLATIONS_BUNDLE_FILE, JSON.stringify({ fingerprint: translationsFingerprint(dir), content: translations }));
}
export const readIndex = (dir: string) => readCurrent<ChecklistSummary[]>(INDEX_FILE, dir);

export async function writeBundle(dir: string, checklists: Checklist[]): Promise<void> {
  const print = fingerprint(dir);
  await writeFile(BUNDLE_FILE, JSON.stringify({ fingerprint: print, content: checklists }));
  await writeFile(INDEX_FILE, JSON.stringify({ fingerprint: print, content: checklists.map(summarizeChecklist) }));
}
