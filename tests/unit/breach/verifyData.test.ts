import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_LISTED, verifyData, type DataVerification, type VerifyOptions } from "../../../src/breach/verifyData.js";
import { InvalidInputError } from "../../../src/errors.js";
import { formatLines, randomEntries, sortEntries, tempDir, writePrefixFolder, type Entry } from "../../fixtures/breach/datasets.js";

let dir: string;
let removeDir: () => Promise<void>;

beforeEach(async () => {
  ({ path: dir, remove: removeDir } = await tempDir());
});

afterEach(async () => {
  await removeDir();
});

const BOM = "\u00EF\u00BB\u00BF";
/** Sorted SHA-1 lines with 3-digit counts: every line is 44 bytes plus its line ending. */
const sortedLines = (count: number, length = 40) =>
  sortEntries(randomEntries(length === 40 ? "sha1" : "ntlm", count)).map(([hash], i) => `${hash}:${100 + (i % 900)}`);

async function verifyText(text: string, options: VerifyOptions = {}): Promise<DataVerification> {
  const path = join(dir, "data.txt");
  await writeFile(path, text, "latin1");
  return verifyData(path, options);
}

const kinds = (v: DataVerification) => v.problems.map((p) => [p.kind, p.line]);

describe("verifyData on a sorted file", () => {
  it.each([
    ["LF", "\n", "", true],
    ["CRLF", "\r\n", "", true],
    ["CRLF with a BOM", "\r\n", BOM, true],
    ["LF without a final newline", "\n", "", false],
  ])("passes a sound file (%s)", async (_name, eol, bom, finalNewline) => {
    const lines = sortedLines(500);
    const text = `${bom}${lines.join(eol)}${finalNewline ? eol : ""}`;
    const v = await verifyText(text);
    expect(v).toMatchObject({ format: "sorted-file", mode: "sha1", lines: 500, bytes: text.length, problems: [], problemCount: 0 });
  });

  it("passes lower-case data, stray BOMs at line starts and blank lines, as lookups read them", async () => {
    const lines = sortedLines(50).map((line, i) => (i % 10 === 3 ? `${BOM}${line.toLowerCase()}` : line));
    const v = await verifyText(`${lines.slice(0, 20).join("\r\n")}\r\n\r\n${lines.slice(20).join("\r\n")}\r\n`);
    expect(v.problemCount).toBe(0);
    expect(v.lines).toBe(50);
  });

  it("reads the hash kind from the data: NTLM", async () => {
    expect(await verifyText(`${sortedLines(30, 32).join("\n")}\n`)).toMatchObject({ mode: "ntlm", problemCount: 0, lines: 30 });
  });

  it("finds each kind of damage, with its line and byte offset", async () => {
    const lines = sortedLines(40);
    const damaged = [...lines];
    damaged[4] = lines[5]!; // out of order: line 6 then sorts before line 5
    damaged[10] = `${lines[10]!.slice(0, 40)}:0`; // count 0: padding
    damaged[20] = lines[19]!; // the same hash twice
    damaged[25] = "<html>a proxy's error page</html>";
    damaged[30] = `${lines[30]!.slice(0, 32)}:5`; // an NTLM-length hash in a SHA-1 file
    damaged[33] = `${lines[33]!.slice(0, 40)}:`; // no count
    damaged[35] = `${lines[35]!.slice(0, 40)}:1234567890123456`; // 16 digits
    damaged[37] = `${lines[37]!}\rx`; // a stray carriage return
    const text = `${damaged.join("\n")}\n`;
    const v = await verifyText(text);
    expect(kinds(v)).toEqual([
      ["duplicate", 6],
      ["padding", 11],
      ["duplicate", 21],
      ["shape", 26],
      ["shape", 31],
      ["shape", 34],
      ["shape", 36],
      ["shape", 38],
    ]);
    expect(v.problems[0]!.offset).toBe(5 * 45);
    expect(v.problemCount).toBe(8);
    // Line 5 itself is in order with line 4 (it holds line 6's hash); line 6 repeats it.
    const swapped = [...lines];
    [swapped[4], swapped[5]] = [lines[5]!, lines[4]!];
    expect(kinds(await verifyText(`${swapped.join("\n")}\n`))).toEqual([["order", 6]]);
  });

  it("finds a download cut off in the middle of a line", async () => {
    const text = `${sortedLines(100).join("\r\n")}\r\n`;
    const v = await verifyText(text.slice(0, -20));
    expect(kinds(v)).toEqual([["shape", 100]]);
  });

  it("lists the first 20 problems and counts the rest", async () => {
    const lines = sortedLines(100).map((line, i) => (i % 2 === 1 ? `${line.slice(0, 40)}:0` : line));
    const v = await verifyText(`${lines.join("\n")}\n`);
    expect(v.problems).toHaveLength(MAX_LISTED);
    expect(v.problemCount).toBe(50);
  });

  it("reports a line too long to carry as one problem and goes on after it", async () => {
    const lines = sortedLines(20);
    lines[5] = "x".repeat(20_000);
    const v = await verifyText(`${lines.join("\n")}\n`, { chunkBytes: 1000 });
    expect(kinds(v)).toEqual([["shape", 6]]);
    expect(v.lines).toBe(19);
  });

  it("reports prefixes with no hashes, without failing", async () => {
    const lines = ["00000", "00001", "00003", "FFFFE"].map((prefix, i) => `${prefix}${"A".repeat(35)}:${i + 1}`);
    const v = await verifyText(`${lines.join("\n")}\n`);
    expect(v.problemCount).toBe(0);
    expect(v.missingPrefixes).toEqual({
      count: 16 ** 5 - 4,
      ranges: [
        { from: "00002", to: "00002" },
        { from: "00004", to: "FFFFD" },
        { from: "FFFFF", to: "FFFFF" },
      ],
      rangeCount: 3,
    });
  });

  it("gives the same answer however the file is cut into reads", async () => {
    const line = fc.oneof(
      { weight: 8, arbitrary: fc.constant("ok") },
      fc.constantFrom("zero", "repeat", "garbage", "blank", "bom", "swap"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 60 }), fc.constantFrom("\n", "\r\n"), fc.integer({ min: 8, max: 300 }), async (plan, eol, chunkBytes) => {
        const hashes = sortedLines(plan.length);
        const lines = plan.map((what, i) => {
          const own = hashes[i]!;
          if (what === "zero") return `${own.slice(0, 40)}:0`;
          if (what === "repeat" && i > 0) return hashes[i - 1]!;
          if (what === "garbage") return `not a line ${i}`;
          if (what === "blank") return "";
          if (what === "bom") return `${BOM}${own}`;
          if (what === "swap" && i > 0) return hashes[i - 1]!.replace(/:.*/, ":1").replace(/^./, "0");
          return own;
        });
        const text = `${lines.join(eol)}${eol}`;
        const whole = await verifyText(text).catch((error: unknown) => error);
        const cut = await verifyText(text, { chunkBytes }).catch((error: unknown) => error);
        if (whole instanceof Error) {
          expect(cut).toBeInstanceOf(InvalidInputError);
          return;
        }
        expect({ ...(cut as DataVerification), fingerprint: undefined }).toEqual({ ...whole, fingerprint: undefined });
      }),
      { numRuns: 60 },
    );
  });

  describe("refuses what is not breach data (exit 2)", () => {
    const refused = async (attempt: Promise<unknown>, message: RegExp) => {
      await expect(attempt).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
    };

    it("an empty file, a word list, one range file, a missing path", async () => {
      await refused(verifyText(""), /data\.txt is empty/);
      await refused(verifyText("123456\npassword\n"), /data\.txt is not a Pwned Passwords hash file: line 1 is not HASH:COUNT/);
      await refused(verifyText(`${"A".repeat(35)}:5\r\n`), /looks like a single range file/);
      await refused(verifyData(join(dir, "nope.txt")), /nope\.txt does not exist/);
    });

    it("data of the other hash kind than --ntlm asks for", async () => {
      await refused(verifyText(`${sortedLines(3).join("\n")}\n`, { mode: "ntlm" }), /holds SHA-1 hashes, but NTLM hashes were asked for/);
    });

    it("a FIFO, at once", async () => {
      const fifo = join(dir, "data.fifo");
      execFileSync("mkfifo", [fifo]);
      await refused(verifyData(fifo), /data\.fifo is a pipe \(FIFO\), not a regular file/);
    }, 2000);
  });

  it("reports progress in bytes up to the file's size", async () => {
    const text = `${sortedLines(200).join("\n")}\n`;
    const seen: number[] = [];
    await verifyText(text, { chunkBytes: 1024, onProgress: ({ done, total, unit }) => seen.push(unit === "bytes" && total === text.length ? done : -1) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toBe(text.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });
});

describe("verifyData on a folder of range files", () => {
  /** Range files as the downloader writes them: suffixes sorted within each file. */
  async function writeSortedFolder(folder: string, entries: readonly Entry[]): Promise<string[]> {
    return writePrefixFolder(folder, sortEntries(entries), { lineEnding: "\r\n" });
  }

  it("passes sound range files and reports the prefixes with no file", async () => {
    const folder = join(dir, "hashes");
    const prefixes = await writeSortedFolder(folder, randomEntries("sha1", 300));
    await writeFile(join(folder, "README.md"), "not a range file, not checked");
    const seen: number[] = [];
    const v = await verifyData(folder, { onProgress: ({ done, total }) => seen.push(done / total) });
    expect(v).toMatchObject({ format: "prefix-folder", mode: "sha1", files: prefixes.length, lines: 300, problemCount: 0 });
    expect(v.missingPrefixes.count).toBe(16 ** 5 - prefixes.length);
    expect(seen.at(-1)).toBe(1);
  });

  it("finds unsorted, padded, broken, empty and unreadable range files, naming each", async () => {
    const folder = join(dir, "damaged");
    await writeSortedFolder(folder, [["00000" + "1".repeat(35), 3]]);
    await writeFile(join(folder, "00001.txt"), `${"B".repeat(35)}:1\r\n${"A".repeat(35)}:1\r\n`);
    await writeFile(join(folder, "00002.txt"), `${"A".repeat(35)}:0\r\n`);
    await writeFile(join(folder, "00003.txt"), `${"A".repeat(35)}:1\r\n<html>\r\n`);
    await writeFile(join(folder, "00004.txt"), "");
    execFileSync("mkfifo", [join(folder, "00005.txt")]);
    await writeFile(join(folder, "00006.txt"), `${"A".repeat(27)}:1\r\n`);
    const v = await verifyData(folder);
    expect(v.problems.map((p) => [p.file, p.kind, p.line ?? null, p.detail ?? null])).toEqual([
      ["00001.txt", "order", 2, null],
      ["00002.txt", "padding", 1, null],
      ["00003.txt", "shape", 2, null],
      ["00004.txt", "empty", null, null],
      ["00005.txt", "unreadable", null, "not a regular file"],
      ["00006.txt", "shape", 1, null],
    ]);
    expect(v.problemCount).toBe(6);
  }, 5000);

  it("reads the hash kind from the range files, and refuses a folder without any", async () => {
    const ntlm = join(dir, "ntlm");
    await writeSortedFolder(ntlm, randomEntries("ntlm", 20));
    expect(await verifyData(ntlm)).toMatchObject({ mode: "ntlm", problemCount: 0 });
    await expect(verifyData(ntlm, { mode: "sha1" })).rejects.toThrow(/holds NTLM hashes, but SHA-1 hashes were asked for/);
    const empty = join(dir, "empty");
    await mkdir(empty);
    await writeFile(join(empty, "notes.txt"), "hello");
    await expect(verifyData(empty)).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/empty holds no range files/) });
  });
});

it("the test data helpers write what the verifier accepts", async () => {
  const path = join(dir, "fixture.txt");
  await writeFile(path, formatLines(sortEntries(randomEntries("sha1", 100)), { trailingNewline: true }));
  expect((await verifyData(path)).problemCount).toBe(0);
});
