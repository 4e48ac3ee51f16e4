import { existsSync, mkdirSync, readFileSync, rmdirSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";

let cleanup = () => {};
afterEach(() => cleanup());

function setUp() {
  const t = tempDir("harden-lock-");
  cleanup = t.cleanup;
  return t.dir;
}

const ITEMS = ["google.security-checkup", "google.devices", "google.security-events", "google.password", "google.two-step", "google.passkeys", "google.backup-codes", "google.recovery-phone-email", "google.recovery-contacts", "google.third-party"];
const PAIRS = 20;
/** Pairs at once, each on its own folder: the machine has few cores, and a pair is what is tested. */
const WAVE = 4;

async function inWaves(count: number, run: (n: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < count; start += WAVE) {
    await Promise.all(Array.from({ length: Math.min(WAVE, count - start) }, (_, i) => run(start + i)));
  }
}

describe("two harden processes on one folder", () => {
  it("lose no answer: 20 pairs of audit --answers at once", { timeout: 60_000 }, async () => {
    const dir = setUp();
    // Each process of a pair answers five items the other does not.
    const first = path.join(dir, "first.yaml");
    const second = path.join(dir, "second.yaml");
    writeFileSync(first, ITEMS.slice(0, 5).map((id) => `${id}: done\n`).join(""));
    writeFileSync(second, ITEMS.slice(5).map((id) => `${id}: later\n`).join(""));
    const failures: string[] = [];
    await inWaves(PAIRS, async (pair) => {
      const env = { HARDEN_HOME: path.join(dir, `home-${pair}`) };
      const runs = await Promise.all([first, second].map((answers) => runHarden(["audit", "--answers", answers, "--json"], { env })));
      for (const r of runs) if (r.code !== 0) failures.push(`pair ${pair}: exit ${r.code}: ${r.stderr}`);
      const saved = JSON.parse(readFileSync(path.join(env.HARDEN_HOME, "progress.json"), "utf8")) as { answers: Record<string, unknown> };
      const missing = ITEMS.filter((id) => !(id in saved.answers));
      if (missing.length) failures.push(`pair ${pair}: lost ${missing.join(", ")}`);
    });
    expect(failures).toEqual([]);
  });

  it("keep the evidence chain whole: 20 pairs of evidence add at once", { timeout: 60_000 }, async () => {
    const dir = setUp();
    const homes = Array.from({ length: WAVE }, (_, i) => path.join(dir, `home-${i}`));
    const failures: string[] = [];
    // Pairs run in waves, one pair per home at a time, so each home's log grows by 2 per wave.
    await inWaves(PAIRS, async (pair) => {
      const env = { HARDEN_HOME: homes[pair % WAVE]! };
      const runs = await Promise.all(["a", "b"].map((side) => runHarden(["evidence", "add", "--note", `note ${pair}${side}`], { env })));
      for (const r of runs) if (r.code !== 0) failures.push(`pair ${pair}: exit ${r.code}: ${r.stderr}`);
    });
    expect(failures).toEqual([]);
    const notes: string[] = [];
    for (const home of homes) {
      const verify = await runHarden(["evidence", "verify", "--json"], { env: { HARDEN_HOME: home } });
      expect(verify.code).toBe(0);
      expect(JSON.parse(verify.stdout)).toMatchObject({ intact: true, findings: [] });
      const { entries } = JSON.parse((await runHarden(["evidence", "list", "--json"], { env: { HARDEN_HOME: home } })).stdout) as { entries: Array<{ seq: number; note: string }> };
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: (PAIRS / WAVE) * 2 }, (_, i) => i + 1));
      notes.push(...entries.map((e) => e.note));
    }
    expect(notes.sort()).toEqual(Array.from({ length: PAIRS }, (_, i) => [`note ${i}a`, `note ${i}b`]).flat().sort());
  });

  it("a second process waits for the lock, then does its work", async () => {
    const home = path.join(setUp(), "home");
    mkdirSync(home, { mode: 0o700 });
    const lock = path.join(home, "harden.lock");
    mkdirSync(lock); // as another running harden holds it
    const run = runHarden(["config", "set", "range-url", "http://127.0.0.1:9/"], { env: { HARDEN_HOME: home } });
    await new Promise((resolve) => setTimeout(resolve, 700));
    const savedWhileLocked = existsSync(path.join(home, "settings.json"));
    rmdirSync(lock);
    const r = await run;
    expect(savedWhileLocked).toBe(false);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(home, "settings.json"), "utf8")).toContain("127.0.0.1:9");
    expect(existsSync(lock)).toBe(false);
  });

  it("a lock left by a harden that was killed is taken over", async () => {
    const home = path.join(setUp(), "home");
    mkdirSync(home, { mode: 0o700 });
    const lock = path.join(home, "harden.lock");
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const r = await runHarden(["evidence", "add", "--note", "after a crash"], { env: { HARDEN_HOME: home } });
    expect(r.stderr).not.toMatch(/Another harden/);
    expect(r.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});
