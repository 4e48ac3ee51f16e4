/** The intake in another language: checklists/i18n/LANG/rules/intake.yaml, used only where current. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildPlan, planReason, questionHash, ruleHash } from "../../../src/core/plan.js";
import { InvalidInputError } from "../../../src/errors.js";
import { loadIntakeRules, RULES_FILE, translationFile } from "../../../src/intake/rules.js";
import { FIXTURES } from "../../helpers/fixtures.js";

const FILE = path.join(FIXTURES, "intake", "rules", "intake.yaml");

describe("the intake's translations", () => {
  it("live beside the rules, in i18n/LANG/rules/", () => {
    expect(translationFile(RULES_FILE, "fr")).toBe(path.join(path.dirname(path.dirname(RULES_FILE)), "i18n", "fr", "rules", "intake.yaml"));
  });

  it("give a question and a rule their words when made from the current English, and keep the English of a stale one", async () => {
    const english = await loadIntakeRules(FILE, "en");
    const fr = await loadIntakeRules(FILE, "fr");
    expect(fr.questions[0]).toEqual({ id: "taken-over", text: "Quelqu'un a-t-il déjà pris le contrôle d'un de vos comptes ?", help: "Par exemple, vous ne pouvez plus vous connecter." });
    expect(fr.questions[1]).toEqual(english.questions[1]); // stale: English
    expect(fr.rules[0]!.because).toBe("Un compte a été piraté : le récupérer passe en premier.");
    expect(fr.rules[1]).toEqual(english.rules[1]); // missing: English
    // The logic is the English file's, whatever the language.
    expect(fr.rules.map((r) => [r.when, r.boost, r.match])).toEqual(english.rules.map((r) => [r.when, r.boost, r.match]));
    expect(questionHash(english.questions[0]!)).toBe("57eeadf12dcb");
    expect(ruleHash(english.rules[0]!)).toBe("0de4fe6e4676");
  });

  it("the plan's reasons come in the language, with the item's own words filled in", async () => {
    const fr = await loadIntakeRules(FILE, "fr");
    const checklist = { platform: "x", name: "X", kind: "platform", items: [{ id: "x.password", section: "password", risk: "high", title: "Changez le mot de passe", why: "Il le connaît peut-être.", steps: [] }] } as never;
    const plan = buildPlan(fr, { "taken-over": "yes" }, [checklist], ["x"]);
    expect(planReason(plan.items[0]!)).toBe("Un compte a été piraté. Il le connaît peut-être.");
  });

  it("a broken translation is reported with its file, line and field", async () => {
    const error = await loadIntakeRules(FILE, "ar").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.join("\n")).toMatch(/i18n\/ar\/rules\/intake\.yaml:6/);
  });

  it("the built-in translations are valid and translate the same questions", async () => {
    const english = await loadIntakeRules(RULES_FILE, "en");
    for (const lang of ["fr", "ar"] as const) expect((await loadIntakeRules(RULES_FILE, lang)).questions.map((q) => q.id)).toEqual(english.questions.map((q) => q.id));
  });
});
