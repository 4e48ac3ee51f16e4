/** A workshop's whole printable material: agenda, safety note, checklists, drill sheets. */
import type { Checklist } from "../core/checklist.js";
import type { WorkshopPlan } from "../workshop/plan.js";
import { checklistHtmlBody, checklistMarkdown, checklistText, htmlPage } from "./checklistView.js";
import { t } from "../i18n/index.js";
import { htmlText, markdownText } from "./escape.js";
import { markdownDocument } from "./locale.js";
import { BACKUP_ADVICE, DRILL_SHEETS, SAFETY_NOTE } from "./guidance.js";
import { sanitizeLine } from "./sanitize.js";
import type { Paper } from "./results.js";
import type { Style } from "./style.js";
import { wrap } from "./wrap.js";

interface Handout {
  plan: WorkshopPlan;
  checklists: Checklist[];
  paper?: Paper;
}

const drillSheets = (plan: WorkshopPlan) => plan.drills.map((d) => DRILL_SHEETS[d]);

/** The session's parts in order, as every format lists them under "Today" (unescaped: each format escapes). */
const agenda = ({ plan, checklists }: Handout) => [...checklists.map((c) => t("report:handout.checklist", { name: c.name })), ...drillSheets(plan).map((d) => d.title)];

export function handoutHtml({ plan, checklists, paper }: Handout): string {
  const today = agenda({ plan, checklists })
    .map((part) => `<li>${htmlText(part)}</li>`)
    .join("");
  const drills = drillSheets(plan)
    .map(
      (d) => `<section class="checklist"><h1>${htmlText(d.title)}</h1><p class="intro">${htmlText(d.intro)}</p><ol>${d.steps.map((s) => `<li>${htmlText(s)}</li>`).join("")}</ol>${
        d === DRILL_SHEETS["totp-practice"] ? `<h2>${htmlText(BACKUP_ADVICE.title)}</h2><ul>${BACKUP_ADVICE.points.map((p) => `<li>${htmlText(p)}</li>`).join("")}</ul>` : ""
      }</section>`,
    )
    .join("\n");
  const body = `<section class="checklist cover"><h1>${htmlText(plan.title)}</h1>${plan.description ? `<p class="intro">${htmlText(plan.description)}</p>` : ""}
<h2>${htmlText(t("report:handout.today"))}</h2><ol>${today}</ol>
<h2>${htmlText(SAFETY_NOTE.title)}</h2><p class="flag">${htmlText(SAFETY_NOTE.body)}</p></section>
${checklists.map((c) => `<section class="checklist">\n${checklistHtmlBody(c)}\n</section>`).join("\n")}
${drills}`;
  return htmlPage(t("report:handout.pageTitle", { title: plan.title }), body, paper);
}

export function handoutMarkdown({ plan, checklists }: Handout): string {
  const out = [`# ${markdownText(plan.title)}`, ""];
  if (plan.description) out.push(markdownText(plan.description), "");
  out.push(`## ${t("report:handout.today")}`, "", ...agenda({ plan, checklists }).map((part, i) => `${i + 1}. ${markdownText(part)}`));
  out.push("", `## ${SAFETY_NOTE.title}`, "", SAFETY_NOTE.body, "", "---", "");
  out.push(checklists.map(checklistMarkdown).join("\n---\n\n"));
  for (const d of drillSheets(plan)) {
    out.push("---", "", `# ${d.title}`, "", d.intro, "", ...d.steps.map((s, i) => `${i + 1}. ${s}`), "");
    if (d === DRILL_SHEETS["totp-practice"]) out.push(`## ${BACKUP_ADVICE.title}`, "", ...BACKUP_ADVICE.points.map((p) => `- ${p}`), "");
  }
  return markdownDocument(`${out.join("\n").trimEnd()}\n`);
}

export function handoutText({ plan, checklists }: Handout, style: Style): string {
  const out = [style.bold(sanitizeLine(plan.title))];
  if (plan.description) out.push(wrap(sanitizeLine(plan.description), 80, ""));
  out.push("", style.bold(t("report:handout.today")), ...agenda({ plan, checklists }).map((part, i) => `  ${i + 1}. ${sanitizeLine(part)}`));
  out.push("", style.bold(SAFETY_NOTE.title), wrap(SAFETY_NOTE.body, 80, "  "), "");
  out.push(checklists.map((c) => checklistText(c, style)).join("\n"));
  for (const d of drillSheets(plan)) {
    out.push(style.bold(d.title), wrap(d.intro, 80, "  "), ...d.steps.map((s, i) => wrap(`${i + 1}. ${s}`, 80, "  ", "     ")), "");
  }
  return `${out.join("\n")}\n`;
}
