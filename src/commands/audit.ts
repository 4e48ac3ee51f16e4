/**
 * The guided audit: a safety note, a platform picker, then one item at a time. Every answer is
 * saved the moment it is given, so Ctrl-C loses nothing and the next run offers to resume.
 * With --answers FILE it asks nothing (clinics' scripted runs).
 */
import { readAnswersFile } from "../answers/answersFile.js";
import { SECTION_NAMES, type Checklist, type ChecklistItem } from "../core/checklist.js";
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
import { itemText } from "../output/checklistView.js";
import type { CommandResult } from "../output/results.js";
import { sanitizeLine } from "../output/sanitize.js";
import { SAFETY_NOTE } from "../output/guidance.js";
import type { Style } from "../output/style.js";
import { wrap } from "../output/wrap.js";
import type { Choice } from "../prompts/index.js";
import type { Context } from "./context.js";
import { pickChecklists } from "./platforms.js";

export interface AuditOptions {
  platforms: string[];
  answers?: string;
}

/** What the interactive audit needs from a terminal; the prompts module provides it. */
export interface AuditUI {
  say(text: string): void;
  chooseOne<T extends string>(message: string, choices: Choice<T>[]): Promise<T>;
  chooseMany<T extends string>(message: string, choices: Choice<T>[], options: { required?: string }): Promise<T[]>;
}

type ItemChoice = Answer | "help" | "stop";

const ITEM_CHOICES: Choice<ItemChoice>[] = [
  { value: "done", name: "Done: I have checked or changed this" },
  { value: "later", name: "Later: remind me, I will come back to it" },
  { value: "not-applicable", name: "Not for me: this does not apply to me" },
  { value: "help", name: "More help: show everything about this step" },
  { value: "stop", name: "Stop for now (your answers are kept)" },
];

export async function auditCommand(ctx: Context, options: AuditOptions, deps: { ui?: AuditUI; style: Style; width?: number }): Promise<CommandResult> {
  const checklists = await ctx.checklists();
  const named = options.platforms.length ? pickChecklists(checklists, options.platforms) : undefined;
  if (options.answers !== undefined) return scriptedAudit(ctx, checklists, named, options.answers);
  if (!ctx.canPrompt || !deps.ui) {
    throw new UsageError("harden audit asks questions and needs a terminal. For a scripted run, give the answers in a file: harden audit --answers FILE [--json].");
  }
  return guidedAudit(ctx, checklists, named, deps.ui, deps.style, deps.width);
}

async function scriptedAudit(ctx: Context, checklists: Checklist[], named: Checklist[] | undefined, file: string): Promise<CommandResult> {
  const answers = await readAnswersFile(file, checklists);
  const state = ctx.state();
  let progress = state.loadProgress();
  const at = ctx.now().toISOString();
  for (const [id, status] of answers) progress = withAnswer(progress, id, status, at);
  state.saveProgress(progress);
  const platforms = named
    ? named.map((c) => c.platform)
    : checklists.filter((c) => c.items.some((i) => answers.has(i.id))).map((c) => c.platform);
  return { kind: "audit", summary: summarize(checklists, platforms, progress), finished: true, saved: ctx.save };
}

async function choosePlatforms(ui: AuditUI, checklists: Checklist[], previous: string[] | undefined): Promise<string[]> {
  // Accounts first, then the lists for when something has already happened.
  const ordered = [...checklists.filter((c) => c.kind !== "response"), ...checklists.filter((c) => c.kind === "response")];
  return ui.chooseMany(
    "Which accounts do you want to check? (space to select, enter to go on)",
    ordered.map((c) => ({
      value: c.platform,
      name: c.kind === "response" ? `If it has happened: ${sanitizeLine(c.name)}` : sanitizeLine(c.name),
      checked: previous?.includes(c.platform) ?? false,
    })),
    { required: "Pick at least one account with the space bar, then press enter." },
  );
}

async function guidedAudit(ctx: Context, checklists: Checklist[], named: Checklist[] | undefined, ui: AuditUI, style: Style, width?: number): Promise<CommandResult> {
  ui.say(`${style.bold(SAFETY_NOTE.title)}\n${wrap(SAFETY_NOTE.body, Math.min(width ?? 80, 100), "  ")}\n`);
  if (!ctx.save) ui.say(style.yellow("Nothing will be saved this time (--no-save).\n"));
  const state = ctx.state();
  let progress = state.loadProgress();
  for (const notice of state.notices.splice(0)) ui.say(style.yellow(notice));

  const save = (next: Progress) => {
    progress = next;
    state.saveProgress(progress);
  };

  const resumable = resumableSession(checklists, progress);
  const sameAsNamed = !named || (resumable && named.map((c) => c.platform).sort().join() === [...resumable.platforms].sort().join());
  let resume = false;
  if (resumable && sameAsNamed) {
    const names = resumable.platforms.map((p) => checklists.find((c) => c.platform === p)?.name ?? p).join(", ");
    const left = itemsToAsk(checklists, progress).length;
    resume =
      (await ui.chooseOne(`You have an audit in progress (${sanitizeLine(names)}, ${left} step${left === 1 ? "" : "s"} left). Carry on?`, [
        { value: "resume", name: "Yes, carry on where I stopped" },
        { value: "new", name: "No, start a new audit (your answers so far are kept)" },
      ])) === "resume";
  }
  if (!resume) {
    const platforms = named ? named.map((c) => c.platform) : await choosePlatforms(ui, checklists, progress.session?.platforms);
    save(startSession(progress, platforms, ctx.now().toISOString()));
  }

  const queue = itemsToAsk(checklists, progress);
  let stopped = false;
  for (const [index, { checklist, item }] of queue.entries()) {
    const answer = await askItem(ui, style, checklist, item, `${index + 1} of ${queue.length}`, width);
    if (answer === "stop") {
      stopped = true;
      break;
    }
    save(withAnswer(progress, item.id, answer, ctx.now().toISOString()));
  }
  if (!stopped) save(finishSession(progress, ctx.now().toISOString()));
  return { kind: "audit", summary: summarize(checklists, progress.session?.platforms ?? [], progress), finished: !stopped, saved: ctx.save };
}

async function askItem(ui: AuditUI, style: Style, checklist: Checklist, item: ChecklistItem, position: string, width?: number): Promise<Answer | "stop"> {
  ui.say(`\n${style.dim(`${sanitizeLine(checklist.name)} · ${SECTION_NAMES[item.section]} · step ${position}`)}\n${itemText(item, style, { width })}\n`);
  for (;;) {
    const answer = await ui.chooseOne("What would you like to do?", ITEM_CHOICES);
    if (answer !== "help") return answer;
    ui.say(`\n${itemText(item, style, { details: true, width })}\n${item.help ? "" : style.dim("  (No more help is written for this step yet. The page named under Source has more.)\n")}`);
  }
}
