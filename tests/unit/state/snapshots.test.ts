import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Checklist } from "../../../src/core/checklist.js";
import { emptyProgress, withAnswer } from "../../../src/core/progress.js";
import { takeSnapshot, type AuditSnapshot } from "../../../src/core/snapshots.js";
import { lastTwo, listSnapshots, loadSnapshot, saveSnapshot } from "../../../src/state/snapshots.js";
import { forgetAll } from "../../../src/state/store.js";
import { tempDir } from "../../helpers/fixtures.js";

let cleanup = () => {};
afterEach(() => cleanup());

function home(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return path.join(t.dir, "home");
}

const lists: Checklist[] = [
  {
    platform: "facebook",
    name: "Facebook",
    items: [
      {
        id: "facebook.two-factor",
        section: "two-factor",
        title: "Turn on two-factor authentication",
        why: "why",
        steps: ["step"],
        path: "Settings",
        risk: "high",
        source: "https://example.org",
        sourceKind: "official",
        verified: "2026-11-01",
      },
    ],
    files: [],
  },
];

const snapshotAt = (iso: string, done = false): AuditSnapshot =>
  takeSnapshot(lists, ["facebook"], done ? withAnswer(emptyProgress(), "facebook.two-factor", "done", iso) : emptyProgress(), new Date(iso));

describe("snapshot files", () => {
  it("are written under snapshots/, only the owner can read them, and are read back the same", () => {
    const dir = home();
    const snap = snapshotAt("2026-11-16T10:00:00.000Z", true);
    const file = saveSnapshot(dir, snap);
    expect(file).toBe(path.join(dir, "snapshots", "2026-11-16T10-00-00-000Z.json"));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, "snapshots")).mode & 0o777).toBe(0o700);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(loadSnapshot(file)).toEqual(snap);
  });

  it("are named by time only, never by platform or anything else about the person", () => {
    const dir = home();
    saveSnapshot(dir, snapshotAt("2026-11-16T10:00:00.000Z", true));
    for (const name of readdirSync(path.join(dir, "snapshots"))) {
      expect(name).toMatch(/^[0-9TZ-]+\.json$/);
      expect(name).not.toMatch(/facebook/i);
    }
  });

  it("never overwrite an earlier snapshot taken at the same moment", () => {
    const dir = home();
    const first = saveSnapshot(dir, snapshotAt("2026-11-16T10:00:00.000Z"));
    const second = saveSnapshot(dir, snapshotAt("2026-11-16T10:00:00.000Z", true));
    expect(second).not.toBe(first);
    expect(path.basename(second)).toBe("2026-11-16T10-00-00-000Z-2.json");
    expect(loadSnapshot(first)?.items["facebook.two-factor"]?.status).toBe("open");
    expect(loadSnapshot(second)?.items["facebook.two-factor"]?.status).toBe("done");
  });

  it("refuse to save something that is not a snapshot, so a name can never come from odd text", () => {
    const dir = home();
    expect(() => saveSnapshot(dir, { ...snapshotAt("2026-11-16T10:00:00.000Z"), takenAt: "../../escape" })).toThrow(TypeError);
    expect(existsSync(dir)).toBe(false);
  });

  it("are listed oldest first, same-moment copies in the order written, other files ignored", () => {
    const dir = home();
    const times = ["2026-12-01T00:00:00.000Z", "2026-11-16T10:00:00.000Z", "2026-11-20T10:00:00.000Z"];
    for (const t of times) saveSnapshot(dir, snapshotAt(t));
    for (let i = 0; i < 10; i++) saveSnapshot(dir, snapshotAt("2026-11-20T10:00:00.000Z"));
    writeFileSync(path.join(dir, "snapshots", "notes.txt"), "not mine");
    const names = listSnapshots(dir).map((f) => path.basename(f));
    expect(names[0]).toBe("2026-11-16T10-00-00-000Z.json");
    expect(names.slice(1, 12)).toEqual([
      "2026-11-20T10-00-00-000Z.json",
      ...Array.from({ length: 10 }, (_, i) => `2026-11-20T10-00-00-000Z-${i + 2}.json`),
    ]);
    expect(names.at(-1)).toBe("2026-12-01T00-00-00-000Z.json");
    expect(names).toHaveLength(13);
  });

  it("list nothing and create nothing when none were saved", () => {
    const dir = home();
    expect(listSnapshots(dir)).toEqual([]);
    expect(lastTwo(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  it("skip a broken or foreign file instead of failing", () => {
    const dir = home();
    const older = snapshotAt("2026-11-09T10:00:00.000Z");
    saveSnapshot(dir, older);
    const kept = snapshotAt("2026-11-16T10:00:00.000Z", true);
    saveSnapshot(dir, kept);
    const folder = path.join(dir, "snapshots");
    writeFileSync(path.join(folder, "2026-11-20T10-00-00-000Z.json"), "{ not json");
    writeFileSync(path.join(folder, "2026-11-21T10-00-00-000Z.json"), JSON.stringify({ version: 1, takenAt: "2026-11-21T10:00:00.000Z" }));
    mkdirSync(path.join(folder, "2026-11-22T10-00-00-000Z.json"));
    const latest = snapshotAt("2026-11-25T09:00:00.000Z");
    saveSnapshot(dir, latest);

    expect(loadSnapshot(path.join(folder, "2026-11-20T10-00-00-000Z.json"))).toBeUndefined();
    expect(loadSnapshot(path.join(folder, "2026-11-21T10-00-00-000Z.json"))).toBeUndefined();
    expect(loadSnapshot(path.join(folder, "2026-11-22T10-00-00-000Z.json"))).toBeUndefined();
    expect(loadSnapshot(path.join(folder, "missing.json"))).toBeUndefined();
    expect(lastTwo(dir)).toEqual([kept, latest]);
    // The broken file is left where it was: skipping it never deletes what the person saved.
    expect(readFileSync(path.join(folder, "2026-11-20T10-00-00-000Z.json"), "utf8")).toBe("{ not json");
  });

  it("give a single snapshot when only one was saved", () => {
    const dir = home();
    const only = snapshotAt("2026-11-16T10:00:00.000Z");
    saveSnapshot(dir, only);
    expect(lastTwo(dir)).toEqual([only]);
  });

  it("are removed by forget with the rest of harden's files", () => {
    const dir = home();
    saveSnapshot(dir, snapshotAt("2026-11-16T10:00:00.000Z"));
    forgetAll(dir);
    expect(existsSync(dir)).toBe(false);
  });
});
