/**
 * The password and report namespaces in every language: each English message exists in French and
 * Arabic, a counted message has every plural form the language needs (French one/many/other; Arabic
 * zero/one/two/few/many/other), and a translation uses the same placeholders as the English
 * (a counted form may leave the number out: Arabic writes "one entry" and "two entries" as words).
 */
import { describe, expect, it } from "vitest";
import { LANGUAGES, pluralCategories, readCatalogue, type Language } from "../../../src/i18n/index.js";

const NAMESPACES = ["password", "report"];
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const placeholders = (message: string) => new Set([...message.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]!));

/** Messages grouped by key without plural suffix: key -> forms (suffix or "" -> text). */
function messages(lang: Language, ns: string): Map<string, Map<string, string>> {
  const grouped = new Map<string, Map<string, string>>();
  for (const [key, text] of flatten(readCatalogue(lang)[ns])) {
    const suffix = PLURAL.exec(key)?.[1] ?? "";
    const base = suffix ? key.slice(0, -suffix.length - 1) : key;
    (grouped.get(base) ?? grouped.set(base, new Map()).get(base)!).set(suffix, text);
  }
  return grouped;
}

describe.each(NAMESPACES)("the %s namespace", (ns) => {
  const english = messages("en", ns);

  it("exists in English with messages in it", () => {
    expect(english.size).toBeGreaterThan(20);
  });

  describe.each(LANGUAGES.filter((l) => l !== "en"))("in %s", (lang) => {
    const translated = messages(lang, ns);
    const categories = pluralCategories(lang);

    it("has every English message, and nothing the English does not have", () => {
      expect([...translated.keys()].filter((k) => !english.has(k))).toEqual([]);
      expect([...english.keys()].filter((k) => !translated.has(k))).toEqual([]);
    });

    it("gives every plural form the language needs for a counted message, and only those", () => {
      const wrong: string[] = [];
      for (const [key, forms] of english) {
        const counted = !forms.has("");
        const have = [...(translated.get(key)?.keys() ?? [])].sort();
        const want = counted ? [...categories].sort() : [""];
        if (JSON.stringify(have) !== JSON.stringify(want)) wrong.push(`${key}: has ${have.join(",") || "-"}, needs ${want.join(",")}`);
      }
      expect(wrong).toEqual([]);
    });

    it("uses the English placeholders (a counted form may leave out the number)", () => {
      const wrong: string[] = [];
      for (const [key, forms] of english) {
        const want = new Set([...forms.values()].flatMap((m) => [...placeholders(m)]));
        for (const [suffix, text] of translated.get(key) ?? []) {
          const have = placeholders(text);
          const missing = [...want].filter((p) => !have.has(p) && !(suffix && (p === "n" || p === "count")));
          const extra = [...have].filter((p) => !want.has(p));
          if (missing.length || extra.length) wrong.push(`${key}${suffix ? `_${suffix}` : ""}: missing ${missing.join(",") || "-"}, extra ${extra.join(",") || "-"}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });
});
