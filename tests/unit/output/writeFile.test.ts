import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { tempDir } from "../../helpers/fixtures.js";

/** Set by a test to make the final rename fail, as a full disk or a vanished folder would midway. */
const fault = vi.hoisted(() => ({ rename: undefined as NodeJS.ErrnoException | undefined }));
vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs")>();
  return {
    ...real,
    renameSync: (from: string, to: string) => {
      if (fault.rename) throw fault.rename;
      return real.renameSync(from, to);
    },
  };
});
const { writePrivateFile } = await import("../../../src/output/writeFile.js");

let cleanup = () => {};
afterEach(() => {
  cleanup();
  fault.rename = undefined;
});
function folder() {
  const t = tempDir();
  cleanup = t.cleanup;
  return t.dir;
}

async function refused(file: string, message: RegExp) {
  const error = await writePrivateFile(file, "new text\n").then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(2);
  expect((error as UsageError).message).toContain(file);
  expect((error as UsageError).message).toMatch(message);
}

describe("writePrivateFile", () => {
  it("writes a new file readable only by you, and leaves nothing else", async () => {
    const dir = folder();
    const file = path.join(dir, "report.html");
    await writePrivateFile(file, "hello\n");
    expect(readFileSync(file, "utf8")).toBe("hello\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["report.html"]);
  });

  it("replaces an existing 0644 file by a new 0600 one; a hard link to the old one keeps the old text", async () => {
    const dir = folder();
    const file = path.join(dir, "report.md");
    writeFileSync(file, "old\n");
    chmodSync(file, 0o644);
    execFileSync("ln", [file, path.join(dir, "other-name")]);
    await writePrivateFile(file, "new\n");
    expect(readFileSync(file, "utf8")).toBe("new\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, "other-name"), "utf8")).toBe("old\n");
  });

  it("refuses a symlink to a file: the link and the file stay as they were", async () => {
    const dir = folder();
    const victim = path.join(dir, "victim");
    writeFileSync(victim, "keep\n");
    chmodSync(victim, 0o644);
    const link = path.join(dir, "out.md");
    symlinkSync(victim, link);
    await refused(link, /it is a link/);
    expect(readFileSync(victim, "utf8")).toBe("keep\n");
    expect(statSync(victim).mode & 0o777).toBe(0o644);
    expect(readlinkSync(link)).toBe(victim);
    expect(readdirSync(dir).sort()).toEqual(["out.md", "victim"]);
  });

  it("refuses a dangling symlink without creating its target", async () => {
    const dir = folder();
    const link = path.join(dir, "out.md");
    symlinkSync(path.join(dir, "target"), link);
    await refused(link, /it is a link/);
    expect(existsSync(path.join(dir, "target"))).toBe(false);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it("refuses a FIFO at once, a folder and a device", async () => {
    const dir = folder();
    const fifo = path.join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    const started = Date.now();
    await refused(fifo, /not a regular file/);
    expect(Date.now() - started).toBeLessThan(1000);
    mkdirSync(path.join(dir, "sub"));
    await refused(path.join(dir, "sub"), /not a regular file/);
    await refused("/dev/null", /use --output -/);
    expect(readdirSync(dir).sort()).toEqual(["pipe", "sub"]);
  });

  it("names a missing folder", async () => {
    const dir = folder();
    await refused(path.join(dir, "missing", "out.md"), new RegExp(`the folder ${path.join(dir, "missing")} does not exist`));
    writeFileSync(path.join(dir, "plain"), "");
    await refused(path.join(dir, "plain", "out.md"), /is not a folder|is a file, not a folder/);
  });

  it("an error midway leaves no temporary file behind, and the old file as it was", async () => {
    const dir = folder();
    const file = path.join(dir, "report.md");
    writeFileSync(file, "old\n");
    fault.rename = Object.assign(new Error("no space left"), { code: "ENOSPC" });
    await refused(file, /disk is full/);
    expect(readdirSync(dir)).toEqual(["report.md"]);
    expect(readFileSync(file, "utf8")).toBe("old\n");
  });
});
