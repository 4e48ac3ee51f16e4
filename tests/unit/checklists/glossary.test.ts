/**
 * The glossary's key terms read the same in every translated checklist: where the English item
 * uses one, its translation uses the glossary's words (or a form the glossary lists).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadChecklists } from "../../../src/checklists/catalog.js";
import { BUILT_IN_DIR } from "../../../src/checklists/files.js";

interface Term {
  en: string;
  fr: string;
  ar: string;
  /** English words that mark the term in an item (the en text itself when absent). */
  match?: string[];
  forms?: { fr?: string[]; ar?: string[] };
  checked?: boolean;
}

const glossary = YAML.parse(readFileSync(path.join(BUILT_IN_DIR, "i18n", "glossary.yaml"), "utf8")) as { terms: Term[] };
// Arabic joins و ف ب ل ك and ال to the word: للأدلة is ل + الأدلة.
const arabicVariants = (term: string) => [term, term.replace(/^ال/, "لل"), term.replace(/^ال/, "")];

describe("the glossary", () => {
  for (const lang of ["fr", "ar"] as const) {
    it(`is followed by every ${lang} checklist for the terms it checks`, async () => {
      const english = await loadChecklists();
      const translated = await loadChecklists({ lang });
      const misses: string[] = [];
      for (const term of glossary.terms.filter((t) => t.checked)) {
        const marks = (term.match ?? [term.en]).map((m) => m.toLowerCase());
        const wanted = [term[lang], ...(term.forms?.[lang] ?? [])].flatMap((w) => (lang === "ar" ? arabicVariants(w) : [w.toLowerCase()]));
        english.forEach((checklist, c) =>
          checklist.items.forEach((item, i) => {
            const other = translated[c]!.items[i]!;
            if (other.inEnglish) return;
            const text = (x: typeof item) => [x.title, x.why, ...x.steps, x.notice ?? "", x.help ?? ""].join(" ").toLowerCase();
            if (!marks.some((m) => text(item).includes(m))) return;
            if (!wanted.some((w) => text(other).includes(w))) misses.push(`${item.id}: "${term.en}" should read "${term[lang]}"`);
          }),
        );
      }
      expect(misses).toEqual([]);
    });
  }
});
