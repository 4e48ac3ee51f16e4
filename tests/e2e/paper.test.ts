/**
 * Handouts on paper: the html that `checklist show`, `report` and `workshop --handout` write is printed
 * with headless Chromium (Debian's `chromium`; .ci/run installs it) and the sheets are counted.
 * Before the compact layout every item was kept whole on its own sheet: the Google checklist printed on
 * 19 sheets, a four-platform workshop handout on 74 and `checklist show --all` on 290 (Letter, Chromium's default).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/fixtures.js";
import { runHarden } from "../helpers/run.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the printed-handout tests: ${CHROMIUM} is not installed (apt-get install -y chromium).`);

const t = tempDir("harden-paper-");
afterAll(() => t.cleanup());
const env = { HARDEN_HOME: path.join(t.dir, "home") };
const file = (name: string) => path.join(t.dir, name);

/** Prints an html file to PDF the way a person's browser would, without headers or footers. */
function printToPdf(html: string, pdf: string): Promise<void> {
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-pdf-header-footer",
    `--user-data-dir=${pdf}.profile`,
    `--print-to-pdf=${pdf}`,
    pathToFileURL(html).href,
  ];
  return new Promise((resolve, reject) => execFile(CHROMIUM, args, { timeout: 20_000 }, (error) => (error ? reject(error) : resolve())));
}

/** The sheets in a PDF (each is one `/Type /Page` object; the page tree's nodes are `/Type /Pages`), and their sizes in points. */
async function sheets(pdf: string): Promise<{ count: number; sizes: string[] }> {
  const text = (await readFile(pdf)).toString("latin1");
  const count = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  const sizes = [...new Set([...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => `${Math.round(Number(m[1]))}x${Math.round(Number(m[2]))}`))];
  return { count, sizes };
}

/**
 * Whether a PDF's text holds Arabic: Chromium writes text with fonts whose ToUnicode maps say which
 * characters the glyphs are; the maps are in compressed streams. Arabic letters (U+0600–U+06FF) or their
 * shaped forms (U+FB50–U+FDFF, U+FE70–U+FEFF) among the mapped characters mean Arabic text was printed.
 * (U+FB00–U+FB06 are Latin ligatures such as "fi": English sheets have them.)
 */
const ARABIC_CODE = /^(06[0-9A-F]{2}|FB[5-9A-F][0-9A-F]|F[CD][0-9A-F]{2}|FE[7-9A-F][0-9A-F])/i;
async function pdfHasArabic(pdf: string): Promise<boolean> {
  const bytes = await readFile(pdf);
  const text = bytes.toString("latin1");
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0) continue;
    let body: string;
    try {
      body = inflateSync(bytes.subarray(start, end)).toString("latin1");
    } catch {
      continue;
    }
    if (!/begincmap/.test(body)) continue;
    // bfchar lines are "<glyph> <unicode>", bfrange lines "<first> <last> <unicode>": only the last value is a character.
    const characters = [...body.matchAll(/^<[0-9A-Fa-f]+>\s*(?:<[0-9A-Fa-f]+>\s*)?<([0-9A-Fa-f]+)>\s*$/gm)].map((m) => m[1]!);
    if (characters.some((c) => ARABIC_CODE.test(c))) return true;
  }
  return false;
}

const A4 = "595x842";
const LETTER = "612x792";

describe("printable pages", () => {
  it("--paper sets the sheet size of checklist show, report and workshop --handout, and refuses other sizes", async () => {
    await writeFile(file("small-plan.yaml"), "title: A short session\nplatforms: [whatsapp]\ndrills: [password-strength]\n");
    const [checklistA4, checklistLetter, report, handout, bad] = await Promise.all([
      runHarden(["checklist", "show", "whatsapp", "--format", "html"], { env }),
      runHarden(["checklist", "show", "whatsapp", "--format", "html", "--paper", "Letter"], { env }),
      runHarden(["report", "--format", "html", "--paper", "letter"], { env }),
      runHarden(["workshop", file("small-plan.yaml"), "--handout", "--paper", "letter"], { env }),
      runHarden(["checklist", "show", "whatsapp", "--format", "html", "--paper", "a3"], { env }),
    ]);
    expect(checklistA4.stdout).toMatch(/@page \{ size: A4;/);
    for (const r of [checklistLetter, report, handout]) {
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/@page \{ size: letter;/);
    }
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--paper must be a4 or letter (got "a3").');
  });
});

describe.skipIf(!hasChromium)("handouts printed with headless Chromium", () => {
  const printed = new Map<string, { count: number; sizes: string[] }>();

  beforeAll(async () => {
    await writeFile(file("plan.yaml"), "title: Staying safe online\nplatforms: [facebook, google, instagram, whatsapp]\ndrills: [password-strength, totp-practice]\n");
    const jobs: Record<string, string[]> = {
      google: ["checklist", "show", "google", "--format", "html"],
      "google-letter": ["checklist", "show", "google", "--format", "html", "--paper", "letter"],
      workshop: ["workshop", file("plan.yaml"), "--handout"],
      all: ["checklist", "show", "--all", "--format", "html"],
      "google-ar": ["checklist", "show", "google", "--lang", "ar", "--format", "html"],
    };
    await Promise.all(
      Object.entries(jobs).map(async ([name, args]) => {
        const r = await runHarden([...args, "--output", file(`${name}.html`)], { env });
        expect(r.code, r.stderr).toBe(0);
        await printToPdf(file(`${name}.html`), file(`${name}.pdf`));
        printed.set(name, await sheets(file(`${name}.pdf`)));
      }),
    );
  }, 40_000);

  it("prints the Google checklist (19 items) on at most 5 A4 sheets", () => {
    expect(printed.get("google")).toEqual({ count: expect.any(Number), sizes: [A4] });
    expect(printed.get("google")!.count).toBeGreaterThan(1);
    expect(printed.get("google")!.count).toBeLessThanOrEqual(5);
  });

  it("prints it on Letter with --paper letter, on at most 5 sheets", () => {
    expect(printed.get("google")!.sizes).not.toEqual(printed.get("google-letter")!.sizes);
    expect(printed.get("google-letter")!.sizes).toEqual([LETTER]);
    expect(printed.get("google-letter")!.count).toBeLessThanOrEqual(5);
  });

  it("prints the Google checklist in Arabic right to left, with Arabic text, on as many A4 sheets at most as in English", async () => {
    const html = await readFile(file("google-ar.html"), "utf8");
    expect(html).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    expect(html).toMatch(/html\[dir=rtl\] body \{ font-family: "Noto Naskh Arabic"/);
    expect(printed.get("google-ar")!.sizes).toEqual([A4]);
    // Arabic letters set at the same size take more room, and the fonts a machine has decide the rest: one sheet more than the English at most.
    expect(printed.get("google-ar")!.count).toBeLessThanOrEqual(printed.get("google")!.count + 1);
    expect(await pdfHasArabic(file("google-ar.pdf"))).toBe(true);
    // The same check finds no Arabic in the English sheets: it can fail.
    expect(await pdfHasArabic(file("google.pdf"))).toBe(false);
  });

  it("prints a four-platform workshop handout on at most 25 sheets (74 before) and every checklist on at most 100 (290 before)", () => {
    expect(printed.get("workshop")!.sizes).toEqual([A4]);
    expect(printed.get("workshop")!.count).toBeLessThanOrEqual(25);
    expect(printed.get("all")!.count).toBeLessThanOrEqual(100);
  });
});

describe.skipIf(!hasChromium)("the scan's action list printed with headless Chromium", () => {
  /** 22 accounts that each need a step (two-factor on sites that offer it), with passwords no list holds. */
  const SITES = ["reddit.com", "github.com", "facebook.com", "instagram.com", "zoom.us", "telegram.org", "accounts.google.com", "amazon.com", "paypal.com", "ebay.com", "discord.com", "x.com", "dropbox.com", "gitlab.com", "tiktok.com", "wordpress.com", "proton.me", "whatsapp.com", "yahoo.com", "outlook.com", "appleid.apple.com", "linkedin.com"];
  const ACCOUNTS_PER_SHEET = 4;

  it("prints a few accounts per sheet, most urgent first: 22 accounts on 6 or 7 sheets (not 22), in English and in Arabic", async () => {
    const rows = SITES.map((site, i) => `${site},https://${site}/login,person${i}@example.com,Paper-canary-passphrase-${i}-long,`);
    await writeFile(file("accounts.csv"), `name,url,username,password,note\n${rows.join("\n")}\n`);
    for (const lang of ["en", "ar"]) {
      const html = file(`actions-${lang}.html`);
      const r = await runHarden(["--lang", lang, "scan", file("accounts.csv"), "--no-breach", "--format", "html", "--output", html], { env });
      expect(r.code, r.stderr).toBe(0);
      await printToPdf(html, file(`actions-${lang}.pdf`));
      const printed = await sheets(file(`actions-${lang}.pdf`));
      expect(printed.sizes).toEqual([A4]);
      // One sheet per four accounts; a long step may push the last account of a sheet over.
      const least = Math.ceil(SITES.length / ACCOUNTS_PER_SHEET);
      expect(printed.count, lang).toBeGreaterThanOrEqual(least);
      expect(printed.count, lang).toBeLessThanOrEqual(least + 1);
    }
  }, 60_000);
});
