import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadChecklists } from "../../../src/checklists/catalog.js";
import { checkPaths } from "../../../src/checklists/contentCheck.js";
import { BUILT_IN_DIR } from "../../../src/checklists/files.js";
import { loadTranslations, translationProblems } from "../../../src/checklists/translations.js";
import { inEnglishNote } from "../../../src/core/checklist.js";
import { itemHash, translateChecklist } from "../../../src/core/translation.js";
import { LANGUAGES, useLanguage } from "../../../src/i18n/index.js";

const DIR = path.resolve("tests/fixtures/checklists/translated");

describe("checklist translations", () => {
  it("shows a current translation, and the English with a note for a stale or missing one", async () => {
    const [demo] = await loadChecklists({ extraDirs: [DIR], lang: "fr" }).then((lists) => lists.filter((c) => c.platform === "demo"));
    expect(demo!.name).toBe("Démo Social");
    const byId = new Map(demo!.items.map((i) => [i.id, i]));
    expect(byId.get("demo.two-factor")).toMatchObject({ title: "Activez l'authentification à deux facteurs", section: "two-factor", risk: "high" });
    expect(byId.get("demo.two-factor")!.inEnglish).toBeUndefined();
    // Which step removes something is read in the English it was made from (the word lists are English).
    expect(byId.get("demo.two-factor")!.englishSteps).toEqual(["Open the two-factor page.", "Choose an authenticator app."]);
    expect(byId.get("demo.sessions")).toMatchObject({ title: "Check where you are logged in", inEnglish: "stale" });
    expect(byId.get("demo.location")).toMatchObject({ title: "Stop sharing your location", inEnglish: "missing" });
    useLanguage("fr");
    expect(inEnglishNote(byId.get("demo.sessions")!)).toBe("Cette étape est affichée en anglais : sa traduction n’est plus à jour.");
    useLanguage("en");
  });

  it("a translation made from an older English goes stale the moment the English changes", async () => {
    const [translation] = (await loadTranslations([DIR], "fr")).map((l) => l.translation);
    const [english] = (await loadChecklists({ extraDirs: [DIR] })).filter((c) => c.platform === "demo");
    const twoFactor = english!.items.find((i) => i.id === "demo.two-factor")!;
    expect(translation!.items[0]!.from).toBe(itemHash(twoFactor));
    const changed = { ...english!, items: english!.items.map((i) => (i.id === "demo.two-factor" ? { ...i, steps: [...i.steps, "Save your recovery codes."] } : i)) };
    expect(translateChecklist(changed, translation).items[0]).toMatchObject({ title: twoFactor.title, inEnglish: "stale" });
  });

  it("checklist validate names every stale, missing, unknown or untranslated item at its file and line", async () => {
    const { problems } = await checkPaths([DIR]);
    const lines = problems.map((p) => `${path.relative(DIR, p.file)}:${p.line}: ${p.field}: ${p.message}`);
    expect(lines).toContain("i18n/fr/demo.yaml:21: items[1].from: is stale: the English item demo.sessions changed after this was translated; translate it again and set from: eb6c252ab596");
    expect(lines).toContain("i18n/fr/demo.yaml:7: items: has no translation of demo.location");
    expect(lines).toContain("i18n/ar/demo.yaml:9: items[0].title: is the English text: translate it");
    expect(lines).toContain("i18n/ar/demo.yaml:14: items[0].steps: has a different number of steps (1) from the English (2)");
    expect(lines).toContain('i18n/ar/demo.yaml:18: items[1].id: "demo.unknown" is not an item of the English checklist demo');
    expect(lines).toContain("i18n/ar/demo.yaml:6: items: has no translation of demo.sessions");
    expect(lines.filter((l) => l.includes("i18n/fr/demo.yaml:8"))).toEqual([]);
  });

  it("a translation file that breaks its schema is refused with its line", async () => {
    const { problems } = await checkPaths([path.resolve("tests/fixtures/checklists/translated-broken")]);
    expect(problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.field}: ${p.message}`).join("\n")).toMatch(/demo\.yaml:\d+: items\[0\]\.(tittle|from)/);
  });

  for (const lang of LANGUAGES.filter((l) => l !== "en")) {
    it(`every built-in checklist is translated into ${lang}, with no stale, missing or untranslated item`, async () => {
      const english = await loadChecklists();
      const { problems, files } = await translationProblems(BUILT_IN_DIR, english);
      const ofLang = problems.filter((p) => p.file.includes(`${path.sep}i18n${path.sep}${lang}${path.sep}`));
      const translated = new Set(files.filter((f) => f.includes(`${path.sep}${lang}${path.sep}`)).map((f) => path.basename(f, ".yaml")));
      expect(english.map((c) => c.platform).filter((p) => !translated.has(p))).toEqual([]);
      expect(ofLang.slice(0, 20).map((p) => `${path.relative(BUILT_IN_DIR, p.file)}:${p.line}: ${p.field}: ${p.message}`)).toEqual([]);
    });
  }
});
