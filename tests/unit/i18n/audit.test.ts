/**
 * The audit namespace (locales/LANG/audit.json): every English message exists in French and
 * Arabic, with every plural form the language needs (CLDR), and with the same placeholders.
 */
import { describe, expect, it } from "vitest";
import { pluralCategories, readCatalogue, t, useLanguage, type Language } from "../../../src/i18n/index.js";

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const messages = (lang: Language) => flatten(readCatalogue(lang).audit);
const placeholders = (text: string) => [...new Set(text.match(/\{\{\s*(\w+)\s*\}\}/g)?.map((p) => p.replace(/[{}\s]/g, "")) ?? [])].sort();
/** "stepsLeft_one" -> "stepsLeft"; a message and its plural forms are one message. */
const base = (key: string) => key.replace(PLURAL, "");

describe("the audit catalogue", () => {
  const english = messages("en");
  const bases = new Map<string, string[]>();
  for (const [key, text] of english) bases.set(base(key), [...(bases.get(base(key)) ?? []), text]);

  for (const lang of ["fr", "ar"] as const) {
    describe(lang, () => {
      const translated = messages(lang);

      it("has every English message", () => {
        const missing = [...bases.keys()].filter((key) => !translated.has(key) && !pluralCategories(lang).some((c) => translated.has(`${key}_${c}`)));
        expect(missing).toEqual([]);
      });

      it("has every plural form the language needs for each message with a count", () => {
        const lacking: string[] = [];
        for (const key of bases.keys()) {
          const plural = pluralCategories("en").some((c) => english.has(`${key}_${c}`));
          if (!plural || translated.has(key)) continue;
          for (const c of pluralCategories(lang)) if (!translated.has(`${key}_${c}`)) lacking.push(`${key}_${c}`);
        }
        expect(lacking).toEqual([]);
      });

      it("has no message English lacks", () => {
        expect([...translated.keys()].filter((key) => !bases.has(base(key)))).toEqual([]);
      });

      it("keeps the placeholders of the English (a zero or one form may leave out the count)", () => {
        const wrong: string[] = [];
        for (const [key, text] of translated) {
          const want = placeholders(english.get(key) ?? english.get(`${base(key)}_other`) ?? english.get(base(key)) ?? "");
          const got = placeholders(text);
          const optional = /_(zero|one|two)$/.test(key) ? ["count"] : [];
          if (got.some((p) => !want.includes(p)) || want.some((p) => !got.includes(p) && !optional.includes(p))) wrong.push(`${key}: ${got.join(",")} vs ${want.join(",")}`);
        }
        expect(wrong).toEqual([]);
      });

      it("translates every message of more than one word (the language question is the same in every language)", () => {
        const same = [...translated].filter(([key, text]) => english.get(key) === text && /\s\S+\s/.test(text) && !/\{\{/.test(text.replace(/\{\{\w+\}\}/g, "")));
        expect(same.map(([key]) => key).filter((key) => !["language.question", "step.header", "intake.topStep", "summary.remaining"].includes(key))).toEqual([]);
      });
    });
  }

  it("picks the CLDR plural form: Arabic has six", () => {
    useLanguage("ar");
    expect([0, 1, 2, 3, 11, 100].map((count) => t("audit:stepsLeft", { count }))).toEqual(["لم تبقَ أي خطوة", "بقيت خطوة واحدة", "بقيت خطوتان", "بقيت 3 خطوات", "بقيت 11 خطوة", "بقيت 100 خطوة"]);
    useLanguage("fr");
    expect([1, 2].map((count) => t("audit:stepsLeft", { count }))).toEqual(["1 étape restante", "2 étapes restantes"]);
    useLanguage("en");
    expect(t("audit:stepsLeft", { count: 1 })).toBe("1 step left");
  });
});
