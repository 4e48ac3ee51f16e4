import { describe, expect, it } from "vitest";
import { LANGUAGES, pluralCategories, readCatalogue, resolveLanguage, t, useLanguage, type Language } from "../../../src/i18n/index.js";

/** Every message of a language as "namespace:key.path" → text. */
function messages(lang: Language): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, key: string) => {
    if (typeof value === "string") out.set(key, value);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, key.endsWith(":") ? `${key}${k}` : `${key}.${k}`);
  };
  for (const [ns, tree] of Object.entries(readCatalogue(lang))) walk(tree, `${ns}:`);
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe("the message catalogue", () => {
  const english = messages("en");
  const englishBases = new Map<string, string>();
  for (const [key, text] of english) englishBases.set(key.replace(PLURAL, ""), text);

  for (const lang of LANGUAGES.filter((l) => l !== "en")) {
    const translated = messages(lang);
    const needed = pluralCategories(lang);

    it(`${lang} has every English message, with the plural forms its grammar needs`, () => {
      const missing: string[] = [];
      for (const key of english.keys()) {
        if (PLURAL.test(key)) {
          const base = key.replace(PLURAL, "");
          for (const category of needed) if (!translated.has(`${base}_${category}`)) missing.push(`${base}_${category}`);
        } else if (!translated.has(key)) missing.push(key);
      }
      expect([...new Set(missing)]).toEqual([]);
    });

    it(`${lang} has no message English lacks, and keeps every placeholder`, () => {
      const extra = [...translated.keys()].filter((key) => !englishBases.has(key.replace(PLURAL, "")));
      expect(extra).toEqual([]);
      const broken: string[] = [];
      for (const [key, text] of translated) {
        const source = english.get(key) ?? englishBases.get(key.replace(PLURAL, ""));
        if (source === undefined) continue;
        // A plural form may leave out {{count}} ("one item" written as a word), never add a new name.
        const want = placeholders(source).filter((p) => !(PLURAL.test(key) && p === "count"));
        const have = placeholders(text).filter((p) => !(PLURAL.test(key) && p === "count"));
        if (JSON.stringify([...new Set(want)]) !== JSON.stringify([...new Set(have)])) broken.push(`${key}: ${JSON.stringify(have)} but English has ${JSON.stringify(want)}`);
      }
      expect(broken).toEqual([]);
    });
  }

  it("picks Arabic's six plural forms and French's by CLDR rules", () => {
    useLanguage("ar");
    expect([0, 1, 2, 3, 11, 100].map((count) => t("common:items", { count }))).toEqual(["لا عناصر", "عنصر واحد", "عنصران", "3 عناصر", "11 عنصرًا", "100 عنصر"]);
    useLanguage("fr");
    expect([0, 1, 2, 1_000_000].map((count) => t("common:items", { count }))).toEqual(["0 élément", "1 élément", "2 éléments", "1000000 d’éléments"]);
    expect(pluralCategories("ar").sort()).toEqual(["few", "many", "one", "other", "two", "zero"]);
    expect(pluralCategories("fr")).toContain("many");
    useLanguage("en");
  });

  it("chooses the language from --lang, then the setting, then LC_ALL, LC_MESSAGES and LANG", () => {
    expect(resolveLanguage({ flag: "ar", setting: "fr", env: { LANG: "en_US.UTF-8" } })).toBe("ar");
    expect(resolveLanguage({ setting: "fr", env: { LANG: "ar_TN.UTF-8" } })).toBe("fr");
    expect(resolveLanguage({ env: { LC_ALL: "fr_BE.UTF-8", LANG: "ar_EG" } })).toBe("fr");
    expect(resolveLanguage({ env: { LC_MESSAGES: "ar_MA.UTF-8", LANG: "fr_FR" } })).toBe("ar");
    expect(resolveLanguage({ env: { LC_ALL: "C", LANG: "fr_FR.UTF-8" } })).toBe("en");
    expect(resolveLanguage({ env: { LANG: "de_DE.UTF-8" } })).toBe("en");
    expect(resolveLanguage({ env: {} })).toBe("en");
  });
});
