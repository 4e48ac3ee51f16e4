import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";
import { runHardenWithin } from "../helpers/runLimited.js";

let cleanup = () => {};
afterEach(() => cleanup());

function setUp() {
  const t = tempDir("harden-folder-");
  cleanup = t.cleanup;
  const answers = path.join(t.dir, "answers.yaml");
  writeFileSync(answers, "google.devices: done\n");
  return { dir: t.dir, home: path.join(t.dir, "home"), answers };
}

const mode = (file: string) => statSync(file).mode & 0o777;

/** Commands that save state, each in its own way (conf-like store, snapshots, evidence log). */
const saving = (answers: string) => [
  ["config", "set", "range-url", "http://127.0.0.1:9/"],
  ["audit", "--answers", answers],
  ["evidence", "add", "--note", "a note"],
];

describe("a state folder harden cannot use", () => {
  it("a HARDEN_HOME under a regular file is the person's situation: exit 2 naming the folder", async () => {
    const { dir, answers } = setUp();
    writeFileSync(path.join(dir, "plain-file"), "x");
    const home = path.join(dir, "plain-file", "home");
    for (const args of saving(answers)) {
      const r = await runHarden(args, { env: { HARDEN_HOME: home } });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(home);
      expect(r.stderr).toMatch(/HARDEN_HOME/);
      expect(r.stderr).not.toMatch(/unexpected error/);
    }
  });

  it("a HARDEN_HOME that cannot be created (/proc) is refused with exit 2", async () => {
    const { answers } = setUp();
    // Within a limit: Node's recursive mkdir loops for ever on such a path.
    const r = await runHardenWithin(["audit", "--answers", answers], { HARDEN_HOME: "/proc/harden-nope" });
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("/proc/harden-nope");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses a folder others can write to (0777), and changes nothing in it", async () => {
    const { home, answers } = setUp();
    mkdirSync(home);
    chmodSync(home, 0o777);
    for (const args of [...saving(answers), ["report"], ["evidence", "list"], ["forget", "--yes"]]) {
      const r = await runHarden(args, { env: { HARDEN_HOME: home } });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(`chmod 700 ${home}`);
    }
    expect(readdirSync(home)).toEqual([]);
    expect(mode(home)).toBe(0o777);
  });

  it("refuses a folder under one that others can write to, as ssh does, but not under a sticky one like /tmp", async () => {
    const { dir, answers } = setUp();
    const open = path.join(dir, "open");
    mkdirSync(open);
    chmodSync(open, 0o777);
    const home = path.join(open, "inner", "home");
    for (const args of saving(answers)) {
      const r = await runHarden(args, { env: { HARDEN_HOME: home } });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(`can change the folder ${open}, above ${home}`);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    // Refused before anything was made.
    expect(readdirSync(open)).toEqual([]);
    chmodSync(open, 0o1777);
    const r = await runHarden(saving(answers)[0]!, { env: { HARDEN_HOME: home } });
    expect(r.stderr).toBe("Saved.\n");
    expect(r.code).toBe(0);
  });

  // Only root can give a folder to another user; elsewhere vitest reports this test as skipped.
  it.skipIf(process.getuid?.() !== 0)("refuses a folder owned by another user", async () => {
    const { home, answers } = setUp();
    mkdirSync(home, { mode: 0o700 });
    chownSync(home, 65534, 65534);
    for (const args of saving(answers)) {
      const r = await runHarden(args, { env: { HARDEN_HOME: home } });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(home);
      expect(r.stderr).toMatch(/another user/);
    }
    expect(readdirSync(home)).toEqual([]);
  });

  it("tightens a folder of yours that others can read to 0700", async () => {
    const { home, answers } = setUp();
    mkdirSync(home);
    chmodSync(home, 0o755);
    const r = await runHarden(["audit", "--answers", answers], { env: { HARDEN_HOME: home } });
    expect(r.code).toBe(0);
    expect(mode(home)).toBe(0o700);
  });
});

describe("links planted in the state folder are never followed", () => {
  const VICTIM_TEXT = '{"answers":{}}\n';

  /** A home with one saved answer and one evidence entry, and a victim file outside it. */
  async function seeded() {
    const s = setUp();
    const env = { HARDEN_HOME: s.home };
    expect((await runHarden(["audit", "--answers", s.answers], { env })).code).toBe(0);
    expect((await runHarden(["evidence", "add", "--note", "first"], { env })).code).toBe(0);
    const victim = path.join(s.dir, "victim.json");
    writeFileSync(victim, VICTIM_TEXT);
    const victimDir = path.join(s.dir, "victim-dir");
    mkdirSync(victimDir);
    return { ...s, env, victim, victimDir };
  }

  // head.json.tmp is no longer a name harden writes (temporary files have random names): the
  // link there is simply never opened.
  const cases: Array<{ name: string; link: string; dir?: boolean; ignored?: boolean; args: (answers: string) => string[] }> = [
    { name: "progress.json", link: "progress.json", args: (a) => ["audit", "--answers", a] },
    { name: "settings.json", link: "settings.json", args: () => ["config", "set", "range-url", "http://127.0.0.1:9/"] },
    { name: "evidence/log.jsonl", link: "evidence/log.jsonl", args: () => ["evidence", "add", "--note", "second"] },
    { name: "evidence/head.json", link: "evidence/head.json", args: () => ["evidence", "add", "--note", "second"] },
    { name: "evidence/head.json.tmp", link: "evidence/head.json.tmp", ignored: true, args: () => ["evidence", "add", "--note", "second"] },
    { name: "the snapshots folder", link: "snapshots", dir: true, args: (a) => ["audit", "--answers", a] },
    { name: "the evidence folder", link: "evidence", dir: true, args: () => ["evidence", "add", "--note", "second"] },
  ];

  for (const c of cases) {
    it(`a link at ${c.name} is ${c.ignored ? "never followed" : "refused"} and what it points to is unchanged`, async () => {
      const s = await seeded();
      const at = path.join(s.home, c.link);
      rmSync(at, { recursive: true, force: true });
      symlinkSync(c.dir ? s.victimDir : s.victim, at);
      const r = await runHarden(c.args(s.answers), { env: s.env });
      if (c.ignored) expect(r.code).toBe(0);
      else {
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(at);
        expect(r.stderr).toMatch(/link/);
      }
      expect(readFileSync(s.victim, "utf8")).toBe(VICTIM_TEXT);
      expect(readdirSync(s.victimDir)).toEqual([]);
    });
  }
});

describe("files kept aside and forget", () => {
  it("keeps a corrupt progress file aside readable only by the person", async () => {
    const { home, answers } = setUp();
    mkdirSync(home, { mode: 0o700 });
    writeFileSync(path.join(home, "progress.json"), "{ not json", { mode: 0o644 });
    chmodSync(path.join(home, "progress.json"), 0o644);
    const r = await runHarden(["audit", "--answers", answers], { env: { HARDEN_HOME: home } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/kept aside/);
    const aside = readdirSync(home).find((n) => n.startsWith("progress.json.corrupt-"));
    expect(aside).toBeDefined();
    expect(mode(path.join(home, aside!))).toBe(0o600);
    expect(readFileSync(path.join(home, aside!), "utf8")).toBe("{ not json");
  });

  /** A home with everything harden makes, plus the temporary files an interrupted run leaves. */
  async function withLeftovers(copy: boolean) {
    const s = setUp();
    const env = { HARDEN_HOME: s.home };
    const shot = path.join(s.dir, "shot.png");
    writeFileSync(shot, "pixels");
    expect((await runHarden(["audit", "--answers", s.answers], { env })).code).toBe(0);
    expect((await runHarden(["evidence", "add", ...(copy ? [shot, "--copy"] : []), "--note", "kept"], { env })).code).toBe(0);
    const evidence = path.join(s.home, "evidence");
    mkdirSync(path.join(evidence, "files"), { recursive: true, mode: 0o700 });
    for (const leftover of ["progress.json.tmp-17642361231234abcdef", "settings.json.tmp-1764236123abcdef", "progress.json.tmp-3f2a9c"]) writeFileSync(path.join(s.home, leftover), "{}");
    writeFileSync(path.join(evidence, "head.json.tmp"), "{}");
    writeFileSync(path.join(evidence, "head.json.tmp-3f2a9c"), "{}");
    writeFileSync(path.join(evidence, "files", ".incoming-0b7e4c1a-3f9d-4f7e-9a64-1d2c3b4a5e6f"), "half a copy");
    const lock = path.join(s.home, "harden.lock");
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    return { ...s, env, evidence };
  }

  it("forget removes harden's temporary files and lock too, and leaves no empty folder", async () => {
    const { home, env } = await withLeftovers(false);
    const r = await runHarden(["forget", "--yes"], { env });
    expect(r.code).toBe(0);
    // The evidence log is kept; its folder holds only the log and its head.
    expect(readdirSync(home)).toEqual(["evidence"]);
    expect(readdirSync(path.join(home, "evidence")).sort()).toEqual(["head.json", "log.jsonl"]);
    expect((await runHarden(["evidence", "verify"], { env })).code).toBe(0);

    expect((await runHarden(["forget", "--yes", "--include-evidence"], { env })).code).toBe(0);
    expect(existsSync(home)).toBe(false);
  });

  it("forget keeps kept copies but not a half-written one", async () => {
    const { home, env } = await withLeftovers(true);
    expect((await runHarden(["forget", "--yes"], { env })).code).toBe(0);
    expect(readdirSync(home)).toEqual(["evidence"]);
    const files = readdirSync(path.join(home, "evidence", "files"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.png$/);
  });

  it("forget refuses a link planted at evidence/ before it deletes anything, and leaves the link's target alone", async () => {
    const { dir, home, env } = await withLeftovers(false);
    const elsewhere = path.join(dir, "elsewhere");
    mkdirSync(path.join(elsewhere, "files"), { recursive: true });
    writeFileSync(path.join(elsewhere, "head.json.tmp"), "not harden's");
    writeFileSync(path.join(elsewhere, "files", ".incoming-x"), "not harden's");
    rmSync(path.join(home, "evidence"), { recursive: true });
    symlinkSync(elsewhere, path.join(home, "evidence"));
    // The stale lock it takes over is gone either way.
    const names = () => readdirSync(home).filter((name) => name !== "harden.lock").sort();
    const before = names();
    const r = await runHarden(["forget", "--yes"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/evidence is a link/);
    expect(names()).toEqual(before);
    expect(readdirSync(elsewhere).sort()).toEqual(["files", "head.json.tmp"]);
    expect(readdirSync(path.join(elsewhere, "files"))).toEqual([".incoming-x"]);
  });

  it("forget --include-evidence leaves nothing of harden's, and keeps someone else's file", async () => {
    const { home, env } = await withLeftovers(true);
    writeFileSync(path.join(home, "someone-elses.txt"), "keep me");
    expect((await runHarden(["forget", "--yes", "--include-evidence"], { env })).code).toBe(0);
    expect(readdirSync(home)).toEqual(["someone-elses.txt"]);
  });
});
