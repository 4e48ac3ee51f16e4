import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, checkChain, entryHash, entryLine, entryRef, GENESIS, localTime, readLogLines, sealEntry, tailOf, type ChainTail, type EntryDraft, type EvidenceEntry } from "../../../src/evidence/chain.js";

const HASH_A = "a".repeat(64);

function draft(note: string | null, n = 0): EntryDraft {
  const at = new Date(Date.UTC(2026, 10, 25, 12, 0, n));
  return { at: at.toISOString(), localTime: "2026-11-25T13:00:00+01:00", note, files: [{ path: `/evidence/shot-${n}.png`, sha256: HASH_A, size: 1234 + n, copy: null }] };
}

/** A log as harden writes it, and how it ended (the head). */
function buildLog(notes: Array<string | null>): { text: string; entries: EvidenceEntry[] } {
  let text = "";
  const entries: EvidenceEntry[] = [];
  notes.forEach((note, i) => {
    const entry = sealEntry(draft(note, i), tailOf(readLogLines(Buffer.from(text))));
    entries.push(entry);
    text += entryLine(entry);
  });
  return { text, entries };
}

const check = (text: string, head?: ChainTail) => checkChain(readLogLines(Buffer.from(text)), head);

describe("evidence hash chain", () => {
  it("serialises with sorted keys at every level and no spaces", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: "x", e: null }], c: "é" } })).toBe('{"a":{"c":"é","d":[2,{"e":null,"f":"x"}]},"b":1}');
  });

  it("links each entry to the one before it and reads back intact", () => {
    const { text, entries } = buildLog(["first", null, "third"]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.hash).toBe(entryHash(entries[2]!));
    const lines = readLogLines(Buffer.from(text));
    expect(lines.every((l) => l.intact)).toBe(true);
    expect(lines.map((l) => l.entry)).toEqual(entries);
    expect(checkChain(lines, { count: 3, hash: entries[2]!.hash })).toEqual([]);
  });

  it("detects an edited note", () => {
    const { text, entries } = buildLog(["He called at 9", "second", "third"]);
    const edited = text.replace("He called at 9", "He called at 8");
    // Named as it reads now, so the person can find it.
    expect(check(edited, { count: 3, hash: entries[2]!.hash })).toEqual([{ kind: "entry-edited", line: 1, entry: entryRef({ ...entries[0]!, note: "He called at 8" }) }]);
  });

  it("detects an edit whose hash was recomputed, at the next entry", () => {
    const { text, entries } = buildLog(["one", "two", "three"]);
    const lines = text.split("\n");
    const forged = { ...entries[1]!, note: "TWO" };
    lines[1] = canonicalJson({ ...forged, hash: entryHash(forged) });
    expect(check(lines.join("\n"), { count: 3, hash: entries[2]!.hash })).toEqual([
      { kind: "entry-removed-or-reordered", line: 3, how: "rewritten", removed: 0, entry: entryRef(entries[2]!), after: entryRef(forged) },
    ]);
  });

  it("detects a deleted line: first, middle or last, and names it by its neighbours", () => {
    const { text, entries } = buildLog(["one", "two", "three"]);
    const head = { count: 3, hash: entries[2]!.hash };
    const without = (i: number) => text.split("\n").filter((_, j) => j !== i).join("\n");
    const [one, two, three] = entries.map(entryRef);
    expect(check(without(0), head)).toEqual([{ kind: "entry-removed-or-reordered", line: 1, how: "removed", removed: 1, entry: two }]);
    expect(check(without(1), head)).toEqual([{ kind: "entry-removed-or-reordered", line: 2, how: "removed", removed: 1, entry: three, after: one }]);
    // The chain alone cannot see the newest entry cut off; the head can.
    expect(check(without(2))).toEqual([]);
    expect(check(without(2), head)).toEqual([{ kind: "entry-removed-or-reordered", line: 3, how: "removed", removed: 1, after: two, cutOff: true }]);
  });

  it("counts several entries removed from the middle, and reports them once, not at every later entry", () => {
    const { text, entries } = buildLog(["one", "two", "three", "four", "five"]);
    const kept = text.split("\n").filter((_, j) => j !== 1 && j !== 2).join("\n");
    // An entry recorded after the removal links to the log as it then was.
    const later = sealEntry(draft("six", 6), tailOf(readLogLines(Buffer.from(kept))));
    expect(check(kept + entryLine(later), { count: later.seq, hash: later.hash })).toEqual([
      { kind: "entry-removed-or-reordered", line: 2, how: "removed", removed: 2, entry: entryRef(entries[3]!), after: entryRef(entries[0]!) },
    ]);
  });

  it("detects reordered lines", () => {
    const { text, entries } = buildLog(["one", "two", "three"]);
    const [a, b, c] = text.split("\n");
    expect(check([a, c, b, ""].join("\n"), { count: 3, hash: entries[2]!.hash })).toMatchObject([
      { kind: "entry-removed-or-reordered", line: 2, how: "moved", entry: { seq: 3 } },
      { kind: "entry-removed-or-reordered", line: 3, how: "moved", entry: { seq: 2 } },
    ]);
  });

  it("keeps chaining after a line that cannot be read", () => {
    const broken = `${buildLog(["one"]).text}{"cut short`;
    const next = sealEntry(draft("after"), tailOf(readLogLines(Buffer.from(broken))));
    const lines = readLogLines(Buffer.from(`${broken}\n${entryLine(next)}`));
    expect(next.seq).toBe(3);
    expect(checkChain(lines, { count: 3, hash: next.hash })).toEqual([{ kind: "entry-edited", line: 2 }]);
  });

  it("detects any single-byte change to the log", () => {
    const note = fc.option(fc.string({ unit: "binary", maxLength: 30 }), { nil: null });
    fc.assert(
      fc.property(fc.array(note, { minLength: 1, maxLength: 4 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (notes, at, delta) => {
        const { text, entries } = buildLog(notes);
        const bytes = Buffer.from(text);
        const i = at % bytes.length;
        bytes[i] = (bytes[i]! + delta) % 256;
        const last = entries.at(-1)!;
        expect(checkChain(readLogLines(bytes), { count: last.seq, hash: last.hash }).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it("detects a change at every byte of a log with awkward notes", () => {
    const { text, entries } = buildLog(["tab\tnewline\n\u001b[31m \u009b \u202e ok", "é 😀 \ufffd \"quoted\" \\", null]);
    const head = { count: 3, hash: entries[2]!.hash };
    const original = Buffer.from(text);
    for (let i = 0; i < original.length; i++) {
      for (const flip of [0x01, 0x20, 0x80]) {
        const bytes = Buffer.from(original);
        bytes[i] = bytes[i]! ^ flip;
        expect(checkChain(readLogLines(bytes), head).length, `byte ${i} ^ ${flip}`).toBeGreaterThan(0);
      }
    }
  });

  it("writes local time with its UTC offset, naming the same instant", () => {
    const date = new Date(Date.UTC(2026, 2, 29, 0, 59, 59));
    const local = localTime(date);
    expect(local).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(new Date(local).getTime()).toBe(date.getTime());
  });
});
