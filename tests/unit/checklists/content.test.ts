/**
 * Keeps the built-in content honest: every file valid, ids unique and stable, sources and
 * dates on every item, the sections each platform needs, high risk first, and a ceiling on
 * items that cite a secondary source instead of the platform's own help.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadChecklists } from "../../../src/checklists/catalog.js";
import { BUILT_IN_DIR } from "../../../src/checklists/files.js";
import { validatePaths } from "../../../src/checklists/loader.js";
import { auditOrder, RISKS, type Section } from "../../../src/core/checklist.js";
import { checklistsHtml, checklistMarkdown } from "../../../src/output/checklistView.js";
import { htmlText } from "../../../src/output/escape.js";
import { FIXTURES } from "../../helpers/fixtures.js";

/** The sections each checklist must cover: those that apply to it. */
const REQUIRED: Record<string, Section[]> = {
  facebook: ["privacy", "password", "two-factor", "friends", "sessions", "recovery", "apps", "location"],
  instagram: ["privacy", "password", "two-factor", "friends", "sessions", "recovery", "apps"],
  whatsapp: ["privacy", "two-factor", "sessions", "recovery", "location"],
  google: ["privacy", "password", "two-factor", "sessions", "recovery", "apps", "location"],
  apple: ["password", "two-factor", "sessions", "recovery", "location"],
  microsoft: ["password", "two-factor", "sessions", "recovery", "apps"],
  x: ["privacy", "password", "two-factor", "friends", "sessions", "apps"],
  tiktok: ["privacy", "password", "two-factor", "friends", "sessions"],
  snapchat: ["privacy", "password", "two-factor", "friends", "sessions", "location"],
  telegram: ["privacy", "two-factor", "sessions"],
  signal: ["privacy", "two-factor", "sessions"],
  linkedin: ["privacy", "password", "two-factor", "sessions"],
  discord: ["privacy", "password", "two-factor", "sessions", "apps"],
  reddit: ["privacy", "password", "two-factor", "friends", "sessions", "recovery", "report"],
  tinder: ["privacy", "friends", "recovery", "location", "report"],
  bumble: ["privacy", "friends", "recovery", "apps", "location", "report"],
  phone: ["device", "location", "apps", "sessions", "password", "two-factor", "recovery", "privacy"],
  email: ["forwarding", "recovery", "sessions"],
  "account-taken-over": ["recover", "sessions", "recovery", "password", "two-factor", "contacts"],
  "images-or-impersonation": ["evidence", "report", "removal", "support"],
  "personal-details-shared": ["evidence", "contacts", "report", "removal"],
};

/** Items citing a secondary source: lower this as official pages replace them, never raise it. */
const SECONDARY_CEILING = Number(readFileSync(path.join(FIXTURES, "content", "secondary-ceiling.txt"), "utf8").trim());
const STABLE_IDS = readFileSync(path.join(FIXTURES, "content", "stable-ids.txt"), "utf8").split("\n").filter(Boolean);

const lists = await loadChecklists();

describe("built-in checklist content", () => {
  it("every file validates", async () => {
    const { problems } = await validatePaths([BUILT_IN_DIR]);
    expect(problems).toEqual([]);
  });

  it("has every platform and every response checklist", () => {
    expect(lists.map((c) => c.platform).sort()).toEqual(Object.keys(REQUIRED).sort());
    expect(lists.filter((c) => c.kind === "response").map((c) => c.platform).sort()).toEqual(["account-taken-over", "images-or-impersonation", "personal-details-shared"]);
  });

  it.each(Object.entries(REQUIRED))("%s covers the sections that apply to it", (platform, sections) => {
    const list = lists.find((c) => c.platform === platform);
    expect(list).toBeDefined();
    const present = new Set(list!.items.map((i) => i.section));
    expect(sections.filter((s) => !present.has(s))).toEqual([]);
  });

  it("ids are unique across all checklists, and no published id disappears", () => {
    const ids = lists.flatMap((c) => c.items.map((i) => i.id));
    expect(ids.length).toBe(new Set(ids).size);
    expect(STABLE_IDS.filter((id) => !ids.includes(id))).toEqual([]);
  });

  it("every item names its source and when it was read, not in the future", () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const item of lists.flatMap((c) => c.items)) {
      expect(item.source, item.id).toMatch(/^https:\/\/\S+$/);
      expect(item.verified <= today, item.id).toBe(true);
    }
  });

  it("alerts-others items say what the other person may see", () => {
    const silent = lists.flatMap((c) => c.items).filter((i) => i.flags?.includes("alerts-others") && !i.notice);
    expect(silent.map((i) => i.id)).toEqual([]);
  });

  it("the audit presents high-risk items first on every platform", () => {
    for (const list of lists.filter((c) => c.kind !== "response")) {
      const order = auditOrder(list).map((i) => RISKS.indexOf(i.risk));
      expect(order, list.platform).toEqual([...order].sort((a, b) => a - b));
      expect(list.items.some((i) => i.risk === "high"), list.platform).toBe(true);
    }
  });

  it(`cites a secondary source in at most ${SECONDARY_CEILING} items`, () => {
    const secondary = lists.flatMap((c) => c.items).filter((i) => i.sourceKind === "secondary");
    expect(secondary.length).toBeLessThanOrEqual(SECONDARY_CEILING);
  });

  it("renders a printable handout for every checklist", () => {
    for (const list of lists) {
      const html = checklistsHtml([list]);
      const md = checklistMarkdown(list);
      for (const item of list.items) {
        expect(html, item.id).toContain(htmlText(item.title));
        expect(md, item.id).toContain("- [ ] **");
      }
      expect(html.match(/type="checkbox"/g)?.length).toBe(list.items.length);
    }
  });
});
