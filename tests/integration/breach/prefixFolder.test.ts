import { execFileSync } from "node:child_process";
import { closeSync, constants, openSync } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha1Hex } from "../../../src/breach/hash.js";
import { openOfflineDataset, type OfflineDataset } from "../../../src/breach/offline.js";
import { InvalidInputError } from "../../../src/errors.js";
import { tempDir, writePrefixFolder } from "../../fixtures/breach/datasets.js";

/** Prefix-folder files that must never read as "not found" nor hang: padding only, pipes, devices. */

const HASH = sha1Hex("password");
const PREFIX = HASH.slice(0, 5);
let dir: string;
let removeDir: () => Promise<void>;
const opened: OfflineDataset[] = [];
const fifos: string[] = [];

beforeEach(async () => {
  ({ path: dir, remove: removeDir } = await tempDir());
});

afterEach(async () => {
  // Should a reader be stuck on a FIFO (the bug this guards against), give it an end so the
  // test run can still finish.
  for (const fifo of fifos.splice(0)) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader waiting: nothing to release.
    }
  }
  while (opened.length > 0) await opened.pop()?.close();
  await removeDir();
});

async function openData(path: string): Promise<OfflineDataset> {
  const dataset = await openOfflineDataset(path);
  opened.push(dataset);
  return dataset;
}

function mkfifo(path: string): void {
  execFileSync("mkfifo", [path]);
  fifos.push(path);
}

/** A folder with one good range file (another prefix), so it opens. */
async function folderWithSample(name: string): Promise<string> {
  const folder = join(dir, name);
  await writePrefixFolder(folder, [[sha1Hex("another password"), 4]]);
  return folder;
}

function expectUnknown(result: unknown, reason: RegExp): void {
  expect(result).toMatchObject({ status: "unknown", reason: expect.stringMatching(reason) });
  expect(JSON.stringify(result)).not.toContain(HASH.slice(5, 15));
}

describe("prefix folder: a file of padding only", () => {
  it.each([1, 900])("answers unknown, not not-found, for a prefix file of %i padding line(s)", async (lines) => {
    const folder = await folderWithSample("padding");
    const padding = Array.from({ length: lines - 1 }, (_, i) => `${i.toString(16).toUpperCase().padStart(35, "0")}:0`);
    // Written after opening, so the good file is the one the folder was checked by.
    const dataset = await openData(folder);
    await writeFile(join(folder, `${PREFIX}.txt`), [...padding, `${HASH.slice(5)}:0`].join("\r\n"));
    expectUnknown(await dataset.lookup(HASH), new RegExp(`offline file for prefix ${PREFIX} is damaged: it has only padding lines \\(count 0\\)`));
  });

  it("opens a folder whose first file is padding only, and answers unknown for its prefix like any damaged file", async () => {
    const folder = join(dir, "padding-sample");
    await mkdir(folder);
    await writeFile(join(folder, "00000.txt"), `${"0".repeat(35)}:0\r\n${"1".repeat(35)}:0`);
    const dataset = await openData(folder);
    const inDamaged = `00000${"1".repeat(35)}`;
    expect(await dataset.lookup(inDamaged)).toMatchObject({ status: "unknown", reason: expect.stringMatching(/prefix 00000 is damaged: it has only padding lines/) });
    expect((await dataset.lookup(HASH)).status).toBe("unknown");
  });
});

describe("prefix folder: telling the kind of hash", () => {
  it("reads past files whose first line is not a range line, and refuses a folder with none", async () => {
    const folder = join(dir, "first-garbage");
    await mkdir(folder);
    await writeFile(join(folder, "00000.txt"), "<html>not found</html>");
    await expect(openOfflineDataset(folder)).rejects.toThrow(/00000\.txt is not a Pwned Passwords range file: line 1 is not SUFFIX:COUNT/);
    await expect(openOfflineDataset(folder)).rejects.toMatchObject({ exitCode: 2 });
    await writeFile(join(folder, `${PREFIX}.txt`), `${HASH.slice(5)}:7`);
    const dataset = await openData(folder);
    expect(await dataset.lookup(HASH)).toEqual({ status: "found", count: 7 });
  });
});

describe("prefix folder: a prefix file that is not a regular file", () => {
  it("answers unknown at once for a FIFO, without waiting for a writer", { timeout: 5000 }, async () => {
    const folder = await folderWithSample("fifo");
    mkfifo(join(folder, `${PREFIX}.txt`));
    const dataset = await openData(folder);
    const started = performance.now();
    expectUnknown(await dataset.lookup(HASH), new RegExp(`the offline file for prefix ${PREFIX} is a pipe \\(FIFO\\), not a regular file`));
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("answers unknown for a symlink to a FIFO and for a device", { timeout: 5000 }, async () => {
    const folder = await folderWithSample("links");
    const fifo = join(dir, "pipe");
    mkfifo(fifo);
    await symlink(fifo, join(folder, `${PREFIX}.txt`));
    const dataset = await openData(folder);
    expectUnknown(await dataset.lookup(HASH), /is a pipe \(FIFO\), not a regular file/);
    const other = sha1Hex("zero");
    await symlink("/dev/zero", join(folder, `${other.slice(0, 5)}.txt`));
    expectUnknown(await dataset.lookup(other), new RegExp(`prefix ${other.slice(0, 5)} is a device, not a regular file`));
  });

  it("still finds a hash through a symlink to a regular file, and in lower-case names", async () => {
    const folder = await folderWithSample("regular-link");
    const target = join(dir, "real-range.txt");
    await writeFile(target, `${HASH.slice(5)}:12\r\n${"0".repeat(35)}:0`);
    await symlink(target, join(folder, `${PREFIX}.txt`));
    const other = sha1Hex("lower case");
    await writeFile(join(folder, `${other.slice(0, 5).toLowerCase()}.txt`), `${other.slice(5)}:3`);
    const dataset = await openData(folder);
    expect(await dataset.checkMany([HASH, other])).toEqual([
      { status: "found", count: 12 },
      { status: "found", count: 3 },
    ]);
  });

  it("refuses, without hanging, a folder whose only range file is a FIFO", { timeout: 5000 }, async () => {
    const folder = join(dir, "only-fifo");
    await mkdir(folder);
    mkfifo(join(folder, "00000.txt"));
    const attempt = openOfflineDataset(folder);
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toMatchObject({ exitCode: 2 });
  });
});
