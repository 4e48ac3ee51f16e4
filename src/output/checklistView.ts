/** Checklists as text, Markdown, HTML (printable) and JSON. Renderers return strings. */
import {
  FLAG_EXPLANATIONS,
  SECTION_NAMES,
  displayGroups,
  pathEntries,
  shownItem,
  sourceLabel,
  sourceNote,
  type Checklist,
  type ChecklistItem,
} from "../core/checklist.js";
import { htmlText, htmlUrl, markdownText, markdownUrl } from "./escape.js";
import { sanitize, sanitizeLine } from "./sanitize.js";
import { wrap } from "./wrap.js";
import type { Style } from "./style.js";

export const RISK_WORDS = { high: "high risk", medium: "medium risk", low: "low risk" } as const;

const indent = (text: string, by: string) => text.split("\n").map((l) => (l ? by + l : l)).join("\n");

/** One item as a person reads it in the terminal: title, why, where, steps, flags, source. */
export function itemText(item: ChecklistItem, style: Style, options: { details?: boolean; width?: number } = {}): string {
  const width = Math.max(40, Math.min(options.width ?? 80, 100));
  const lines: string[] = [];
  const riskColor = item.risk === "high" ? style.red : item.risk === "medium" ? style.yellow : style.green;
  lines.push(`${style.bold(sanitizeLine(item.title))}  ${riskColor(`(${RISK_WORDS[item.risk]})`)}`);
  lines.push("", wrap(sanitize(item.why), width, "  "));
  const warnings = (item.flags ?? []).map((flag) => FLAG_EXPLANATIONS[flag]);
  if (item.notice) warnings.push(`What they may see: ${item.notice}`);
  if (warnings.length) lines.push("");
  // The "  ! " in front counts toward the first line's width.
  for (const warning of warnings) lines.push(`  ${style.yellow("!")} ${wrap(sanitizeLine(warning), width, "    ", "    ").slice(4)}`);
  lines.push("", style.bold("  Where:"));
  for (const [label, where] of pathEntries(item.path)) lines.push(wrap(`${label ? `${label}: ` : ""}${sanitizeLine(where)}`, width, "    ", "      "));
  lines.push("", style.bold("  Steps:"));
  item.steps.forEach((step, i) => lines.push(wrap(`${i + 1}. ${sanitizeLine(step)}`, width, "    ", "       ")));
  if (options.details && item.help) lines.push("", style.bold("  More help:"), wrap(sanitize(item.help), width, "    "));
  lines.push("", style.dim(`  ${sourceLabel(item)}: ${sanitizeLine(item.source)} (${sanitizeLine(sourceNote(item))})`));
  return lines.join("\n");
}

export function checklistText(checklist: Checklist, style: Style): string {
  const out = [style.bold(`${sanitizeLine(checklist.name)} — ${checklist.items.length} items`)];
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
      out.push(`  ${markdownText(item.why)}`, "");
      for (const flag of item.flags ?? []) out.push(`  > ⚠ ${markdownText(FLAG_EXPLANATIONS[flag])}`, "");
      if (item.notice) out.push(`  > ⚠ What they may see: ${markdownText(item.notice)}`, "");
      out.push("  Where:", "");
      for (const [label, where] of pathEntries(item.path)) out.push(`  - ${label ? `${label}: ` : ""}${markdownText(where)}`);
      out.push("", "  Steps:", "");
      item.steps.forEach((step, i) => out.push(`  ${i + 1}. ${markdownText(step)}`));
      if (item.help) out.push("", `  ${markdownText(item.help)}`);
      out.push("", `  ${sourceLabel(item)}: ${markdownUrl(item.source)} (${markdownText(sourceNote(item))})`, "");
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** Styles for pages meant to be printed in black and white. */
export const PRINT_CSS = `
body { font: 12pt/1.45 Georgia, "Times New Roman", serif; color: #000; background: #fff; max-width: 48em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin-bottom: 0.2em; } h2 { font-size: 15pt; border-bottom: 1.5pt solid #000; margin-top: 1.4em; }
.item { break-inside: avoid; page-break-inside: avoid; margin: 0.9em 0; padding-left: 2em; position: relative; }
.item input[type=checkbox] { position: absolute; left: 0; top: 0.25em; width: 1.1em; height: 1.1em; }
.risk { font-size: 10pt; border: 1pt solid #000; padding: 0 0.3em; margin-left: 0.4em; }
.risk-high { font-weight: bold; border-width: 2pt; }
.flag { border-left: 3pt solid #000; padding-left: 0.5em; margin: 0.3em 0; }
.where, .source { font-size: 10.5pt; } .source { word-break: break-all; }
a { color: #000; }
section.checklist + section.checklist { break-before: page; page-break-before: always; }
@media print { body { margin: 0; max-width: none; } a[href]::after { content: ""; } }
`;

export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function itemHtml(item: ChecklistItem): string {
  const id = htmlText(item.id);
  const flags = (item.flags ?? []).map((f) => `<p class="flag">⚠ ${htmlText(FLAG_EXPLANATIONS[f])}</p>`).join("");
  const notice = item.notice ? `<p class="flag">⚠ What they may see: ${htmlText(item.notice)}</p>` : "";
  const where = pathEntries(item.path)
    .map(([label, p]) => `<li>${label ? `<strong>${htmlText(label)}:</strong> ` : ""}${htmlText(p)}</li>`)
    .join("");
  const steps = item.steps.map((s) => `<li>${htmlText(s)}</li>`).join("");
  const help = item.help ? `<p>${htmlText(item.help)}</p>` : "";
  return `<div class="item" id="${id}">
<input type="checkbox" id="cb-${id}" aria-label="done"><label for="cb-${id}"><strong>${htmlText(item.title)}</strong></label><span class="risk risk-${item.risk}">${RISK_WORDS[item.risk]}</span>
<p>${htmlText(item.why)}</p>${flags}${notice}
<div class="where">Where:<ul>${where}</ul></div>
<div class="where">Steps:</div><ol>${steps}</ol>${help}
<p class="source">${sourceLabel(item)}: ${htmlUrl(item.source)} (${htmlText(sourceNote(item))})</p>
</div>`;
}

export function checklistHtmlBody(checklist: Checklist): string {
  const parts = [`<h1>${htmlText(checklist.name)}</h1>`];
  if (checklist.description) parts.push(`<p>${htmlText(checklist.description)}</p>`);
  for (const { section, items } of displayGroups(checklist)) {
    parts.push(`<h2>${SECTION_NAMES[section]}</h2>`);
    for (const item of items) parts.push(itemHtml(item));
  }
  return parts.join("\n");
}

/** One printable page; several checklists each start on a new sheet. */
export function checklistsHtml(checklists: Checklist[]): string {
  const title = checklists.length === 1 ? `${checklists[0]!.name} — harden checklist` : "harden checklists";
  return htmlPage(title, checklists.map((c) => `<section class="checklist">\n${checklistHtmlBody(c)}\n</section>`).join("\n"));
}

/** The JSON shape of a checklist: the file's data, without where it was read from and without provenance (sourceCopy, alsoRead). */
export function checklistJson(checklist: Checklist): unknown {
  const { files: _files, ...data } = checklist;
  return { ...data, items: data.items.map(shownItem) };
}
