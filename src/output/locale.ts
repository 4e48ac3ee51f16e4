/**
 * Numbers and left-to-right runs in the language of this run. Arabic keeps Latin digits (as the
 * Maghreb writes them, and as a number copied into a form must be), and in the terminal every
 * Latin run (a number, path, URL, id, command) is wrapped in Unicode isolates (U+2066 … U+2069)
 * so that terminals that do bidi keep it left to right and in place. Isolates count as no width.
 */
import type { TOptions } from "i18next";
import { currentLanguage, isRightToLeft, t, type Language } from "../i18n/index.js";
import { htmlText } from "./escape.js";

const NUMBER_LOCALES: Record<Language, string> = { en: "en-US", fr: "fr-FR", ar: "ar-u-nu-latn" };

/** The thousands separator of a whole number in each language, as Intl writes it (tested against Intl). */
const GROUP_SEPARATORS: Record<Language, string> = { en: ",", fr: "\u202f", ar: "," };

/**
 * 1,234,567 / 1 234 567 / 1,234,567 (Latin digits in Arabic too). A whole number from 0 up is
 * grouped here, without Intl: its first number formatter costs about 10 ms, paid by `harden list`
 * and by every offline check of 1,000 passwords only to write "1,000". Other numbers go to Intl.
 */
export function formatNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || Object.is(n, -0)) return n.toLocaleString(NUMBER_LOCALES[currentLanguage()]);
  // Below 1,000 there is nothing to group: a report's line numbers, without a regular expression each.
  if (n < 1000) return String(n);
  return String(n).replace(/\B(?=(\d{3})+$)/g, GROUP_SEPARATORS[currentLanguage()]);
}

/** A measure with `digits` decimals, as the language writes it: 0.5 / 0,5 (MB/s, seconds). */
export function formatDecimal(n: number, digits = 1): string {
  return n.toLocaleString(NUMBER_LOCALES[currentLanguage()], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
}

/** A left-to-right run inside terminal text: isolated in a right-to-left language, as it is otherwise. Apply after sanitising. */
export const ltr = (text: string) => (text !== "" && isRightToLeft(currentLanguage()) ? `\u2066${text}\u2069` : text);

/** A number for terminal text: formatted, and isolated in a right-to-left language. */
export const ltrNumber = (n: number) => ltr(formatNumber(n));

/** Lists without the serial comma in English ("a, b and c"), as harden has always written them. */
const LIST_LOCALES: Record<Language, string> = { en: "en-GB", fr: "fr", ar: "ar" };

/** "a, b and c" in the language. */
export const andList = (items: readonly string[]) => new Intl.ListFormat(LIST_LOCALES[currentLanguage()], { type: "conjunction" }).format(items);

/** "a, b or c" in the language. */
export const orList = (items: readonly string[]) => new Intl.ListFormat(LIST_LOCALES[currentLanguage()], { type: "disjunction" }).format(items);

/** The separator of a list of phrases ("a, b"): the Arabic comma in Arabic. */
export const listSeparator = () => (isRightToLeft(currentLanguage()) ? "، " : ", ");

/** In HTML: a left-to-right run (already escaped) isolated inside right-to-left text. */
export const htmlLtr = (html: string) => (isRightToLeft(currentLanguage()) ? `<bdi dir="ltr">${html}</bdi>` : html);

/**
 * A message as HTML: the message escaped, then placeholders given as HTML (a <code>, a link)
 * put in. The message is one sentence in the catalogue; its pieces never are.
 */
export function htmlMessage(key: string, html: Record<string, string>, options: TOptions = {}): string {
  const names = Object.keys(html);
  const marks = Object.fromEntries(names.map((name, i) => [name, `\uE000${i}\uE001`]));
  let text = htmlText(t(key, { ...options, ...marks }));
  names.forEach((name, i) => (text = text.replace(`\uE000${i}\uE001`, () => html[name]!)));
  return text;
}

/** A Markdown document in the language: Arabic is wrapped in a right-to-left block (the blank lines keep Markdown working inside it). */
export const markdownDocument = (markdown: string) =>
  isRightToLeft(currentLanguage()) ? `<div dir="rtl" lang="${currentLanguage()}">\n\n${markdown}\n</div>\n` : markdown;
