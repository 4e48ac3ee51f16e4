/** Audit progress as text, Markdown, HTML and JSON. */
import type { AuditSummary } from "../core/progress.js";
import type { SnapshotDiff, Staleness } from "../core/snapshots.js";
import type { PlanSummary } from "./results.js";
import { wrap } from "./wrap.js";
import { RISK_WORDS, htmlEscape, htmlPage } from "./checklistView.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";

const STATUS_WORDS = { open: "not started", later: "for later" } as const;

export function summaryJson(summary: AuditSummary): unknown {
  return summary;
}

function platformLine(p: AuditSummary["platforms"][number]): string {
  const rest = [
    p.later && `${p.later} for later`,
    p.notApplicable && `${p.notApplicable} not applicable`,
    p.open && `${p.open} not started`,
  ].filter(Boolean);
  return `${sanitizeLine(p.name)}: ${p.done} of ${p.total} done${rest.length ? ` (${rest.join(", ")})` : ""}`;
}

export function summaryText(summary: AuditSummary, style: Style, heading = "Your progress"): string {
  if (summary.platforms.length === 0) return "Nothing saved yet. Run `harden audit` to start.\n";
  const out = [style.bold(heading)];
  for (const p of summary.platforms) out.push(`  ${platformLine(p)}`);
  if (summary.remaining.length === 0) {
    out.push("", style.green("Everything on these checklists is done or does not apply to you. Well done."));
  } else {
    out.push("", style.bold("Still to do, most important first:"));
    for (const r of summary.remaining) {
      const risk = r.risk === "high" ? style.red(RISK_WORDS[r.risk]) : r.risk === "medium" ? style.yellow(RISK_WORDS[r.risk]) : RISK_WORDS[r.risk];
      out.push(`  - ${sanitizeLine(r.title)} (${risk}, ${STATUS_WORDS[r.status]}) ${style.dim(r.id)}`);
    }
  }
  return `${out.join("\n")}\n`;
}

export function summaryMarkdown(summary: AuditSummary, title: string, dated: string): string {
  const out = [`# ${title}`, "", `_${dated}_`, "", "| Platform | Done | For later | Not applicable | Not started | Total |", "|---|---|---|---|---|---|"];
  for (const p of summary.platforms) out.push(`| ${sanitizeLine(p.name).replace(/\|/g, "\\|")} | ${p.done} | ${p.later} | ${p.notApplicable} | ${p.open} | ${p.total} |`);
  out.push("", "## Still to do, most important first", "");
  if (summary.remaining.length === 0) out.push("Nothing left.");
  for (const r of summary.remaining) out.push(`- [ ] ${sanitizeLine(r.title)} (${RISK_WORDS[r.risk]}, ${STATUS_WORDS[r.status]}) \`${r.id}\``);
  return `${out.join("\n")}\n`;
}

export function summaryHtml(summary: AuditSummary, title: string, dated: string): string {
  const rows = summary.platforms
    .map((p) => `<tr><td>${htmlEscape(p.name)}</td><td>${p.done}</td><td>${p.later}</td><td>${p.notApplicable}</td><td>${p.open}</td><td>${p.total}</td></tr>`)
    .join("\n");
  const remaining = summary.remaining.length
    ? summary.remaining
        .map((r) => `<div class="item"><input type="checkbox" aria-label="done"><strong>${htmlEscape(r.title)}</strong><span class="risk risk-${r.risk}">${RISK_WORDS[r.risk]}</span> ${STATUS_WORDS[r.status]}</div>`)
        .join("\n")
    : "<p>Nothing left.</p>";
  return htmlPage(
    title,
    `<h1>${htmlEscape(title)}</h1>
<p>${htmlEscape(dated)}</p>
<table border="1" cellpadding="4" style="border-collapse:collapse">
<tr><th>Platform</th><th>Done</th><th>For later</th><th>Not applicable</th><th>Not started</th><th>Total</th></tr>
${rows}
</table>
<h2>Still to do, most important first</h2>
${remaining}`,
  );
}

export function planText(plan: PlanSummary, style: Style): string {
  const out = [style.bold("Your plan, most important first")];
  plan.items.forEach((item, i) => {
    out.push(`  ${i + 1}. ${sanitizeLine(item.title)} (${RISK_WORDS[item.risk as keyof typeof RISK_WORDS] ?? item.risk}) ${style.dim(item.id)}`);
    if (i < 5) out.push(style.dim(`     Why: ${sanitizeLine(item.why)}`));
  });
  out.push("", "Start with: harden audit (it follows this plan when you answer the questions there).");
  return `${out.join("\n")}\n`;
}

export function changesText(result: { staleness: Staleness; diff?: SnapshotDiff }, style: Style): string {
  const out = [wrap(result.staleness.advice, 80, "")];
  const d = result.diff;
  if (!d) return `${out.join("\n")}\n`;
  out.push("", style.bold(`What changed between ${d.from.slice(0, 10)} and ${d.to.slice(0, 10)}`));
  const section = (title: string, items: Array<{ id: string; title: string; what?: string[] }>) => {
    if (items.length === 0) return;
    out.push("", title);
    for (const i of items) out.push(`  - ${sanitizeLine(i.title)}${i.what ? ` (${i.what.join(" and ")} changed)` : ""} ${style.dim(i.id)}`);
  };
  section("Done before, open again (check whether someone changed it back):", d.reopened);
  section("New steps in the updated checklists:", d.newItems);
  section("Steps you did whose instructions changed since (worth checking again):", d.changedSinceDone);
  section("Steps no longer in the checklists:", d.removed);
  if (!d.reopened.length && !d.newItems.length && !d.changedSinceDone.length && !d.removed.length) out.push("", "Nothing changed.");
  return `${out.join("\n")}\n`;
}
