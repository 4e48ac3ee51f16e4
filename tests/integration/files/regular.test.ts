import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FileTooLargeError, NotRegularFileError, readRegularFile } from "../../../src/files/regular.js";
import { tempDir } from "../../helpers/fixtures.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function folder(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe("readRegularFile", () => {
  it("reads every byte of files of many sizes, the empty one included", async () => {
    const dir = folder();
    for (const size of [0, 1, 4095, 4096, 65_537, 600_000]) {
      const bytes = Buffer.from(Array.from({ length: size }, (_, i) => (i * 7 + size) % 251));
      writeFileSync(join(dir, `f${size}`), bytes);
      expect((await readRegularFile(join(dir, `f${size}`), "test file")).equals(bytes)).toBe(true);
    }
  });

  it("reads to the end a file the kernel makes as it is read (its size says 0)", async () => {
    if (!existsSync("/proc/self/status")) return;
    const text = (await readRegularFile("/proc/self/status", "test file")).toString("utf8");
    expect(text).toContain("Name:");
    expect(text.length).toBeGreaterThan(100);
  });

  it("refuses a file over the limit before reading, and a folder", async () => {
    const dir = folder();
    writeFileSync(join(dir, "big"), Buffer.alloc(1001));
    await expect(readRegularFile(join(dir, "big"), "test file", 1000)).rejects.toBeInstanceOf(FileTooLargeError);
    expect((await readRegularFile(join(dir, "big"), "test file", 1001)).length).toBe(readFileSync(join(dir, "big")).length);
    mkdirSync(join(dir, "sub"));
    await expect(readRegularFile(join(dir, "sub"), "test file")).rejects.toBeInstanceOf(NotRegularFileError);
  });
});
