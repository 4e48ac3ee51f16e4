/**
 * Password, scan, totp, data verify, evidence, report, checklist show and workshop handouts in French
 * and Arabic: no English message left on screen (englishLeft), the language's own words there, and
 * --json the same in every language but for the message strings.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ABSENT_PASSWORD, knownEntries, randomEntries, writeSortedFile } from "../fixtures/breach/datasets.js";
import { englishLeft } from "../helpers/english.js";
import { FIXTURES, tempDir, tempHomes } from "../helpers/fixtures.js";
import { KEY, PtySession } from "../helpers/pty.js";
import { runHarden } from "../helpers/run.js";
import { codeAt } from "../../src/totp/codes.js";
import { parseTotpInput } from "../../src/totp/params.js";

const work = tempDir("harden-views-lang-");
const homes = tempHomes();
afterAll(() => work.cleanup());
const data = path.join(work.dir, "pwnedpasswords.txt");
const shot = path.join(work.dir, "screenshot.png");
const plan = path.join(FIXTURES, "workshop", "plan.yaml");
const SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

beforeAll(async () => {
  await writeSortedFile(data, [...(await knownEntries("sha1")), ...randomEntries("sha1", 200), ["F".repeat(40), 1]]);
  writeFileSync(shot, "not really a png");
});

/** French or Arabic words in a text: letters only those languages write. */
const LOOKS = { fr: /[éèàùçêâîôû]|\b(le|la|les|des|du|une?)\b/i, ar: /[\u0600-\u06ff]/ };

type Lang = "en" | "fr" | "ar";

/** Every command of this test in one language, in one fresh home; each result's stdout + stderr. */
async function runAll(lang: Lang): Promise<Record<string, { code: number; stdout: string; stderr: string }>> {
  const { env } = homes();
  const run = (args: string[], input?: string) => runHarden([...args, "--lang", lang], { env, input });
  const out: Record<string, { code: number; stdout: string; stderr: string }> = {};
  out.password = await run(["password", "--stdin", "--offline", data], `password\n${ABSENT_PASSWORD}\n`);
  out.passwordJson = await run(["password", "--stdin", "--offline", data, "--json"], `password\n${ABSENT_PASSWORD}\n`);
  out.scan = await run(["scan", path.join(FIXTURES, "exports", "chrome.csv"), "--offline", data]);
  out.scanJson = await run(["scan", path.join(FIXTURES, "exports", "chrome.csv"), "--offline", data, "--json"]);
  out.totpCode = await run(["totp", "code", "--stdin", "--time", "1111111109"], `${SEED}\n`);
  out.totpVerify = await run(["totp", "verify", "--stdin", "--time", "1111111139", "--code", "081804"], `${SEED}\n`);
  out.totpMismatch = await run(["totp", "verify", "--stdin", "--time", "1111111109", "--code", "000000"], `${SEED}\n`);
  out.dataVerify = await run(["data", "verify", data]);
  out.dataVerifyJson = await run(["data", "verify", data, "--json", "--no-save"]);
  out.evidenceAdd = await run(["evidence", "add", shot, "--note", "Messages reçus / رسائل"]);
  out.evidenceList = await run(["evidence", "list"]);
  out.evidenceVerify = await run(["evidence", "verify"]);
  out.evidenceSeal = await run(["evidence", "seal"]);
  out.evidenceMd = await run(["evidence", "export", "--format", "md"]);
  out.evidenceHtml = await run(["evidence", "export", "--format", "html"]);
  out.report = await run(["report"]);
  out.reportMd = await run(["report", "--format", "md"]);
  out.checklist = await run(["checklist", "show", "google"]);
  out.checklistMd = await run(["checklist", "show", "google", "--format", "md"]);
  out.checklistHtml = await run(["checklist", "show", "google", "--format", "html"]);
  out.checklistJson = await run(["checklist", "show", "google", "--json"]);
  out.handoutText = await run(["workshop", plan, "--handout", "--format", "text"]);
  out.handoutMd = await run(["workshop", plan, "--handout", "--format", "md"]);
  out.handoutHtml = await run(["workshop", plan, "--handout", "--format", "html"]);
  return out;
}

const results = new Map<Lang, Awaited<ReturnType<typeof runAll>>>();

beforeAll(async () => {
  const langs: Lang[] = ["en", "fr", "ar"];
  const all = await Promise.all(langs.map(runAll));
  langs.forEach((lang, i) => results.set(lang, all[i]!));
}, 300_000);

/** Message strings of the JSON (verdict words, reasons, crack times, report titles) set aside; the rest must be the same. */
// A checklist's words (name, description, each item's why, where, steps, notice, help) are in the language too.
const MESSAGE_FIELDS = new Set(["message", "warning", "suggestions", "crackTimeOffline", "crackTimeOnline", "reason", "title", "generatedAt", "generatedLocal", "seconds", "name", "description", "why", "path", "steps", "notice", "help", "englishSteps", "text"]);
const withoutMessages = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutMessages)
    : value && typeof value === "object"
      ? Object.fromEntries(Object.entries(value).filter(([k]) => !MESSAGE_FIELDS.has(k)).map(([k, v]) => [k, withoutMessages(v)]))
      : value;

describe.each(["fr", "ar"] as const)("in %s", (lang) => {
  it("every command exits as in English", () => {
    const en = results.get("en")!;
    const here = results.get(lang)!;
    for (const [name, r] of Object.entries(here)) expect(`${name}: ${r.code}`).toBe(`${name}: ${en[name]!.code}`);
    expect(here.password!.code).toBe(1);
    expect(here.totpMismatch!.code).toBe(1);
    expect(here.evidenceVerify!.code).toBe(0);
  });

  it("leaves no English message on any screen or page, and shows the language's words", () => {
    for (const [name, r] of Object.entries(results.get(lang)!)) {
      if (name.endsWith("Json") || name === "totpCode") continue;
      const shown = `${r.stdout}\n${r.stderr}`;
      // Checklist items are still English until their translations are merged: a two-word fragment
      // of a message ("of the") can turn up in them. The drill sheets' titles are the audit
      // guidance's (src/output/guidance.ts), translated in its namespace.
      // The fixture plan's "demo" checklist is a trainer's own, in English ("Choose an authenticator app").
      const allow = name.startsWith("handout") ? ['"authenticator app"'] : [];
      expect(englishLeft(shown, lang, { allow }), `${name}:\n${shown}`).toEqual([]);
      // An empty report is the audit summary's words (its own namespace), tested with the audit.
      if (!name.startsWith("report")) expect(shown, name).toMatch(LOOKS[lang]);
    }
  });

  it("gives strength warnings, tips and crack times in the language (zxcvbn-ts translations)", () => {
    const en = JSON.parse(results.get("en")!.passwordJson!.stdout);
    const here = JSON.parse(results.get(lang)!.passwordJson!.stdout);
    expect(here.results[0].strength.warning).toBeTruthy();
    expect(here.results[0].strength.warning).not.toBe(en.results[0].strength.warning);
    expect(here.results[0].strength.warning).toMatch(LOOKS[lang]);
    expect(here.results[0].strength.crackTimeOffline).not.toBe(en.results[0].strength.crackTimeOffline);
  });

  it("writes the same JSON as in English but for message strings", () => {
    const en = results.get("en")!;
    const here = results.get(lang)!;
    for (const name of ["passwordJson", "scanJson", "dataVerifyJson", "checklistJson"]) {
      expect(withoutMessages(JSON.parse(here[name]!.stdout)), name).toEqual(withoutMessages(JSON.parse(en[name]!.stdout)));
    }
  });

  it("marks HTML pages with the language, and Arabic ones right to left with an Arabic font and left-to-right numbers and links", () => {
    for (const name of ["checklistHtml", "handoutHtml", "evidenceHtml"]) {
      const html = results.get(lang)![name]!.stdout;
      if (lang === "ar") {
        expect(html, name).toContain('<html lang="ar" dir="rtl">');
        expect(html, name).toMatch(/html\[dir=rtl\] body \{ font-family: "Noto Naskh Arabic"/);
      } else expect(html, name).toContain('<html lang="fr">');
    }
    if (lang === "ar") {
      expect(results.get(lang)!.checklistHtml!.stdout).toMatch(/<bdi dir="ltr"><a href="https:\/\//);
      expect(results.get(lang)!.evidenceHtml!.stdout).toMatch(/<bdi dir="ltr">\d{4}-\d\d-\d\d /);
    }
  });

  it("wraps Arabic Markdown in a right-to-left block, and isolates numbers and paths in the terminal", () => {
    const md = [results.get(lang)!.checklistMd!.stdout, results.get(lang)!.handoutMd!.stdout, results.get(lang)!.evidenceMd!.stdout, results.get(lang)!.reportMd!.stdout];
    for (const text of md) {
      if (lang === "ar") {
        expect(text.startsWith('<div dir="rtl" lang="ar">\n\n')).toBe(true);
        expect(text.trimEnd().endsWith("</div>")).toBe(true);
      } else expect(text).not.toContain('dir="rtl"');
    }
    const dataText = results.get(lang)!.dataVerify!.stdout;
    if (lang === "ar") expect(dataText).toContain(`\u2066${data}\u2069`);
    else expect(dataText).not.toMatch(/[\u2066-\u2069]/);
  });
});

describe.each(["fr", "ar"] as const)("totp practice in %s", (lang) => {
  it("shows the drill in the language, the key and address left to right, and checks the code", async () => {
    const { env } = homes();
    const session = new PtySession(["totp", "practice", "--lang", lang], env);
    const ask = lang === "fr" ? /Tapez le code à 6 chiffres/ : /اكتب الرمز المكوّن من 6 أرقام/;
    await session.waitFor(ask);
    const key = /((?:[A-Z2-7]{4} ?){8})/.exec(session.text)?.[1]?.replace(/\s/g, "");
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    // The address stands on lines of its own, left to right, with no Arabic or isolate inside it.
    if (lang === "ar") expect(session.text).toMatch(/^ {2}otpauth:\/\/totp\/[!-~]+\r?$/m);
    const params = parseTotpInput(key!);
    const now = () => Math.floor(Date.now() / 1000);
    session.type((codeAt(params, now()) === "000000" ? "111111" : "000000") + KEY.enter);
    await session.waitFor(lang === "fr" ? /Ce code ne correspond pas/ : /هذا الرمز غير مطابق/);
    session.type(codeAt(params, now()) + KEY.enter);
    await session.waitFor(lang === "fr" ? /Le code correspond/ : /الرمز مطابق/);
    expect((await session.exited).exitCode).toBe(0);
    expect(englishLeft(session.text, lang)).toEqual([]);
  }, 30_000);
});
