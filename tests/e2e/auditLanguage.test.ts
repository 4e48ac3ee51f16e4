/**
 * The audit's language chosen in its first screen (no --lang, nothing saved): the whole walk is
 * then in that language, with no English message of harden's left on the screen, and the choice
 * is saved with the settings. Arabic lines carry their Latin runs in bidi isolates.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { englishLeft } from "../helpers/english.js";
import { CHECKLIST_FIXTURES, tempHomes } from "../helpers/fixtures.js";
import { KEY, PtySession } from "../helpers/pty.js";
import { runHarden } from "../helpers/run.js";
import { normalLines, screenLines, splitWords, terminal } from "../helpers/screen.js";

const home = tempHomes();
const ISOLATES = /[\u2066\u2069]/g;

/** Types `keys`, then waits until `pattern` appears in what is shown after them (isolates aside). */
async function answer(session: PtySession, keys: string, pattern: RegExp): Promise<void> {
  const from = session.text.length;
  session.type(keys);
  const deadline = Date.now() + 10000;
  // Lines joined: at 40 columns a question takes several.
  while (!pattern.test(session.text.slice(from).replace(ISOLATES, "").replace(/\s+/g, " "))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; output was:\n${session.text.slice(-2500)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const WORDS = {
  fr: {
    down: 1,
    safety: /Avant de commencer/,
    safeNow: /\? Est-ce sans danger de le faire maintenant \?[\s\S]*se déplacer/,
    whatToDo: /\? Que voulez-vous faire \?[\s\S]*retour/,
    record: /\? L'étape \d supprime quelque chose[\s\S]*retour|\? Cette étape peut supprimer[\s\S]*retour/,
    step: (n: number) => new RegExp(`étape\\s${n}\\ssur\\s3`),
    left: /Où vous en êtes : 0 sur 3 étapes faites \(1 pour plus tard\), sur 1 compte\./,
  },
  ar: {
    down: 2,
    safety: /قبل أن تبدأ/,
    safeNow: /\? هل من الآمن أن تفعل هذا الآن؟[\s\S]*للتنقل/,
    whatToDo: /\? ماذا تريد أن تفعل؟[\s\S]*للرجوع/,
    record: /\? (الخطوة \d تحذف|هذه الخطوة قد تحذف)[\s\S]*للرجوع/,
    step: (n: number) => new RegExp(`الخطوة\\s${n}\\sمن\\s3`),
    left: /تقدّمك: أُنجزت 0 من 3 خطوات \(واحدة لوقت لاحق\)، في حساب واحد\./,
  },
} as const;

describe("the audit in the language chosen in its first screen", () => {
  for (const [lang, cols] of [["fr", 40], ["fr", 80], ["fr", 120], ["ar", 40], ["ar", 60], ["ar", 100]] as const) {
    it(`${lang} at ${cols} columns: chosen before the safety note, saved, and used on every screen, no word split`, async () => {
      const words = WORDS[lang];
      const { env } = home();
      const session = new PtySession(["audit", "demo", "--checklists", path.join(CHECKLIST_FIXTURES, "translated")], env, { cols, rows: 400 });
      await session.waitFor(/Language \/ Langue \/ اللغة[\s\S]*العربية/);
      expect(session.text).not.toContain("Before you start"); // the language comes before the safety note
      await answer(session, KEY.down.repeat(words.down) + KEY.enter, words.safeNow);
      expect(session.text).toMatch(words.safety);
      expect(session.text.replace(ISOLATES, "").replace(/\s+/g, " ")).toMatch(words.step(1));
      await answer(session, KEY.enter, words.whatToDo); // do it now
      await answer(session, KEY.down + KEY.enter, new RegExp(`${words.step(2).source}[\\s\\S]*${words.safeNow.source}`)); // later
      await answer(session, KEY.enter, words.record); // do it now
      await answer(session, KEY.down + KEY.enter, words.whatToDo); // no evidence
      session.type(KEY.down.repeat(4) + KEY.enter); // stop for now
      expect((await session.exited).exitCode).toBe(0);

      const shown = session.text;
      expect(englishLeft(shown, lang)).toEqual([]);
      const term = await terminal(session.output, cols, 400);
      expect(normalLines(term).join(" ").replace(/\s+/g, " ").replace(ISOLATES, "")).toMatch(words.left);
      expect(splitWords(screenLines(term), cols)).toEqual([]);
      if (lang === "ar") expect(shown).toContain("\u2066harden report\u2069"); // a command inside Arabic text, isolated
      expect(JSON.parse(readFileSync(path.join(env.HARDEN_HOME, "settings.json"), "utf8")).lang).toBe(lang);
    }, 30000);
  }

  it("does not ask when --lang is given", async () => {
    const { env } = home();
    const session = new PtySession(["--lang", "fr", "audit", "demo", "--checklists", path.join(CHECKLIST_FIXTURES, "translated")], env);
    await session.waitFor(/Est-ce sans danger/);
    expect(session.text).not.toContain("Langue");
    session.type(KEY.ctrlC);
    expect((await session.exited).exitCode).toBe(130);
  }, 30000);

  it("harden --lang ar alone, at a terminal, opens the audit in Arabic (global flags are no command)", async () => {
    const { env } = home();
    const session = new PtySession(["--lang", "ar"], env);
    await session.waitFor(/قبل أن تبدأ/);
    expect(session.text).not.toContain("Langue");
    expect(session.text).not.toMatch(/Usage|الاستخدام:/);
    session.type(KEY.ctrlC);
    expect((await session.exited).exitCode).toBe(130);
  }, 30000);
});

describe("the scripted audit and plan, in French and Arabic", () => {
  const TRANSLATED = path.join(CHECKLIST_FIXTURES, "translated");

  for (const lang of ["fr", "ar"] as const) {
    it(`${lang}: plan --answers, audit --answers and audit --since leave no English message of harden's`, async () => {
      const { dir, env } = home();
      const story = path.join(dir, "story.json");
      writeFileSync(story, JSON.stringify({ intake: { "taken-over": "yes", images: "no" }, platforms: ["facebook"] }));
      const answers = path.join(dir, "answers.json");
      writeFileSync(answers, JSON.stringify({ "demo.two-factor": "done", "demo.sessions": "later" }));
      const runs = [
        await runHarden(["--lang", lang, "plan", "--answers", story], { env: { ...env, NO_COLOR: "1" } }),
        await runHarden(["--lang", lang, "audit", "--answers", answers, "--checklists", TRANSLATED], { env: { ...env, NO_COLOR: "1" } }),
        await runHarden(["--lang", lang, "audit", "--since", "--checklists", TRANSLATED], { env: { ...env, NO_COLOR: "1" } }),
      ];
      for (const r of runs) {
        expect(r.code).toBe(0);
        expect(englishLeft(r.stdout + r.stderr, lang, { allow: ["checklist:"] })).toEqual([]); // checklist words are the checklists' own (translated apart)
      }
      expect(runs[0]!.stdout).toMatch(lang === "fr" ? /^Aujourd’hui : \d+ étapes/ : /^اليوم: /);
      expect(runs[1]!.stdout).toContain(lang === "fr" ? "Démo Social : 1 sur 3 faites (1 pour plus tard, 1 pas commencée)" : "أُنجزت 1 من 3");
      expect(runs[2]!.stdout).toContain(lang === "fr" ? "Votre dernière vérification complète date d’aujourd’hui" : "كانت آخر مراجعة كاملة لك اليوم");
    }, 30000);
  }

  it("a check made in another language is not a change: snapshots compare the English", async () => {
    const { dir, env } = home();
    const answers = path.join(dir, "answers.json");
    writeFileSync(answers, JSON.stringify({ "demo.two-factor": "done" }));
    for (const lang of ["fr", "en"]) expect((await runHarden(["--lang", lang, "audit", "--answers", answers, "--checklists", TRANSLATED], { env })).code).toBe(0);
    const since = await runHarden(["--lang", "en", "audit", "--since", "--checklists", TRANSLATED], { env: { ...env, NO_COLOR: "1" } });
    expect(since.stdout).toContain("What changed between");
    expect(since.stdout).not.toContain("path changed");
    expect(since.stdout).toContain("Nothing changed.");
  }, 30000);
});
