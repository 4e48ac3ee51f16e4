import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { withAnswer } from "../../../src/core/progress.js";
import { forgetAll, openState, savedEntries, stateDir } from "../../../src/state/store.js";
import { tempDir } from "../../helpers/fixtures.js";

let cleanup = () => {};
afterEach(() => cleanup());

function home() {
  const t = tempDir();
  cleanup = t.cleanup;
  return { dir: path.join(t.dir, "home"), env: { HARDEN_HOME: path.join(t.dir, "home") } as NodeJS.ProcessEnv };
}

describe("state store", () => {
  it("keeps progress in HARDEN_HOME, in files only the owner can read", () => {
    const { dir, env } = home();
    expect(stateDir(env)).toBe(dir);
    const store = openState({ save: true, env });
    store.updateProgress((p) => withAnswer(p, "demo.one", "done", "2026-01-01T00:00:00.000Z"));
    const file = path.join(dir, "progress.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(openState({ save: true, env }).loadProgress().answers["demo.one"]?.status).toBe("done");
  });

  it("moves a corrupted progress file aside, says so, and starts afresh without overwriting it", () => {
    const { dir, env } = home();
    openState({ save: true, env }).updateSettings(() => ({ a: 1 }));
    writeFileSync(path.join(dir, "progress.json"), "{ not json", { mode: 0o600 });
    const store = openState({ save: true, env });
    expect(store.loadProgress().answers).toEqual({});
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toMatch(/could not be read.*progress\.json\.corrupt-/);
    const aside = readdirSync(dir).find((n) => n.startsWith("progress.json.corrupt-"));
    expect(aside).toBeDefined();
    expect(readFileSync(path.join(dir, aside!), "utf8")).toBe("{ not json");
  });

  it("treats valid JSON of the wrong shape as corrupted too", () => {
    const { dir, env } = home();
    openState({ save: true, env }).updateSettings(() => ({}));
    writeFileSync(path.join(dir, "progress.json"), JSON.stringify({ answers: { "x.y": { status: "maybe", at: 1 } } }));
    const store = openState({ save: true, env });
    expect(store.loadProgress().answers).toEqual({});
    expect(store.notices[0]).toMatch(/kept aside/);
  });

  it("with --no-save reads what was saved but writes nothing", () => {
    const { dir, env } = home();
    const saved = openState({ save: true, env });
    saved.updateProgress((p) => withAnswer(p, "demo.one", "later", "t"));
    const before = readFileSync(path.join(dir, "progress.json"), "utf8");
    const memory = openState({ save: false, env });
    expect(memory.loadProgress().answers["demo.one"]?.status).toBe("later");
    memory.updateProgress((p) => withAnswer(p, "demo.one", "done", "t2"));
    expect(readFileSync(path.join(dir, "progress.json"), "utf8")).toBe(before);
  });

  it("with --no-save never creates the folder", () => {
    const { dir, env } = home();
    const memory = openState({ save: false, env });
    memory.updateProgress((p) => withAnswer(p, "demo.one", "done", "t"));
    expect(existsSync(dir)).toBe(false);
  });

  it("forgets exactly what harden saved and leaves other files alone", () => {
    const { dir, env } = home();
    const store = openState({ save: true, env });
    store.updateProgress((p) => withAnswer(p, "demo.one", "done", "t"));
    store.updateSettings(() => ({ rangeUrl: "http://127.0.0.1:1/" }));
    writeFileSync(path.join(dir, "progress.json.corrupt-2026"), "x");
    writeFileSync(path.join(dir, "someone-elses.txt"), "keep me");
    expect(savedEntries(dir).map((p) => path.basename(p)).sort()).toEqual(["progress.json", "progress.json.corrupt-2026", "settings.json"]);
    forgetAll(dir);
    expect(readdirSync(dir)).toEqual(["someone-elses.txt"]);
  });
});

describe("state store reads", () => {
  it("creates no folder when it only reads and nothing was saved", () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const env = { HARDEN_HOME: path.join(t.dir, "home") } as NodeJS.ProcessEnv;
    const store = openState({ save: true, env });
    expect(store.loadProgress().answers).toEqual({});
    expect(store.loadSettings()).toEqual({});
    expect(existsSync(env.HARDEN_HOME!)).toBe(false);
  });

  it("keeps one decoy key: made once, the same for every store; refused, never replaced silently, when it cannot be kept; removed by forget", () => {
    const { dir, env } = home();
    // --no-save with no key saved: refused (decoys new each run would give the real prefixes away).
    expect(() => openState({ save: false, env }).decoyKey()).toThrow(/With --no-save, harden cannot make its decoy key.*nothing was sent/);
    expect(existsSync(dir)).toBe(false);
    const key = openState({ save: true, env }).decoyKey();
    expect(key).toHaveLength(32);
    expect(statSync(path.join(dir, "decoy-key")).mode & 0o777).toBe(0o600);
    expect(openState({ save: true, env }).decoyKey()).toEqual(key);
    expect(openState({ save: false, env }).decoyKey()).toEqual(key);

    // A damaged key is kept aside and this run refused; the next run makes a new one.
    writeFileSync(path.join(dir, "decoy-key"), "not a key\n", { mode: 0o600 });
    expect(() => openState({ save: true, env }).decoyKey()).toThrow(/Your decoy key could not be read, so it was kept aside as .*decoy-key\.corrupt-.* and nothing was sent/);
    const aside = readdirSync(dir).find((n) => n.startsWith("decoy-key.corrupt-"));
    expect(readFileSync(path.join(dir, aside!), "utf8")).toBe("not a key\n");
    const replaced = openState({ save: true, env }).decoyKey();
    expect(replaced).not.toEqual(key);
    expect(readFileSync(path.join(dir, "decoy-key"), "latin1")).toBe(`${Buffer.from(replaced).toString("hex")}\n`);

    forgetAll(dir);
    expect(existsSync(path.join(dir, "decoy-key"))).toBe(false);

    // A link where the key goes is refused in its own words, and nothing is written through it.
    openState({ save: true, env }).updateSettings(() => ({}));
    symlinkSync(path.join(dir, "settings.json"), path.join(dir, "decoy-key"));
    expect(() => openState({ save: true, env }).decoyKey()).toThrow(/is a link/);
    expect(readFileSync(path.join(dir, "settings.json"), "utf8")).toBe("{}\n");
  });
});
