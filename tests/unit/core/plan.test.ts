import { describe, expect, it } from "vitest";
import { loadChecklists } from "../../../src/checklists/catalog.js";
import { buildPlan, ruleApplies, ruleMatches, type PlanRule } from "../../../src/core/plan.js";
import { loadIntakeRules } from "../../../src/intake/rules.js";

const lists = await loadChecklists();
const rules = await loadIntakeRules();
const top = (answers: Record<string, "yes" | "no" | "unsure">, chosen: string[], n = 5) =>
  buildPlan(rules, answers, lists, chosen).items.slice(0, n);

describe("intake rules", () => {
  const rule: PlanRule = { id: "r", when: { a: ["yes", "unsure"] }, because: "b", match: { sections: ["password"], checklists: ["x"] } };

  it("apply only when every condition is answered with an accepted answer", () => {
    expect(ruleApplies(rule, { a: "yes" })).toBe(true);
    expect(ruleApplies(rule, { a: "unsure" })).toBe(true);
    expect(ruleApplies(rule, { a: "no" })).toBe(false);
    expect(ruleApplies(rule, {})).toBe(false); // skipped
    expect(ruleApplies({ ...rule, when: {} }, {})).toBe(true);
  });

  it("match on every given field together", () => {
    const item = { id: "x.p", section: "password", risk: "low", flags: [] } as never;
    expect(ruleMatches(rule, { platform: "x" } as never, item)).toBe(true);
    expect(ruleMatches(rule, { platform: "y" } as never, item)).toBe(false);
  });

  it("the built-in rules file is valid and has at most eight questions", () => {
    expect(rules.questions.length).toBeLessThanOrEqual(8);
    expect(rules.questions.map((q) => q.id)).toEqual(["physical-access", "knows-passwords", "shared-accounts", "taken-over", "images"]);
  });
});

describe("ranked plan", () => {
  it("with no answers puts the email and phone that recover everything first", () => {
    const plan = top({}, ["instagram", "email", "google"]);
    expect(plan.every((p) => ["email", "google"].includes(p.checklist.platform))).toBe(true);
    expect(plan[0]!.reasons[0]).toMatch(/email and phone can reset every other account/);
  });

  it("an account taken over adds and leads with the response checklist", () => {
    const plan = buildPlan(rules, { "taken-over": "yes" }, lists, ["facebook"]);
    expect(plan.platforms).toEqual(expect.arrayContaining(["account-taken-over", "email", "facebook"]));
    expect(plan.items[0]!.checklist.platform).toBe("account-taken-over");
  });

  it("images being shared adds the images checklist at the top", () => {
    const plan = top({ images: "yes" }, ["instagram"], 3);
    expect(plan.map((p) => p.checklist.platform)).toEqual(["images-or-impersonation", "images-or-impersonation", "images-or-impersonation"]);
  });

  it("someone who had the phone brings the phone checklist and safe-device steps forward", () => {
    const plan = buildPlan(rules, { "physical-access": "yes" }, lists, ["whatsapp"]);
    expect(plan.platforms).toContain("phone");
    const first = plan.items.slice(0, 5);
    expect(first.some((p) => p.checklist.platform === "phone")).toBe(true);
    const withoutAccess = buildPlan(rules, { "physical-access": "no" }, lists, ["whatsapp"]);
    expect(withoutAccess.platforms).not.toContain("phone");
  });

  it("keeps checklist and file order among equal scores, so the plan is stable", () => {
    const a = buildPlan(rules, {}, lists, ["signal"]).items.map((p) => p.item.id);
    const b = buildPlan(rules, {}, lists, ["signal"]).items.map((p) => p.item.id);
    expect(a).toEqual(b);
  });
});
