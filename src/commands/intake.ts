/**
 * The intake at a terminal: a few questions, each skippable, then the accounts; and the
 * ranked plan it leads to. The answers are kept only if the person agrees.
 */
import { planReason, type IntakeAnswer, type IntakeAnswers, type IntakeRules, type Plan } from "../core/plan.js";
import type { Checklist } from "../core/checklist.js";
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

const ANSWER_CHOICES: Choice<IntakeAnswer | "skip">[] = [
  { value: "yes", name: "Yes" },
  { value: "no", name: "No" },
  { value: "unsure", name: "Not sure" },
  { value: "skip", name: "I'd rather not say (skip)" },
];

/** Intake answers the person chose to keep last time, if they still fit the questions. */
export function savedIntake(ctx: Context, rules: IntakeRules): IntakeAnswers | undefined {
  const saved = ctx.state().loadSettings().intake;
  if (typeof saved !== "object" || saved === null) return undefined;
  const ids = new Set(rules.questions.map((q) => q.id));
  const entries = Object.entries(saved).filter(([q, a]) => ids.has(q) && ["yes", "no", "unsure"].includes(String(a)));
  return entries.length ? (Object.fromEntries(entries) as IntakeAnswers) : undefined;
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
    const reuse = await ui.chooseOne("You kept your answers to the questions last time. Use them again?", [
      { value: "yes", name: "Yes, use the answers I kept" },
      { value: "no", name: "No, ask me again" },
    ]);
    if (reuse === "yes") return { answers: saved, platforms: await choosePlatformsUsed(ui, checklists, previous), reused: true };
  }
  ui.say(`${style.bold("A few questions")}\n${wrap(`There are ${rules.questions.length}, and each can be skipped. They help harden put the steps that matter most for you first.`, 80, "  ")}\n`);
  const answers: IntakeAnswers = {};
  for (const [n, q] of rules.questions.entries()) {
    const help = q.help ? `\n${style.dim(wrap(q.help, 80, "  "))}` : "";
    const answer = await ui.chooseOne(`${n + 1}/${rules.questions.length}: ${q.text}${help}`, ANSWER_CHOICES);
    if (answer !== "skip") answers[q.id] = answer;
  }
  return { answers, platforms: await choosePlatformsUsed(ui, checklists, previous), reused: false };
}

function choosePlatformsUsed(ui: IntakeUI, checklists: Checklist[], previous?: string[]): Promise<string[]> {
  return ui.chooseMany(
    "Which accounts do you use? (space to select, enter to go on)",
    checklists.filter((c) => c.kind !== "response").map((c) => ({ value: c.platform, name: sanitizeLine(c.name), checked: previous?.includes(c.platform) ?? false })),
    { required: "Pick at least one account with the space bar, then press enter." },
  );
}

/** Offers to keep the intake answers; they are saved only on a yes. */
export async function offerToKeep(ctx: Context, ui: IntakeUI, answers: IntakeAnswers): Promise<void> {
  if (!ctx.save || Object.keys(answers).length === 0) return;
  const keep = await ui.confirmAction("Keep these answers on this computer for next time? Anyone who can open your files here could read them.", false);
  if (!keep) return;
  ctx.state().updateSettings((settings) => ({ ...settings, intake: answers }));
}

export function topFive(plan: Plan, checklists: Checklist[], style: Style): string {
  const lines = [style.bold("Your plan: the five steps that matter most first")];
  plan.today.concat(plan.then).slice(0, 5).forEach((entry, i) => {
    lines.push(`  ${i + 1}. ${sanitizeLine(entry.item.title)} (${sanitizeLine(entry.checklist.name)}, ${RISK_WORDS[entry.item.risk]})`);
    lines.push(style.dim(wrap(`Why: ${planReason(entry)}`, 80, "     ")));
  });
  lines.push(`  …then ${Math.max(0, plan.today.length - 5)} more today, and ${plan.then.length} after, account by account.`);
  if (plan.otherAccounts.length) lines.push(style.dim(wrap(`Other accounts you may have: ${plan.otherAccounts.map((p) => sanitizeLine(checklists.find((c) => c.platform === p)?.name ?? p)).join(", ")}. Their steps are left out; choose them next time if you use them.`, 80, "  ")));
  return `${lines.join("\n")}\n`;
}
