/**
 * Every command in French and in Arabic: nothing of the English catalogue, commander's own words or
 * the English checklists left on screen, while exit codes and JSON stay the same as in English.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadChecklists } from "../../src/checklists/catalog.js";
import { englishLeft, showsLanguage } from "../helpers/english.js";
import { CHECKLIST_FIXTURES, FIXTURES, tempHomes } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";

const home = tempHomes();
const sha1 = (text: string) => createHash("sha1").update(text).digest("hex").toUpperCase();

/** Letters of the language, so a screen that is empty or all English does not pass. */
const LETTERS = { fr: /[éèàçêîôûœ]|\b(vous|votre|les|des|encore|une|est|pour|pas|du|la|le|erreur|option)\b/i, ar: /[\u0621-\u064a]{3,}/ } as const;

function setUp(dir: string) {
  const breach = path.join(dir, "breach.txt");
  const lines = [sha1("password"), sha1("letmein")].map((h, i) => `${h}:${i + 10}`);
  writeFileSync(breach, `${lines.sort().join("\n")}\n`);
  const secret = path.join(dir, "secret.txt");
  writeFileSync(secret, "JBSWY3DPEHPK3PXP\n");
  const shot = path.join(dir, "shot.png");
  writeFileSync(shot, "not really a picture");
  return { breach, secret, shot };
}

const HELP = [
  [],
  ["audit"], ["plan"], ["list"], ["report"], ["password"], ["scan"], ["forget"], ["workshop"],
  ["checklist"], ["checklist", "show"], ["checklist", "validate"],
  ["data"], ["data", "verify"], ["data", "download"], ["serve"],
  ["totp"], ["totp", "practice"], ["totp", "code"], ["totp", "verify"],
  ["evidence"], ["evidence", "add"], ["evidence", "list"], ["evidence", "verify"], ["evidence", "seal"], ["evidence", "export"], ["evidence", "forget"],
  ["config"], ["config", "get"], ["config", "set"], ["config", "unset"],
  ["phone"], ["phone", "check"], ["phone", "indicators"], ["phone", "indicators", "update"],
];

for (const lang of ["fr", "ar"] as const) {
  describe(`harden --lang ${lang}`, () => {
    it("has no English left in any command's help", async () => {
      for (const command of HELP) {
        const { stdout, stderr, code } = await runHarden(["--lang", lang, ...command, "--help"], { env: home().env });
        expect(code, command.join(" ")).toBe(0);
        // `harden workshop plan.yaml` in the examples is a file name, not the words "workshop plan".
        expect(englishLeft(stdout + stderr, lang, { allow: ['"workshop plan"'] }), command.join(" ")).toEqual([]);
        expect(stdout, command.join(" ")).toMatch(LETTERS[lang]);
      }
    }, 60_000);

    it("speaks the language in every command's output and errors, with the same exit codes", async () => {
      const { dir, env } = home();
      const files = setUp(dir);
      const runs: Array<{ args: string[]; input?: string }> = [
        { args: ["list"] },
        { args: ["checklist", "show", "google"] },
        { args: ["checklist", "show", "google", "--format", "md"] },
        { args: ["checklist", "show", "google", "--format", "html"] },
        { args: ["checklist", "validate", path.join(CHECKLIST_FIXTURES, "good")] },
        { args: ["checklist", "validate", path.join(CHECKLIST_FIXTURES, "broken")] },
        { args: ["plan", "--answers", "-"], input: "intake:\n  taken-over: yes\n  images: yes\nplatforms: [facebook, google, phone]\n" },
        { args: ["report"] },
        { args: ["password", "--stdin", "--offline", files.breach], input: "password\ncorrect horse battery staple 1234\n" },
        { args: ["scan", path.join(FIXTURES, "exports", "bitwarden.csv"), "--offline", files.breach] },
        { args: ["totp", "code", "--secret-file", files.secret, "--time", "59"] },
        { args: ["totp", "verify", "--secret-file", files.secret, "--time", "59", "000000"] },
        { args: ["data", "verify", files.breach] },
        { args: ["evidence", "add", files.shot, "--note", "Message after the hearing"] },
        { args: ["evidence", "list"] },
        { args: ["evidence", "verify"] },
        { args: ["evidence", "export"] },
        { args: ["workshop", path.join(FIXTURES, "workshop", "plan.yaml"), "--handout", "--format", "text"] },
        { args: ["config", "get"] },
        { args: ["audit", "--bogus"] },
        { args: ["checklist", "show", "nosuchplatform"] },
      ];
      for (const run of runs) {
        const english = await runHarden(["--lang", "en", ...run.args], { env, input: run.input });
        const out = await runHarden(["--lang", lang, ...run.args], { env, input: run.input });
        const what = `${run.args.join(" ")}: ${out.stderr.slice(0, 300)}`;
        expect(out.code, what).toBe(english.code);
        // The evidence note is the person's own words, given in English here; the fixture workshop's
        // "demo" checklist is a trainer's own, in English ("Choose an authenticator app").
        expect(englishLeft(out.stdout + out.stderr, lang, { allow: ['"Message after the hearing"', '"authenticator app"'] }), what).toEqual([]);
        expect(showsLanguage(out.stdout + out.stderr, lang), what).toBe(true);
      }
    }, 120_000);

    it("shows the checklists in the language: no English title of a built-in item is left", async () => {
      const english = await loadChecklists();
      const { stdout } = await runHarden(["--lang", lang, "checklist", "show", "--all"], { env: home().env });
      // A platform's own label quoted in the steps (« Sign out everywhere », "Sign out everywhere") may
      // be an English title's words: only a title that does not open a quotation counts.
      const unquotedAt = (title: string) => {
        for (let at = stdout.indexOf(title); at >= 0; at = stdout.indexOf(title, at + 1)) {
          if (!/["«“][\s\u2066]*$/.test(stdout.slice(Math.max(0, at - 3), at))) return true;
        }
        return false;
      };
      const left = english.flatMap((c) => c.items.map((i) => i.title)).filter(unquotedAt);
      expect(left).toEqual([]);
    });

    it("global flags alone are no command: without a terminal, the help in the language and exit 2 (at a terminal, the audit)", async () => {
      const { stderr, code } = await runHarden(["--lang", lang, "--no-color"], { env: home().env });
      expect(code).toBe(2);
      expect(showsLanguage(stderr, lang)).toBe(true);
      expect(englishLeft(stderr, lang, { allow: ['"workshop plan"'] })).toEqual([]);
    });

    it("shows an item whose translation is stale or missing in English, with one line saying so, in text, Markdown and HTML", async () => {
      const dir = path.join(CHECKLIST_FIXTURES, "translated");
      const note = lang === "fr" ? "Cette étape est affichée en anglais" : "تظهر هذه الخطوة بالإنجليزية";
      for (const format of ["text", "md", "html"]) {
        const { stdout, code } = await runHarden(["--lang", lang, "--checklists", dir, "checklist", "show", "demo", "--format", format], { env: home().env });
        expect(code, format).toBe(0);
        expect(stdout, format).toContain("Check where you are logged in");
        expect(stdout.split(note).length - 1, format).toBe(2);
      }
    });

    it("keeps JSON the same: field names, enum values and ids do not translate", async () => {
      const en = await runHarden(["--lang", "en", "--json", "plan", "--answers", "-"], { env: home().env, input: "intake:\n  taken-over: yes\nplatforms: [google]\n" });
      const other = await runHarden(["--lang", lang, "--json", "plan", "--answers", "-"], { env: home().env, input: "intake:\n  taken-over: yes\nplatforms: [google]\n" });
      const shape = (text: string) => JSON.stringify(JSON.parse(text), (key, value) => (typeof value === "string" && !/^[a-z0-9.-]+$/.test(value) ? "<text>" : value));
      expect(shape(other.stdout)).toBe(shape(en.stdout));
    });
  });
}
