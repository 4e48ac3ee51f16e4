import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Checklist, ChecklistItem } from "../../../src/core/checklist.js";
import { emptyProgress, withAnswer, type Progress } from "../../../src/core/progress.js";
import { checkStaleness, diffSnapshots, isAuditSnapshot, pathKeyOf, takeSnapshot } from "../../../src/core/snapshots.js";

const item = (id: string, extra: Partial<ChecklistItem> = {}): ChecklistItem => ({
  id,
  section: "privacy",
  title: `Title of ${id}`,
  why: "why",
  steps: ["step"],
  path: "Settings > Privacy",
  risk: "high",
  source: "https://example.org",
  sourceKind: "official",
  verified: "2026-11-01",
  ...extra,
});

const list = (platform: string, items: ChecklistItem[]): Checklist => ({ platform, name: platform.toUpperCase(), items, files: [] });

const answered = (answers: Record<string, "done" | "later" | "not-applicable">): Progress =>
  Object.entries(answers).reduce((p, [id, status]) => withAnswer(p, id, status, "2026-11-01T00:00:00.000Z"), emptyProgress());

const FIRST = new Date("2026-11-16T10:00:00.000Z");
const SECOND = new Date("2026-11-25T09:00:00.000Z");

describe("takeSnapshot", () => {
  it("records every item of the chosen platforms with its status, path and verified date", () => {
    const lists = [list("a", [item("a.one"), item("a.two", { path: { web: "Menu", ios: "Tab" } })]), list("b", [item("b.one")])];
    const snap = takeSnapshot(lists, ["a"], answered({ "a.one": "done", "b.one": "done" }), FIRST);
    expect(snap).toEqual({
      version: 1,
      takenAt: "2026-11-16T10:00:00.000Z",
      platforms: ["a"],
      items: {
        "a.one": { status: "done", verified: "2026-11-01", pathKey: pathKeyOf("Settings > Privacy"), title: "Title of a.one", platform: "a" },
        "a.two": { status: "open", verified: "2026-11-01", pathKey: pathKeyOf({ web: "Menu", ios: "Tab" }), title: "Title of a.two", platform: "a" },
      },
    });
    expect(isAuditSnapshot(snap)).toBe(true);
  });

  it("leaves out platforms with no checklist and names each platform once", () => {
    const snap = takeSnapshot([list("a", [item("a.one")])], ["a", "gone", "a"], emptyProgress(), FIRST);
    expect(snap.platforms).toEqual(["a"]);
  });

  it("gives a path the same key whatever order its surfaces were written in", () => {
    expect(pathKeyOf({ ios: "Tab", web: "Menu" })).toBe(pathKeyOf({ web: "Menu", ios: "Tab" }));
    expect(pathKeyOf({ web: "Menu" })).not.toBe(pathKeyOf("Menu"));
  });
});

describe("diffSnapshots", () => {
  const before = [list("a", [item("a.one"), item("a.two"), item("a.three"), item("a.four")])];
  const previous = takeSnapshot(before, ["a"], answered({ "a.one": "done", "a.two": "not-applicable", "a.three": "done" }), FIRST);

  it("says which checks it compares", () => {
    const diff = diffSnapshots(previous, previous);
    expect(diff).toEqual({ from: previous.takenAt, to: previous.takenAt, reopened: [], newItems: [], changedSinceDone: [], removed: [] });
  });

  it("reports an item done (or not applicable) before and open or later now as reopened", () => {
    const current = takeSnapshot(before, ["a"], answered({ "a.one": "later", "a.three": "done" }), SECOND);
    const diff = diffSnapshots(previous, current);
    expect(diff.reopened).toEqual([
      { id: "a.one", platform: "a", title: "Title of a.one" },
      { id: "a.two", platform: "a", title: "Title of a.two" },
    ]);
    expect(diff.to).toBe("2026-11-25T09:00:00.000Z");
  });

  it("does not report an item that was open and is still open, or later and now done", () => {
    const p = answered({ "a.four": "later" });
    const diff = diffSnapshots(takeSnapshot(before, ["a"], p, FIRST), takeSnapshot(before, ["a"], answered({ "a.four": "done" }), SECOND));
    expect(diff.reopened).toEqual([]);
  });

  it("reports items added to an updated checklist as new", () => {
    const updated = [list("a", [...before[0]!.items, item("a.five", { title: "A new setting" })])];
    const diff = diffSnapshots(previous, takeSnapshot(updated, ["a"], answered({ "a.one": "done", "a.three": "done" }), SECOND));
    expect(diff.newItems).toEqual([{ id: "a.five", platform: "a", title: "A new setting" }]);
    expect(diff.removed).toEqual([]);
  });

  it("does not call a whole platform new or removed when only one check covered it", () => {
    const two = [...before, list("b", [item("b.one")])];
    const current = takeSnapshot(two, ["b"], emptyProgress(), SECOND);
    const diff = diffSnapshots(previous, current);
    expect(diff.newItems).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it("reports a done item whose verified date changed since", () => {
    const updated = [list("a", [item("a.one", { verified: "2026-11-20" }), item("a.two"), item("a.three"), item("a.four")])];
    const diff = diffSnapshots(previous, takeSnapshot(updated, ["a"], answered({ "a.one": "done", "a.three": "done" }), SECOND));
    expect(diff.changedSinceDone).toEqual([{ id: "a.one", platform: "a", title: "Title of a.one", what: ["verified"] }]);
    expect(diff.reopened).toEqual([{ id: "a.two", platform: "a", title: "Title of a.two" }]);
  });

  it("reports a done item whose path moved since, with the verified date if that changed too", () => {
    const updated = [
      list("a", [
        item("a.one", { path: { web: "Settings > Security" } }),
        item("a.two", { path: "Elsewhere" }),
        item("a.three", { path: "Elsewhere", verified: "2026-11-24" }),
        item("a.four", { path: "Elsewhere" }),
      ]),
    ];
    const diff = diffSnapshots(previous, takeSnapshot(updated, ["a"], answered({ "a.one": "done", "a.three": "done" }), SECOND));
    // a.two was not applicable and a.four open: a moved path only matters for what was done.
    expect(diff.changedSinceDone).toEqual([
      { id: "a.one", platform: "a", title: "Title of a.one", what: ["path"] },
      { id: "a.three", platform: "a", title: "Title of a.three", what: ["verified", "path"] },
    ]);
  });

  it("reports items no longer in the checklist as removed, with their old title", () => {
    const updated = [list("a", [item("a.one"), item("a.two"), item("a.four")])];
    const diff = diffSnapshots(previous, takeSnapshot(updated, ["a"], answered({ "a.one": "done" }), SECOND));
    expect(diff.removed).toEqual([{ id: "a.three", platform: "a", title: "Title of a.three" }]);
    expect(diff.changedSinceDone).toEqual([]);
  });
});

describe("checkStaleness", () => {
  const now = new Date("2026-11-25T09:00:00.000Z");

  it("says when the last check was and that it is time for another after a week", () => {
    const s = checkStaleness("2026-11-16T22:00:00.000Z", now);
    expect(s.lastCheck).toBe("2026-11-16");
    expect(s.daysSince).toBe(9);
    expect(s.advice).toMatch(/^Your last full check was 9 days ago, on 2026-11-16\. /);
    expect(s.advice).toMatch(/every week for a month/);
    expect(s.advice).toMatch(/good time to check again/);
  });

  it("says when the next weekly check is due within the week", () => {
    const s = checkStaleness("2026-11-22T08:00:00.000Z", now);
    expect(s.daysSince).toBe(3);
    expect(s.advice).toMatch(/^Your last full check was 3 days ago, on 2026-11-22\./);
    expect(s.advice).toMatch(/next check is due in 4 days, on 2026-11-29\.$/);
  });

  it("uses plain words for today, yesterday and one day left", () => {
    expect(checkStaleness("2026-11-25T01:00:00.000Z", now).advice).toMatch(/^Your last full check was earlier today, on 2026-11-25\./);
    expect(checkStaleness("2026-11-24T01:00:00.000Z", now).advice).toMatch(/was yesterday, on 2026-11-24\./);
    expect(checkStaleness("2026-11-19T01:00:00.000Z", now).advice).toMatch(/due in 1 day, on 2026-11-26\.$/);
    expect(checkStaleness("2026-11-18T23:59:00.000Z", now).advice).toMatch(/7 days ago.*good time to check again/);
  });

  it("without a saved check (or with an unreadable time) gives the weekly advice only", () => {
    for (const last of [undefined, "not a date"]) {
      const s = checkStaleness(last, now);
      expect(s.lastCheck).toBeUndefined();
      expect(s.daysSince).toBeUndefined();
      expect(s.advice).toMatch(/^No full check has been saved yet\. .*every week for a month/);
    }
  });

  it("never counts negative days when the clock went back", () => {
    expect(checkStaleness("2026-11-27T00:00:00.000Z", now).daysSince).toBe(0);
  });
});

describe("isAuditSnapshot", () => {
  it("rejects anything that is not a snapshot without throwing", () => {
    const good = takeSnapshot([list("a", [item("a.one")])], ["a"], emptyProgress(), FIRST);
    const entry = fc.record({
      status: fc.oneof(fc.constantFrom("done", "later", "not-applicable", "open"), fc.jsonValue()),
      verified: fc.oneof(fc.string(), fc.jsonValue()),
      pathKey: fc.oneof(fc.string(), fc.jsonValue()),
      title: fc.oneof(fc.string(), fc.jsonValue()),
      platform: fc.oneof(fc.string(), fc.jsonValue()),
    }, { requiredKeys: [] });
    const nearly = fc.record({
      version: fc.oneof(fc.constant(1), fc.jsonValue()),
      takenAt: fc.oneof(fc.constant(good.takenAt), fc.string(), fc.jsonValue()),
      platforms: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
      items: fc.oneof(fc.dictionary(fc.string(), fc.oneof(entry, fc.jsonValue())), fc.jsonValue()),
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.oneof(nearly, fc.jsonValue()), (value) => {
        const ok = isAuditSnapshot(value);
        // Whatever it accepts must be safe to diff against a real snapshot.
        if (ok) diffSnapshots(value, good);
      }),
    );
    expect(isAuditSnapshot({ ...good, version: 2 })).toBe(false);
    expect(isAuditSnapshot({ ...good, takenAt: "yesterday" })).toBe(false);
    expect(isAuditSnapshot({ ...good, platforms: [1] })).toBe(false);
    expect(isAuditSnapshot({ ...good, items: [] })).toBe(false);
    expect(isAuditSnapshot({ ...good, items: { "a.one": { ...good.items["a.one"], status: "maybe" } } })).toBe(false);
    expect(isAuditSnapshot({ ...good, items: { "a.one": { ...good.items["a.one"], pathKey: undefined } } })).toBe(false);
  });
});
