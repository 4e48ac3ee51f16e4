import { describe, expect, it } from "vitest";
import { summarizeVerdicts } from "../../../src/core/passwordVerdict.js";
import { passwordText, scanText } from "../../../src/output/passwordView.js";
import type { CommandResult, ScanEntry } from "../../../src/output/results.js";
import type { Style } from "../../../src/output/style.js";
import type { Score, StrengthVerdict } from "../../../src/strength/scorer.js";

/** Colours written as tags, so a test can read which colour a word got. */
const tagged: Style = {
  bold: (t) => t,
  dim: (t) => t,
  underline: (t) => t,
  red: (t) => `<red>${t}</red>`,
  green: (t) => `<green>${t}</green>`,
  yellow: (t) => `<yellow>${t}</yellow>`,
};

const strength = (score: Score): StrengthVerdict => ({ score, guessesLog10: score * 3, crackTimeOffline: "1 second", crackTimeOnline: "1 hour", warning: null, suggestions: [], truncated: false });

const entry = (line: number, name: string, score: Score, reuseGroup: number | null, reusedBy = 0): ScanEntry => ({
  line,
  name,
  url: "",
  username: "",
  hasPassword: true,
  reusedBy,
  reuseGroup,
  strength: strength(score),
  twoFactor: { methods: null, documentation: null, enabled: false },
  passkeys: null,
  nextStep: { code: "none" },
});

function scan(entries: ScanEntry[], file = "export.csv"): Extract<CommandResult, { kind: "scan" }> {
  return {
    kind: "scan",
    file,
    format: "Chrome / Edge CSV",
    minScore: 3,
    showUsernames: false,
    entries,
    skipped: [],
    sites: [],
    scannedAt: "2026-12-02T10:00:00.000Z",
    summary: { ...summarizeVerdicts(entries, 3), entries: entries.length, withoutPassword: 0, reused: entries.filter((e) => e.reuseGroup !== null).length },
  };
}

describe("scan text", () => {
  it("colours each score by its level: 0-1 red, 2 (fair) yellow, 3-4 green", () => {
    const text = scanText(scan([entry(2, "a", 0, null), entry(3, "b", 1, null), entry(4, "c", 2, null), entry(5, "d", 3, null), entry(6, "e", 4, null)]), tagged);
    const line = (n: number) => text.split("\n").find((l) => l.includes(`line ${n}:`))!;
    expect(line(2)).toMatch(/<red>[^<]*very weak \(0\/4\)<\/red>/);
    expect(line(3)).toMatch(/<red>[^<]*weak \(1\/4\)<\/red>/);
    expect(line(4)).toMatch(/<yellow>[^<]*fair \(2\/4\)<\/yellow>/);
    expect(line(5)).toMatch(/<green>good \(3\/4\)<\/green>/);
    expect(line(6)).toMatch(/<green>strong \(4\/4\)<\/green>/);
  });

  it("names the other entries that share a password, by line and name", () => {
    const text = scanText(scan([entry(2, "facebook.com", 3, 1, 2), entry(3, "bank", 3, null), entry(4, "google.com", 3, 1, 2), entry(5, "x.com", 3, 1, 2)]), tagged);
    const line = (n: number) => text.split("\n").find((l) => l.includes(`line ${n}:`))!;
    expect(line(2)).toContain("same password as line 4 (google.com) and line 5 (x.com)");
    expect(line(4)).toContain("same password as line 2 (facebook.com) and line 5 (x.com)");
    expect(line(3)).not.toContain("same password");
  });

  it("names at most three others, then counts the rest", () => {
    const many = [2, 3, 4, 5, 6, 7].map((n) => entry(n, `site${n}`, 3, 1, 5));
    const first = scanText(scan(many), tagged).split("\n").find((l) => l.includes("line 2:"))!;
    expect(first).toContain("same password as line 3 (site3), line 4 (site4), line 5 (site5) and 2 more");
  });

  it("ends with a reminder to delete the export", () => {
    expect(scanText(scan([entry(2, "a", 3, null)], "/home/me/passwords.csv"), tagged).trimEnd().split("\n").at(-1)).toBe(
      "Now delete the export (/home/me/passwords.csv), and empty the trash: it holds all your passwords in plain text.",
    );
  });

  it("password: a fair score is yellow, not red, even when below --min-score", () => {
    const text = passwordText({ kind: "password", interactive: true, minScore: 3, results: [{ line: 1, strength: strength(2) }], summary: summarizeVerdicts([{ strength: strength(2) }], 3) } as never, tagged);
    expect(text).toContain("<yellow>✗ Strength: 2 of 4 (fair).</yellow>");
  });
});
