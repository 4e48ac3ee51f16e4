import { describe, expect, it } from "vitest";
import type { ChecklistItem } from "../../../src/core/checklist.js";
import { firstRemovingStep } from "../../../src/core/stepParts.js";

const item = (steps: string[]) => ({ steps }) as ChecklistItem;

describe("firstRemovingStep", () => {
  it("names the first step that removes something, after the screenshot", () => {
    expect(firstRemovingStep(item(["Look at every device.", "Take a screenshot of any device you don't know.", "Tap Remove from Account, and confirm."]))).toBe(3);
    expect(firstRemovingStep(item(["Take screenshots, then sign out every device you don't know."]))).toBe(1);
  });

  it("says nothing when no step removes anything", () => {
    expect(firstRemovingStep(item(["Look at each device."]))).toBeUndefined();
  });
});
