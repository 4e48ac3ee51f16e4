import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadChecklists } from "../../../src/checklists/catalog.js";
import { BUILT_IN_DIR } from "../../../src/checklists/files.js";
import { parseChecklist, validatePaths } from "../../../src/checklists/loader.js";
import { CHECKLIST_FIXTURES } from "../../helpers/fixtures.js";

const good = `platform: demo
name: Demo
items:
  - id: demo.one
    section: privacy
    title: One
    why: Why.
    path:
      web: Settings > One
    steps: [Do one]
    risk: high
    source: https://example.org/one
    sourceKind: official
    verified: 2026-11-25
`;

describe("checklist loader", () => {
  it("accepts a valid checklist", async () => {
    const result = await parseChecklist("demo.yaml", good);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.checklist.items[0]!.path).toEqual({ web: "Settings > One" });
  });

  it("names the file, the line of the item and the field when a title is missing", async () => {
    const file = path.join(CHECKLIST_FIXTURES, "broken", "missing-title.yaml");
    const { problems } = await validatePaths([file]);
    expect(problems).toContainEqual({ file, line: 13, field: "items[1].title", message: "is missing" });
    expect(problems).toContainEqual({ file, line: 18, field: "items[1].risk", message: "must be one of: high, medium, low" });
    expect(problems.find((p) => p.field === "items[1].source")?.line).toBe(19);
  });

  it("reports a field of the wrong shape at its own line", async () => {
    const result = await parseChecklist("x.yaml", good.replace("risk: high", "risk: [high]").replace("web: Settings > One", "tv: Settings"));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems).toContainEqual(expect.objectContaining({ line: 11, field: "items[0].risk" }));
      expect(result.problems).toContainEqual(expect.objectContaining({ line: 8, field: "items[0].path" }));
    }
  });

  it("rejects unknown fields, wrong id prefixes, duplicate ids and impossible dates", async () => {
    const twice = `${good}${good.split("items:\n")[1]!}`.replace("verified: 2026-11-25\n", "verified: 2026-02-30\n");
    const result = await parseChecklist("x.yaml", twice.replace("platform: demo", "platform: other"));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const fields = result.problems.map((p) => `${p.line}:${p.field}:${p.message}`);
      expect(fields).toContain('4:items[0].id:must start with "other." (the platform of this file)');
      expect(fields).toContain('15:items[1].id:"demo.one" is already used by items[0]');
      expect(fields).toContain("14:items[0].verified:is not a real date");
    }
    const extra = await parseChecklist("x.yaml", good.replace("    risk: high\n", "    risk: high\n    colour: red\n"));
    expect(!extra.ok && extra.problems[0]).toMatchObject({ line: 12, field: "items[0].colour", message: "is not a known field" });
  });

  it("takes countries as upper-case ISO codes, and names the line of one that is not", async () => {
    const ok = await parseChecklist("x.yaml", good.replace("    risk: high\n", "    risk: high\n    countries: [FR, BE]\n"));
    expect(ok.ok && ok.checklist.items[0]!.countries).toEqual(["FR", "BE"]);
    const bad = await parseChecklist("x.yaml", good.replace("    risk: high\n", "    risk: high\n    countries: [FR, fra]\n"));
    expect(!bad.ok && bad.problems).toEqual([{ file: "x.yaml", line: 12, field: "items[0].countries[1]", message: "must be a two-letter country code in capitals (ISO 3166-1: FR, BE, CA)" }]);
  });

  it("reports YAML syntax errors with a line", async () => {
    const { problems } = await validatePaths([path.join(CHECKLIST_FIXTURES, "broken", "syntax.yaml")]);
    expect(problems[0]).toMatchObject({ line: 6, field: "(syntax)" });
  });

  it("lays a trainer's folder over the built-in checklists", async () => {
    const merged = await loadChecklists({ extraDirs: [path.join(CHECKLIST_FIXTURES, "good")] });
    expect(merged.some((c) => c.platform === "demo")).toBe(true);
    const twice = await loadChecklists({ extraDirs: [path.join(CHECKLIST_FIXTURES, "good")] });
    expect(twice.length).toBe(merged.length);
  });

  it("refuses a trainer's folder with a broken file, naming file and line", async () => {
    await expect(loadChecklists({ extraDirs: [path.join(CHECKLIST_FIXTURES, "broken")] })).rejects.toMatchObject({
      exitCode: 2,
      problems: expect.arrayContaining([expect.stringContaining("missing-title.yaml:13: items[1].title: is missing")]),
    });
  });

  it("validates every built-in checklist", async () => {
    const { files, problems } = await validatePaths([BUILT_IN_DIR]);
    expect(problems).toEqual([]);
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it("finds a repeated key among 40,000 in linear time, with its line", async () => {
    const keys = Array.from({ length: 40_000 }, (_, i) => `k${i}: 1\n`).join("");
    const started = Date.now();
    const result = await parseChecklist("x.yaml", `${good}${keys}k7: 2\n`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(!result.ok && result.problems).toEqual([{ file: "x.yaml", line: good.split("\n").length + 40_000, field: "(syntax)", message: 'the key "k7" is written twice in the same map' }]);
  }, 10_000);

  it("refuses a list of more than 1,000 entries before the schema check, whose time grows with its square", async () => {
    const items = Array.from({ length: 1001 }, (_, i) => `  - id: demo.i${i}\n    path: {tv: x}\n`).join("");
    const started = Date.now();
    const result = await parseChecklist("x.yaml", `platform: demo\nname: Demo\nitems:\n${items}`);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(!result.ok && result.problems).toEqual([{ file: "x.yaml", line: 3, field: "items", message: "has more than 1,000 entries, the most harden reads in one list" }]);
  });

  it("never throws on arbitrary text; it reports problems instead", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string().map((s) => `${good}${s}`)), async (text) => {
        const result = await parseChecklist("fuzz.yaml", text);
        if (!result.ok) for (const p of result.problems) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
