/**
 * The guided audit: a safety note, the intake and its ranked plan (or a platform picker), then
 * one item at a time, with a warning before steps the other person could notice. Every answer
 * is saved the moment it is given, so Ctrl-C loses nothing and the next run offers to resume;
 * a completed audit is kept as a dated snapshot. With --answers FILE it asks nothing (clinics).
 */
import { readAnswersFile } from "../answers/answersFile.js";
import { SECTION_NAMES, type Checklist, type ChecklistItem } from "../core/checklist.js";
import { buildPlan } from "../core/plan.js";
import { firstRemovingStep } from "../core/stepParts.js";
import { checkStaleness, diffSnapshots, takeSnapshot, type SnapshotDiff } from "../core/snapshots.js";
import {
  finishSession,
  itemsToAsk,
  resumableSession,
  startSession,
  summarize,
  withAnswer,
  type Answer,
  type Progress,
} from "../core/progress.js";
import { UsageError } from "../errors.js";
import { LANGUAGE_NAMES, LANGUAGES, isLanguage, t, useLanguage, type Language } from "../i18n/index.js";
import { itemText } from "../output/checklistView.js";
import { helplinesText } from "../output/helplinesView.js";
import type { CommandResult, DocFormat } from "../output/results.js";
import { parsePaper } from "./formats.js";
import { sanitizeLine } from "../output/sanitize.js";
import { SAFETY_NOTE } from "../output/guidance.js";
import type { Style } from "../output/style.js";
import { keepTogether, wrap } from "../output/wrap.js";
import type { Choice } from "../prompts/index.js";
import { loadIntakeRules } from "../intake/rules.js";
import { lastTwo, saveSnapshot } from "../state/snapshots.js";
import { stateDir } from "../state/store.js";
import type { Context } from "./context.js";
import { answerIds, askIntake, offerToKeep, savedFacts, savedIntake, topFive, type IntakeUI } from "./intake.js";
import { inProgressWords, planSummary } from "./plan.js";
import { pickChecklists } from "./platforms.js";

export interface AuditOptions {
  platforms: string[];
  answers?: string;
  /** Ask for the language in the first screen (no --lang given; a saved `lang` setting also skips it). */
  offerLanguage?: boolean;
}

/** What the interactive audit needs from a terminal; the prompts module provides it. */
export interface AuditUI extends IntakeUI {
  /** A choice that Esc leaves: undefined means "back to the question before". */
  chooseOrBack<T extends string>(message: string, choices: Choice<T>[]): Promise<T | undefined>;
  /** One line, `prefill` ready to edit; undefined (empty or Esc) means "back". */
  askLine(message: string, options?: { prefill?: string }): Promise<string | undefined>;
}

type ItemChoice = Answer | "help" | "stop";

const itemChoices = (): Choice<ItemChoice>[] => [
  { value: "done", name: t("audit:step.done") },
  { value: "later", name: t("audit:step.later") },
  { value: "not-applicable", name: t("audit:step.notForMe") },
  { value: "help", name: t("audit:step.help") },
  { value: "stop", name: t("audit:step.stop") },
];

export async function auditCommand(ctx: Context, options: AuditOptions, deps: { ui?: AuditUI; style: Style; width?: number }): Promise<CommandResult> {
  if (options.answers === undefined && ctx.canPrompt && deps.ui && options.offerLanguage) ctx = await chooseLanguage(ctx, deps.ui);
  const checklists = await ctx.checklists();
  const named = options.platforms.length ? pickChecklists(checklists, options.platforms) : undefined;
  if (options.answers !== undefined) return scriptedAudit(ctx, checklists, named, options.answers);
  if (!ctx.canPrompt || !deps.ui) {
    throw new UsageError(t("errors:audit.needsTerminal"));
  }
  return guidedAudit(ctx, checklists, named, deps.ui, deps.style, deps.width);
}

/**
 * The first screen, before the safety note, when no language was given (--lang) or saved: the
 * languages by their own names. The choice is used from here on (the checklists are loaded after
 * it) and saved with the settings, so the next run starts in it.
 */
async function chooseLanguage(ctx: Context, ui: AuditUI): Promise<Context> {
  if (isLanguage(ctx.state().loadSettings().lang)) return ctx;
  const order: Language[] = [ctx.lang, ...LANGUAGES.filter((l) => l !== ctx.lang)];
  const lang = await ui.chooseOne(t("audit:language.question"), order.map((l) => ({ value: l, name: LANGUAGE_NAMES[l] })));
  if (lang !== ctx.lang) useLanguage(lang);
  if (ctx.save) ctx.state().updateSettings((settings) => ({ ...settings, lang }));
  return { ...ctx, lang };
}

async function scriptedAudit(ctx: Context, checklists: Checklist[], named: Checklist[] | undefined, file: string): Promise<CommandResult> {
  const rules = await loadIntakeRules();
  const { answers, intake, platforms: filePlatforms } = await readAnswersFile(file, checklists, answerIds(rules));
  const at = ctx.now().toISOString();
  // Merged into the latest saved progress: another harden may have saved answers meanwhile.
  const progress = ctx.state().updateProgress((latest) => [...answers].reduce((p, [id, status]) => withAnswer(p, id, status, at), latest));
  const chosen = named?.map((c) => c.platform) ?? filePlatforms;
  const plan = intake ? buildPlan(rules, { ...savedFacts(ctx, rules), ...intake }, checklists, chosen ?? []) : undefined;
  const platforms =
    plan?.platforms ?? chosen ?? checklists.filter((c) => c.items.some((i) => answers.has(i.id))).map((c) => c.platform);
  await keepSnapshot(ctx, checklists, platforms, progress);
  // A scripted run never replaces the plan in progress; it says so.
  const current = inProgressWords(checklists, progress);
  return {
    kind: "audit",
    summary: summarize(checklists, platforms, progress),
    finished: true,
    saved: ctx.save,
    ...(current && { kept: t("audit:resume.keptScripted", current) }),
    ...(plan && intake && { plan: planSummary(plan, intake, checklists) }),
  };
}

async function choosePlatforms(ui: AuditUI, checklists: Checklist[], previous: string[] | undefined): Promise<string[]> {
  // Accounts first, then the lists for when something has already happened.
  const ordered = [...checklists.filter((c) => c.kind !== "response"), ...checklists.filter((c) => c.kind === "response")];
  return ui.chooseMany(
    t("audit:platforms.question"),
    ordered.map((c) => ({
      value: c.platform,
      name: c.kind === "response" ? t("audit:platforms.response", { name: sanitizeLine(c.name) }) : sanitizeLine(c.name),
      checked: previous?.includes(c.platform) ?? false,
    })),
    { required: t("audit:platforms.required") },
  );
}

async function guidedAudit(ctx: Context, checklists: Checklist[], named: Checklist[] | undefined, ui: AuditUI, style: Style, width?: number): Promise<CommandResult> {
  ui.say(`${style.bold(SAFETY_NOTE.title)}\n${wrap(SAFETY_NOTE.body, Math.min(width ?? 80, 100), "  ")}\n`);
  if (!ctx.save) ui.say(style.yellow(`${t("audit:safety.noSave")}\n`));
  const state = ctx.state();
  let progress = state.loadProgress();
  for (const notice of state.notices.splice(0)) ui.say(style.yellow(notice));
  const lastAudit = lastTwo(stateDir(ctx.env)).at(-1);
  if (lastAudit) ui.say(style.dim(wrap(checkStaleness(lastAudit.takenAt, ctx.now()).advice, Math.min(width ?? 80, 100), "  ")) + "\n");

  // Each change is applied to the latest saved progress, so answers another harden saved meanwhile stay.
  const save = (change: (latest: Progress) => Progress) => {
    progress = state.updateProgress(change);
  };

  const resumable = resumableSession(checklists, progress);
  const sameAsNamed = !named || (resumable && named.map((c) => c.platform).sort().join() === [...resumable.platforms].sort().join());
  let resume = false;
  if (resumable && sameAsNamed) {
    resume =
      (await ui.chooseOne(t("audit:resume.question", inProgressWords(checklists, progress)), [
        { value: "resume", name: t("audit:resume.yes") },
        { value: "new", name: t("audit:resume.no") },
      ])) === "resume";
  } else if (resumable && named) {
    // A plan in progress is never replaced silently: she keeps it or starts anew.
    const wanted = sanitizeLine(named.map((c) => c.name).join(t("audit:summary.separator")));
    resume =
      (await ui.chooseOne(t("audit:resume.planQuestion", { ...inProgressWords(checklists, progress), wanted }), [
        { value: "resume", name: t("audit:resume.keep") },
        { value: "new", name: t("audit:resume.anew", { wanted }) },
      ])) === "resume";
  }
  if (!resume) {
    const start = named
      ? "choose"
      : await ui.chooseOne(t("audit:start.question"), [
          { value: "intake", name: t("audit:start.intake") },
          { value: "choose", name: t("audit:start.choose") },
        ]);
    if (start === "intake") {
      const rules = await loadIntakeRules();
      const intake = await askIntake(ui, rules, checklists, style, progress.session?.platforms, savedIntake(ctx, rules));
      if (!intake.reused) await offerToKeep(ctx, ui, intake.answers);
      const plan = buildPlan(rules, { ...savedFacts(ctx, rules), ...intake.answers }, checklists, intake.platforms);
      ui.say(`\n${topFive(plan, checklists, style)}`);
      const at = ctx.now().toISOString();
      save((latest) => startSession(latest, plan.platforms, at, plan.items.map((p) => p.item.id)));
    } else {
      const platforms = named ? named.map((c) => c.platform) : await choosePlatforms(ui, checklists, progress.session?.platforms);
      const at = ctx.now().toISOString();
      save((latest) => startSession(latest, platforms, at));
    }
  }

  const queue = itemsToAsk(checklists, progress);
  let stopped = false;
  // Esc at a step's first question goes back to the step before (its answer can be changed).
  for (let index = 0; index < queue.length; ) {
    const { checklist, item } = queue[index]!;
    const answer = await askItem(ctx, ui, style, checklists, checklist, item, { n: index + 1, total: queue.length }, width);
    if (answer === "stop") {
      stopped = true;
      break;
    }
    if (answer === "back") {
      index = Math.max(0, index - 1);
      continue;
    }
    const at = ctx.now().toISOString();
    save((latest) => withAnswer(latest, item.id, answer, at));
    index++;
  }
  if (!stopped) {
    const at = ctx.now().toISOString();
    save((latest) => finishSession(latest, at));
    await keepSnapshot(ctx, checklists, progress.session?.platforms ?? [], progress);
  }
  return { kind: "audit", summary: summarize(checklists, progress.session?.platforms ?? [], progress), finished: !stopped, saved: ctx.save };
}

/** A completed audit is kept as a dated snapshot, so the next one can say what changed. */
async function keepSnapshot(ctx: Context, checklists: Checklist[], platforms: string[], progress: Progress): Promise<void> {
  if (!ctx.save || platforms.length === 0) return;
  saveSnapshot(stateDir(ctx.env), takeSnapshot(await inEnglish(ctx, checklists), platforms, progress, ctx.now()));
}

/**
 * The checklists in English, for snapshots: a snapshot compares where a setting lives and its
 * words from one check to the next, and a check made in another language must not look like a
 * change. A checklist only the run knows (a workshop's own) is kept as it is.
 */
async function inEnglish(ctx: Context, checklists: Checklist[]): Promise<Checklist[]> {
  if (ctx.lang === "en") return checklists;
  const { loadChecklists } = await import("../checklists/catalog.js");
  const english = await loadChecklists({ extraDirs: [ctx.checklistsDir], lang: "en" });
  return checklists.map((c) => english.find((e) => e.platform === c.platform) ?? c);
}

/** A diff's items named as the checklists in the run's language name them (a snapshot keeps the English). */
function inRunLanguage(diff: SnapshotDiff, checklists: Checklist[]): SnapshotDiff {
  const titles = new Map(checklists.flatMap((c) => c.items.map((i) => [i.id, i.title] as const)));
  const named = <T extends { id: string; title: string }>(items: T[]) => items.map((i) => ({ ...i, title: titles.get(i.id) ?? i.title }));
  return { ...diff, reopened: named(diff.reopened), newItems: named(diff.newItems), changedSinceDone: named(diff.changedSinceDone), removed: named(diff.removed) };
}

/** What changed between the last two audits (or since the last one, when there is only one). */
export async function changesCommand(ctx: Context, format: DocFormat = "text", paperSize?: string): Promise<CommandResult> {
  const paper = parsePaper(paperSize);
  const checklists = await ctx.checklists();
  const dir = stateDir(ctx.env);
  const saved = lastTwo(dir);
  const latest = saved.at(-1);
  const staleness = checkStaleness(latest?.takenAt, ctx.now());
  if (!latest) return { kind: "changes", staleness, format, paper };
  const current = saved.length === 2 ? saved[1]! : takeSnapshot(await inEnglish(ctx, checklists), latest.platforms, ctx.state().loadProgress(), ctx.now());
  return { kind: "changes", staleness, diff: inRunLanguage(diffSnapshots(saved.length === 2 ? saved[0]! : latest, current), checklists), format, paper };
}

/** A question of a step: undefined from the prompt means Esc, "go back to the question before". */
type StepOutcome = Answer | "stop" | "next" | "back";

/**
 * Before a step the other person could notice: say what they may see, and let the person
 * choose to go on, plan it for later, say it is not for her, or talk to an advocate first.
 */
async function beforeNoticeableStep(ui: AuditUI, style: Style, checklists: Checklist[], item: ChecklistItem, width?: number): Promise<StepOutcome> {
  const seen = item.notice ?? t("audit:notice.defaultSeen");
  ui.say(`\n${style.yellow(style.bold(t("audit:notice.title")))}\n${wrap(t("audit:notice.seen", { seen: sanitizeLine(seen) }), Math.min(width ?? 80, 100), "  ")}\n`);
  const choice = await ui.chooseOrBack(t("audit:notice.question"), [
    { value: "now", name: t("audit:notice.now") },
    { value: "later", name: t("audit:notice.later") },
    { value: "not-applicable", name: t("audit:notice.notForMe") },
    { value: "advocate", name: t("audit:notice.advocate") },
  ]);
  if (choice === undefined) return "back";
  if (choice === "now") return "next";
  if (choice === "advocate") {
    ui.say(`\n${helplinesText(checklists, style, width)}${style.dim(`  ${t("audit:notice.keptForLater")}`)}\n`);
    return "later";
  }
  return choice;
}

/**
 * Before the part of a step that can destroy evidence: offer to record a note (and files) in the
 * evidence log. Every question here goes back to the one before on Esc or an empty answer.
 */
async function offerEvidence(ctx: Context, ui: AuditUI, style: Style, item: ChecklistItem): Promise<"next" | "back"> {
  const removing = firstRemovingStep(item);
  const question = removing ? t("audit:evidence.questionStep", { n: removing }) : t("audit:evidence.question");
  let note = `${sanitizeLine(item.title)}: `;
  for (;;) {
    const record = await ui.chooseOrBack(question, [
      { value: "yes", name: t("audit:evidence.yes") },
      { value: "no", name: t("audit:evidence.no") },
    ]);
    if (record === undefined) return "back";
    if (record === "no") return "next";
    for (;;) {
      const typed = await ui.askLine(`${t("audit:evidence.note")}\n `, { prefill: note });
      if (typed === undefined) break;
      note = typed;
      const files = await askEvidenceFiles(ctx, ui, style, note.replace(/[\s:]+$/, ""));
      if (files === "recorded") return "next";
    }
  }
}

/** Files for the note, or none; "back" returns to the note. */
async function askEvidenceFiles(ctx: Context, ui: AuditUI, style: Style, note: string): Promise<"recorded" | "back"> {
  const { evidenceAddCommand } = await import("./evidence.js");
  for (;;) {
    const more = await ui.chooseOrBack(t("audit:evidence.filesQuestion"), [
      { value: "no", name: t("audit:evidence.noFiles") },
      { value: "yes", name: t("audit:evidence.yesFiles") },
    ]);
    if (more === undefined) return "back";
    for (;;) {
      const typed = more === "yes" ? await ui.askLine(t("audit:evidence.paths")) : "";
      if (typed === undefined) break;
      try {
        await evidenceAddCommand(ctx, splitPaths(typed), { note });
        ui.say(style.green(`  ${t("audit:evidence.recorded")}\n`));
        return "recorded";
      } catch (error) {
        // A mistyped path must not end the audit: say what was wrong and ask again.
        if (!(error instanceof UsageError)) throw error;
        ui.say(style.yellow(`  ${t("audit:evidence.tryAgain", { problem: sanitizeLine(error.message) })}\n`));
      }
    }
  }
}

/** Paths as typed or dropped into a terminal: separated by spaces, "quoted" or 'quoted', or with \ before a space. */
export function splitPaths(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|'([^']*)'|((?:\\ |[^\s"'])+)/g)) {
    const path = match[1] ?? match[2] ?? match[3]!.replace(/\\ /g, " ");
    if (path) out.push(path);
  }
  return out;
}

/**
 * One step: what it is, why, where and how first; then, in order, the questions it needs (is it
 * safe now, record evidence before removing anything, what did you do). Esc goes back one question.
 */
async function askItem(ctx: Context, ui: AuditUI, style: Style, checklists: Checklist[], checklist: Checklist, item: ChecklistItem, position: { n: number; total: number }, width?: number): Promise<Answer | "stop" | "back"> {
  const counter = keepTogether(t("audit:step.counter", position));
  ui.say(`\n${style.dim(t("audit:step.header", { account: sanitizeLine(checklist.name), section: SECTION_NAMES[item.section], counter }))}\n`);
  ui.say(`${itemText(item, style, { width })}\n`);
  const questions: Array<() => Promise<StepOutcome>> = [];
  if (item.flags?.includes("alerts-others")) questions.push(() => beforeNoticeableStep(ui, style, checklists, item, width));
  if (item.flags?.includes("document-first") && ctx.save) questions.push(() => offerEvidence(ctx, ui, style, item));
  questions.push(() => whatDone(ui, style, item, width));
  for (let at = 0; ; ) {
    const outcome = await questions[at]!();
    if (outcome === "back") {
      if (at === 0 && position.n > 1) return "back";
      at = Math.max(0, at - 1);
    }
    else if (outcome === "next") at++;
    else return outcome;
  }
}

async function whatDone(ui: AuditUI, style: Style, item: ChecklistItem, width?: number): Promise<StepOutcome> {
  for (;;) {
    const answer = await ui.chooseOrBack(t("audit:step.whatToDo"), itemChoices());
    if (answer === undefined) return "back";
    if (answer !== "help") return answer;
    ui.say(`\n${itemText(item, style, { details: true, width })}\n${item.help ? "" : style.dim(`  ${t("audit:step.noMoreHelp")}\n`)}`);
  }
}
