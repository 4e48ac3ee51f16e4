import { Readable } from "node:stream";
import { createInterface } from "node:readline";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSecretLines } from "../../../src/secrets/lines.js";

/** What harden read before: node's readline, which splits at CRLF, LF and a lone CR. */
async function byReadline(chunks: Buffer[]): Promise<Array<{ line: number; value: string }>> {
  const out = [];
  let line = 0;
  for await (const raw of createInterface({ input: Readable.from(chunks), crlfDelay: Infinity })) {
    line++;
    const value = (line === 1 ? raw.replace(/^\uFEFF/, "") : raw).replace(/\r$/, "");
    if (value.length > 0) out.push({ line, value });
  }
  return out;
}

/** `bytes` cut at the given points, as a stream delivers them (possibly inside a UTF-8 character or a CRLF). */
function cut(bytes: Buffer, points: number[]): Buffer[] {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of [...at, bytes.length]) {
    if (p > from) chunks.push(bytes.subarray(from, p));
    from = Math.max(from, p);
  }
  return chunks;
}

describe("secret lines", () => {
  it("reads the same lines as readline did, however the input is cut into chunks", async () => {
    const text = fc
      .array(fc.tuple(fc.string({ unit: fc.constantFrom("a", "é", "€", "😀", " ", "\uFEFF", "b") , maxLength: 6 }), fc.constantFrom("\n", "\r\n", "\r", "")), { maxLength: 8 })
      .map((parts) => parts.map(([value, end]) => value + end).join(""));
    await fc.assert(
      fc.asyncProperty(fc.boolean(), text, fc.array(fc.nat(), { maxLength: 6 }), async (bom, body, points) => {
        const bytes = Buffer.from((bom ? "\uFEFF" : "") + body, "utf8");
        expect(await readSecretLines(Readable.from(cut(bytes, points)))).toEqual(await byReadline(cut(bytes, points)));
      }),
      { numRuns: 300 },
    );
  });

  it("stops at the first line over 65,536 characters, naming the line and the source, never the value", async () => {
    const long = "s".repeat(65_537);
    await expect(readSecretLines(Readable.from([Buffer.from(`ok\n${long}\nmore\n`)]), "pw.txt")).rejects.toMatchObject({
      exitCode: 2,
      message: "The password or secret on line 2 of pw.txt is longer than 65,536 characters, the most harden reads for one. Give one per line.",
    });
    // Exactly the limit is fine, whatever the line ending.
    const limit = "s".repeat(65_536);
    for (const end of ["\n", "\r\n", "\r", ""]) expect(await readSecretLines(Readable.from([Buffer.from(limit + end)]))).toEqual([{ line: 1, value: limit }]);
  });
});
