import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { chmod, mkdir, open, readFile, rm, truncate, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InvalidInputError } from "../../../src/errors.js";
import { hashPassword, sha1Hex, type HashMode } from "../../../src/breach/hash.js";
import { openOfflineDataset, type OfflineDataset } from "../../../src/breach/offline.js";
import type { BreachResult } from "../../../src/breach/result.js";
import {
  ABSENT_PASSWORD,
  BOM,
  formatLines,
  knownEntries,
  randomEntries,
  randomHex,
  samePrefixAs,
  sortEntries,
  tempDir,
  writePrefixFolder,
  writeSortedFile,
  withNeighbours,
  type Entry,
} from "../../fixtures/breach/datasets.js";

let dir: string;
let removeDir: () => Promise<void>;
const opened: OfflineDataset[] = [];

beforeEach(async () => {
  ({ path: dir, remove: removeDir } = await tempDir());
});

afterEach(async () => {
  while (opened.length > 0) await opened.pop()?.close();
  await removeDir();
});

async function openData(path: string, mode?: HashMode): Promise<OfflineDataset> {
  const dataset = await openOfflineDataset(path, mode === undefined ? {} : { mode });
  opened.push(dataset);
  return dataset;
}

async function expectRefused(path: string, message: RegExp, mode?: HashMode): Promise<void> {
  const attempt = openOfflineDataset(path, mode === undefined ? {} : { mode });
  await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
  await expect(attempt).rejects.toThrow(message);
  await expect(attempt).rejects.toMatchObject({ exitCode: 2 });
}

function expectUnknown(result: BreachResult, reason: RegExp, hash: string): void {
  expect(result.status).toBe("unknown");
  if (result.status === "unknown") {
    expect(result.reason).toMatch(reason);
    expect(result.reason).not.toContain(hash.slice(5, 15));
  }
}

/**
 * Known passwords plus `randomCount` random hashes, and hashes sure to be absent. Each absent hash
 * gets a line under its prefix, as in the real data: a prefix with no line answers "unknown".
 */
async function sampleData(mode: HashMode, randomCount: number): Promise<{ entries: Entry[]; absent: string[] }> {
  const entries = [...(await knownEntries(mode)), ...randomEntries(mode, randomCount)];
  const present = new Set(entries.map(([hash]) => hash));
  const candidates = [await hashPassword(ABSENT_PASSWORD, mode), ...Array.from({ length: 50 }, () => randomHex(mode === "sha1" ? 40 : 32))];
  const absent = candidates.filter((hash) => !present.has(hash));
  return { entries: withNeighbours(entries, absent), absent };
}

/** What a sorted file of `entries` must answer for `hash`: a prefix with no line is an incomplete copy. */
function expectedAnswer(entries: readonly Entry[], hash: string): BreachResult["status"] {
  if (entries.some(([present]) => present === hash)) return "found";
  return entries.some(([present]) => present.startsWith(hash.slice(0, 5))) ? "not-found" : "unknown";
}

const GAP_REASON = /^the offline data has no hashes with prefix [0-9A-F]{5}, which the full data always has: this copy is incomplete \(run harden data verify .+\)$/;

async function expectAnswers(dataset: OfflineDataset, entries: readonly Entry[], absent: readonly string[]): Promise<void> {
  const hashes = [...entries.map(([hash]) => hash), ...absent];
  const results = await dataset.checkMany(hashes);
  expect(results).toEqual([
    ...entries.map(([, count]) => ({ status: "found", count })),
    ...absent.map(() => ({ status: "not-found" })),
  ]);
}

describe("offline sorted hash file", () => {
  it.each([
    ["LF", { lineEnding: "\n" as const }],
    ["CRLF", { lineEnding: "\r\n" as const }],
    ["CRLF with a BOM", { lineEnding: "\r\n" as const, bom: true }],
    ["lower case without a final newline", { lowercase: true, trailingNewline: false }],
  ])("finds every present hash and no absent one (%s)", async (_name, shape) => {
    const { entries, absent } = await sampleData("sha1", 3000);
    const path = join(dir, "pwnedpasswords.txt");
    await writeSortedFile(path, entries, shape);
    const dataset = await openData(path);
    expect(dataset).toMatchObject({ format: "sorted-file", mode: "sha1", path });
    await expectAnswers(dataset, entries, absent);
  });

  it("tolerates stray BOMs at the start of lines, as written per range", async () => {
    const sorted = sortEntries((await sampleData("sha1", 500)).entries);
    const text = sorted.map(([hash, count], i) => `${i % 7 === 0 ? BOM : ""}${hash}:${count}`).join("\r\n");
    const path = join(dir, "stray-bom.txt");
    await writeFile(path, text, "utf8");
    await expectAnswers(await openData(path), sorted, [sha1Hex(ABSENT_PASSWORD)]);
  });

  it("finds the first and last lines and nothing outside them", async () => {
    const sorted = sortEntries(randomEntries("sha1", 2000).filter(([hash]) => !/^(00000|FFFFF)/.test(hash)));
    const path = join(dir, "edges.txt");
    await writeSortedFile(path, sorted);
    const dataset = await openData(path);
    const [first, last] = [sorted[0] as Entry, sorted.at(-1) as Entry];
    expect(await dataset.lookup(first[0])).toEqual({ status: "found", count: first[1] });
    expect(await dataset.lookup(last[0])).toEqual({ status: "found", count: last[1] });
    // Just outside the file, under the first or last line's prefix: truly not there.
    expect(await dataset.lookup(`${first[0].slice(0, 5)}${"0".repeat(35)}`)).toEqual({ status: "not-found" });
    expect(await dataset.lookup(`${last[0].slice(0, 5)}${"F".repeat(35)}`)).toEqual({ status: "not-found" });
    // Before the first line's prefix or past the last one's, the real data always has hashes:
    // this copy lacks its start or was cut short.
    expectUnknown(await dataset.lookup("0".repeat(40)), GAP_REASON, "0".repeat(40));
    expectUnknown(await dataset.lookup("F".repeat(40)), GAP_REASON, "F".repeat(40));
  });

  it("answers unknown, not not-found, for hashes beyond a file cut after a whole line", async () => {
    const sorted = sortEntries(randomEntries("sha1", 4000));
    const path = join(dir, "cut.txt");
    await writeSortedFile(path, sorted.slice(0, 2000));
    const dataset = await openData(path);
    const beyond = sorted.slice(3000).filter(([hash]) => hash.slice(0, 5) > sorted[1999]![0].slice(0, 5));
    expect(beyond.length).toBeGreaterThan(0);
    for (const [hash] of beyond.slice(0, 20)) expectUnknown(await dataset.lookup(hash), GAP_REASON, hash);
    expect(await dataset.lookup(sorted[10]![0])).toMatchObject({ status: "found" });
  });

  it("works on a file of one line", async () => {
    const path = join(dir, "one.txt");
    await writeFile(path, `${sha1Hex("password")}:5`);
    const dataset = await openData(path);
    expect(await dataset.lookup(sha1Hex("password"))).toEqual({ status: "found", count: 5 });
    expect(await dataset.lookup(samePrefixAs(sha1Hex("password")))).toEqual({ status: "not-found" });
    expectUnknown(await dataset.lookup(sha1Hex("other")), GAP_REASON, sha1Hex("other"));
  });

  it("reads NTLM files and refuses them when SHA-1 is asked for", async () => {
    const { entries, absent } = await sampleData("ntlm", 1000);
    const path = join(dir, "pwnedpasswords_ntlm.txt");
    await writeSortedFile(path, entries);
    const dataset = await openData(path, "ntlm");
    expect(dataset.mode).toBe("ntlm");
    await expectAnswers(dataset, entries, absent);
    await expectRefused(path, /pwnedpasswords_ntlm\.txt holds NTLM hashes, but SHA-1 hashes were asked for/, "sha1");
  });

  it("needs about two small reads per lookup on a large file", async () => {
    const entries = randomEntries("sha1", 200_000);
    const path = join(dir, "large.txt");
    await writeSortedFile(path, entries, { lineEnding: "\r\n" });
    const dataset = await openData(path);
    const sample = entries.slice(0, 500);
    // Absent hashes under prefixes the file has: a prefix with no line answers "unknown".
    const present = new Set(entries.map(([hash]) => hash));
    const absent = entries.slice(500, 1000).map(([hash]) => samePrefixAs(hash, present));
    const results = await dataset.checkMany([...sample.map(([hash]) => hash), ...absent]);
    expect(results.slice(0, 500).every((result) => result.status === "found")).toBe(true);
    expect(results.slice(500).every((result) => result.status === "not-found")).toBe(true);
    const stats = dataset.stats();
    expect(stats.lookups).toBe(1000);
    expect(stats.reads / stats.lookups).toBeLessThanOrEqual(2);
    expect(stats.openReads).toBeLessThanOrEqual(10);
  });

  it("answers unknown for prefixes a partial download skipped, with no extra reads", async () => {
    // Dense like the real data (every prefix of 00000-00FFF has lines), less 60 skipped prefixes.
    const all = sortEntries(
      Array.from({ length: 4096 }, (_unused, p) => p.toString(16).toUpperCase().padStart(5, "0")).flatMap((prefix) =>
        Array.from({ length: 5 }, (): Entry => [`${prefix}${randomHex(35)}`, 1 + Math.floor(Math.random() * 5000)]),
      ),
    );
    const skipped = new Set(Array.from({ length: 60 }, () => all[Math.floor(Math.random() * all.length)]![0].slice(0, 5)));
    const kept = all.filter(([hash]) => !skipped.has(hash.slice(0, 5)));
    const path = join(dir, "partial.txt");
    await writeSortedFile(path, kept, { lineEnding: "\r\n" });
    const dataset = await openData(path);
    const present = new Set(all.map(([hash]) => hash));
    const lookups = [
      ...[...skipped].flatMap((prefix) => [`${prefix}${"0".repeat(35)}`, `${prefix}${randomHex(35)}`, `${prefix}${"F".repeat(35)}`]),
      ...kept.slice(0, 400).map(([hash]) => samePrefixAs(hash, present)),
    ];
    const before = dataset.stats().reads;
    const results = await dataset.checkMany(lookups);
    expect(results.map((result) => result.status)).toEqual(lookups.map((hash) => (skipped.has(hash.slice(0, 5)) ? "unknown" : "not-found")));
    for (const [i, result] of results.entries()) if (result.status === "unknown") expectUnknown(result, GAP_REASON, lookups[i]!);
    expect((dataset.stats().reads - before) / lookups.length).toBeLessThanOrEqual(2);
  });

  it("takes few reads even on skewed data, by falling back to bisection", async () => {
    // Every hash shares one prefix, so the key-space fraction points far from the data.
    const skewed: Entry[] = Array.from({ length: 20_000 }, () => [`00000${randomHex(35)}`, 1]);
    const path = join(dir, "skewed.txt");
    await writeSortedFile(path, skewed);
    const dataset = await openData(path);
    for (const [hash] of skewed.slice(0, 100)) expect((await dataset.lookup(hash)).status).toBe("found");
    expect(dataset.stats().reads / 100).toBeLessThanOrEqual(40);
  });

  it("reports progress for every hash", async () => {
    const path = join(dir, "progress.txt");
    await writeSortedFile(path, randomEntries("sha1", 100));
    const seen: number[] = [];
    await (await openData(path)).checkMany(
      Array.from({ length: 20 }, () => randomHex(40)),
      { onProgress: ({ done, total }) => seen.push(done / total) },
    );
    expect(seen).toHaveLength(20);
    expect(seen.at(-1)).toBe(1);
  });

  describe("refuses files that are not such data", () => {
    it("an empty file", async () => {
      const path = join(dir, "empty.txt");
      await writeFile(path, "");
      await expectRefused(path, /empty\.txt is empty/);
    });

    it("a missing path", async () => {
      await expectRefused(join(dir, "nope.txt"), /nope\.txt does not exist/);
    });

    it("a plain word list", async () => {
      const path = join(dir, "rockyou.txt");
      await writeFile(path, "123456\npassword\niloveyou\n");
      await expectRefused(path, /rockyou\.txt is not a Pwned Passwords hash file: line 1 is not HASH:COUNT/);
    });

    it("hashes without counts", async () => {
      const path = join(dir, "hashes-only.txt");
      await writeFile(path, `${sha1Hex("a")}\n${sha1Hex("b")}\n`);
      await expectRefused(path, /hashes-only\.txt is not a Pwned Passwords hash file/);
    });

    it("a single range file given instead of the folder", async () => {
      const path = join(dir, "5BAA6.txt");
      await writeFile(path, `${sha1Hex("password").slice(5)}:5\r\n`);
      await expectRefused(path, /looks like a single range file/);
    });

    it("mixed hash lengths", async () => {
      const path = join(dir, "mixed.txt");
      await writeFile(path, `${"1".repeat(40)}:1\n${"2".repeat(32)}:1\n`);
      await expectRefused(path, /mixed\.txt is not a sorted Pwned Passwords SHA-1 file: line 2 is not HASH:COUNT with a 40-digit hash/);
    });

    it("a file sorted by count instead of hash", async () => {
      const byCount = [...randomEntries("sha1", 100)].sort((a, b) => b[1] - a[1]);
      const path = join(dir, "ordered-by-count.txt");
      await writeFile(path, formatLines(byCount, { trailingNewline: true }));
      await expectRefused(path, /ordered-by-count\.txt is not a sorted Pwned Passwords SHA-1 file: line \d+ is out of order/);
    });

    it("a file whose head is sorted but whose later pages are not", async () => {
      const sorted = sortEntries(randomEntries("sha1", 20_000));
      const unsorted = [...sorted.slice(0, 5000), ...sorted.slice(5000).reverse()];
      const path = join(dir, "half-sorted.txt");
      await writeFile(path, formatLines(unsorted, { trailingNewline: true }));
      await expectRefused(path, /half-sorted\.txt is not a sorted Pwned Passwords SHA-1 file: it is not sorted by hash near byte \d+/);
    });

    it("a repeated hash or a count of 0 near the start", async () => {
      const sorted = sortEntries(randomEntries("sha1", 50));
      const repeated = [...sorted.slice(0, 10), sorted[9]!, ...sorted.slice(10)];
      const path = join(dir, "repeated.txt");
      await writeFile(path, formatLines(repeated, { trailingNewline: true }));
      await expectRefused(path, /repeated\.txt is not a sorted Pwned Passwords SHA-1 file: line 11 repeats the hash of the line above/);
      const padded = sorted.map(([hash, count], i) => [hash, i === 20 ? 0 : count] as const);
      await writeFile(path, formatLines(padded, { trailingNewline: true }));
      await expectRefused(path, /line 21 has count 0/);
    });

    it("a FIFO, at once and without waiting for a writer", async () => {
      const fifo = join(dir, "pwned.fifo");
      execFileSync("mkfifo", [fifo]);
      // The shared refusal of what is not a regular file: a usage error (exit 2), like bad data.
      await expect(openOfflineDataset(fifo)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/pwned\.fifo is a pipe \(FIFO\), not a regular file/) });
    }, 2000);

    it("a download cut off in the middle of a line", async () => {
      const sorted = sortEntries(randomEntries("sha1", 20_000));
      const path = join(dir, "cut.txt");
      const text = formatLines(sorted, { trailingNewline: true });
      await writeFile(path, text.slice(0, text.length - 20));
      await expectRefused(path, /cut\.txt is not a sorted Pwned Passwords SHA-1 file: it has a line that is not HASH:COUNT near byte \d+/);
    });
  });

  describe("answers unknown, never not-found, when the data fails at lookup time", () => {
    it("a damaged line next to the one looked up", async () => {
      const sorted = sortEntries(randomEntries("sha1", 20_000));
      const path = join(dir, "damaged.txt");
      const text = formatLines(sorted, { trailingNewline: true });
      await writeFile(path, text);
      const dataset = await openData(path);
      // Damage the file after it passed the checks at open, as a failing disk would.
      const [target] = sorted[10_000] as Entry;
      const handle = await open(path, "r+");
      await handle.write("ZZZZ", text.indexOf(target));
      await handle.close();
      expectUnknown(await dataset.lookup(target), /the breach data file looks damaged near byte \d+ \(a line is not HASH:COUNT\): run harden data verify .*damaged\.txt/, target);
    });

    it("a count of 0 or a repeated hash written after the checks at open", async () => {
      const sorted = sortEntries(randomEntries("sha1", 20_000)).map(([hash], i) => [hash, 100 + (i % 900)] as const);
      const path = join(dir, "padded.txt");
      const text = formatLines(sorted, { trailingNewline: true });
      await writeFile(path, text);
      const dataset = await openData(path);
      const [target] = sorted[10_000]!;
      const [neighbour] = sorted[10_001]!;
      const handle = await open(path, "r+");
      // The target's count becomes 000: padding, which used to read as "not found".
      await handle.write("000", text.indexOf(target) + 41);
      expectUnknown(await dataset.lookup(target), /looks damaged near byte \d+ \(a line has count 0\)/, target);
      // The neighbour repeats the target: it used to answer with one of the two counts.
      await handle.write(`${target}:123`, text.indexOf(target));
      await handle.write(`${target}`, text.indexOf(neighbour));
      await handle.close();
      expectUnknown(await dataset.lookup(target), /looks damaged near byte \d+ \(a hash appears twice\)/, target);
    });

    it("a file cut short after it was opened", async () => {
      const sorted = sortEntries(randomEntries("sha1", 20_000));
      const path = join(dir, "shrinking.txt");
      await writeSortedFile(path, sorted);
      const dataset = await openData(path);
      await truncate(path, 1000);
      const [target] = sorted.at(-1) as Entry;
      expectUnknown(await dataset.lookup(target), /offline data/, target);
    });

    it("lines swapped after the checks at open, inside the page it reads", async () => {
      // Small enough that a lookup reads the whole file in one window.
      const sorted = sortEntries(randomEntries("sha1", 200));
      const path = join(dir, "swapped.txt");
      await writeSortedFile(path, sorted);
      const dataset = await openData(path);
      const swapped = [...sorted];
      [swapped[50], swapped[150]] = [sorted[150] as Entry, sorted[50] as Entry];
      await writeFile(path, formatLines(swapped, { trailingNewline: true }));
      const [target] = sorted[50] as Entry;
      expectUnknown(await dataset.lookup(target), /the breach data file looks damaged near byte \d+ \((lines out of order|a hash appears twice)\)/, target);
    });
  });

  it("refuses a lookup of the wrong hash kind, as a programming error", async () => {
    const path = join(dir, "sha1.txt");
    await writeSortedFile(path, randomEntries("sha1", 10));
    const dataset = await openData(path);
    await expect(dataset.lookup("A".repeat(32))).rejects.toThrow(TypeError);
  });
});

describe("offline folder of range files", () => {
  it.each([
    ["CRLF", { lineEnding: "\r\n" as const }],
    ["LF with a BOM and a trailing newline", { lineEnding: "\n" as const, bom: true, trailingNewline: true }],
    ["lower case", { lowercase: true }],
  ])("finds every present hash and no absent one (%s)", async (_name, shape) => {
    const { entries, absent } = await sampleData("sha1", 300);
    const folder = join(dir, "hashes");
    await writePrefixFolder(folder, [...entries, ...absent.map((hash) => [hash, 0] as const)], shape);
    const dataset = await openData(folder);
    expect(dataset).toMatchObject({ format: "prefix-folder", mode: "sha1" });
    await expectAnswers(dataset, entries, absent);
  });

  it("reads each prefix file once per batch", async () => {
    const entries = randomEntries("sha1", 20);
    const folder = join(dir, "hashes");
    await writePrefixFolder(folder, entries);
    const dataset = await openData(folder);
    const siblings = entries.map(([hash]) => `${hash.slice(0, 5)}${"0".repeat(35)}`);
    await dataset.checkMany([...entries.map(([hash]) => hash), ...siblings]);
    expect(dataset.stats().reads).toBe(new Set(entries.map(([hash]) => hash.slice(0, 5))).size);
  });

  it("reads NTLM folders and refuses them when SHA-1 is asked for", async () => {
    const { entries, absent } = await sampleData("ntlm", 100);
    const folder = join(dir, "ntlm");
    await writePrefixFolder(folder, [...entries, ...absent.map((hash) => [hash, 0] as const)]);
    await expectAnswers(await openData(folder, "ntlm"), entries, absent);
    await expectRefused(folder, /holds NTLM hashes, but SHA-1 hashes were asked for/, "sha1");
  });

  it("finds files with lower-case names", async () => {
    const folder = join(dir, "lower");
    await mkdir(folder);
    const hash = sha1Hex("password");
    await writeFile(join(folder, `${hash.slice(0, 5).toLowerCase()}.txt`), `${hash.slice(5)}:7`);
    expect(await (await openData(folder)).lookup(hash)).toEqual({ status: "found", count: 7 });
  });

  it("answers unknown for a prefix with no file", async () => {
    const folder = join(dir, "partial");
    await writePrefixFolder(folder, randomEntries("sha1", 5));
    const missing = `FFFFF${randomHex(35)}`;
    await rm(join(folder, "FFFFF.txt"), { force: true });
    const result = await (await openData(folder)).lookup(missing);
    expect(result).toEqual({ status: "unknown", reason: "the offline data has no file for prefix FFFFF" });
  });

  it("answers unknown for a damaged or empty prefix file", async () => {
    const folder = join(dir, "damaged");
    const hash = sha1Hex("password");
    await writePrefixFolder(folder, [[sha1Hex("x"), 1]]);
    await writeFile(join(folder, `${hash.slice(0, 5)}.txt`), `${hash.slice(5)}:3\r\n<html>`);
    const dataset = await openData(folder);
    expectUnknown(await dataset.lookup(hash), /the offline file for prefix 5BAA6 is damaged: line 2 is not SUFFIX:COUNT/, hash);
    await writeFile(join(folder, `${hash.slice(0, 5)}.txt`), "");
    expectUnknown(await dataset.lookup(hash), /prefix 5BAA6 is damaged: the answer was empty/, hash);
  });

  it("answers unknown for a prefix file it cannot read", async () => {
    if (process.getuid?.() === 0) return; // root reads anything
    const folder = join(dir, "locked");
    const hash = sha1Hex("password");
    await writePrefixFolder(folder, [[hash, 3], [sha1Hex("x"), 1]]);
    const dataset = await openData(folder);
    await chmod(join(folder, "5BAA6.txt"), 0o000);
    expectUnknown(await dataset.lookup(hash), /could not read the offline file for prefix 5BAA6 \(EACCES\)/, hash);
  });

  it("answers unknown at once for a prefix whose file is a FIFO", async () => {
    const folder = join(dir, "fifo");
    const hash = sha1Hex("password");
    await writePrefixFolder(folder, [[sha1Hex("x"), 1]]);
    execFileSync("mkfifo", [join(folder, `${hash.slice(0, 5)}.txt`)]);
    const dataset = await openData(folder);
    expectUnknown(await dataset.lookup(hash), /the offline file for prefix 5BAA6 is a pipe \(FIFO\), not a regular file/, hash);
  }, 2000);

  it("refuses a folder without range files", async () => {
    const folder = join(dir, "empty-folder");
    await mkdir(folder);
    await writeFile(join(folder, "notes.txt"), "hello");
    await writeFile(join(folder, "ABCDEF.txt"), "not a prefix name");
    await expectRefused(folder, /empty-folder holds no range files/);
  });

  it("refuses a folder whose range files are not ranges", async () => {
    const folder = join(dir, "wrong");
    await mkdir(folder);
    await writeFile(join(folder, "00000.txt"), "hello world\n");
    await expectRefused(folder, /00000\.txt is not a Pwned Passwords range file/);
  });
});

describe("offline lookup properties", () => {
  const hex = (length: number) => fc.string({ unit: fc.constantFrom(..."0123456789ABCDEF"), minLength: length, maxLength: length });

  it("a sorted file finds every present hash, no absent one, and knows when a prefix has no line", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(hex(40), fc.integer({ min: 1, max: 1e7 })), { selector: ([hash]) => hash, minLength: 1, maxLength: 400 }),
        // Random hashes (their prefix mostly has no line) and hashes under an entry's prefix.
        fc.array(fc.tuple(hex(40), fc.option(fc.nat(), { nil: undefined })), { maxLength: 30 }),
        fc.constantFrom<"\n" | "\r\n">("\n", "\r\n"),
        fc.boolean(),
        async (entries, candidates, lineEnding, bom) => {
          const hashes = [
            ...entries.map(([hash]) => hash),
            ...candidates.map(([hash, at]) => (at === undefined ? hash : `${entries[at % entries.length]![0].slice(0, 5)}${hash.slice(5)}`)),
          ];
          const path = join(dir, `property-${run++}.txt`);
          await writeSortedFile(path, entries, { lineEnding, bom });
          const dataset = await openOfflineDataset(path);
          try {
            const results = await dataset.checkMany(hashes);
            expect(results.map((result) => result.status)).toEqual(hashes.map((hash) => expectedAnswer(entries, hash)));
            for (const result of results) if (result.status === "unknown") expect(result.reason).toMatch(GAP_REASON);
          } finally {
            await dataset.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a folder finds every present hash and no absent one", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(hex(40), fc.integer({ min: 1, max: 1e7 })), { selector: ([hash]) => hash, minLength: 1, maxLength: 60 }),
        fc.array(hex(40), { maxLength: 10 }),
        async (entries, candidates) => {
          const present = new Set(entries.map(([hash]) => hash));
          // Absent hashes get padding lines so their prefix file exists.
          const absent = candidates.filter((hash) => !present.has(hash));
          const folder = join(dir, `folder-${run++}`);
          await writePrefixFolder(folder, [...entries, ...absent.map((hash) => [hash, 0] as const)]);
          const dataset = await openOfflineDataset(folder);
          await expectAnswers(dataset, entries, absent);
        },
      ),
      { numRuns: 30 },
    );
  });
});
