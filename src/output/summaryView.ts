/** Audit progress as text, Markdown, HTML and JSON. */
import type { AuditSummary } from "../core/progress.js";
import type { SnapshotDiff, Staleness } from "../core/snapshots.js";
import type { Paper, PlanSummary } from "./results.js";
import { t } from "../i18n/index.js";
import { wrap } from "./wrap.js";
import { RISK_WORDS, htmlPage } from "./checklistView.js";
import { htmlText, markdownText } from "./escape.js";
import { sanitizeLine } from "./sanitize.js";
import type { Style } from "./style.js";

const statusWord = (status: "open" | "later") => t(`audit:summary.status.${status}`);

/** "2 for later, 1 not applicable": the counts that are not zero, as one list. */
function restOf(counts: { later: number; notApplicable: number; open?: number }): string {
  return [
    counts.later && t("audit:summary.forLater", { count: counts.later }),
    counts.notApplicable && t("audit:summary.notApplicable", { count: counts.notApplicable }),
    counts.open && t("audit:summary.notStarted", { count: counts.open }),
  ]
    .filter(Boolean)
    .join(t("audit:summary.separator"));
}

function platformLine(p: AuditSummary["platforms"][number]): string {
  const rest = restOf(p);
  const words = { name: sanitizeLine(p.name), done: p.done, total: p.total, rest };
  return rest ? t("audit:summary.platformWithRest", words) : t("audit:summary.platform", words);
}

export function summaryText(summary: AuditSummary, style: Style, heading = t("audit:summary.heading")): string {
  if (summary.platforms.length === 0) return `${t("audit:summary.nothingSaved")}\n`;
  const out = [style.bold(heading)];
  for (const p of summary.platforms) out.push(`  ${platformLine(p)}`);
  if (summary.remaining.length === 0) {
    out.push("", style.green(t("audit:summary.allDone")));
  } else {
    out.push("", style.bold(t("audit:summary.stillToDo")));
    for (const r of summary.remaining) {
      const risk = r.risk === "high" ? style.red(RISK_WORDS[r.risk]) : r.risk === "medium" ? style.yellow(RISK_WORDS[r.risk]) : RISK_WORDS[r.risk];
      out.push(`  - ${t("audit:summary.remaining", { title: sanitizeLine(r.title), risk, status: statusWord(r.status) })} ${style.dim(r.id)}`);
    }
  }
  return `${out.join("\n")}\n`;
}

/**
 * What the normal screen shows after the private screen: counts and where to look, never a step's
 * title or an account's name, which would stay in the scrollback for anyone who looks (--keep-screen
 * shows the whole list).
 */
export function summaryCounts(summary: AuditSummary, style: Style): string {
  if (summary.platforms.length === 0) return `${t("audit:summary.nothingSaved")}\n`;
  const sum = (key: "done" | "later" | "notApplicable" | "total") => summary.platforms.reduce((n, p) => n + p[key], 0);
  const rest = restOf({ later: sum("later"), notApplicable: sum("notApplicable") });
  const words = { done: sum("done"), steps: t("audit:steps", { count: sum("total") }), accounts: t("audit:accounts", { count: summary.platforms.length }), rest };
  const counts = rest ? t("audit:summary.countsWithRest", words) : t("audit:summary.counts", words);
  return `${boldLabel(t("audit:summary.countsLine", { counts }), style)}\n${t("audit:summary.seeSteps")}\n`;
}

/** "Your progress: …": the label before the first colon in bold. */
function boldLabel(line: string, style: Style): string {
  const at = line.search(/\s?: /);
  return at > 0 ? `${style.bold(line.slice(0, at))}${line.slice(at)}` : line;
}

/** The plan on the normal screen: how many steps, and where to see them (see summaryCounts). */
export function planCounts(plan: PlanSummary, style: Style): string {
  return `${boldLabel(t("audit:plan.ready", { steps: t("audit:steps", { count: plan.items.length }) }), style)}\n${t("audit:plan.readyNext")}\n`;
}

const columns = () => (["platform", "done", "later", "notApplicable", "notStarted", "total"] as const).map((c) => t(`audit:summary.column.${c}`));

export function summaryMarkdown(summary: AuditSummary, title: string, dated: string): string {
  const out = [`# ${title}`, "", `_${dated}_`, "", `| ${columns().map(markdownText).join(" | ")} |`, "|---|---|---|---|---|---|"];
  for (const p of summary.platforms) out.push(`| ${markdownText(p.name)} | ${p.done} | ${p.later} | ${p.notApplicable} | ${p.open} | ${p.total} |`);
  out.push("", `## ${markdownText(t("audit:summary.stillToDoHeading"))}`, "");
  if (summary.remaining.length === 0) out.push(markdownText(t("audit:summary.nothingLeft")));
  for (const r of summary.remaining) out.push(`- [ ] ${markdownText(t("audit:summary.remaining", { title: r.title, risk: RISK_WORDS[r.risk], status: statusWord(r.status) }))} \`${r.id}\``);
  return `${out.join("\n")}\n`;
}

export function summaryHtml(summary: AuditSummary, title: string, dated: string, paper?: Paper): string {
  const rows = summary.platforms
    .map((p) => `<tr><td>${htmlText(p.name)}</td><td>${p.done}</td><td>${p.later}</td><td>${p.notApplicable}</td><td>${p.open}</td><td>${p.total}</td></tr>`)
    .join("\n");
  const remaining = summary.remaining.length
    ? summary.remaining
        .map((r) => `<div class="item"><input type="checkbox" aria-label="${htmlText(t("audit:summary.checkboxDone"))}"><strong>${htmlText(r.title)}</strong><span class="risk risk-${r.risk}">${RISK_WORDS[r.risk]}</span> ${htmlText(statusWord(r.status))}</div>`)
        .join("\n")
    : `<p>${htmlText(t("audit:summary.nothingLeft"))}</p>`;
  return htmlPage(
    title,
    `<h1>${htmlText(title)}</h1>
<p>${htmlText(dated)}</p>
<table border="1" cellpadding="4" style="border-collapse:collapse">
<tr>${columns().map((c) => `<th>${htmlText(c)}</th>`).join("")}</tr>
${rows}
</table>
<h2>${htmlText(t("audit:summary.stillToDoHeading"))}</h2>
${remaining}`,
    paper,
  );
}

export function planText(plan: PlanSummary, style: Style): string {
  const step = (item: PlanSummary["items"][number], n: number, why: boolean) => [
    `  ${n}. ${sanitizeLine(item.title)} (${RISK_WORDS[item.risk as keyof typeof RISK_WORDS] ?? item.risk}) ${style.dim(item.id)}`,
    ...(why ? [style.dim(wrap(t("audit:intake.why", { why: sanitizeLine(item.why) }), 80, "     "))] : []),
  ];
  const out = [style.bold(t("audit:plan.today", { count: plan.today.length }))];
  plan.today.forEach((item, i) => out.push(...step(item, i + 1, true)));
  if (plan.then.length) out.push("", style.bold(t("audit:plan.then")));
  let account: string | undefined;
  plan.then.forEach((item, i) => {
    if (item.account !== account) out.push(`  ${style.bold(sanitizeLine(item.account))}`);
    account = item.account;
    out.push(...step(item, plan.today.length + i + 1, false));
  });
  if (plan.otherAccounts.length) {
    out.push("", wrap(t("audit:plan.otherAccounts", { names: plan.otherAccounts.map((a) => sanitizeLine(a.name)).join(t("audit:summary.separator")) }), 80, "  "));
  }
  out.push("", t("audit:plan.startWith"));
  return `${out.join("\n")}\n`;
}

type ChangesInput = { staleness: Staleness; diff?: SnapshotDiff };

/** The parts of a "what changed" report, for each output format to lay out (and escape). */
function changeSections(result: ChangesInput) {
  const d = result.diff;
  if (!d) return undefined;
  const changed = (what: string[]) => (what.length === 2 ? "changedBoth" : what[0] === "path" ? "changedPath" : "changedVerified");
  const line = (i: { id: string; title: string; what?: string[] }) => ({ id: i.id, text: i.what ? t(`audit:changes.${changed(i.what)}`, { title: i.title }) : i.title });
  const sections = [
    { title: t("audit:changes.reopened"), items: d.reopened.map(line) },
    { title: t("audit:changes.newItems"), items: d.newItems.map(line) },
    { title: t("audit:changes.changedSinceDone"), items: d.changedSinceDone.map(line) },
    { title: t("audit:changes.removed"), items: d.removed.map(line) },
  ].filter((section) => section.items.length > 0);
  return { heading: t("audit:changes.heading", { from: d.from.slice(0, 10), to: d.to.slice(0, 10) }), sections };
}

export function changesText(result: ChangesInput, style: Style): string {
  const out = [wrap(result.staleness.advice, 80, "")];
  const parts = changeSections(result);
  if (!parts) return `${out.join("\n")}\n`;
  out.push("", style.bold(parts.heading));
  for (const section of parts.sections) {
    out.push("", t("audit:changes.sectionLine", { title: section.title }));
    for (const item of section.items) out.push(`  - ${sanitizeLine(item.text)} ${style.dim(item.id)}`);
  }
  if (parts.sections.length === 0) out.push("", t("audit:changes.nothing"));
  return `${out.join("\n")}\n`;
}

export function changesMarkdown(result: ChangesInput): string {
  const out = [`# ${markdownText(t("audit:changes.title"))}`, "", markdownText(result.staleness.advice)];
  const parts = changeSections(result);
  if (parts) {
    out.push("", `## ${parts.heading}`);
    for (const section of parts.sections) out.push("", `### ${markdownText(section.title)}`, "", ...section.items.map((i) => `- [ ] ${markdownText(i.text)} \`${i.id}\``));
    if (parts.sections.length === 0) out.push("", markdownText(t("audit:changes.nothing")));
  }
  return `${out.join("\n")}\n`;
}

export function changesHtml(result: ChangesInput & { paper?: Paper }): string {
  const parts = changeSections(result);
  const body = [`<h1>${htmlText(t("audit:changes.title"))}</h1>`, `<p>${htmlText(result.staleness.advice)}</p>`];
  if (parts) {
    body.push(`<h2>${htmlText(parts.heading)}</h2>`);
    for (const section of parts.sections) {
      body.push(`<h3>${htmlText(section.title)}</h3>`);
      for (const item of section.items) body.push(`<div class="item"><input type="checkbox" aria-label="${htmlText(t("audit:changes.checkboxChecked"))}">${htmlText(item.text)}</div>`);
    }
    if (parts.sections.length === 0) body.push(`<p>${htmlText(t("audit:changes.nothing"))}</p>`);
  }
  return htmlPage(t("audit:changes.title"), body.join("\n"), result.paper);
}
