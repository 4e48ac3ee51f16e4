/** harden plan: the intake and the ranked plan, at a terminal or from an answers file (clinics). */
import { readAnswersFile } from "../answers/answersFile.js";
import { buildPlan, INTAKE_ANSWERS, planReason, type IntakeAnswers } from "../core/plan.js";
import { UsageError } from "../errors.js";
import { loadIntakeRules } from "../intake/rules.js";
import type { CommandResult, PlanSummary } from "../output/results.js";
import { wrap } from "../output/wrap.js";
import type { Style } from "../output/style.js";
import type { Context } from "./context.js";
import { askIntake, offerToKeep, savedIntake, type IntakeUI } from "./intake.js";
import { pickChecklists } from "./platforms.js";

export function planSummary(plan: ReturnType<typeof buildPlan>, answers: IntakeAnswers): PlanSummary {
  return {
    intake: answers,
    platforms: plan.platforms,
    rules: plan.applied,
    items: plan.items.map((p) => ({ id: p.item.id, platform: p.checklist.platform, title: p.item.title, risk: p.item.risk, score: p.score, why: planReason(p) })),
  };
}

export async function planCommand(ctx: Context, options: { platforms: string[]; answers?: string }, deps: { ui?: IntakeUI; style: Style }): Promise<CommandResult> {
  const [checklists, rules] = await Promise.all([ctx.checklists(), loadIntakeRules()]);
  const named = options.platforms.length ? pickChecklists(checklists, options.platforms).map((c) => c.platform) : undefined;
  if (options.answers !== undefined) {
    const file = await readAnswersFile(options.answers, checklists, rules.questions.map((q) => q.id));
    const answers = file.intake ?? {};
    const chosen = named ?? file.platforms ?? [];
    return { kind: "plan", plan: planSummary(buildPlan(rules, answers, checklists, chosen), answers) };
  }
  if (!ctx.canPrompt || !deps.ui) throw new UsageError("harden plan asks a few questions and needs a terminal. For a scripted run: harden plan --answers FILE (with intake: and platforms:).");
  const intake = await askIntake(deps.ui, rules, checklists, deps.style, undefined, savedIntake(ctx, rules));
  if (!intake.reused) await offerToKeep(ctx, deps.ui, intake.answers);
  return { kind: "plan", plan: planSummary(buildPlan(rules, intake.answers, checklists, named ?? intake.platforms), intake.answers) };
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
    "Answers file (--answers FILE, YAML or JSON), for a scripted run:",
    `  intake:     each question id below -> ${answers} (leave one out to skip it)`,
    ...questions,
    "  platforms:  account ids from harden list, when none are given on the command line",
    "Example:",
    "  intake:",
    `    ${first}: unsure`,
    "  platforms: [facebook, google, phone]",
    "",
  ].join("\n");
}
