import { describe, expect, it } from "vitest";
import type { ChecklistItem } from "../../../src/core/checklist.js";
import { firstRemovingStep } from "../../../src/core/stepParts.js";

const item = (steps: string[]) => ({ steps }) as ChecklistItem;

describe("firstRemovingStep", () => {
  it("names the first step that removes something, after the screenshot", () => {
    expect(firstRemovingStep(item(["Look at every device.", "Take a screenshot of any device you don't know.", "Tap Remove from Account, and confirm."]))).toBe(3);
    expect(firstRemovingStep(item(["Take screenshots, then sign out every device you don't know."]))).toBe(1);
  });

  it("does not take a warning about removing for a step that removes", () => {
    expect(firstRemovingStep(item(["Use a safe phone.", "Before you remove or turn off anything, take screenshots.", "Talk to an advocate."]))).toBeUndefined();
    expect(firstRemovingStep(item(["Don't delete the messages: they are evidence.", "Block the account."]))).toBe(2);
  });

  it("says nothing when no step removes anything", () => {
    expect(firstRemovingStep(item(["Look at each device."]))).toBeUndefined();
  });
});
