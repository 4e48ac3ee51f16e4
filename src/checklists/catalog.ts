/** The checklists a run works with: the built-in ones (from the build's bundle when it is current), with a trainer's folders laid over them. */
import { mergeChecklists, summarizeChecklist, type Checklist, type ChecklistSummary } from "../core/checklist.js";
import { applyTranslations, type ChecklistTranslation } from "../core/translation.js";
import type { Language } from "../i18n/index.js";
import { readBundle, readIndex, readTranslationsBundle } from "./bundle.js";
import { BUILT_IN_DIR } from "./files.js";

async function builtIn(): Promise<Checklist[]> {
  const bundled = readBundle(BUILT_IN_DIR);
  if (bundled) return bundled;
  const { loadFolder } = await import("./loader.js");
  return loadFolder(BUILT_IN_DIR);
}

/** The built-in translations of a language: from the build's bundle when it is current. */
async function builtInTranslations(lang: Language): Promise<ChecklistTranslation[]> {
  const bundled = readTranslationsBundle(BUILT_IN_DIR, lang);
  if (bundled) return bundled;
  const { loadTranslations } = await import("./translations.js");
  return (await loadTranslations([BUILT_IN_DIR], lang)).map((l) => l.translation);
}

export async function loadChecklists(options: { extraDirs?: Array<string | undefined>; lang?: Language } = {}): Promise<Checklist[]> {
  let lists = await builtIn();
  const extra = (options.extraDirs ?? []).filter((d): d is string => Boolean(d));
  if (extra.length > 0) {
    const { loadFolder } = await import("./loader.js");
    for (const dir of extra) lists = mergeChecklists(lists, await loadFolder(dir));
  }
  const lang = options.lang ?? "en";
  if (lang === "en") return lists;
  let translations = await builtInTranslations(lang);
  if (extra.length > 0) {
    // A trainer's folder may translate its own checklists in its i18n/LANG/ folder.
    const { loadTranslations } = await import("./translations.js");
    const theirs = (await loadTranslations(extra, lang)).map((l) => l.translation);
    const replaced = new Set(theirs.map((t) => t.platform));
    translations = [...translations.filter((t) => !replaced.has(t.platform)), ...theirs];
  }
  return applyTranslations(lists, translations, lang);
}

/** The list of checklists for `harden list`: from the build's index when nothing is laid over it. */
export async function listChecklists(options: { extraDirs?: Array<string | undefined>; lang?: Language } = {}): Promise<ChecklistSummary[]> {
  const indexed = (options.extraDirs ?? []).some(Boolean) || (options.lang ?? "en") !== "en" ? undefined : readIndex(BUILT_IN_DIR);
  return indexed ?? (await loadChecklists(options)).map(summarizeChecklist);
}
