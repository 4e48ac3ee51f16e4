import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, checkChain, entryHash, entryLine, readLogLines, sealEntry, tailOf, type ChainTail, type EvidenceEntry } from "../../../src/evidence/chain.js";
import { checkSeal, makeSeal, parseSeal, type Seal } from "../../../src/evidence/seal.js";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SEALED_AT = new Date(Date.UTC(2026, 11, 2, 10, 15, 30));
const minutes = (n: number) => new Date(SEALED_AT.getTime() + n * 60_000);

/** A log as harden writes it: each entry recorded at `times[i]`. */
function buildLog(notes: string[], times: Date[] = notes.map((_, i) => minutes(i - notes.length))): { text: string; entries: EvidenceEntry[] } {
  let text = "";
  const entries: EvidenceEntry[] = [];
  notes.forEach((note, i) => {
    const at = times[i]!;
    const entry = sealEntry({ at: at.toISOString(), localTime: "2026-12-02T15:45:00+05:30", note, files: [] }, tailOf(readLogLines(Buffer.from(text))));
    entries.push(entry);
    text += entryLine(entry);
  });
  return { text, entries };
}

/** An entry made with the recipe the report documents, as anyone could. */
function forge(tail: ChainTail, note: string, at: Date): string {
  const body = { v: 1 as const, seq: tail.count + 1, at: at.toISOString(), localTime: "2026-12-02T16:00:00+05:30", note, files: [], prevHash: tail.hash };
  return `${canonicalJson({ ...body, hash: entryHash(body) })}\n`;
}

function sealOf(text: string): Seal {
  const lines = readLogLines(Buffer.from(text));
  return makeSeal(lines.length, tailOf(lines).hash, SEALED_AT);
}

function check(text: string, seal: Seal) {
  const lines = readLogLines(Buffer.from(text));
  return checkSeal(lines, checkChain(lines, undefined), seal);
}

describe("seal code", () => {
  it("has the documented shape: entries, UTC minute, four groups of four, a check character", () => {
    const seal = makeSeal(7, "a".repeat(64), SEALED_AT);
    expect(seal.code).toMatch(/^H1-7-2026-12-02T10:15Z-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}-[0-9A-HJKMNP-TV-Z]$/);
    expect(seal).toMatchObject({ entries: 7, at: "2026-12-02T10:15Z" });
    // The example in the help and the docs is a real code.
    expect(seal.code).toBe("H1-7-2026-12-02T10:15Z-BA33-Q7P4-KD65-ZPEX-P");
    expect(makeSeal(7, "b".repeat(64), SEALED_AT).code).not.toBe(seal.code);
    expect(makeSeal(8, "a".repeat(64), SEALED_AT).code.slice(-21)).not.toBe(seal.code.slice(-21));
  });

  it("follows the documented recipe, so an advocate can check a code from an exported report alone", () => {
    const head = createHash("sha256").update("the last sealed entry").digest("hex");
    const digest = createHash("sha256").update(`H1\n7\n${head}\n2026-12-02T10:15Z`).digest();
    const bits = [...digest.subarray(0, 10)].map((b) => b.toString(2).padStart(8, "0")).join("");
    const symbols = bits.match(/.{5}/g)!.map((five) => ALPHABET[parseInt(five, 2)]).join("");
    expect(makeSeal(7, head, SEALED_AT).code).toBe(`H1-7-2026-12-02T10:15Z-${symbols.match(/.{4}/g)!.join("-")}-${makeSeal(7, head, SEALED_AT).code.at(-1)}`);
  });

  it("reads back as typed by hand: lower case, spaces for dashes, O for 0, I or L for 1", () => {
    const { code } = makeSeal(12, "c".repeat(64), SEALED_AT);
    expect(parseSeal(code)).toMatchObject({ ok: true, seal: { code, entries: 12, at: "2026-12-02T10:15Z" } });
    expect(parseSeal(`  ${code.toLowerCase()} `)).toMatchObject({ ok: true, seal: { code } });
    const handwritten = code.replace(/-(?=[0-9A-Z]{4}-|[0-9A-Z]$)/g, " ").replace(/0/g, "O").replace(/1/g, "l");
    expect(parseSeal(handwritten)).toMatchObject({ ok: true, seal: { code } });
  });

  it("reads any one wrong character as a typo, never as another valid code", () => {
    const { code } = makeSeal(37, "d".repeat(64), SEALED_AT);
    let tried = 0;
    for (let i = 0; i < code.length; i++) {
      if (!ALPHABET.includes(code[i]!)) continue;
      for (const c of ALPHABET) {
        if (c === code[i]) continue;
        tried++;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(parseSeal(typo).ok, typo).toBe(false);
      }
    }
    expect(tried).toBeGreaterThan(30 * 31);
  });

  it("reads two neighbours swapped in the hash as a typo", () => {
    const { code } = makeSeal(3, "e".repeat(64), SEALED_AT);
    const start = code.length - 21;
    for (let i = start; i < code.length - 1; i++) {
      if (code[i] === "-" || code[i + 1] === "-" || code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(parseSeal(swapped)).toEqual({ ok: false, problem: "typo" });
    }
  });

  it("tells a code that is not one, and one from a newer harden", () => {
    expect(parseSeal("")).toEqual({ ok: false, problem: "shape" });
    expect(parseSeal("H1-7-2026-12-02T10:15Z-ABCD-EFGH")).toEqual({ ok: false, problem: "shape" });
    expect(parseSeal("H2-7-2026-12-02T10:15Z-ABCD-EFGH-JKMN-PQRS-T")).toEqual({ ok: false, problem: "newer" });
    expect(parseSeal("H1-7-2026-02-30T10:15Z-ABCD-EFGH-JKMN-PQRS-T")).toEqual({ ok: false, problem: "typo" });
    expect(parseSeal("H1-7-2026-12-02T10:15Z-ABCD-EFGH-JKMN-PQRS-U")).toEqual({ ok: false, problem: "typo" });
  });

  it("never throws on any text, and gives back every code it made", () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => {
        expect(parseSeal(text).ok).toBe(false);
      }), { numRuns: 300 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.stringMatching(/^[0-9a-f]{64}$/), fc.date({ min: new Date("2000-01-01"), max: new Date("9999-12-31"), noInvalidDate: true }), (n, head, at) => {
        const seal = makeSeal(n, head, at);
        expect(parseSeal(seal.code)).toEqual({ ok: true, seal });
      }),
      { numRuns: 300 },
    );
  });
});

describe("log against a seal", () => {
  it("is intact as sealed, and names entries added after it", () => {
    const { text } = buildLog(["one", "two", "three"]);
    const seal = sealOf(text);
    expect(check(text, seal)).toEqual({ code: seal.code, entries: 3, at: seal.at, intact: true, missing: 0, added: [], backdated: [] });
    const fourth = sealEntry({ at: minutes(2).toISOString(), localTime: "2026-12-02T15:47:00+05:30", note: "four", files: [] }, tailOf(readLogLines(Buffer.from(text))));
    expect(check(text + entryLine(fourth), seal)).toMatchObject({ intact: true, missing: 0, added: [{ seq: 4, note: "four" }], backdated: [] });
  });

  it("counts the entries cut off the end (head.json cannot help once it is gone too)", () => {
    const { text } = buildLog(["one", "two", "three", "four", "five"]);
    const seal = sealOf(text);
    const cut = text.split("\n").slice(0, 3).join("\n") + "\n";
    expect(checkChain(readLogLines(Buffer.from(cut)), undefined)).toEqual([]);
    expect(check(cut, seal)).toMatchObject({ intact: false, missing: 2, added: [] });
    expect(check("", seal)).toMatchObject({ intact: false, missing: 5 });
  });

  it("counts entries cut off the end even when new ones were added after the seal", () => {
    const { text } = buildLog(["one", "two", "three", "four", "five"]);
    const seal = sealOf(text);
    const cut = text.split("\n").slice(0, 3).join("\n") + "\n";
    const forged = forge(tailOf(readLogLines(Buffer.from(cut))), "I made it all up", minutes(5));
    expect(check(cut + forged, seal)).toMatchObject({ intact: false, missing: 2, added: [{ seq: 4, note: "I made it all up" }] });
  });

  it("is not intact when an earlier note was edited, even though the last hash still matches", () => {
    const { text } = buildLog(["He called at 9", "two", "three"]);
    const seal = sealOf(text);
    expect(check(text.replace("He called at 9", "He called at 8"), seal)).toMatchObject({ intact: false, missing: 0 });
  });

  it("is not intact when the whole log was rewritten with the recipe", () => {
    const { text } = buildLog(["one", "two", "three"]);
    const seal = sealOf(text);
    let forged = "";
    for (const note of ["one", "TWO", "three"]) forged += forge(tailOf(readLogLines(Buffer.from(forged))), note, minutes(-5));
    expect(checkChain(readLogLines(Buffer.from(forged)), undefined)).toEqual([]);
    expect(check(forged, seal)).toMatchObject({ intact: false, missing: 0 });
  });

  it("counts a removed middle entry as missing", () => {
    const { text } = buildLog(["one", "two", "three", "four"]);
    const seal = sealOf(text);
    const without = text.split("\n").filter((_, i) => i !== 1).join("\n");
    expect(check(without, seal)).toMatchObject({ intact: false, missing: 1 });
  });

  it("keeps an entry forged after the seal apart, and flags one dated before the seal", () => {
    const { text } = buildLog(["one", "two"]);
    const seal = sealOf(text);
    const tail = tailOf(readLogLines(Buffer.from(text)));
    expect(check(text + forge(tail, "forged later", minutes(1)), seal)).toMatchObject({ intact: true, added: [{ seq: 3, note: "forged later" }], backdated: [] });
    expect(check(text + forge(tail, "forged, backdated", minutes(-60)), seal)).toMatchObject({ intact: true, added: [{ seq: 3 }], backdated: [{ seq: 3, note: "forged, backdated" }] });
  });
});
