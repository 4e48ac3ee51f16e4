/**
 * The command layer in French and Arabic: every help screen, commander's errors, harden's own
 * errors (plain and under --json) and config, with no English left; exit codes and JSON field
 * names as in English. The language comes from --lang, `config set lang`, then the locale.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { englishLeft } from "../helpers/english.js";
import { tempHomes } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";

const home = tempHomes();

const COMMANDS = [
  [],
  ["audit"],
  ["plan"],
  ["report"],
  ["list"],
  ["checklist"],
  ["checklist", "show"],
  ["checklist", "validate"],
  ["password"],
  ["scan"],
  ["data"],
  ["data", "verify"],
  ["totp"],
  ["totp", "practice"],
  ["totp", "code"],
  ["totp", "verify"],
  ["evidence"],
  ["evidence", "add"],
  ["evidence", "list"],
  ["evidence", "verify"],
  ["evidence", "seal"],
  ["evidence", "export"],
  ["workshop"],
  ["config"],
  ["config", "get"],
  ["config", "set"],
  ["config", "unset"],
  ["forget"],
];

const LANGS = [
  { lang: "fr", words: /[éèàçêôûœ’«»]|\bvous\b/ },
  { lang: "ar", words: /[\u0600-\u06ff]/ },
] as const;

/** The JSON error on stderr, stdout being empty. */
const jsonError = (r: { stdout: string; stderr: string }) => {
  expect(r.stdout).toBe("");
  return (JSON.parse(r.stderr) as { error: { code: string; exitCode: number; message: string; problems: string[] } }).error;
};

describe.each(LANGS)("in $lang", ({ lang, words }) => {
  it("every command's and subcommand's --help has no English left", async () => {
    const { env } = home();
    const results = await Promise.all(COMMANDS.map((command) => runHarden(["--lang", lang, ...command, "--help"], { env })));
    for (const [i, r] of results.entries()) {
      const shown = `harden ${COMMANDS[i]!.join(" ")} --help`;
      expect(r.code, shown).toBe(0);
      expect(r.stdout, shown).toMatch(words);
      // "workshop plan" is also the name of a file in an example (harden workshop plan.yaml).
      expect(englishLeft(r.stdout, lang, { allow: ['"workshop plan"'] }), shown).toEqual([]);
    }
    // The end of the main help: exit codes and examples, in the language, codes unchanged.
    expect(results[0]!.stdout).toMatch(/130\u2069?\s+\S/);
    expect(results[0]!.stdout).toContain("harden audit --answers answers.yaml --json");
  }, 60000);

  it("commander's errors are in the language, with 'did you mean', and exit 2", async () => {
    const { env } = home();
    const cases = [["lisst"], ["list", "--frobnicate"], ["scan"], ["checklist", "show", "--format", "xx"], ["checklist", "show", "--format"], ["list", "extra"], ["config", "set"]];
    const results = await Promise.all(cases.map((args) => runHarden(["--lang", lang, ...args], { env })));
    for (const [i, r] of results.entries()) {
      const shown = `harden ${cases[i]!.join(" ")}`;
      expect(r.code, shown).toBe(2);
      expect(r.stdout, shown).toBe("");
      expect(r.stderr, shown).toMatch(words);
      expect(englishLeft(r.stderr, lang), shown).toEqual([]);
      expect(r.stderr, shown).not.toMatch(/error:|unknown|missing|invalid|Allowed|Did you mean/);
    }
    expect(results[0]!.stderr).toContain("list");
  }, 30000);

  it("an unknown option's value never shows, in any language", async () => {
    const r = await runHarden(["--lang", lang, "totp", "code", "--secret=JBSWY3DPEHPK3PXP"], { env: home().env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--secret");
    expect(r.stderr).not.toContain("JBSWY3DPEHPK3PXP");
  }, 30000);

  it("a usage error of harden's own and a broken answers file are in the language", async () => {
    const { dir, env } = home();
    const usage = await runHarden(["--lang", lang, "checklist", "show"], { env });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(words);
    expect(englishLeft(usage.stderr, lang)).toEqual([]);

    const answers = path.join(dir, "answers.yaml");
    writeFileSync(answers, "facebook.nope: done\nfoo: bar\n");
    const broken = await runHarden(["--lang", lang, "audit", "facebook", "--answers", answers], { env });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(answers);
    expect(broken.stderr).toContain("facebook.nope");
    expect(broken.stderr).toMatch(words);
    expect(englishLeft(broken.stderr, lang)).toEqual([]);

    writeFileSync(answers, "a: [\n");
    const syntax = await runHarden(["--lang", lang, "audit", "--answers", answers], { env });
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain(`${answers}:`);
    expect(syntax.stderr).toMatch(words);
    expect(englishLeft(syntax.stderr, lang)).toEqual([]);
  }, 30000);

  it("under --json an error keeps its fields and code; only the message is in the language", async () => {
    const { dir, env } = home();
    const answers = path.join(dir, "answers.yaml");
    writeFileSync(answers, "facebook.nope: done\nfoo: bar\n");
    for (const args of [["audit", "facebook", "--answers", answers], ["list", "--frobnicate"], ["checklist", "show"]]) {
      const [english, translated] = await Promise.all([runHarden([...args, "--json"], { env }), runHarden(["--lang", lang, ...args, "--json"], { env })]);
      const en = jsonError(english);
      const other = jsonError(translated);
      expect(translated.code).toBe(english.code);
      expect(Object.keys(other)).toEqual(Object.keys(en));
      expect({ code: other.code, exitCode: other.exitCode, problems: other.problems.length }).toEqual({ code: en.code, exitCode: en.exitCode, problems: en.problems.length });
      expect(other.message).not.toBe(en.message);
      expect(other.message).toMatch(words);
      expect(englishLeft([other.message, ...other.problems].join("\n"), lang)).toEqual([]);
    }
  }, 30000);

  it("config set, get and unset lang; the saved language is then used without --lang", async () => {
    const { env } = home();
    const set = await runHarden(["--lang", lang, "config", "set", "lang", lang], { env });
    expect(set.code).toBe(0);
    expect(set.stdout).toBe(`lang = ${lang}\n`);
    expect(englishLeft(set.stderr, lang)).toEqual([]);
    expect(set.stderr).toMatch(words);

    const help = await runHarden(["list", "--help"], { env });
    expect(help.stdout).toMatch(words);
    expect(englishLeft(help.stdout, lang)).toEqual([]);

    const get = await runHarden(["config", "get", "--json"], { env });
    expect(JSON.parse(get.stdout)).toMatchObject({ lang });
    const all = await runHarden(["config", "get"], { env });
    expect(all.stdout).toMatch(words);
    expect(englishLeft(all.stdout, lang)).toEqual([]);

    const wrong = await runHarden(["config", "set", "lang", "de"], { env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(words);
    expect(englishLeft(wrong.stderr, lang)).toEqual([]);

    const unset = await runHarden(["config", "unset", "lang"], { env });
    expect(unset.code).toBe(0);
    expect((await runHarden(["list", "--help"], { env })).stdout).toContain("Usage: harden list");
  }, 30000);
});

describe("choosing the language", () => {
  it("LANG=fr_FR.UTF-8 picks French, LC_ALL=C stays English, --lang wins over both", async () => {
    const { env } = home();
    const french = await runHarden(["list", "--help"], { env: { ...env, LANG: "fr_FR.UTF-8" } });
    expect(french.stdout).toContain("Utilisation : harden list");
    const c = await runHarden(["list", "--help"], { env: { ...env, LANG: "fr_FR.UTF-8", LC_ALL: "C" } });
    expect(c.stdout).toContain("Usage: harden list");
    const arabic = await runHarden(["--lang", "ar", "list", "--help"], { env: { ...env, LANG: "fr_FR.UTF-8" } });
    expect(arabic.stdout).toMatch(/[\u0600-\u06ff]/);
    expect(englishLeft(arabic.stdout, "ar")).toEqual([]);
  }, 30000);

  it("an unknown --lang is a usage error (exit 2), also under --json", async () => {
    const { env } = home();
    const r = await runHarden(["--lang", "de", "list"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--lang");
    expect(r.stderr).toContain("en, fr, ar");
    const json = await runHarden(["--lang", "xx", "list", "--json"], { env });
    expect(json.code).toBe(2);
    expect(jsonError(json)).toMatchObject({ code: "usage", exitCode: 2 });
  }, 30000);
});
