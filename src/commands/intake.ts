/**
 * The intake at a terminal: a few questions, each skippable, then the accounts; and the
 * ranked plan it leads to. The answers are kept only if the person agrees.
 */
import { planReason, type IntakeAnswer, type IntakeAnswers, type IntakeRules, type Plan } from "../core/plan.js";
import type { Checklist } from "../core/checklist.js";
import { t } from "../i18n/index.js";
import { RISK_WORDS } from "../output/checklistView.js";
import { sanitizeLine } from "../output/sanitize.js";
import type { Style } from "../output/style.js";
import { wrap } from "../output/wrap.js";
import type { Choice } from "../prompts/index.js";
import type { Context } from "./context.js";

export interface IntakeUI {
  say(text: string): void;
  chooseOne<T extends string>(message: string, choices: Choice<T>[]): Promise<T>;
  chooseMany<T extends string>(message: string, choices: Choice<T>[], options: { required?: string }): Promise<T[]>;
  confirmAction(message: string, defaultYes?: boolean): Promise<boolean>;
}

const answerChoices = (): Choice<IntakeAnswer | "skip">[] => [
  { value: "yes", name: t("audit:intake.yes") },
  { value: "no", name: t("audit:intake.no") },
  { value: "unsure", name: t("audit:intake.unsure") },
  { value: "skip", name: t("audit:intake.skip") },
];

/** Intake answers the person chose to keep last time, if they still fit the questions. */
export function savedIntake(ctx: Context, rules: IntakeRules): IntakeAnswers | undefined {
  const saved = ctx.state().loadSettings().intake;
  if (typeof saved !== "object" || saved === null) return undefined;
  const ids = new Set(rules.questions.map((q) => q.id));
  const entries = Object.entries(saved).filter(([q, a]) => ids.has(q) && ["yes", "no", "unsure"].includes(String(a)));
  return entries.length ? (Object.fromEntries(entries) as IntakeAnswers) : undefined;
}

/** The facts saved by other commands (phone check), as answers the rules read beside the questions'. */
export function savedFacts(ctx: Context, rules: IntakeRules): IntakeAnswers {
  const saved = ctx.state().loadSettings().facts;
  if (typeof saved !== "object" || saved === null) return {};
  const ids = new Set((rules.facts ?? []).map((f) => f.id));
  return Object.fromEntries(Object.entries(saved).filter(([id, a]) => ids.has(id) && a === "yes")) as IntakeAnswers;
}

/** The ids an answers file may give under intake: the questions, and the facts (a clinic may state one). */
export const answerIds = (rules: IntakeRules): string[] => [...rules.questions.map((q) => q.id), ...(rules.facts ?? []).map((f) => f.id)];

/** Saves a fact for the plan ("yes" only: a check that finds nothing proves nothing). */
export function saveFact(ctx: Context, id: string): void {
  ctx.state().updateSettings((s) => ({ ...s, facts: { ...(typeof s.facts === "object" && s.facts !== null ? s.facts : {}), [id]: "yes" } }));
}

export async function askIntake(
  ui: IntakeUI,
  rules: IntakeRules,
  checklists: Checklist[],
  style: Style,
  previous?: string[],
  saved?: IntakeAnswers,
): Promise<{ answers: IntakeAnswers; platforms: string[]; reused: boolean }> {
  if (saved) {
    const reuse = await ui.chooseOne(t("audit:intake.reuse"), [
      { value: "yes", name: t("audit:intake.reuseYes") },
      { value: "no", name: t("audit:intake.reuseNo") },
    ]);
    if (reuse === "yes") return { answers: saved, platforms: await choosePlatformsUsed(ui, checklists, previous), reused: true };
  }
  ui.say(`${style.bold(t("audit:intake.title"))}\n${wrap(t("audit:intake.intro", { count: rules.questions.length }), 80, "  ")}\n`);
  const answers: IntakeAnswers = {};
  for (const [n, q] of rules.questions.entries()) {
    const help = q.help ? `\n${style.dim(wrap(q.help, 80, "  "))}` : "";
    const answer = await ui.chooseOne(`${t("audit:intake.numbered", { n: n + 1, total: rules.questions.length, text: q.text })}${help}`, answerChoices());
    if (answer !== "skip") answers[q.id] = answer;
  }
  return { answers, platforms: await choosePlatformsUsed(ui, checklists, previous), reused: false };
}

function choosePlatformsUsed(ui: IntakeUI, checklists: Checklist[], previous?: string[]): Promise<string[]> {
  return ui.chooseMany(
    t("audit:platforms.used"),
    checklists.filter((c) => c.kind !== "response").map((c) => ({ value: c.platform, name: sanitizeLine(c.name), checked: previous?.includes(c.platform) ?? false })),
    { required: t("audit:platforms.required") },
  );
}

/** Offers to keep the intake answers; they are saved only on a yes. */
export async function offerToKeep(ctx: Context, ui: IntakeUI, answers: IntakeAnswers): Promise<void> {
  if (!ctx.save || Object.keys(answers).length === 0) return;
  const keep = await ui.confirmAction(t("audit:intake.keep"), false);
  if (!keep) return;
  ctx.state().updateSettings((settings) => ({ ...settings, intake: answers }));
}

export function topFive(plan: Plan, checklists: Checklist[], style: Style): string {
  const lines = [style.bold(t("audit:intake.topFive"))];
  plan.today.concat(plan.then).slice(0, 5).forEach((entry, i) => {
    lines.push(`  ${t("audit:intake.topStep", { n: i + 1, title: sanitizeLine(entry.item.title), account: sanitizeLine(entry.checklist.name), risk: RISK_WORDS[entry.item.risk] })}`);
    lines.push(style.dim(wrap(t("audit:intake.why", { why: sanitizeLine(planReason(entry)) }), 80, "     ")));
  });
  lines.push(`  ${t("audit:intake.more", { today: Math.max(0, plan.today.length - 5), then: plan.then.length })}`);
  const others = plan.otherAccounts.map((p) => sanitizeLine(checklists.find((c) => c.platform === p)?.name ?? p)).join(t("audit:summary.separator"));
  if (plan.otherAccounts.length) lines.push(style.dim(wrap(t("audit:intake.otherAccounts", { names: others }), 80, "  ")));
  return `${lines.join("\n")}\n`;
}
