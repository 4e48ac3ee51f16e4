/**
 * The cli and errors catalogues: every English message exists in French and Arabic, with each
 * plural form the language's CLDR rules need, and the same placeholders.
 */
import { describe, expect, it } from "vitest";
import { LANGUAGES, pluralCategories, readCatalogue, type Language } from "../../../src/i18n/index.js";

const NAMESPACES = ["cli", "errors"];
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (typeof value === "string") out.set(prefix, value);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const placeholders = (message: string) => new Set([...message.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!));

/** The messages of a namespace, plural forms grouped under their base key. */
function messages(lang: Language, ns: string) {
  const flat = flatten(readCatalogue(lang)[ns] ?? {});
  const groups = new Map<string, Map<string, string>>();
  for (const [key, message] of flat) {
    const form = PLURAL.exec(key)?.[1];
    const base = form ? key.slice(0, -form.length - 1) : key;
    if (!groups.has(base)) groups.set(base, new Map());
    groups.get(base)!.set(form ?? "", message);
  }
  return groups;
}

describe.each(NAMESPACES)("the %s catalogue", (ns) => {
  const english = messages("en", ns);

  it("has English messages", () => {
    expect(english.size).toBeGreaterThan(20);
  });

  describe.each(LANGUAGES.filter((l) => l !== "en"))("in %s", (lang) => {
    const translated = messages(lang, ns);

    it("has every English message, with every plural form the language needs", () => {
      const missing: string[] = [];
      for (const [base, forms] of english) {
        const theirs = translated.get(base);
        const plural = !forms.has("");
        const needed = plural ? pluralCategories(lang) : [""];
        for (const form of needed) if (!theirs?.has(form)) missing.push(form ? `${base}_${form}` : base);
      }
      expect(missing).toEqual([]);
    });

    // A plural form may leave out the number ("مرتين", twice): {{count}}, or {{n}}, the count as the language writes it.
    it("uses the same placeholders as English", () => {
      const wrong: string[] = [];
      for (const [base, forms] of english) {
        const wanted = new Set([...forms.values()].flatMap((m) => [...placeholders(m)]));
        for (const [form, message] of translated.get(base) ?? []) {
          const theirs = placeholders(message);
          const extra = [...theirs].filter((p) => !wanted.has(p));
          const lacking = [...wanted].filter((p) => !theirs.has(p) && !(form !== "" && (p === "count" || p === "n")));
          if (extra.length || lacking.length) wrong.push(`${base}${form ? `_${form}` : ""}: extra ${extra.join(",")} lacking ${lacking.join(",")}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  });

  it("keeps the Latin runs of Arabic messages (flags, paths, placeholders) in bidi isolates (scripts/isolate-arabic.mjs)", async () => {
    const { isolateLatinRuns } = (await import("../../../scripts/isolate-arabic.mjs")) as { isolateLatinRuns: (m: string) => string };
    const bare = [...flatten(readCatalogue("ar")[ns] ?? {})].filter(([, message]) => isolateLatinRuns(message) !== message).map(([key]) => key);
    expect(bare).toEqual([]);
    expect(isolateLatinRuns("اكتب harden audit --answers FILE الآن: {{file}}.")).toBe("اكتب \u2066harden audit --answers FILE\u2069 الآن: \u2066{{file}}\u2069.");
  });
});
