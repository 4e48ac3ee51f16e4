import { describe, expect, it } from "vitest";
import { renderResult } from "../../../src/output/reporter.js";
import type { CommandResult } from "../../../src/output/results.js";
import { plainStyle } from "../../../src/output/style.js";

const TITLE = "Report an account pretending to be you";
const workshop = {
  kind: "workshop",
  title: "Staying safe",
  audit: {
    platforms: [{ id: "demo", name: "Demo", done: 1, later: 1, notApplicable: 0, open: 0, total: 2 }],
    remaining: [{ id: "demo.report", platform: "demo", title: TITLE, risk: "high", status: "later", section: "report" }],
  },
  drills: [{ drill: "password-strength", done: true, note: "done" }],
} as unknown as CommandResult;

describe("the workshop's summary", () => {
  it("after the private screen shows counts only, never a step's title", async () => {
    const out = await renderResult(workshop, { json: false, style: plainStyle(), discreet: true });
    expect(out.stdout).not.toContain(TITLE);
    expect(out.stdout).toContain("1 of 2 steps done");
    expect(out.stdout).toContain("harden report");
  });

  it("with the screen kept, lists what is left", async () => {
    expect((await renderResult(workshop, { json: false, style: plainStyle() })).stdout).toContain(TITLE);
  });
});
