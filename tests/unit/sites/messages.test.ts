/** The action list's English is for frightened, non-technical people: reading grade 8 or below, and length rather than symbols. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_GRADE, readingGrade } from "../../../src/core/readingGrade.js";
import { ROOT } from "../../helpers/fixtures.js";

const catalogue = (lang: string) => JSON.parse(readFileSync(path.join(ROOT, "locales", lang, "sites.json"), "utf8")) as Record<string, unknown>;

function flatten(value: unknown, key: string, out: Map<string, string>): Map<string, string> {
  if (typeof value === "string") out.set(key, value);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flatten(v, key ? `${key}.${k}` : k, out);
  return out;
}

describe("the action list's words", () => {
  const en = flatten(catalogue("en"), "", new Map());
  // The sentences a person acts on; labels of two words are not prose a grade can be measured on.
  const prose = [...en].filter(([key]) => /^(step\.|group\.|safety$|list\.nothing$|report\.intro$)/.test(key));

  it("reads at grade 8 or below, every step and heading", () => {
    expect(prose.length).toBeGreaterThan(15);
    const hard = prose.map(([key, text]) => [key, Math.round(readingGrade(text.replace(/\{\{[^}]+\}\}/g, "it")) * 10) / 10] as const).filter(([, grade]) => grade > MAX_GRADE.whyAndSteps);
    expect(hard).toEqual([]);
  });

  it("never asks for symbols, mixed characters or regular changes, in any language", () => {
    for (const lang of ["en", "fr", "ar"]) {
      for (const [key, text] of flatten(catalogue(lang), "", new Map())) {
        expect(text, `${lang} ${key}`).not.toMatch(/\b(add|use|with) (a |some )?(symbols?|numbers? and symbols|upper-?case)|every \d+ (days|months)|change (it|them|your passwords?) (regularly|often|every)/i);
      }
    }
    expect(en.get("step.changeWeak")).toContain("You do not need symbols.");
  });
});
