/** Audit progress as text, Markdown, HTML and JSON. */
import type { AuditSummary } from "../core/progress.js";
import type { SnapshotDiff, Staleness } from "../core/snapshots.js";
import type { Paper, PlanSummary } from "./results.js";
import { wrap } from "./wrap.js";
import { RISK_WORDS, htmlPage } from "./checklistView.js";
import { htmlText, markdownText } from "./escape.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";

const STATUS_WORDS = { open: "not started", later: "for later" } as const;

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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What the normal screen shows after the private screen: counts and where to look, never a step's
 * title or an account's name, which would stay in the scrollback for anyone who looks (--keep-screen
 * shows the whole list).
 */
export function summaryCounts(summary: AuditSummary, style: Style): string {
  if (summary.platforms.length === 0) return "Nothing saved yet. Run `harden audit` to start.\n";
  const sum = (key: "done" | "later" | "notApplicable" | "total") => summary.platforms.reduce((n, p) => n + p[key], 0);
  const rest = [sum("later") && `${sum("later")} for later`, sum("notApplicable") && `${sum("notApplicable")} not applicable`].filter(Boolean);
  const counts = `${sum("done")} of ${plural(sum("total"), "step")} done${rest.length ? ` (${rest.join(", ")})` : ""}, on ${plural(summary.platforms.length, "account")}`;
  return `${style.bold("Your progress")}: ${counts}.\nTo see the steps: harden report\n`;
}

/** The plan on the normal screen: how many steps, and where to see them (see summaryCounts). */
export function planCounts(plan: PlanSummary, style: Style): string {
  return `${style.bold("Your plan is ready")}: ${plural(plan.items.length, "step")}, most important first.\nStart with: harden audit (it follows this plan). To see the steps: harden report\n`;
}

export function summaryMarkdown(summary: AuditSummary, title: string, dated: string): string {
  const out = [`# ${title}`, "", `_${dated}_`, "", "| Platform | Done | For later | Not applicable | Not started | Total |", "|---|---|---|---|---|---|"];
  for (const p of summary.platforms) out.push(`| ${markdownText(p.name)} | ${p.done} | ${p.later} | ${p.notApplicable} | ${p.open} | ${p.total} |`);
  out.push("", "## Still to do, most important first", "");
  if (summary.remaining.length === 0) out.push("Nothing left.");
  for (const r of summary.remaining) out.push(`- [ ] ${markdownText(r.title)} (${RISK_WORDS[r.risk]}, ${STATUS_WORDS[r.status]}) \`${r.id}\``);
  return `${out.join("\n")}\n`;
}

export function summaryHtml(summary: AuditSummary, title: string, dated: string, paper?: Paper): string {
  const rows = summary.platforms
    .map((p) => `<tr><td>${htmlText(p.name)}</td><td>${p.done}</td><td>${p.later}</td><td>${p.notApplicable}</td><td>${p.open}</td><td>${p.total}</td></tr>`)
    .join("\n");
  const remaining = summary.remaining.length
    ? summary.remaining
        .map((r) => `<div class="item"><input type="checkbox" aria-label="done"><strong>${htmlText(r.title)}</strong><span class="risk risk-${r.risk}">${RISK_WORDS[r.risk]}</span> ${STATUS_WORDS[r.status]}</div>`)
        .join("\n")
    : "<p>Nothing left.</p>";
  return htmlPage(
    title,
    `<h1>${htmlText(title)}</h1>
<p>${htmlText(dated)}</p>
<table border="1" cellpadding="4" style="border-collapse:collapse">
<tr><th>Platform</th><th>Done</th><th>For later</th><th>Not applicable</th><th>Not started</th><th>Total</th></tr>
${rows}
</table>
<h2>Still to do, most important first</h2>
${remaining}`,
    paper,
  );
}

export function planText(plan: PlanSummary, style: Style): string {
  const step = (item: PlanSummary["items"][number], n: number, why: boolean) => [
    `  ${n}. ${sanitizeLine(item.title)} (${RISK_WORDS[item.risk as keyof typeof RISK_WORDS] ?? item.risk}) ${style.dim(item.id)}`,
    ...(why ? [style.dim(wrap(`Why: ${sanitizeLine(item.why)}`, 80, "     "))] : []),
  ];
  const out = [style.bold(`Today: ${plan.today.length} step${plan.today.length === 1 ? "" : "s"} that stop harm now`)];
  plan.today.forEach((item, i) => out.push(...step(item, i + 1, true)));
  if (plan.then.length) out.push("", style.bold("Then, account by account"));
  let account: string | undefined;
  plan.then.forEach((item, i) => {
    if (item.account !== account) out.push(`  ${style.bold(sanitizeLine(item.account))}`);
    account = item.account;
    out.push(...step(item, plan.today.length + i + 1, false));
  });
  if (plan.otherAccounts.length) {
    out.push("", wrap(`Other accounts you may have: ${plan.otherAccounts.map((a) => sanitizeLine(a.name)).join(", ")}. If you use one of them, run harden plan again and choose it too.`, 80, "  "));
  }
  out.push("", "Start with: harden audit (it follows this plan).");
  return `${out.join("\n")}\n`;
}

type ChangesInput = { staleness: Staleness; diff?: SnapshotDiff };

/** The parts of a "what changed" report, for each output format to lay out (and escape). */
function changeSections(result: ChangesInput) {
  const d = result.diff;
  if (!d) return undefined;
  const line = (i: { id: string; title: string; what?: string[] }) => ({ id: i.id, text: `${i.title}${i.what ? ` (${i.what.join(" and ")} changed)` : ""}` });
  const sections = [
    { title: "Done before, open again (check whether someone changed it back)", items: d.reopened.map(line) },
    { title: "New steps in the updated checklists", items: d.newItems.map(line) },
    { title: "Steps you did whose instructions changed since (worth checking again)", items: d.changedSinceDone.map(line) },
    { title: "Steps no longer in the checklists", items: d.removed.map(line) },
  ].filter((section) => section.items.length > 0);
  return { heading: `What changed between ${d.from.slice(0, 10)} and ${d.to.slice(0, 10)}`, sections };
}

export function changesText(result: ChangesInput, style: Style): string {
  const out = [wrap(result.staleness.advice, 80, "")];
  const parts = changeSections(result);
  if (!parts) return `${out.join("\n")}\n`;
  out.push("", style.bold(parts.heading));
  for (const section of parts.sections) {
    out.push("", `${section.title}:`);
    for (const item of section.items) out.push(`  - ${sanitizeLine(item.text)} ${style.dim(item.id)}`);
  }
  if (parts.sections.length === 0) out.push("", "Nothing changed.");
  return `${out.join("\n")}\n`;
}

export function changesMarkdown(result: ChangesInput): string {
  const out = ["# harden: what changed", "", result.staleness.advice];
  const parts = changeSections(result);
  if (parts) {
    out.push("", `## ${parts.heading}`);
    for (const section of parts.sections) out.push("", `### ${section.title}`, "", ...section.items.map((i) => `- [ ] ${markdownText(i.text)} \`${i.id}\``));
    if (parts.sections.length === 0) out.push("", "Nothing changed.");
  }
  return `${out.join("\n")}\n`;
}

export function changesHtml(result: ChangesInput & { paper?: Paper }): string {
  const parts = changeSections(result);
  const body = [`<h1>harden: what changed</h1>`, `<p>${htmlText(result.staleness.advice)}</p>`];
  if (parts) {
    body.push(`<h2>${htmlText(parts.heading)}</h2>`);
    for (const section of parts.sections) {
      body.push(`<h3>${htmlText(section.title)}</h3>`);
      for (const item of section.items) body.push(`<div class="item"><input type="checkbox" aria-label="checked">${htmlText(item.text)}</div>`);
    }
    if (parts.sections.length === 0) body.push("<p>Nothing changed.</p>");
  }
  return htmlPage("harden: what changed", body.join("\n"), result.paper);
}
