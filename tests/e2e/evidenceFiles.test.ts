import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, tempDir } from "../helpers/fixtures.js";
import { runHardenWithin as run } from "../helpers/runLimited.js";

let cleanup = () => {};
afterEach(() => cleanup());

function setUp() {
  const t = tempDir("harden-evidence-files-");
  cleanup = t.cleanup;
  const home = path.join(t.dir, "home");
  const shot = path.join(t.dir, "shot.png");
  writeFileSync(shot, "pixels");
  return { dir: t.dir, home, shot, evidence: path.join(home, "evidence"), env: { HARDEN_HOME: home } };
}

/** Nothing at all recorded: no log line, no copy, no half-written copy. */
function expectNothingRecorded(evidence: string) {
  expect(existsSync(path.join(evidence, "log.jsonl"))).toBe(false);
  const files = path.join(evidence, "files");
  expect(existsSync(files) ? readdirSync(files) : []).toEqual([]);
}

describe("evidence add reads only regular files", () => {
  for (const copy of [false, true]) {
    it(`refuses /dev/zero at once${copy ? " with --copy" : ""}, and records nothing, not even the other file`, async () => {
      const { shot, evidence, env } = setUp();
      const r = await run(["evidence", "add", shot, "/dev/zero", ...(copy ? ["--copy"] : []), "--note", "x"], env);
      expect(r.killed).toBe(false);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("/dev/zero");
      expect(r.stderr).toMatch(/a device, not a regular file/);
      expectNothingRecorded(evidence);
    });
  }

  it("refuses a FIFO without waiting for a writer", async () => {
    const { dir, evidence, env } = setUp();
    const fifo = path.join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const r = await run(["evidence", "add", fifo, "--copy"], env);
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a pipe \(FIFO\), not a regular file/);
    expectNothingRecorded(evidence);
  });

  it("a read error part way leaves no partial copy and no entry", async () => {
    const { evidence, env } = setUp();
    // A regular file by its type whose reading fails with EIO.
    const r = await run(["evidence", "add", "/proc/self/mem", "--copy", "--note", "x"], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Cannot read .*\/proc\/self\/mem \(EIO\)/);
    expect(r.stderr).toMatch(/Nothing was recorded/);
    expectNothingRecorded(evidence);
  });

  it("a copy that cannot be written in full (the disk is full) leaves no partial copy and no entry", async () => {
    const { dir, evidence, env } = setUp();
    const big = path.join(dir, "video.mp4");
    writeFileSync(big, Buffer.alloc(1024 * 1024, 7));
    const r = await run(["evidence", "add", big, "--copy", "--note", "x"], env, { fileBlocks: 64 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join(evidence, "files"));
    expect(r.stderr).toMatch(/EFBIG/);
    expect(r.stderr).toMatch(/Nothing was recorded/);
    expectNothingRecorded(evidence);
    // Without the cap the same file is kept, so the folder was not broken by the failure.
    const again = await run(["evidence", "add", big, "--copy", "--note", "x"], env);
    expect(again.code).toBe(0);
    expect(readdirSync(path.join(evidence, "files"))).toHaveLength(1);
  });
});

describe("evidence add of a file that is still being written", () => {
  it("refuses a file that grows while it is read, and records nothing", async () => {
    const { dir, evidence, env } = setUp();
    const growing = path.join(dir, "recording.mp4");
    writeFileSync(growing, Buffer.alloc(48 * 1024 * 1024, 7));
    // Another program still writing the file: a little more every millisecond.
    const writer = spawn(process.execPath, ["-e", `const fs = require("fs"); setInterval(() => fs.appendFileSync(${JSON.stringify(growing)}, "x".repeat(1024)), 1);`], { stdio: "ignore" });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const r = await run(["evidence", "add", growing, "--copy", "--note", "x"], env, { limitMs: 8000 });
      expect(r.killed).toBe(false);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(growing);
      expect(r.stderr).toMatch(/changed while harden read it/);
      expect(r.stderr).toMatch(/Nothing was recorded/);
      expectNothingRecorded(evidence);
    } finally {
      writer.kill("SIGKILL");
    }
  });

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`${signal} part way through a copy leaves no partial copy`, async () => {
      const { dir, evidence, env } = setUp();
      // Sparse: large to copy, nothing on disk.
      const big = path.join(dir, "big.mp4");
      execFileSync("truncate", ["-s", "20G", big]);
      const child = spawn(process.execPath, [BIN, "evidence", "add", big, "--copy", "--note", "x"], { env: { PATH: process.env.PATH, NO_COLOR: "1", ...env }, stdio: "ignore" });
      const files = path.join(evidence, "files");
      try {
        // Wait until the copy has begun.
        for (let i = 0; i < 200 && !(existsSync(files) && readdirSync(files).length > 0); i++) await new Promise((resolve) => setTimeout(resolve, 20));
        expect(readdirSync(files).length).toBeGreaterThan(0);
        child.kill(signal);
        const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
        expect(code).toBe(signal === "SIGINT" ? 130 : 143);
        expectNothingRecorded(evidence);
      } finally {
        child.kill("SIGKILL");
      }
    });
  }
});
