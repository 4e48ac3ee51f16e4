/**
 * t() answers most messages by a plain look-up and leaves the rest to i18next (src/i18n/index.ts):
 * every message of every language, asked for with its placeholders filled (by words and by
 * numbers), with a count, with one placeholder missing, with an option i18next reads itself, and
 * keys that are not there, must read exactly as i18next gives them from the same catalogue.
 */
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { LANGUAGES, libraryOptions, readCatalogue, t, useLanguage, type Language } from "../../../src/i18n/index.js";
import { catalogueMessages } from "../../helpers/english.js";

const PLURAL = /_(zero|one|two|few|many|other)$/;

const FIXTURE = new URL("../../fixtures/locales/", import.meta.url);

function reference(lang: Language, dir?: URL) {
  const instance = i18next.createInstance();
  void instance.init({ ...libraryOptions(lang), resources: Object.fromEntries(LANGUAGES.map((l) => [l, readCatalogue(l, dir)])), partialBundledLanguages: false, ns: undefined });
  return instance;
}

const names = (text: string) => [...new Set([...text.matchAll(/\{\{-?\s*([\w.$]+)[^}]*\}\}/g)].map((m) => m[1]!))];

describe("t() reads every message as i18next does", () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: every message, filled, counted, short of a value and with library options`, () => {
      useLanguage(lang);
      const library = reference(lang);
      const differ: string[] = [];
      const check = (key: string, options?: Record<string, unknown>) => {
        const ours = t(key, options);
        const theirs = library.t(key, { ...(options ?? {}) }) as string;
        if (ours !== theirs) differ.push(`${key} ${JSON.stringify(options)}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
      };
      const english = catalogueMessages("en");
      const translated = catalogueMessages(lang);
      const keys = new Set([...english.keys(), ...translated.keys()]);
      for (const key of keys) {
        const text = translated.get(key) ?? english.get(key)!;
        const placeholders = names(text);
        check(key);
        check(key, Object.fromEntries(placeholders.map((n) => [n, `‹${n}›`])));
        check(key, Object.fromEntries(placeholders.map((n, i) => [n, i + 7])));
        check(key, { ...Object.fromEntries(placeholders.map((n) => [n, "{{nested}} $t(common:none)"])), nested: "x" });
        if (placeholders.length > 0) check(key, Object.fromEntries(placeholders.slice(1).map((n) => [n, "v"])));
        check(key, { context: "male", ...Object.fromEntries(placeholders.map((n) => [n, "v"])) });
        const base = key.replace(PLURAL, "");
        if (base !== key) for (const count of [0, 1, 2, 3, 11, 100, 1.5]) check(base, { ...Object.fromEntries(placeholders.map((n) => [n, "v"])), count });
      }
      for (const missing of ["cli:no.such.key", "nosuchns:key", "cli:program", "cli:program.description.deeper", "plain"]) check(missing);
      expect(differ).toEqual([]);
      expect(keys.size).toBeGreaterThan(500);
    });
  }

  // The corners the real catalogue lacks: English-only keys, key_zero in English, a base key
  // beside its plural forms, flat dotted keys, objects, nesting, formats, contexts, empty text.
  for (const lang of LANGUAGES) {
    it(`${lang}: the corners of i18next's rules, from a fixture catalogue`, () => {
      useLanguage(lang, FIXTURE);
      const library = reference(lang, FIXTURE);
      const differ: string[] = [];
      const keys = ["plain", "filled", "nested.deeper.leaf", "nested.deeper", "nested", "flat.dotted", "items", "items_one", "only", "both", "refers", "formatted", "unescaped", "spaced", "path", "empty", "onlyEnglish", "onlyEnglishCount", "talk", "object", "missing"];
      const variants: (Record<string, unknown> | undefined)[] = [undefined, { name: "Ana", n: 3 }, { x: 5 }, { x: "x" }, { a: { b: "c" } }, { x: undefined }, { context: "male" }, { x: true }];
      for (const count of [0, 1, 2, 3, 11, 100, 1.5, -1]) variants.push({ count }, { count, x: "x" }, { count: String(count) });
      for (const key of keys) {
        for (const options of variants) {
          const ours = t(`t:${key}`, options as never);
          const theirs = library.t(`t:${key}`, { ...(options ?? {}) }) as string;
          if (ours !== theirs) differ.push(`${key} ${JSON.stringify(options)}: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
        }
      }
      useLanguage("en");
      expect(differ).toEqual([]);
    });
  }

  it("a message a translation lacks reads in English, with English plural forms", () => {
    useLanguage("fr", FIXTURE);
    expect([t("t:onlyEnglish", { x: "là" }), t("t:onlyEnglishCount", { count: 1 }), t("t:onlyEnglishCount", { count: 4 }), t("t:items", { count: 0 })]).toEqual([
      "Only in English là",
      "one in English",
      "4 in English",
      "Un élément", // French counts 0 as one (CLDR)
    ]);
    useLanguage("en", FIXTURE);
    expect([t("t:items", { count: 0 }), t("t:items", { count: 1 }), t("t:both"), t("t:both", { count: 2 })]).toEqual(["No items at all", "One item", "Both, without a count", "Both, 2"]);
    useLanguage("en");
  });
});
