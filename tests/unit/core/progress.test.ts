import { describe, expect, it } from "vitest";
import type { Checklist, ChecklistItem } from "../../../src/core/checklist.js";
import {
  emptyProgress,
  finishSession,
  itemsToAsk,
  resumableSession,
  startSession,
  summarize,
  withAnswer,
} from "../../../src/core/progress.js";

const item = (id: string, risk: ChecklistItem["risk"]): ChecklistItem => ({
  id,
  section: "privacy",
  title: id,
  why: "why",
  steps: ["step"],
  path: "Settings",
  risk,
  source: "https://example.org",
  verified: "2026-11-25",
});

const lists: Checklist[] = [
  { platform: "a", name: "A", items: [item("a.low", "low"), item("a.high", "high"), item("a.mid", "medium")], files: [] },
  { platform: "b", name: "B", items: [item("b.high", "high")], files: [] },
];

describe("progress", () => {
  it("asks every item of the chosen platforms in a new session, high risk first", () => {
    const p = startSession(emptyProgress(), ["a"], "2026-01-01T00:00:00.000Z");
    expect(itemsToAsk(lists, p).map((x) => x.item.id)).toEqual(["a.high", "a.mid", "a.low"]);
  });

  it("follows a plan's order, and does not ask the steps the plan left out", () => {
    const p = startSession(emptyProgress(), ["a", "b"], "2026-01-01T00:00:00.000Z", ["b.high", "a.low", "a.high"]);
    expect(itemsToAsk(lists, p).map((x) => x.item.id)).toEqual(["b.high", "a.low", "a.high"]);
  });

  it("keeps a response checklist's steps in the order written", () => {
    const response: Checklist = { ...lists[0]!, kind: "response" };
    const p = startSession(emptyProgress(), ["a"], "2026-01-01T00:00:00.000Z");
    expect(itemsToAsk([response], p).map((x) => x.item.id)).toEqual(["a.low", "a.high", "a.mid"]);
  });

  it("skips items answered in this session, so a resumed session starts where it stopped", () => {
    let p = startSession(emptyProgress(), ["a", "b"], "2026-01-01T00:00:00.000Z");
    p = withAnswer(p, "a.low", "done", "2026-01-01T00:01:00.000Z");
    p = withAnswer(p, "a.high", "later", "2026-01-01T00:02:00.000Z");
    expect(itemsToAsk(lists, p).map((x) => x.item.id)).toEqual(["a.mid", "b.high"]);
    expect(resumableSession(lists, p)?.platforms).toEqual(["a", "b"]);
  });

  it("asks items left for later again in a new session, but not done or not-applicable ones", () => {
    let p = emptyProgress();
    p = withAnswer(p, "a.low", "done", "2026-01-01T00:00:00.000Z");
    p = withAnswer(p, "a.high", "later", "2026-01-01T00:00:00.000Z");
    p = withAnswer(p, "a.mid", "not-applicable", "2026-01-01T00:00:00.000Z");
    p = startSession(p, ["a"], "2026-02-01T00:00:00.000Z");
    expect(itemsToAsk(lists, p).map((x) => x.item.id)).toEqual(["a.high"]);
  });

  it("offers no resume once a session is finished or fully answered", () => {
    let p = startSession(emptyProgress(), ["b"], "2026-01-01T00:00:00.000Z");
    expect(resumableSession(lists, p)).toBeDefined();
    p = withAnswer(p, "b.high", "done", "2026-01-01T00:01:00.000Z");
    expect(resumableSession(lists, p)).toBeUndefined();
    expect(resumableSession(lists, finishSession(startSession(p, ["a"], "2026-01-02T00:00:00.000Z"), "2026-01-03T00:00:00.000Z"))).toBeUndefined();
  });

  it("summarises per platform and orders what is left by risk, then checklist order", () => {
    let p = emptyProgress();
    p = withAnswer(p, "a.low", "later", "t");
    p = withAnswer(p, "a.mid", "not-applicable", "t");
    p = withAnswer(p, "b.high", "done", "t");
    const s = summarize(lists, ["a", "b"], p);
    expect(s.platforms).toEqual([
      { id: "a", name: "A", done: 0, later: 1, notApplicable: 1, open: 1, total: 3 },
      { id: "b", name: "B", done: 1, later: 0, notApplicable: 0, open: 0, total: 1 },
    ]);
    expect(s.remaining.map((r) => [r.id, r.status])).toEqual([
      ["a.high", "open"],
      ["a.low", "later"],
    ]);
  });
});
