import { describe, expect, it } from "vitest";
import { LANGUAGES, pluralCategories, resolveLanguage, t, useLanguage } from "../../../src/i18n/index.js";
import { catalogueMessages } from "../../helpers/english.js";

const messages = catalogueMessages;

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

    it(`${lang} gives a counted message exactly the plural forms its grammar needs, no others`, () => {
      const wrong: string[] = [];
      const bases = new Map<string, Set<string>>();
      for (const key of translated.keys()) {
        const form = PLURAL.exec(key)?.[1];
        if (form) (bases.get(key.replace(PLURAL, "")) ?? bases.set(key.replace(PLURAL, ""), new Set()).get(key.replace(PLURAL, ""))!).add(form);
      }
      for (const [base, forms] of bases) {
        if (!english.has(`${base}_other`)) continue; // not a counted message in English (see the test below)
        const have = [...forms].sort().join(",");
        if (have !== [...needed].sort().join(",")) wrong.push(`${base}: has ${have}, needs ${[...needed].sort().join(",")}`);
      }
      expect(wrong).toEqual([]);
    });

    it(`${lang} has no message English lacks, and keeps every placeholder`, () => {
      // errors:yaml.* words the YAML parser's errors in French and Arabic; English shows the yaml library's own words.
      const extra = [...translated.keys()].filter((key) => !englishBases.has(key.replace(PLURAL, "")) && !key.startsWith("errors:yaml."));
      expect(extra).toEqual([]);
      const broken: string[] = [];
      for (const [key, text] of translated) {
        const source = english.get(key) ?? englishBases.get(key.replace(PLURAL, ""));
        if (source === undefined) continue;
        // A plural form may leave a number out ("one item", "two items" written as words), never add a name.
        const want = [...new Set(placeholders(source))];
        const have = [...new Set(placeholders(text))];
        const same = PLURAL.test(key) ? have.every((p) => want.includes(p)) : JSON.stringify(want) === JSON.stringify(have);
        if (!same) broken.push(`${key}: ${JSON.stringify(have)} but English has ${JSON.stringify(want)}`);
      }
      expect(broken).toEqual([]);
    });
  }

  it("has messages in every namespace the command layer and the reports use", () => {
    for (const ns of ["cli", "errors", "password", "report"]) expect([...english.keys()].filter((k) => k.startsWith(`${ns}:`)).length, ns).toBeGreaterThan(20);
  });

  it("keeps the Latin runs of Arabic cli and errors messages (flags, paths, placeholders) in bidi isolates (scripts/isolate-arabic.mjs)", async () => {
    const { isolateLatinRuns } = (await import("../../../scripts/isolate-arabic.mjs")) as { isolateLatinRuns: (m: string) => string };
    const bare = [...messages("ar")].filter(([key, message]) => /^(cli|errors):/.test(key) && isolateLatinRuns(message) !== message).map(([key]) => key);
    expect(bare).toEqual([]);
    expect(isolateLatinRuns("اكتب harden audit --answers FILE الآن: {{file}}.")).toBe("اكتب \u2066harden audit --answers FILE\u2069 الآن: \u2066{{file}}\u2069.");
  });

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
