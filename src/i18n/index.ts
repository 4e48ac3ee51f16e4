/**
 * The message catalogue: every string a person reads comes from locales/<lang>/<namespace>.json,
 * read as i18next reads it (CLDR plural rules from Intl.PluralRules: Arabic has zero, one, two,
 * few, many, other): most messages by a plain look-up that gives exactly i18next's answer, the
 * rest by i18next itself (see t()). Messages take placeholders ({{name}}); sentences are never
 * built from pieces.
 * Machine-read output (JSON field names, enum values, ids, exit codes) never goes through here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { i18n, TOptions } from "i18next";

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
/** The catalogues read so far, by language and namespace: the same objects i18next is given. */
const bundles = new Map<string, Record<string, unknown>>();

/** Reads one namespace of a language (and of English, beneath it), once. */
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
    bundles.set(id, messages);
    // Read once into a new bundle: nothing to merge into, and the object is ours (no copy).
    instance?.addResourceBundle(lang, ns, messages, false, true, { silent: false, skipCopy: true });
  }
}

/** How harden sets i18next up (tests/unit/i18n/lookup.test.ts sets up its reference the same way). */
export const libraryOptions = (lng: Language): Parameters<i18n["init"]>[0] =>
  ({
    lng,
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
  }) as Parameters<i18n["init"]>[0];

/**
 * i18next itself, made the first time a message needs more than a look-up (a plural, a context, a
 * key it must search for): most runs never need it, and loading it costs a short command a
 * quarter of its start-up. It is given every namespace read so far.
 */
function library(): i18n {
  if (instance) return instance;
  const i18next = createRequire(import.meta.url)("i18next") as typeof import("i18next").default;
  instance = i18next.createInstance();
  void instance.init(libraryOptions(current));
  for (const [id, messages] of bundles) {
    const colon = id.indexOf(":");
    instance.addResourceBundle(id.slice(0, colon), id.slice(colon + 1), messages, false, true, { silent: false, skipCopy: true });
  }
  return instance;
}

/**
 * Sets the language of the run. Catalogues are read a namespace at a time, when a message of it is
 * first asked for, so `harden --help` reads only the command layer's words. `catalogue` is another
 * locales folder, for tests.
 */
export function useLanguage(lang: Language, catalogue?: URL): void {
  instance = undefined;
  loaded.clear();
  bundles.clear();
  templates.clear();
  current = lang;
  folder = catalogue;
}

export const currentLanguage = (): Language => current;

/** Options i18next reads itself rather than as placeholder values: a message with any of them goes to i18next. */
const LIBRARY_OPTIONS = new Set(["context", "ordinal", "lng", "lngs", "fallbackLng", "ns", "returnObjects", "returnDetails", "joinArrays", "replace", "interpolation", "postProcess", "keyPrefix", "skipInterpolation", "nsSeparator", "keySeparator"]);
/** A placeholder the look-up fills itself: {{name}}, nothing nested, formatted or unescaped. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$]*)\s*\}\}/g;
/** CLDR plural rules by language, as i18next makes them. */
const pluralRules = new Map<string, Intl.PluralRules>();

/** The message at a dotted path of one catalogue, when a string is there (i18next skips an empty one). */
function messageAt(messages: Record<string, unknown> | undefined, path: string): string | undefined {
  let node: unknown = messages;
  let from = 0;
  while (node !== undefined && node !== null && typeof node === "object") {
    const dot = path.indexOf(".", from);
    node = (node as Record<string, unknown>)[dot < 0 ? path.slice(from) : path.slice(from, dot)];
    if (dot < 0) return typeof node === "string" && node !== "" ? node : undefined;
    from = dot + 1;
  }
  return undefined;
}

/** A message cut at its placeholders: text, name, text, ..., text. Null: only i18next can read it. */
type Template = { readonly parts: readonly string[]; readonly names: readonly string[] } | null;

function compile(message: string | undefined): Template {
  if (message === undefined || message.includes("$t(")) return null;
  if (!message.includes("{{")) return { parts: [message], names: [] };
  const parts: string[] = [];
  const names: string[] = [];
  let from = 0;
  for (const match of message.matchAll(PLACEHOLDER)) {
    parts.push(message.slice(from, match.index));
    names.push(match[1]!);
    from = match.index + match[0].length;
  }
  parts.push(message.slice(from));
  // Any other {{...}} (a format, a nested path, {{- unescaped}}) is i18next's.
  return parts.some((part) => part.includes("{{")) ? null : { parts, names };
}

/** "ns:path.to.message" (or "path.to.message" in common) as its namespace and path. */
function splitKey(key: string): { ns: string; path: string } {
  const colon = key.indexOf(":");
  return colon > 0 ? { ns: key.slice(0, colon), path: key.slice(colon + 1) } : { ns: "common", path: key };
}

/** The templates found so far in this run's language, by key (and plural categories). */
const templates = new Map<string, Template>();

const rulesFor = (lang: string) => {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules;
};

/**
 * The template of a message, as i18next would find it: in the run's language, then in English,
 * the first of key_zero (a count of 0), key_<CLDR category of the count> and key that is there.
 */
function templateOf(key: string, count: number | undefined): Template {
  const categories = count === undefined ? "" : `${count === 0 ? "0" : ""}:${rulesFor(current).select(count)}:${current === "en" ? "" : rulesFor("en").select(count)}`;
  const id = categories === "" ? key : `${key}\u0000${categories}`;
  const known = templates.get(id);
  if (known !== undefined) return known;
  const { ns, path } = splitKey(key);
  loadNamespace(ns);
  let message: string | undefined;
  for (const lang of current === "en" ? ["en"] : [current, "en"]) {
    const messages = bundles.get(`${lang}:${ns}`);
    if (count !== undefined) message = (count === 0 ? messageAt(messages, `${path}_zero`) : undefined) ?? messageAt(messages, `${path}_${rulesFor(lang).select(count)}`);
    message ??= messageAt(messages, path);
    if (message !== undefined) break;
  }
  const template = compile(message);
  templates.set(id, template);
  return template;
}

/**
 * A message found by a plain look-up, as i18next would give it, {{name}} filled from the options.
 * Undefined whenever i18next's own rules could give anything else (contexts, ordinals, nesting,
 * formats, a missing placeholder, a key not at its path): then i18next answers.
 * tests/unit/i18n/lookup.test.ts reads every message both ways.
 */
function lookUp(key: string, options: TOptions | undefined): string | undefined {
  let count: number | undefined;
  if (options) {
    for (const name in options) {
      const value = (options as Record<string, unknown>)[name];
      if (LIBRARY_OPTIONS.has(name) || name.startsWith("defaultValue") || (typeof value !== "string" && typeof value !== "number")) return undefined;
    }
    if (Object.hasOwn(options, "count")) {
      if (typeof options.count !== "number") return undefined;
      count = options.count;
    }
  }
  const template = templateOf(key, count);
  if (template === null) return undefined;
  const { parts, names } = template;
  let text = parts[0]!;
  for (let i = 0; i < names.length; i++) {
    const value = options && Object.hasOwn(options, names[i]!) ? (options as Record<string, unknown>)[names[i]!] : undefined;
    if (value === undefined) return undefined;
    text += String(value) + parts[i + 1]!;
  }
  return text;
}

/**
 * One message: `t("audit:step.header", { n: 1, total: 23 })`. A `count` option picks the plural
 * form by the language's CLDR rules (keys ending _zero, _one, _two, _few, _many, _other).
 */
export function t(key: string, options?: TOptions): string {
  const found = lookUp(key, options);
  if (found !== undefined) return found;
  // i18next is given the namespace too: lookUp stops before reading it when an option is i18next's.
  loadNamespace(splitKey(key).ns);
  return library().t(key, options ?? {}) as string;
}

/** The plural categories a language's catalogue must give for a message with a count. */
export const pluralCategories = (lang: Language): string[] => new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
