/** Numbers, lists, left-to-right runs and right-to-left documents in the language of the run. */
import { afterEach, describe, expect, it } from "vitest";
import { t, useLanguage } from "../../../src/i18n/index.js";
import { andList, formatNumber, htmlLtr, htmlMessage, ltr, markdownDocument, orList } from "../../../src/output/locale.js";

afterEach(() => useLanguage("en"));

describe("locale helpers", () => {
  it("format numbers with Latin digits in every language", () => {
    useLanguage("en");
    expect(formatNumber(1234567)).toBe("1,234,567");
    useLanguage("fr");
    expect(formatNumber(1234567)).toBe("1\u202f234\u202f567");
    useLanguage("ar");
    expect(formatNumber(1234567)).toMatch(/^1.234.567$/);
  });

  it("format every number as Intl does in each language, the whole ones written without it included", () => {
    const locales = { en: "en-US", fr: "fr-FR", ar: "ar-u-nu-latn" } as const;
    for (const [lang, locale] of Object.entries(locales)) {
      useLanguage(lang as keyof typeof locales);
      for (const n of [0, 1, 7, 42, 999, 1000, 1001, 12345, 999999, 1234567, Number.MAX_SAFE_INTEGER, 2 ** 60, -1, -999, -1234, 0.5, 2.25, 999.5, 1234.5, -0]) expect([lang, n, formatNumber(n)]).toEqual([lang, n, n.toLocaleString(locale)]);
    }
  });

  it("isolate left-to-right runs only in Arabic, and never an empty one", () => {
    useLanguage("fr");
    expect(ltr("harden data verify x.txt")).toBe("harden data verify x.txt");
    useLanguage("ar");
    expect(ltr("harden data verify x.txt")).toBe("\u2066harden data verify x.txt\u2069");
    expect(ltr("")).toBe("");
    expect(htmlLtr("<code>x</code>")).toBe('<bdi dir="ltr"><code>x</code></bdi>');
  });

  it("join lists as each language writes them, without the serial comma in English", () => {
    useLanguage("en");
    expect(andList(["a", "b", "c"])).toBe("a, b and c");
    expect(orList(["a", "b", "c"])).toBe("a, b or c");
    useLanguage("fr");
    expect(andList(["a", "b", "c"])).toBe("a, b et c");
    useLanguage("ar");
    expect(andList(["أ", "ب"])).toBe("أ وب");
  });

  it("escape a message for HTML but put HTML placeholders in as they are", () => {
    useLanguage("en");
    const html = htmlMessage("report:evidence.entryHash", { hash: "<code>ab&cd</code>" });
    expect(html).toBe("Entry hash: <code>ab&cd</code>");
    // The message's own text is escaped: a placeholder given as text stays text.
    expect(htmlMessage("report:evidence.note", {}, { note: "<b>x</b>" })).toBe("Note: &lt;b&gt;x&lt;/b&gt;");
    expect(t("report:evidence.note", { note: "<b>x</b>" })).toBe("Note: <b>x</b>");
  });

  it("wrap Arabic Markdown in a right-to-left block that Markdown still works inside", () => {
    useLanguage("fr");
    expect(markdownDocument("# Titre\n")).toBe("# Titre\n");
    useLanguage("ar");
    expect(markdownDocument("# عنوان\n")).toBe('<div dir="rtl" lang="ar">\n\n# عنوان\n\n</div>\n');
  });
});
