/** harden plan: the intake and the ranked plan, at a terminal or from an answers file (clinics). */
import { readAnswersFile } from "../answers/answersFile.js";
import type { Checklist } from "../core/checklist.js";
import { buildPlan, INTAKE_ANSWERS, planReason, type IntakeAnswers, type Plan, type PlannedItem } from "../core/plan.js";
import { itemsToAsk, resumableSession, startSession, type Progress } from "../core/progress.js";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";
import { sanitizeLine } from "../output/sanitize.js";
import { loadIntakeRules } from "../intake/rules.js";
import type { CommandResult, PlanStep, PlanSummary } from "../output/results.js";
import { wrap } from "../output/wrap.js";
import type { Style } from "../output/style.js";
import type { Context } from "./context.js";
import { answerIds, askIntake, offerToKeep, savedFacts, savedIntake, type IntakeUI } from "./intake.js";
import { pickChecklists } from "./platforms.js";

export function planSummary(plan: Plan, answers: IntakeAnswers, checklists: Checklist[]): PlanSummary {
  const step = (p: PlannedItem): PlanStep => ({
    id: p.item.id,
    platform: p.checklist.platform,
    account: p.checklist.name,
    title: p.item.title,
    risk: p.item.risk,
    score: p.score,
    why: planReason(p),
  });
  return {
    intake: answers,
    platforms: plan.platforms,
    rules: plan.applied,
    items: plan.items.map(step),
    today: plan.today.map(step),
    then: plan.then.map(step),
    otherAccounts: plan.otherAccounts.map((platform) => ({ platform, name: checklists.find((c) => c.platform === platform)?.name ?? platform })),
  };
}

export async function planCommand(ctx: Context, options: { platforms: string[]; answers?: string }, deps: { ui?: IntakeUI; style: Style }): Promise<CommandResult> {
  const [checklists, rules] = await Promise.all([ctx.checklists(), loadIntakeRules()]);
  const named = options.platforms.length ? pickChecklists(checklists, options.platforms).map((c) => c.platform) : undefined;
  if (options.answers !== undefined) {
    const file = await readAnswersFile(options.answers, checklists, answerIds(rules));
    const answers = { ...savedFacts(ctx, rules), ...file.intake };
    const chosen = named ?? file.platforms ?? [];
    const plan = buildPlan(rules, answers, checklists, chosen);
    return { kind: "plan", plan: withKept(planSummary(plan, answers, checklists), await followPlan(ctx, undefined, checklists, plan)) };
  }
  if (!ctx.canPrompt || !deps.ui) throw new UsageError(t("errors:plan.needsTerminal"));
  const intake = await askIntake(deps.ui, rules, checklists, deps.style, undefined, savedIntake(ctx, rules));
  if (!intake.reused) await offerToKeep(ctx, deps.ui, intake.answers);
  const plan = buildPlan(rules, { ...savedFacts(ctx, rules), ...intake.answers }, checklists, named ?? intake.platforms);
  return { kind: "plan", plan: withKept(planSummary(plan, intake.answers, checklists), await followPlan(ctx, deps.ui, checklists, plan)) };
}

const withKept = (summary: PlanSummary, kept: string | undefined): PlanSummary => (kept ? { ...summary, kept } : summary);

/** The plan in progress, in words for a message's {{names}} and {{left}}: its accounts and how many steps are left. */
export function inProgressWords(checklists: Checklist[], progress: Progress): { names: string; left: string } | undefined {
  const session = resumableSession(checklists, progress);
  if (!session) return undefined;
  const names = session.platforms.map((p) => checklists.find((c) => c.platform === p)?.name ?? p).join(t("audit:summary.separator"));
  return { names: sanitizeLine(names), left: t("audit:stepsLeft", { count: itemsToAsk(checklists, progress).length }) };
}

/**
 * Makes the new plan the one \`harden audit\` follows, unless a plan is in progress: then, at a
 * terminal, she chooses; without one it is kept. Returns what to say when it was kept.
 */
export async function followPlan(ctx: Context, ui: Pick<IntakeUI, "chooseOne"> | undefined, checklists: Checklist[], plan: Plan): Promise<string | undefined> {
  if (!ctx.save) return undefined;
  const state = ctx.state();
  const current = inProgressWords(checklists, state.loadProgress());
  if (current) {
    const keep = ui
      ? (await ui.chooseOne(t("audit:plan.keepOrFollow", current), [
          { value: "keep", name: t("audit:plan.keepCurrent") },
          { value: "new", name: t("audit:plan.followNew") },
        ])) === "keep"
      : true;
    if (keep) return t("audit:plan.kept", current);
  }
  const at = ctx.now().toISOString();
  state.updateProgress((latest) => startSession(latest, plan.platforms, at, plan.items.map((p) => p.item.id)));
  return undefined;
}

/** `plan --help`: what an answers file holds, with the question ids read from the intake rules. */
export async function planAnswersHelp(width = 80): Promise<string> {
  const rules = await loadIntakeRules();
  const answers = INTAKE_ANSWERS.join(", ");
  const idWidth = Math.max(...rules.questions.map((q) => q.id.length));
  const questions = rules.questions.map((q) => wrap(q.text, width, `    ${q.id.padEnd(idWidth)}  `, " ".repeat(idWidth + 6)));
  const first = rules.questions[0]?.id ?? "question-id";
  return [
    "",
    t("audit:plan.answersHelp"),
    wrap(`intake:     ${t("audit:plan.answersIntake", { answers })}`, width, "  ", " ".repeat(14)),
    ...questions,
    wrap(`platforms:  ${t("audit:plan.answersPlatforms")}`, width, "  ", " ".repeat(14)),
    t("audit:plan.example"),
    "  intake:",
    `    ${first}: unsure`,
    "  platforms: [facebook, google, phone]",
    "",
  ].join("\n");
}
