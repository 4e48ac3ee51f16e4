/** The helplines, as the response checklists' support items give them, for "Talk to an advocate first". */
import type { Checklist } from "../core/checklist.js";
import { t } from "../i18n/index.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";
import { wrap } from "./wrap.js";

/** Steps that say when a line is open (in English, French or Arabic); the item's path already says how to reach it. */
const HOURS = /\b(open|hours? a day|24\/7|day or night|any time)\b|\d{1,2}:\d{2}|\b(ouverte?|heures|\d{1,2} ?h(?: ?\d{2})?|jour et nuit|à toute heure)(?![\p{L}])|ساعة|مفتوح|يعمل|متاح/iu;

export function helplinesText(checklists: Checklist[], style: Style, width = 80): string {
  const w = Math.max(40, Math.min(width, 100));
  const lines = [wrap(t("audit:helplines.intro"), w, "  ")];
  const support = checklists.filter((c) => c.kind === "response").flatMap((c) => c.items.filter((i) => i.section === "support"));
  for (const item of support) {
    lines.push("", `  ${style.bold(sanitizeLine(item.title))}`);
    if (typeof item.path === "string") lines.push(wrap(sanitizeLine(item.path), w, "    ", "      "));
    for (const step of item.steps.filter((s) => HOURS.test(s))) lines.push(wrap(`- ${sanitizeLine(step)}`, w, "    ", "      "));
  }
  return `${lines.join("\n")}\n`;
}
