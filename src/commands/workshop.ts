/**
 * harden workshop PLAN: a trainer's session, step by step for one participant (the plan's
 * audit, then its drills), or with --handout the whole session's printable material.
 */
import { currentLanguage, t } from "../i18n/index.js";
import { formatNumber } from "../output/locale.js";
import { wrap } from "../output/wrap.js";
import { loadChecklists } from "../checklists/catalog.js";
import type { CheckProgress } from "../breach/result.js";
import { HardenError, UsageError } from "../errors.js";
import type { CommandResult, DrillOutcome } from "../output/results.js";
import { sanitize, sanitizeLine } from "../output/sanitize.js";
import type { Style } from "../output/style.js";
import { checkPlan, planChecklistsDir, readPlan } from "../workshop/plan.js";
import { auditCommand, type AuditUI } from "./audit.js";
import { parseDocFormat, parsePaper } from "./formats.js";
import type { Context } from "./context.js";
import { totpPracticeCommand, type TotpUI } from "./totp.js";

export interface WorkshopUI extends AuditUI, TotpUI {
  confirmAction(message: string, defaultYes?: boolean): Promise<boolean>;
}

export interface WorkshopDeps {
  ui?: WorkshopUI;
  style: Style;
  color: boolean;
  width?: number;
  version: string;
  onProgress?: (p: CheckProgress) => void;
}

export async function workshopCommand(ctx: Context, file: string, options: { handout?: boolean; format?: string; paper?: string }, deps: WorkshopDeps): Promise<CommandResult> {
  const reading = await readPlan(file);
  const checklists = await loadChecklists({ extraDirs: [ctx.checklistsDir, planChecklistsDir(reading)], lang: ctx.lang });
  const { plan } = checkPlan(file, reading, checklists);
  const chosen = plan.platforms.map((id) => checklists.find((c) => c.platform === id)!);
  if (options.handout) return { kind: "handout", plan, checklists: chosen, format: parseDocFormat(options.format ?? "html"), paper: parsePaper(options.paper) };

  const { ui, style } = deps;
  if (!ctx.canPrompt || !ui) throw new UsageError(t("errors:workshop.needsTerminal"));
  ui.say(`${style.bold(sanitizeLine(plan.title))}\n${plan.description ? `${sanitize(plan.description)}\n` : ""}`);
  const planCtx: Context = { ...ctx, checklists: async () => checklists };
  const audit = await auditCommand(planCtx, { platforms: plan.platforms }, { ui, style, width: deps.width });
  const drills: DrillOutcome[] = [];
  for (const drill of plan.drills) {
    if (drill === "password-strength") drills.push(await passwordStrengthDrill(ctx, ui, style, deps));
    else {
      const practice = await totpPracticeCommand(ctx, { ui, style, color: deps.color });
      if (practice.kind === "totp-practice") drills.push({ drill, done: practice.match, note: t(practice.match ? "report:workshop.note.matched" : "report:workshop.note.notYet") });
    }
  }
  return { kind: "workshop", title: plan.title, audit: audit.kind === "audit" ? audit.summary : undefined, drills };
}

/**
 * Scores practice passwords at a hidden prompt and explains why. A breach lookup happens only
 * when the participant says yes, and sends 5 characters of the hash like `harden password`.
 */
async function passwordStrengthDrill(ctx: Context, ui: WorkshopUI, style: Style, deps: WorkshopDeps): Promise<DrillOutcome> {
  const { loadScorer } = await import("../strength/scorer.js");
  const { scoreWord } = await import("../output/passwordView.js");
  const scorer = loadScorer(currentLanguage());
  scorer.catch(() => {});
  ui.say(`\n${style.bold(t("report:workshop.strength.title"))}\n${wrap(t("report:workshop.strength.intro"), 90, "  ")}\n`);
  const scores: number[] = [];
  for (;;) {
    const password = await ui.askSecret(t("report:workshop.strength.ask"));
    if (password === "") break;
    const verdict = (await scorer).score(password);
    scores.push(verdict.score);
    ui.say(`  ${t("report:workshop.strength.score", { score: verdict.score, words: scoreWord(verdict.score), time: verdict.crackTimeOffline })}`);
    if (verdict.warning) ui.say(`  ${t("report:workshop.strength.why", { text: verdict.warning })}`);
    for (const tip of verdict.suggestions) ui.say(`  ${t("password:strength.tip", { text: tip })}`);
    if (await ui.confirmAction(t("report:workshop.strength.breach"), false)) {
      ui.say(await drillBreachLine(ctx, password, style, deps.version));
    }
    if (!(await ui.confirmAction(t("report:workshop.strength.again"), true))) break;
  }
  const note = scores.length ? t("report:workshop.note.tried", { count: scores.length, n: scores.length, scores: scores.join(", ") }) : t("report:workshop.note.noneTried");
  return { drill: "password-strength", done: scores.length > 0, note };
}

/** The drill's breach answer in one line; a check that cannot be made says so and the session goes on. */
async function drillBreachLine(ctx: Context, password: string, style: Style, version: string): Promise<string> {
  const [{ openBreachChecker }, { hashPassword }, { breachOptions }] = await Promise.all([import("../breach/open.js"), import("../breach/hash.js"), import("./passwordOptions.js")]);
  const cannot = (reason: string) => style.yellow(`  ${t("report:workshop.strength.cannot", { reason: sanitizeLine(reason).replace(/\.$/, "") })}`);
  let opened: Awaited<ReturnType<typeof openBreachChecker>>;
  try {
    opened = await openBreachChecker(breachOptions(ctx, { breach: true }, "sha1", version)!);
  } catch (error) {
    // A broken offline setting or address must not end the trainer's session.
    if (error instanceof HardenError) return cannot(error.message);
    throw error;
  }
  try {
    const [result] = await opened.checker.checkMany([await hashPassword(password, "sha1")]);
    if (result?.status === "found") return style.red(`  ${t("report:workshop.strength.found", { count: result.count, n: formatNumber(result.count) })}`);
    if (result?.status === "not-found") return style.green(`  ${t("password:breach.notFound")}`);
    return cannot(result?.status === "unknown" ? result.reason : t("report:workshop.strength.noAnswer"));
  } finally {
    await opened.checker.close();
  }
}
