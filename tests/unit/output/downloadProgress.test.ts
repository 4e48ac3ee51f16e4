import { afterEach, describe, expect, it } from "vitest";
import { useLanguage } from "../../../src/i18n/index.js";
import { formatDecimal } from "../../../src/output/locale.js";
import { downloadProgressText } from "../../../src/output/downloadView.js";

afterEach(() => useLanguage("en"));

const progress = (done: number) => ({ done, total: 256 }) as Parameters<typeof downloadProgressText>[0];

describe("download progress words", () => {
  it("count the prefixes by the language's plural rules and write the rate as the language writes decimals", () => {
    useLanguage("en");
    expect(downloadProgressText(progress(1), { bytesPerSecond: 524288, secondsLeft: undefined })).toBe("1 of 256 prefixes, 0.5 MB/s");
    useLanguage("fr");
    expect(downloadProgressText(progress(1), { bytesPerSecond: 524288, secondsLeft: undefined })).toBe("1 préfixe sur 256, 0,5 Mo/s");
    expect(downloadProgressText(progress(64), { bytesPerSecond: 1.5 * 1048576, secondsLeft: 11 })).toBe("64 préfixes sur 256, 1,5 Mo/s, encore 11 secondes");
  });

  it("say when the sorted file is being written, with how many prefixes are in it so far", () => {
    useLanguage("en");
    expect(downloadProgressText({ ...progress(2048), total: 4096, writing: true }, { bytesPerSecond: 0, secondsLeft: undefined })).toBe("Writing the sorted file: 2,048 of 4,096 prefixes");
    useLanguage("fr");
    expect(downloadProgressText({ ...progress(1), writing: true }, { bytesPerSecond: 0, secondsLeft: undefined })).toBe("Écriture du fichier trié : 1 préfixe sur 256");
  });

  it("write a measure's decimals as Intl does in each language", () => {
    for (const [lang, locale] of [["en", "en-US"], ["fr", "fr-FR"], ["ar", "ar-u-nu-latn"]] as const) {
      useLanguage(lang);
      for (const n of [0, 0.5, 14.84, 1234.56]) expect(formatDecimal(n)).toBe(n.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }));
    }
    useLanguage("fr");
    expect(formatDecimal(14.84)).toBe("14,8");
  });
});
