import fc from "fast-check";
import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { useLanguage } from "../../../src/i18n/index.js";
import { columnsOf, fitToWidth, isolateLatin, keepTogether, textWidth, wrap, wrapQuestion } from "../../../src/output/wrap.js";

const words = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, "").split(/\s+/).filter(Boolean);

describe("textWidth", () => {
  const red = (text: string) => `\u001b[31m${text}\u001b[39m`;
  const samples = [
    "",
    "Check each password's hash against the list: 1,234 seen (step 1 of 23) ~/pwned --offline",
    "Mot de passe et sécurité : « Source : » — déjà vu ? Où ça ! Ça, l'été",
    "e\u0301te\u0301 (accents written as combining marks)",
    "كلمة المرور والأمان: تحقق من ⁦Facebook⁩ الآن",
    "👍 ok 👨‍👩‍👧 🇫🇷 ✓ ✗ ⚠️ 1️⃣",
    "日本語のテキスト、한국어 텍스트, 中文",
    red("coloured English"),
    `${red("rouge")} et ${red("été")} ${red("مرحبا")} ${red("日本")} ${red("👍")}`,
    "tab\tand\nnewline and \u0007 bell",
  ];

  it("is string-width's count on English, French, Arabic, emoji, CJK and coloured text", () => {
    for (const text of samples) expect([text, textWidth(text)]).toEqual([text, stringWidth(text)]);
    // Printable ASCII is counted without string-width, coloured or not: still one column a character.
    expect(textWidth(red("12345"))).toBe(5);
  });

  it("agrees with string-width on any text, escape sequences included", () => {
    const pieces = fc.constantFrom("a", " ", "~", "é", "e\u0301", "م", "日", "👍", "\u200d", "\u001b[1m", "\u001b[0m", "\u001b]8;;x\u0007", "\u001b", "\t", "\u2066");
    fc.assert(fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: "grapheme" }))), (parts) => textWidth(parts.join("")) === stringWidth(parts.join(""))));
  });
});

describe("wrap and fitToWidth", () => {
  it("never splits a word that fits, at any width, and keeps every line inside it", () => {
    const text = "Facebook (with Messenger) · Sessions and devices · step 1 of 23: each password's hash (medium risk, checked 2026-11-25) facebook.passkey";
    for (const columns of [20, 40, 60, 80, 100, 120]) {
      const out = fitToWidth(text, columns);
      expect(words(out)).toEqual(words(text));
      for (const line of out.split("\n")) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
    }
  });

  it("indents continuation lines under a list marker's text", () => {
    const out = fitToWidth("  - Check each password's hash against the list of known ones", 30).split("\n");
    expect(out[0]).toBe("  - Check each password's hash");
    expect(out.slice(1).every((l) => l.startsWith("    ") && !l.startsWith("     "))).toBe(true);
    expect(fitToWidth("A line with no indent that is long enough to wrap", 20).split("\n")[1]).toMatch(/^ {2}\S/);
  });

  it("counts display width, not string length: wide and combining characters, colour codes", () => {
    const wide = "日本語 日本語 日本語 日本語"; // each word is 6 columns wide
    expect(wrap(wide, 14, "")).toBe("日本語 日本語\n日本語 日本語");
    expect(wrap("e\u0301te\u0301 e\u0301te\u0301", 5, "")).toBe("e\u0301te\u0301\ne\u0301te\u0301");
    const red = `\u001b[31m${"word ".repeat(10).trim()}\u001b[39m`;
    expect(fitToWidth(red, 80)).toBe(red);
  });

  it("breaks only a word longer than the whole line", () => {
    expect(wrap("ab abcdefghijkl", 6, "")).toBe("ab\nabcdef\nghijkl");
  });

  it("leaves room for the prompt's mark and for the answer after the question", () => {
    const q = wrapQuestion("This step can remove things you may need as evidence. Record evidence first?", 40, 12).split("\n");
    expect(stringWidth(q[0]!) + 2).toBeLessThanOrEqual(40);
    expect(stringWidth(q.at(-1)!) + 12).toBeLessThanOrEqual(40);
    expect(words(q.join(" "))).toEqual(words("This step can remove things you may need as evidence. Record evidence first?"));
    expect(wrapQuestion("Short?", 80, 10)).toBe("Short?");
  });
});

describe("wrap", () => {
  it("breaks between words with a hanging indent", () => {
    expect(wrap("one two three four", 12, "  ", "    ")).toBe("  one two\n    three\n    four");
  });

  it("keeps every word, in order, and never exceeds the width unless a word is longer", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z]{1,15}$/), { maxLength: 40 }), fc.integer({ min: 20, max: 100 }), (words, width) => {
        const out = wrap(words.join(" "), width, "  ");
        expect(out.split(/\s+/).filter(Boolean)).toEqual(words);
        for (const line of out.split("\n")) expect(line.length <= width || !line.trim().includes(" ")).toBe(true);
      }),
    );
  });
});

describe("keepTogether", () => {
  it("keeps a step's counter on one line at every width", () => {
    const header = `Facebook (with Messenger) · Sessions and devices · ${keepTogether("step 12 of 123")}`;
    for (let columns = 20; columns <= 120; columns++) {
      const lines = fitToWidth(header, columns).split("\n");
      expect(lines.some((l) => l.includes("step\u00a012\u00a0of\u00a0123")), `${columns}`).toBe(true);
    }
  });
});

describe("isolateLatin (Arabic lines)", () => {
  const LRI = "\u2066";
  const PDI = "\u2069";
  it("wraps URLs, paths, ids, numbers and Latin names in left-to-right isolates", () => {
    expect(isolateLatin("افتح Settings > Security ثم اضغط", true)).toBe(`افتح ${LRI}Settings > Security${PDI} ثم اضغط`);
    expect(isolateLatin("اتصل بالرقم 116 123 أو زر https://example.org/help.", true)).toBe(`اتصل بالرقم ${LRI}116 123${PDI} أو زر ${LRI}https://example.org/help${PDI}.`);
    expect(isolateLatin("المعرّف facebook.passkey", true)).toBe(`المعرّف ${LRI}facebook.passkey${PDI}`);
  });

  it("keeps a path's first slash and a URL's scheme inside the isolate, and a bracket with its pair", () => {
    expect(isolateLatin("البيانات في /tmp/ux-review/dar جاهزة", true)).toBe(`البيانات في ${LRI}/tmp/ux-review/dar${PDI} جاهزة`);
    expect(isolateLatin("يتم الاتصال عبر http:// (بدون تشفير)", true)).toBe(`يتم الاتصال عبر ${LRI}http://${PDI} (بدون تشفير)`);
    expect(isolateLatin("اسأل /range/ فقط", true)).toBe(`اسأل ${LRI}/range/${PDI} فقط`);
    // A bracket whose pair is in the Arabic stays out of the isolates; a pair inside one stays in it.
    expect(isolateLatin("نُزّل 240 (8 MB في 0.4 ث)", true)).toBe(`نُزّل ${LRI}240${PDI} (${LRI}8 MB${PDI} في ${LRI}0.4${PDI} ث)`);
    expect(isolateLatin("في 2026-12-04 (256 بادئة، 00000-000FF)", true)).toBe(`في ${LRI}2026-12-04${PDI} (${LRI}256${PDI} بادئة، ${LRI}00000-000FF${PDI})`);
    expect(isolateLatin("شغّل harden password (--stdin) الآن", true)).toBe(`شغّل ${LRI}harden password (--stdin)${PDI} الآن`);
    expect(isolateLatin("(انظر Settings) ثم", true)).toBe(`(انظر ${LRI}Settings${PDI}) ثم`);
    expect(isolateLatin("شغّل (--stdin) (--json) الآن", true)).toBe(`شغّل (${LRI}--stdin${PDI}) (${LRI}--json${PDI}) الآن`);
    expect(isolateLatin("المجلد ~/pwned/ جاهز", true)).toBe(`المجلد ${LRI}~/pwned/${PDI} جاهز`);
    expect(isolateLatin("اختر [a] [b] ثم", true)).toBe(`اختر [${LRI}a${PDI}] [${LRI}b${PDI}] ثم`);
    expect(isolateLatin("الأمر harden list <platform> هنا", true)).toBe(`الأمر ${LRI}harden list <platform>${PDI} هنا`);
  });

  it("is idempotent, leaves colour codes alone, and does nothing to left-to-right text", () => {
    const once = isolateLatin("\u001b[2mخطوة 1 من 23\u001b[22m", true);
    expect(once).toBe(`\u001b[2mخطوة ${LRI}1${PDI} من ${LRI}23${PDI}\u001b[22m`);
    expect(isolateLatin(once, true)).toBe(once);
    expect(isolateLatin("Settings > Security", false)).toBe("Settings > Security");
    expect(isolateLatin("dangerous. You decide what to change and when.", true)).toBe("dangerous. You decide what to change and when."); // no Arabic on the line
  });

  it("isolates the Latin runs of every line of a wrapped Arabic paragraph, not only the last", () => {
    const text = "اتصلي بالرقم 0800 30 030 أو بخط CCRI Crisis Helpline على 844-878-2274 من الاثنين إلى الجمعة 9:00 إلى 19:00";
    useLanguage("ar");
    const lines = wrap(text, 30, "  ").split("\n");
    useLanguage("en");
    expect(lines.length).toBeGreaterThan(2);
    // A line with Arabic on it has every Latin run isolated (a line of Latin alone reads left to right anyway).
    for (const line of lines.filter((l) => /[\u0600-\u06ff]/.test(l))) expect(line.replace(/\u2066[^\u2069]*\u2069/g, "")).not.toMatch(/[A-Za-z0-9]/);
  });

  it("leaves room for the isolates, which xterm and tmux draw as a column each: an Arabic line never overflows", () => {
    const text = "اتصلي بالرقم 0800 30 030 أو بخط CCRI Crisis Helpline على 844-878-2274 من الاثنين إلى الجمعة 9:00 إلى 19:00، أو افتح https://www.facebook.com/help";
    useLanguage("ar");
    for (const columns of [30, 40, 60, 80]) {
      for (const line of wrap(text, columns, "  ").split("\n")) expect(columnsOf(line), line).toBeLessThanOrEqual(columns);
      for (const line of fitToWidth(text, columns).split("\n")) expect(columnsOf(line), line).toBeLessThanOrEqual(columns);
    }
    useLanguage("en");
  });

  it("isolates count as nothing: Arabic and French text wraps at 40 to 120 columns without splitting a word", () => {
    const arabic = "قد يلاحظ الشخص الآخر التغيير: رسالة بريد إلكتروني أو إشعار أو جهاز تم تسجيل خروجه من Facebook أو Google. افتح https://www.facebook.com/settings ثم الخطوة 1 من 23.";
    const french = "L'autre personne peut remarquer le changement : un e-mail, une notification ou un appareil déconnecté. Étape 1 sur 23 : vérifiez où vous êtes connectée 👍.";
    for (const [text, rtl] of [[arabic, true], [french, false]] as const) {
      for (const columns of [40, 60, 80, 100, 120]) {
        const lines = wrap(rtl ? text : text, columns, "  ").split("\n").map((l) => isolateLatin(l, rtl));
        for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
        expect(words(lines.join(" ").replace(/[\u2066\u2069]/g, ""))).toEqual(words(text));
      }
    }
  });
});

describe("wrap and French punctuation", () => {
  it("never ends a line in « or starts one with : ; ? ! or »", () => {
    const text = "Ouvrez « Settings & privacy » (Paramètres et confidentialité) > « Accounts Center » (Espace Comptes) > « Password and security » (Mot de passe et sécurité) : vérifiez ! Est-ce bien vous ?";
    for (let columns = 20; columns <= 80; columns++) {
      for (const line of wrap(text, columns, "  ").split("\n")) {
        expect(line, `${columns}`).not.toMatch(/«$/);
        expect(line.trimStart(), `${columns}`).not.toMatch(/^[:;?!»]/);
      }
    }
  });
});
