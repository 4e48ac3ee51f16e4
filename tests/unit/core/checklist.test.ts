import { describe, expect, it } from "vitest";
import { mergeChecklists, pathEntries, sectionsOf, type Checklist } from "../../../src/core/checklist.js";

const base: Checklist = {
  platform: "p",
  name: "P",
  files: ["built-in.yaml"],
  items: [
    { id: "p.one", section: "sessions", title: "one", why: "w", steps: ["s"], path: "x", risk: "low", source: "https://a", verified: "2026-01-01" },
    { id: "p.two", section: "privacy", title: "two", why: "w", steps: ["s"], path: "x", risk: "low", source: "https://a", verified: "2026-01-01" },
  ],
};

describe("checklist model", () => {
  it("replaces a built-in item with a trainer's item of the same id, in place, and appends new ones", () => {
    const trainer: Checklist = {
      platform: "p",
      name: "P",
      files: ["trainer.yaml"],
      items: [
        { ...base.items[0]!, title: "trainer one" },
        { ...base.items[1]!, id: "p.three", title: "three" },
      ],
    };
    const [merged] = mergeChecklists([base], [trainer]);
    expect(merged!.items.map((i) => i.title)).toEqual(["trainer one", "two", "three"]);
    expect(merged!.files).toEqual(["built-in.yaml", "trainer.yaml"]);
    expect(base.items[0]!.title).toBe("one");
  });

  it("adds a trainer's new platform whole", () => {
    const merged = mergeChecklists([base], [{ ...base, platform: "q", name: "Q" }]);
    expect(merged.map((c) => c.platform)).toEqual(["p", "q"]);
  });

  it("lists sections in their fixed order and paths per surface", () => {
    expect(sectionsOf(base)).toEqual(["privacy", "sessions"]);
    expect(pathEntries({ ios: "i", web: "w" })).toEqual([
      ["Web", "w"],
      ["iPhone app", "i"],
    ]);
    expect(pathEntries("same")).toEqual([[undefined, "same"]]);
  });
});

describe("display groups", () => {
  it("groups a platform by section order, and keeps a response checklist's written order", async () => {
    const { displayGroups } = await import("../../../src/core/checklist.js");
    expect(displayGroups(base).map((g) => [g.section, g.items.map((i) => i.id)])).toEqual([
      ["privacy", ["p.two"]],
      ["sessions", ["p.one"]],
    ]);
    const response: Checklist = { ...base, kind: "response", items: [...base.items, { ...base.items[0]!, id: "p.three" }] };
    expect(displayGroups(response).map((g) => [g.section, g.items.map((i) => i.id)])).toEqual([
      ["sessions", ["p.one"]],
      ["privacy", ["p.two"]],
      ["sessions", ["p.three"]],
    ]);
  });
});
