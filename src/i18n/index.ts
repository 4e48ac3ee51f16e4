/**
 * The message catalogue: every string a person reads comes from locales/<lang>/<namespace>.json,
 * through i18next (CLDR plural rules from Intl.PluralRules: Arabic has zero, one, two, few, many,
 * other). Messages take placeholders ({{name}}); sentences are never built from pieces.
 * Machine-read output (JSON field names, enum values, ids, exit codes) never goes through here.
 */
import { readdirSync, readFileSync } from "node:fs";
import i18next, { type i18n, type TOptions } from "i18next";

export const LANGUAGES = ["en", "fr", "ar"] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language => typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);

/** Languages written right to left. */
export const isRightToLeft = (lang: Language) => lang === "ar";

/** The language's own name, as a person who reads it would look for it in a list. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", fr: "Français", ar: "العربية" };

/**
 * The language of this run: --lang, then `harden config set lang`, then LC_ALL, LC_MESSAGES, LANG
 * (the first that is set decides, as POSIX says); English when none names a language harden has.
 */
export function resolveLanguage(from: { flag?: string; setting?: string; env: NodeJS.ProcessEnv }): Language {
  if (isLanguage(from.flag)) return from.flag;
  if (isLanguage(from.setting)) return from.setting;
  const locale = [from.env.LC_ALL, from.env.LC_MESSAGES, from.env.LANG].find((v) => v !== undefined && v !== "");
  const code = locale?.split(/[_.@-]/)[0]?.toLowerCase();
  return isLanguage(code) ? code : "en";
}

/** The folder of catalogues: locales/ at the package root (one level up from dist/, two from dist/bundle/). */
function localesDir(): URL {
  for (const up of ["../locales/", "../../locales/", "../../../locales/"]) {
    const dir = new URL(up, import.meta.url);
    try {
      readdirSync(dir);
      return dir;
    } catch {
      // Not at this level.
    }
  }
  throw new Error("harden's message catalogue (locales/) is missing from the installation");
}

/** Every namespace file of one language, read at once (they are small). */
export function readCatalogue(lang: Language, dir: URL = localesDir()): Record<string, Record<string, unknown>> {
  const folder = new URL(`${lang}/`, dir);
  const namespaces: Record<string, Record<string, unknown>> = {};
  for (const file of readdirSync(folder)) {
    if (!file.endsWith(".json")) continue;
    namespaces[file.slice(0, -".json".length)] = JSON.parse(readFileSync(new URL(file, folder), "utf8")) as Record<string, unknown>;
  }
  return namespaces;
}

let instance: i18n | undefined;
let current: Language = "en";
let folder: URL | undefined;
/** Namespaces already read, per language: each is read the first time one of its messages is asked for. */
const loaded = new Set<string>();

/** Reads one namespace of a language (and of English, beneath it) into the catalogue, once. */
function loadNamespace(ns: string): void {
  for (const lang of current === "en" ? ["en"] : [current, "en"]) {
    const id = `${lang}:${ns}`;
    if (loaded.has(id)) continue;
    loaded.add(id);
    let messages: Record<string, unknown>;
    try {
      messages = JSON.parse(readFileSync(new URL(`${lang}/${ns}.json`, (folder ??= localesDir())), "utf8")) as Record<string, unknown>;
    } catch (error) {
      // A namespace English lacks is a programming error; one a translation lacks falls back to English.
      if (lang === "en" && (error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      continue;
    }
    // Read once into a new bundle: nothing to merge into, and the object is ours (no copy).
    instance!.addResourceBundle(lang, ns, messages, false, true, { silent: false, skipCopy: true });
  }
}

/**
 * Sets the language of the run. Catalogues are read a namespace at a time, when a message of it is
 * first asked for, so `harden --help` reads only the command layer's words.
 */
export function useLanguage(lang: Language): void {
  instance = i18next.createInstance();
  loaded.clear();
  void instance.init({
    lng: lang,
    fallbackLng: "en",
    resources: {},
    partialBundledLanguages: true,
    ns: [],
    defaultNS: "common",
    nsSeparator: ":",
    keySeparator: ".",
    initAsync: false,
    // Renderers escape for their own format (terminal, Markdown, HTML): the catalogue does not.
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  current = lang;
}

export const currentLanguage = (): Language => current;

/**
 * One message: `t("audit:step.header", { n: 1, total: 23 })`. A `count` option picks the plural
 * form by the language's CLDR rules (keys ending _zero, _one, _two, _few, _many, _other).
 */
export function t(key: string, options?: TOptions): string {
  if (!instance) useLanguage("en");
  const colon = key.indexOf(":");
  loadNamespace(colon > 0 ? key.slice(0, colon) : "common");
  return instance!.t(key, options ?? {}) as string;
}

/** The plural categories a language's catalogue must give for a message with a count. */
export const pluralCategories = (lang: Language): string[] => new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
