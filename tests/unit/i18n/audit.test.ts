/**
 * The audit namespace (locales/LANG/audit.json), beyond what catalogue.test.ts checks of every
 * namespace (messages, plural forms, placeholders): every message is translated, and Arabic
 * counts take their six forms.
 */
import { describe, expect, it } from "vitest";
import { t, useLanguage, type Language } from "../../../src/i18n/index.js";
import { catalogueMessages } from "../../helpers/english.js";

/** The audit namespace's messages, keyed without the namespace. */
const messages = (lang: Language) => new Map([...catalogueMessages(lang)].filter(([key]) => key.startsWith("audit:")).map(([key, text]) => [key.slice("audit:".length), text]));

describe("the audit catalogue", () => {
  const english = messages("en");

  for (const lang of ["fr", "ar"] as const) {
    describe(lang, () => {
      const translated = messages(lang);

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
