import { open, writeFile, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SortedHashFile } from "../../../src/breach/sortedHashFile.js";
import type { BreachResult } from "../../../src/breach/result.js";
import { tempDir } from "../../fixtures/breach/datasets.js";

/**
 * Lookups in small crafted files, read in one window, with no checks at open: whatever the
 * window holds, a damaged window must answer "unknown", never "not found" (nor a count).
 */

let dir: string;
let removeDir: () => Promise<void>;
const handles: FileHandle[] = [];

beforeEach(async () => {
  ({ path: dir, remove: removeDir } = await tempDir());
});

afterEach(async () => {
  while (handles.length > 0) await handles.pop()?.close();
  await removeDir();
});

/** 60 sorted SHA-1 hashes, spread over the key space, each seen 5 times: lines all 43 bytes. */
const HASHES = Array.from({ length: 60 }, (_unused, i) => (0x100 + i * 0x40).toString(16).toUpperCase().padEnd(40, "7"));
const lineOf = (hash: string, count: number | string = 5) => `${hash}:${count}`;
const TARGET = 30;

async function lookupIn(lines: readonly string[], hash: string, eol = "\n"): Promise<BreachResult> {
  const path = join(dir, `data-${handles.length}.txt`);
  const text = `${lines.join(eol)}${eol}`;
  await writeFile(path, text, "latin1");
  const handle = await open(path, "r");
  handles.push(handle);
  const file = new SortedHashFile({ path, fd: handle.fd, size: Buffer.byteLength(text, "latin1"), dataStart: 0, mode: "sha1", averageLineBytes: 43 });
  return file.lookup(hash);
}

const sound = () => HASHES.map((hash) => lineOf(hash));

function expectDamaged(result: BreachResult): void {
  expect(result).toMatchObject({ status: "unknown", reason: expect.stringMatching(/^the breach data file looks damaged near byte \d+.*: run harden data verify .*data-\d+\.txt$/) });
  if (result.status === "unknown") expect(result.reason).not.toContain(HASHES[TARGET]!.slice(5, 15));
}

describe("a lookup in a crafted sorted file", () => {
  it("answers from a sound file (LF and CRLF)", async () => {
    for (const eol of ["\n", "\r\n"]) {
      expect(await lookupIn(sound(), HASHES[TARGET]!, eol)).toEqual({ status: "found", count: 5 });
      expect(await lookupIn(sound(), HASHES[TARGET]!.replace(/7$/, "8"), eol)).toEqual({ status: "not-found" });
    }
  });

  it("answers unknown when two lines next to the target are out of order", async () => {
    const lines = sound();
    [lines[TARGET - 1], lines[TARGET + 1]] = [lines[TARGET + 1]!, lines[TARGET - 1]!];
    expectDamaged(await lookupIn(lines, HASHES[TARGET]!));
    expectDamaged(await lookupIn(lines, HASHES[TARGET]!.replace(/7$/, "8")));
  });

  it("answers unknown, not not-found, when the target's line has count 0", async () => {
    const lines = sound();
    lines[TARGET] = lineOf(HASHES[TARGET]!, 0);
    expectDamaged(await lookupIn(lines, HASHES[TARGET]!));
  });

  it("answers unknown when a neighbour has count 0", async () => {
    const lines = sound();
    lines[TARGET + 1] = lineOf(HASHES[TARGET + 1]!, "000");
    expectDamaged(await lookupIn(lines, HASHES[TARGET]!));
  });

  it("answers unknown when the target's hash appears twice", async () => {
    const lines = sound();
    lines[TARGET + 1] = lineOf(HASHES[TARGET]!, 7);
    expectDamaged(await lookupIn(lines, HASHES[TARGET]!));
  });

  it("answers unknown for a garbage line anywhere in the window, even one a search would not touch", async () => {
    // Sorts in place, so only a shape check finds it; far from where the search looks.
    const garbage = [`${HASHES[45]!.slice(0, 20)}ZZ not a line`, `${HASHES[45]!.slice(0, 32)}:5`, `${HASHES[45]!}:5x`, `${HASHES[45]!}:`, `${HASHES[45]!}`];
    for (const line of garbage) {
      const lines = sound();
      lines[45] = line;
      const absent = HASHES[10]!.replace(/7$/, "8");
      expectDamaged(await lookupIn(lines, absent));
      expectDamaged(await lookupIn(lines, HASHES[10]!));
    }
  });

  it("answers unknown for a duplicate far from the target", async () => {
    const lines = sound();
    lines[51] = lines[50]!;
    expectDamaged(await lookupIn(lines, HASHES[10]!.replace(/7$/, "8")));
  });
});

describe("a lookup of a hash whose prefix has no line", () => {
  // HASHES[i] starts with the 5-digit prefix of (0x100 + i * 0x40) padded with 7s: one line per prefix.
  const prefixOf = (hash: string) => hash.slice(0, 5);

  function expectGap(result: BreachResult, prefix: string): void {
    expect(result).toEqual({
      status: "unknown",
      reason: expect.stringMatching(new RegExp(`^the offline data has no hashes with prefix ${prefix}, which the full data always has: this copy is incomplete \\(run harden data verify .*data-\\d+\\.txt\\)$`)),
    });
  }

  it("answers unknown for a prefix missing in the middle of the file", async () => {
    // Between the prefixes 84077 (line 29) and 88077 (line 30): a downloader skipped it.
    const target = `88000${"A".repeat(35)}`;
    expect(prefixOf(HASHES[TARGET - 1]!) < "88000" && "88000" < prefixOf(HASHES[TARGET]!)).toBe(true);
    expectGap(await lookupIn(sound(), target), "88000");
  });

  it("answers unknown for a prefix before the file's first line", async () => {
    expectGap(await lookupIn(sound(), `00000${"1".repeat(35)}`), "00000");
    expectGap(await lookupIn(sound(), `10076${"F".repeat(35)}`), "10076");
  });

  it("answers unknown for a prefix after the file's last line", async () => {
    expect(prefixOf(HASHES.at(-1)!)).toBe("FC077");
    expectGap(await lookupIn(sound(), "F".repeat(40)), "FFFFF");
    expectGap(await lookupIn(sound(), `FC078${"0".repeat(35)}`), "FC078");
  });

  it("answers not-found when only the line before the target shares its prefix", async () => {
    expect(await lookupIn(sound(), HASHES[TARGET]!.replace(/7$/, "8"))).toEqual({ status: "not-found" });
    // At the end of the file: no line after it at all.
    expect(await lookupIn(sound(), HASHES.at(-1)!.replace(/7$/, "8"))).toEqual({ status: "not-found" });
  });

  it("answers not-found when only the line after the target shares its prefix", async () => {
    expect(await lookupIn(sound(), `${prefixOf(HASHES[TARGET]!)}${"0".repeat(35)}`)).toEqual({ status: "not-found" });
    // At the start of the file: no line before it at all.
    expect(await lookupIn(sound(), `${prefixOf(HASHES[0]!)}${"0".repeat(35)}`)).toEqual({ status: "not-found" });
  });
});

describe("a lookup that ends between two read windows", () => {
  // 100 lines crowd the first prefixes and 200 spread up the key space, so interpolation misses
  // and the search ends between windows: the lines either side of the target come from two reads.
  const hex = (prefix: number) => prefix.toString(16).toUpperCase().padStart(5, "0");
  const prefixes = [...Array.from({ length: 100 }, (_unused, i) => i + 1), ...Array.from({ length: 200 }, (_unused, i) => 0x1000 + i * 0x1451)];
  const hashes = prefixes.map((prefix) => `${hex(prefix)}${"7".repeat(35)}`);

  async function lookupSkewed(hash: string): Promise<BreachResult> {
    const path = join(dir, `skewed-${handles.length}.txt`);
    const text = hashes.map((line) => `${line}:5\n`).join("");
    await writeFile(path, text, "latin1");
    const handle = await open(path, "r");
    handles.push(handle);
    const init = { path, fd: handle.fd, size: text.length, dataStart: 0, mode: "sha1", averageLineBytes: 43, firstHex: hashes[0], lastHex: hashes.at(-1) } as const;
    return new SortedHashFile(init).lookup(hash);
  }

  it("answers unknown when neither neighbour shares the target's prefix", async () => {
    // Lines 205 and 206 have prefixes 86539 and 8798A; 8653A lies between them, with no line.
    expect([hashes[205]!.slice(0, 5), hashes[206]!.slice(0, 5)]).toEqual(["86539", "8798A"]);
    expect(await lookupSkewed(`8653A${"7".repeat(35)}`)).toMatchObject({ status: "unknown", reason: expect.stringContaining("no hashes with prefix 8653A") });
  });

  it("answers not-found when the neighbour before or after shares it", async () => {
    expect(await lookupSkewed(`86539${"8".repeat(35)}`)).toEqual({ status: "not-found" });
    expect(await lookupSkewed(`86539${"0".repeat(35)}`)).toEqual({ status: "not-found" });
    expect(await lookupSkewed(`8798A${"0".repeat(35)}`)).toEqual({ status: "not-found" });
  });
});
