/**
 * From intake answers to a ranked plan, by rules kept in data (checklists/rules/intake.yaml).
 * No I/O here: the rules and checklists come in, the ordered plan goes out.
 */
import { RISKS, type Checklist, type ChecklistItem } from "./checklist.js";
import { textHash } from "./translation.js";

export const INTAKE_ANSWERS = ["yes", "no", "unsure"] as const;
export type IntakeAnswer = (typeof INTAKE_ANSWERS)[number];
/** Question id -> answer; a skipped question is simply absent. */
export type IntakeAnswers = Record<string, IntakeAnswer>;

export interface IntakeQuestion {
  id: string;
  text: string;
  help?: string;
}

export interface PlanRule {
  id: string;
  when: Record<string, IntakeAnswer[]>;
  add?: string[];
  boost?: number;
  match?: { checklists?: string[]; sections?: string[]; flags?: string[]; ids?: string[] };
  because: string;
  /** The reason an item this rule raised shows: {why} and {title} are the item's own words. */
  reason?: string;
}

export type ItemMatch = NonNullable<PlanRule["match"]>;

/** One part of "today": the steps it takes, in the plan's order, and at most `limit` of them. */
export interface TodayPart {
  id: string;
  match: ItemMatch;
  limit?: number;
  /** Only steps a rule raised for these answers. */
  raised?: boolean;
  /** Skipped when one of these parts (before it) took a step: a stand-in for them. */
  unless?: string[];
}

/**
 * How the plan is laid out: "today" is made of parts in this order (safety, evidence, a safe
 * device, then what stops harm now), at most `max` steps; "then" is the rest, account by account.
 */
export interface PlanLayout {
  max: number;
  parts: TodayPart[];
}

/** A fact harden learns without asking (phone-stalkerware, from harden phone check); rules name it like a question. */
export interface IntakeFact {
  id: string;
  source: string;
}

export interface IntakeRules {
  questions: IntakeQuestion[];
  facts?: IntakeFact[];
  rules: PlanRule[];
  today?: PlanLayout;
}

/** checklists/i18n/LANG/rules/intake.yaml: the words of the questions and rules, each with the version of the English it was made from. */
export interface IntakeTranslation {
  lang: string;
  questions?: Array<{ id: string; from: string; text: string; help?: string }>;
  rules?: Array<{ id: string; from: string; because: string; reason?: string }>;
}

/** The version of a question's English words, and of a rule's. */
export const questionHash = (q: Pick<IntakeQuestion, "text" | "help">) => textHash([q.text, q.help ?? null]);
export const ruleHash = (r: Pick<PlanRule, "because" | "reason">) => textHash([r.because, r.reason ?? null]);

/**
 * The rules in another language: a question or rule takes its translated words only when they
 * were made from its current English; a stale or missing translation leaves the English.
 */
export function translateIntake(rules: IntakeRules, translation: IntakeTranslation): IntakeRules {
  const questions = new Map((translation.questions ?? []).map((q) => [q.id, q]));
  const reasons = new Map((translation.rules ?? []).map((r) => [r.id, r]));
  return {
    ...rules,
    questions: rules.questions.map((q) => {
      const tr = questions.get(q.id);
      if (!tr || tr.from !== questionHash(q)) return q;
      const { help: _help, ...rest } = q;
      return { ...rest, text: tr.text, ...(q.help !== undefined && { help: tr.help ?? q.help }) };
    }),
    rules: rules.rules.map((r) => {
      const tr = reasons.get(r.id);
      if (!tr || tr.from !== ruleHash(r)) return r;
      return { ...r, because: tr.because, ...(r.reason !== undefined && { reason: tr.reason ?? r.reason }) };
    }),
  };
}

export interface PlannedItem {
  checklist: Checklist;
  item: ChecklistItem;
  score: number;
  /** Why the item is where it is, in words: the rules that raised it. */
  reasons: string[];
}

export interface Plan {
  /** Checklists in the plan: the ones chosen plus the ones rules added. */
  platforms: string[];
  /** Rules that applied, in file order. */
  applied: string[];
  /** Every step, in the order to take them: today's, then the rest. */
  items: PlannedItem[];
  /** The steps that stop harm now, in order. */
  today: PlannedItem[];
  /** The rest, account by account: each platform's steps together, the most urgent platform first. */
  then: PlannedItem[];
  /** Platforms the left-out response steps are for: offered once, not as steps. */
  otherAccounts: string[];
}

const RISK_SCORE: Record<string, number> = { high: 30, medium: 20, low: 10 };

export function ruleApplies(rule: PlanRule, answers: IntakeAnswers): boolean {
  return Object.entries(rule.when).every(([question, accepted]) => {
    const answer = answers[question];
    return answer !== undefined && accepted.includes(answer);
  });
}

export function ruleMatches(rule: PlanRule, checklist: Checklist, item: ChecklistItem): boolean {
  return rule.match !== undefined && itemMatches(rule.match, checklist, item);
}

export function itemMatches(m: ItemMatch, checklist: Checklist, item: ChecklistItem): boolean {
  return (
    (!m.checklists || m.checklists.includes(checklist.platform)) &&
    (!m.sections || m.sections.includes(item.section)) &&
    (!m.flags || m.flags.some((f) => item.flags?.includes(f as never))) &&
    (!m.ids || m.ids.some((id) => (id.endsWith("*") ? item.id.startsWith(id.slice(0, -1)) : id === item.id)))
  );
}

/**
 * Whether a response item concerns an account the person uses: one that names platforms
 * (appliesTo) is kept only when the person chose one of them. With no accounts chosen at all,
 * nothing is known to leave out, so every item is kept.
 */
export function concernsChosen(checklist: Checklist, item: ChecklistItem, accounts: readonly string[]): boolean {
  if (checklist.kind !== "response" || !item.appliesTo || accounts.length === 0) return true;
  return item.appliesTo.some((p) => accounts.includes(p));
}

/**
 * Ranks every item of the chosen checklists (plus those rules add): its risk, raised by each
 * rule that applies and matches it. Ties keep checklist and file order, so the plan is stable.
 * Response items for platforms the person did not choose are left out (concernsChosen); the
 * platforms they are for are named once, in otherAccounts. The ranked items are then laid out
 * as today and then (layOut).
 */
export function buildPlan(rules: IntakeRules, answers: IntakeAnswers, checklists: Checklist[], chosen: string[]): Plan {
  const applied = rules.rules.filter((r) => ruleApplies(r, answers));
  const known = new Set(checklists.map((c) => c.platform));
  const platforms = [...new Set([...applied.flatMap((r) => r.add ?? []), ...chosen])].filter((p) => known.has(p));
  const accounts = chosen.filter((p) => checklists.some((c) => c.platform === p && c.kind !== "response"));
  const items: Array<PlannedItem & { order: number }> = [];
  const other = new Set<string>();
  for (const platform of platforms) {
    const checklist = checklists.find((c) => c.platform === platform)!;
    for (const item of checklist.items) {
      if (!concernsChosen(checklist, item, accounts)) {
        for (const p of item.appliesTo ?? []) other.add(p);
        continue;
      }
      // The strongest rule first: its reason is the one shown.
      const raising = applied.filter((r) => (r.boost ?? 0) !== 0 && ruleMatches(r, checklist, item)).sort((a, b) => (b.boost ?? 0) - (a.boost ?? 0));
      items.push({
        checklist,
        item,
        score: (RISK_SCORE[item.risk] ?? 0) + raising.reduce((sum, r) => sum + (r.boost ?? 0), 0),
        reasons: raising.map((r) => reasonFor(r, item)),
        order: items.length,
      });
    }
  }
  items.sort((a, b) => b.score - a.score || RISKS.indexOf(a.item.risk) - RISKS.indexOf(b.item.risk) || a.order - b.order);
  const ranked = items.map(({ order: _o, ...rest }) => rest);
  const { today, then } = layOut(ranked, rules.today);
  const otherAccounts = [...other].filter((p) => !accounts.includes(p)).sort((a, b) => platformIndex(checklists, a) - platformIndex(checklists, b));
  return { platforms, applied: applied.map((r) => r.id), items: [...today, ...then], today, then, otherAccounts };
}

const platformIndex = (checklists: Checklist[], platform: string) => {
  const i = checklists.findIndex((c) => c.platform === platform);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};

/** A rule's reason for one item, in the item's own words: {why} and {title} filled in. */
export function reasonFor(rule: PlanRule, item: ChecklistItem): string {
  const template = rule.reason ?? "{why}";
  return template.replace(/\{(why|title)\}/g, (_m, key: "why" | "title") => item[key].trim());
}

/**
 * Today: each part in turn takes the ranked steps it matches (at most its limit) until there
 * are `max`; so safety, evidence and a safe device come before the steps that could be noticed
 * or remove evidence. Then: the rest, grouped by platform, the platform with the most urgent
 * step first, each platform's steps in ranked order.
 */
export function layOut(ranked: PlannedItem[], layout: PlanLayout | undefined): { today: PlannedItem[]; then: PlannedItem[] } {
  const today: PlannedItem[] = [];
  const took = new Map<string, number>();
  for (const part of layout?.parts ?? []) {
    if (part.unless?.some((id) => (took.get(id) ?? 0) > 0)) continue;
    let taken = 0;
    for (const entry of ranked) {
      if (today.length >= (layout?.max ?? 0) || (part.limit !== undefined && taken >= part.limit)) break;
      if (today.includes(entry) || (part.raised && entry.reasons.length === 0) || !itemMatches(part.match, entry.checklist, entry.item)) continue;
      today.push(entry);
      taken++;
    }
    took.set(part.id, taken);
  }
  const groups = new Map<string, PlannedItem[]>();
  for (const entry of ranked) {
    if (today.includes(entry)) continue;
    const group = groups.get(entry.checklist.platform) ?? [];
    group.push(entry);
    groups.set(entry.checklist.platform, group);
  }
  return { today, then: [...groups.values()].flat() };
}

/** Why an item is in the plan, in one line, specific to the item. */
export function planReason(entry: PlannedItem): string {
  return entry.reasons[0] ?? entry.item.why.trim();
}
