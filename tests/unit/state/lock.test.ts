import { existsSync, mkdirSync, utimesSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { withAnswer } from "../../../src/core/progress.js";
import { StateBusyError, withStateLock, withStateLockSync } from "../../../src/state/lock.js";
import { openState } from "../../../src/state/store.js";
import { tempDir } from "../../helpers/fixtures.js";

let cleanup = () => {};
afterEach(() => cleanup());

function home() {
  const t = tempDir("harden-lock-unit-");
  cleanup = t.cleanup;
  return t.dir;
}

describe("the state folder's lock", () => {
  it("says in one line that another harden is running, after a short wait", async () => {
    const dir = home();
    mkdirSync(path.join(dir, "harden.lock")); // held by another harden
    let ran = false;
    const started = Date.now();
    expect(() => withStateLockSync(dir, () => (ran = true), { waitMs: 150 })).toThrow(StateBusyError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await expect(withStateLock(dir, async () => (ran = true), { waitMs: 150 })).rejects.toMatchObject({
      exitCode: 2,
      message: `Another harden is running with this folder (${dir}); wait for it to finish, then try again.`,
    });
    expect(ran).toBe(false);
  });

  it("takes over a lock dated in the future (the clock was set back after a harden was killed)", async () => {
    const dir = home();
    const lock = path.join(dir, "harden.lock");
    const later = new Date(Date.now() + 60 * 60 * 1000);
    mkdirSync(lock);
    utimesSync(lock, later, later);
    expect(withStateLockSync(dir, () => "ran", { waitMs: 150 })).toBe("ran");
    mkdirSync(lock);
    utimesSync(lock, later, later);
    await expect(withStateLock(dir, async () => "ran", { waitMs: 150 })).resolves.toBe("ran");
    expect(existsSync(lock)).toBe(false);
  });

  it("is released after the work, even when it fails", async () => {
    const dir = home();
    expect(() =>
      withStateLockSync(dir, () => {
        expect(existsSync(path.join(dir, "harden.lock"))).toBe(true);
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(existsSync(path.join(dir, "harden.lock"))).toBe(false);
    await expect(withStateLock(dir, async () => Promise.reject(new Error("bang")))).rejects.toThrow("bang");
    expect(existsSync(path.join(dir, "harden.lock"))).toBe(false);
  });
});

describe("changes to saved state", () => {
  it("apply to the latest saved copy, not to what this process read earlier", () => {
    const env = { HARDEN_HOME: path.join(home(), "home") } as NodeJS.ProcessEnv;
    const mine = openState({ save: true, env });
    const before = mine.loadProgress();
    expect(before.answers).toEqual({});
    // Another harden saves an answer after this one has read its progress.
    openState({ save: true, env }).updateProgress((p) => withAnswer(p, "demo.other", "later", "t1"));
    const after = mine.updateProgress((p) => withAnswer(p, "demo.mine", "done", "t2"));
    expect(Object.keys(after.answers).sort()).toEqual(["demo.mine", "demo.other"]);
    expect(Object.keys(openState({ save: true, env }).loadProgress().answers).sort()).toEqual(["demo.mine", "demo.other"]);
  });
});
