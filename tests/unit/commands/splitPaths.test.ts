import { describe, expect, it } from "vitest";

describe("evidence paths typed at the audit", () => {
  it("split on spaces, keep quoted paths and backslash-escaped spaces whole", async () => {
    const { splitPaths } = await import("../../../src/commands/audit.js");
    expect(splitPaths(`a.png "/tmp/Screen Shot 1.png" '/x y/z.jpg' /p/q\\ r.png`)).toEqual(["a.png", "/tmp/Screen Shot 1.png", "/x y/z.jpg", "/p/q r.png"]);
    expect(splitPaths("   ")).toEqual([]);
  });
});
