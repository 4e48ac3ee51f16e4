/** Checklists as text, Markdown, HTML (printable) and JSON. Renderers return strings. */
import {
  FLAGS,
  FLAG_EXPLANATIONS,
  FLAG_LABELS,
  SECTION_NAMES,
  displayGroups,
  pathEntries,
  shownItem,
  sourceLabel,
  sourceNote,
  inEnglishNote,
  type Checklist,
  type ChecklistItem,
} from "../core/checklist.js";
import { currentLanguage, isRightToLeft, t } from "../i18n/index.js";
import { htmlText, htmlUrl, markdownText, markdownUrl } from "./escape.js";
import { htmlLtr, htmlMessage, ltr, ltrNumber } from "./locale.js";
import { sanitize, sanitizeLine } from "./sanitize.js";
import { wrap } from "./wrap.js";
import type { Paper } from "./results.js";
import type { Style } from "./style.js";

/** "high risk" … in the language of this run (read when shown, so the language chosen at start-up applies). */
export const RISK_WORDS: Readonly<Record<"high" | "medium" | "low", string>> = {
  get high() {
    return t("report:risk.high");
  },
  get medium() {
    return t("report:risk.medium");
  },
  get low() {
    return t("report:risk.low");
  },
};

const indent = (text: string, by: string) => text.split("\n").map((l) => (l ? by + l : l)).join("\n");

/** One item as a person reads it in the terminal: title, why, where, steps, flags, source. */
export function itemText(item: ChecklistItem, style: Style, options: { details?: boolean; width?: number } = {}): string {
  const width = Math.max(40, Math.min(options.width ?? 80, 100));
  const lines: string[] = [];
  const riskColor = item.risk === "high" ? style.red : item.risk === "medium" ? style.yellow : style.green;
  lines.push(`${style.bold(sanitizeLine(item.title))}  ${riskColor(`(${RISK_WORDS[item.risk]})`)}`);
  const english = inEnglishNote(item);
  if (english) lines.push(style.dim(wrap(english, width, "  ")));
  lines.push("", wrap(sanitize(item.why), width, "  "));
  const warnings = (item.flags ?? []).map((flag) => FLAG_EXPLANATIONS[flag]);
  if (item.notice) warnings.push(t("report:checklist.notice", { notice: item.notice }));
  if (warnings.length) lines.push("");
  // The "  ! " in front counts toward the first line's width.
  for (const warning of warnings) lines.push(`  ${style.yellow("!")} ${wrap(sanitizeLine(warning), width, "    ", "    ").slice(4)}`);
  lines.push("", style.bold(`  ${t("report:checklist.where")}`));
  for (const [label, where] of pathEntries(item.path)) lines.push(wrap(`${label ? `${label}: ` : ""}${sanitizeLine(where)}`, width, "    ", "      "));
  lines.push("", style.bold(`  ${t("report:checklist.steps")}`));
  item.steps.forEach((step, i) => lines.push(wrap(`${i + 1}. ${sanitizeLine(step)}`, width, "    ", "       ")));
  if (options.details && item.help) lines.push("", style.bold(`  ${t("report:checklist.moreHelp")}`), wrap(sanitize(item.help), width, "    "));
  lines.push("", style.dim(`  ${t("report:checklist.source", { label: sourceLabel(item), url: ltr(sanitizeLine(item.source)), note: sanitizeLine(sourceNote(item)) })}`));
  return lines.join("\n");
}

export function checklistText(checklist: Checklist, style: Style): string {
  const out = [style.bold(t("report:checklist.header", { name: sanitizeLine(checklist.name), count: checklist.items.length, n: ltrNumber(checklist.items.length) }))];
  if (checklist.description) out.push(sanitize(checklist.description));
  for (const { section, items } of displayGroups(checklist)) {
    out.push("", style.underline(SECTION_NAMES[section]));
    for (const item of items) {
      out.push("", `[ ] ${indent(itemText(item, style, { details: true }), "    ").trimStart()}`);
    }
  }
  return `${out.join("\n")}\n`;
}

export function checklistMarkdown(checklist: Checklist): string {
  const out = [`# ${markdownText(checklist.name)}`, ""];
  if (checklist.description) out.push(markdownText(checklist.description), "");
  for (const { section, items } of displayGroups(checklist)) {
    out.push(`## ${SECTION_NAMES[section]}`, "");
    for (const item of items) {
      out.push(`- [ ] **${markdownText(item.title)}** (${RISK_WORDS[item.risk]})`, "");
      const english = inEnglishNote(item);
      if (english) out.push(`  _${markdownText(english)}_`, "");
      out.push(`  ${markdownText(item.why)}`, "");
      for (const flag of item.flags ?? []) out.push(`  > ⚠ ${markdownText(FLAG_EXPLANATIONS[flag])}`, "");
      if (item.notice) out.push(`  > ⚠ ${markdownText(t("report:checklist.notice", { notice: item.notice }))}`, "");
      out.push(`  ${t("report:checklist.where")}`, "");
      for (const [label, where] of pathEntries(item.path)) out.push(`  - ${label ? `${label}: ` : ""}${markdownText(where)}`);
      out.push("", `  ${t("report:checklist.steps")}`, "");
      item.steps.forEach((step, i) => out.push(`  ${i + 1}. ${markdownText(step)}`));
      if (item.help) out.push("", `  ${markdownText(item.help)}`);
      const url = isRightToLeft(currentLanguage()) ? `<span dir="ltr">${markdownUrl(item.source)}</span>` : markdownUrl(item.source);
      out.push("", `  ${markdownText(t("report:checklist.source", { label: sourceLabel(item), url: "\uE000", note: sourceNote(item) })).replace("\uE000", () => url)}`, "");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The @page size for each paper size a page can be printed on. */
const PAGE_SIZES: Record<Paper, string> = { a4: "A4", letter: "letter" };

/**
 * Styles for pages meant to be printed in black and white, compactly: items may run on to the next
 * sheet (a title is kept with its first lines), so a sheet is never left half empty.
 */
export const PRINT_CSS = `
body { font: 10pt/1.2 Georgia, "Times New Roman", serif; color: #000; background: #fff; max-width: 50em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 15pt; margin: 0 0 0.2em; } h2 { font-size: 12.5pt; border-bottom: 1.5pt solid #000; margin: 0.8em 0 0.3em; }
h3 { font-size: 10.5pt; margin: 0.5em 0 0.15em; }
h1, h2, h3, .signs { break-after: avoid; page-break-after: avoid; }
p { margin: 0.2em 0; } ul, ol { margin: 0.1em 0 0.2em; padding-inline-start: 1.4em; } li { margin: 0; }
p, li { orphans: 2; widows: 2; }
.item { break-inside: auto; page-break-inside: auto; margin: 0.4em 0 0.5em; padding-inline-start: 1.6em; position: relative; }
.item + .item { border-top: 0.5pt solid #000; padding-top: 0.3em; }
.item > .title { margin: 0 0 0.1em; }
.item input[type=checkbox] { position: absolute; inset-inline-start: 0; margin: 0.1em 0 0; width: 1.05em; height: 1.05em; }
.risk { font-size: 8.5pt; font-weight: normal; border: 1pt solid #000; padding: 0 0.3em; margin-inline-start: 0.4em; white-space: nowrap; }
.risk-high { font-weight: bold; border-width: 2pt; }
.signs { font-weight: bold; font-size: 9pt; margin: 0; } .signs > span { white-space: nowrap; }
.flag { border-inline-start: 3pt solid #000; padding-inline-start: 0.5em; margin: 0.2em 0; }
.key { border: 1.5pt solid #000; padding: 0.15em 0.6em; margin: 0.4em 0; font-size: 9.5pt; }
.row { display: grid; grid-template-columns: 3.6em 1fr; margin: 0.15em 0; }
.row > .label { font-weight: bold; font-size: 9.5pt; }
.row > ul, .row > ol { margin: 0; }
.where { font-size: 9.5pt; list-style: none; padding-inline-start: 0; }
.help { font-size: 9.5pt; } .source { font-size: 8.5pt; word-break: break-all; }
a { color: #000; }
bdi[dir=ltr], code { unicode-bidi: isolate; direction: ltr; }
html[dir=rtl] body { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", Amiri, "Geeza Pro", "Times New Roman", serif; }
section.checklist + section.checklist { break-before: page; page-break-before: always; }
section.checklist.cover + section.checklist { break-before: auto; page-break-before: auto; }
@media print {
  body { margin: 0; max-width: none; padding: 0; } a[href]::after { content: ""; }
  section.checklist { column-count: 2; column-gap: 6mm; } .checklist > h1, .intro, .key { column-span: all; }
}
`;

/** A whole printable page; `paper` sets the sheet size and margins it prints on. */
export function htmlPage(title: string, body: string, paper: Paper = "a4"): string {
  const lang = currentLanguage();
  return `<!doctype html>
<html lang="${lang}"${isRightToLeft(lang) ? ' dir="rtl"' : ""}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>@page { size: ${PAGE_SIZES[paper]}; margin: 10mm 12mm; }${PRINT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/**
 * On a right-to-left page, text from a checklist file takes its direction from its own first letters
 * (dir="auto"): an item still in English (its translation missing or stale) reads left to right.
 */
const autoDir = () => (isRightToLeft(currentLanguage()) ? ' dir="auto"' : "");

function itemHtml(item: ChecklistItem): string {
  const id = htmlText(item.id);
  // Only an item still in English takes its direction from its text; a translated one is the page's
  // (a paragraph opening with a quoted English label must still read right to left).
  const auto = item.inEnglish ? autoDir() : "";
  const signs = item.flags?.length ? `<p class="signs">${item.flags.map((f) => `<span>⚠ ${htmlText(FLAG_LABELS[f])}</span>`).join(" · ")}</p>` : "";
  const notice = item.notice ? `<p class="flag">⚠ ${htmlText(t("report:checklist.notice", { notice: item.notice }))}</p>` : "";
  const where = pathEntries(item.path)
    .map(([label, p]) => `<li>${label ? `<strong>${htmlText(label)}:</strong> ` : ""}${htmlText(p)}</li>`)
    .join("");
  const steps = item.steps.map((s) => `<li>${htmlText(s)}</li>`).join("");
  const help = item.help ? `<p class="help"${auto}>${htmlText(item.help)}</p>` : "";
  return `<div class="item" id="${id}">
<input type="checkbox" id="cb-${id}" aria-label="${htmlText(t("report:checklist.done"))}"><h3 class="title"><label for="cb-${id}"${auto}>${htmlText(item.title)}</label><span class="risk risk-${item.risk}">${RISK_WORDS[item.risk]}</span></h3>${signs}
${inEnglishNote(item) ? `<p class="in-english">${htmlText(inEnglishNote(item)!)}</p>` : ""}<p${auto}>${htmlText(item.why)}</p>${notice}
<div class="row"><span class="label">${htmlText(t("report:checklist.where"))}</span><ul class="where"${auto}>${where}</ul></div>
<div class="row"><span class="label">${htmlText(t("report:checklist.steps"))}</span><ol${auto}>${steps}</ol></div>${help}
<p class="source">${htmlMessage("report:checklist.source", { url: htmlLtr(htmlUrl(item.source)) }, { label: sourceLabel(item), note: sourceNote(item) })}</p>
</div>`;
}

/** The warning signs an item can carry, as a few words in print; flagKey explains each once per checklist. */

/** The warning signs a checklist uses, each explained once (on paper, an item shows only the sign's name). */
function flagKey(checklist: Checklist): string {
  const used = FLAGS.filter((f) => checklist.items.some((i) => i.flags?.includes(f)));
  if (used.length === 0) return "";
  return `<div class="key">${used.map((f) => `<p>⚠ ${htmlMessage("report:checklist.flagKey", { label: `<strong>${htmlText(FLAG_LABELS[f])}</strong>` }, { explanation: FLAG_EXPLANATIONS[f] })}</p>`).join("")}</div>`;
}

export function checklistHtmlBody(checklist: Checklist): string {
  const auto = autoDir();
  const parts = [`<h1${auto}>${htmlText(checklist.name)}</h1>`];
  if (checklist.description) parts.push(`<p class="intro"${auto}>${htmlText(checklist.description)}</p>`);
  parts.push(flagKey(checklist));
  for (const { section, items } of displayGroups(checklist)) {
    parts.push(`<h2>${htmlText(SECTION_NAMES[section])}</h2>`);
    for (const item of items) parts.push(itemHtml(item));
  }
  return parts.join("\n");
}

/** One printable page; several checklists each start on a new sheet. */
export function checklistsHtml(checklists: Checklist[], paper?: Paper): string {
  const title = checklists.length === 1 ? t("report:checklist.pageTitle", { name: checklists[0]!.name }) : t("report:checklist.pagesTitle");
  return htmlPage(title, checklists.map((c) => `<section class="checklist">\n${checklistHtmlBody(c)}\n</section>`).join("\n"), paper);
}

/** The JSON shape of a checklist: the file's data, without where it was read from and without provenance (sourceCopy, alsoRead). */
export function checklistJson(checklist: Checklist): unknown {
  const { files: _files, ...data } = checklist;
  return { ...data, items: data.items.map(shownItem) };
}
