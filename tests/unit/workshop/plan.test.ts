import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadChecklists } from "../../../src/checklists/catalog.js";
import { checkPlan, parsePlan, readPlan } from "../../../src/workshop/plan.js";
import { FIXTURES } from "../../helpers/fixtures.js";

describe("workshop plans", () => {
  it("reads a plan and resolves its checklists folder next to the plan file", async () => {
    const file = path.join(FIXTURES, "workshop", "plan.yaml");
    const { plan } = checkPlan(file, await readPlan(file), await loadChecklists({ extraDirs: [path.join(FIXTURES, "checklists", "good")] }));
    expect(plan).toEqual({
      title: "Staying safe on social media",
      description: "A one-hour session for a community group.",
      platforms: ["demo", "whatsapp"],
      drills: ["password-strength", "totp-practice"],
      checklistsDir: path.join(FIXTURES, "checklists", "good"),
    });
  });

  it("reports file, line and field for a missing title, an unknown drill and an unknown key", async () => {
    const result = await parsePlan("p.yaml", "platforms: [demo]\ndrills:\n  - juggling\nroom: 4\n");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => `${p.line}: ${p.field}: ${p.message}`)).toEqual(
        expect.arrayContaining(["1: title: is missing", "3: drills[0]: must be one of: password-strength, totp-practice", "4: room: is not a known field"]),
      );
    }
  });

  it("names the line of a platform that no checklist provides", async () => {
    const file = path.join(FIXTURES, "workshop", "broken-plan.yaml");
    const result = await parsePlan(file, "title: T\nplatforms:\n  - whatsapp\n  - myspace\n");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(() => checkPlan(file, result, [])).toThrow();
    try {
      checkPlan(file, result, await loadChecklists());
    } catch (error) {
      expect((error as { problems: string[] }).problems).toEqual([`${file}:4: platforms[1]: "myspace" is not a checklist (see harden list)`]);
      return;
    }
    throw new Error("expected the unknown platform to be reported");
  });

  it("tells every problem in one round, in line order: fields and unknown platforms together", async () => {
    const file = "p.yaml";
    const result = await parsePlan(file, "platforms:\n  - myspace\n  - whatsapp\ndrills:\n  - juggling\nroom: 4\n");
    try {
      checkPlan(file, result, await loadChecklists());
    } catch (error) {
      expect((error as { problems: string[] }).problems).toEqual([
        "p.yaml:1: title: is missing",
        'p.yaml:2: platforms[0]: "myspace" is not a checklist (see harden list)',
        "p.yaml:5: drills[0]: must be one of: password-strength, totp-practice",
        "p.yaml:6: room: is not a known field",
      ]);
      return;
    }
    throw new Error("expected the plan's problems to be reported");
  });
});
