/**
 * From intake answers to a ranked plan, by rules kept in data (checklists/rules/intake.yaml).
 * No I/O here: the rules and checklists come in, the ordered plan goes out.
 */
import { RISKS, type Checklist, type ChecklistItem } from "./checklist.js";

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
}

export interface IntakeRules {
  questions: IntakeQuestion[];
  rules: PlanRule[];
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
  items: PlannedItem[];
}

const RISK_SCORE: Record<string, number> = { high: 30, medium: 20, low: 10 };

export function ruleApplies(rule: PlanRule, answers: IntakeAnswers): boolean {
  return Object.entries(rule.when).every(([question, accepted]) => {
    const answer = answers[question];
    return answer !== undefined && accepted.includes(answer);
  });
}

export function ruleMatches(rule: PlanRule, checklist: Checklist, item: ChecklistItem): boolean {
  const m = rule.match;
  if (!m) return false;
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
 * Response items for platforms the person did not choose are left out (concernsChosen).
 */
export function buildPlan(rules: IntakeRules, answers: IntakeAnswers, checklists: Checklist[], chosen: string[]): Plan {
  const applied = rules.rules.filter((r) => ruleApplies(r, answers));
  const known = new Set(checklists.map((c) => c.platform));
  const platforms = [...new Set([...applied.flatMap((r) => r.add ?? []), ...chosen])].filter((p) => known.has(p));
  const accounts = chosen.filter((p) => checklists.some((c) => c.platform === p && c.kind !== "response"));
  const items: Array<PlannedItem & { order: number }> = [];
  for (const platform of platforms) {
    const checklist = checklists.find((c) => c.platform === platform)!;
    for (const item of checklist.items) {
      if (!concernsChosen(checklist, item, accounts)) continue;
      const raising = applied.filter((r) => (r.boost ?? 0) !== 0 && ruleMatches(r, checklist, item));
      items.push({
        checklist,
        item,
        score: (RISK_SCORE[item.risk] ?? 0) + raising.reduce((sum, r) => sum + (r.boost ?? 0), 0),
        reasons: raising.map((r) => r.because),
        order: items.length,
      });
    }
  }
  items.sort((a, b) => b.score - a.score || RISKS.indexOf(a.item.risk) - RISKS.indexOf(b.item.risk) || a.order - b.order);
  return { platforms, applied: applied.map((r) => r.id), items: items.map(({ order: _o, ...rest }) => rest) };
}

/** Why an item is in the top of the plan, in one line. */
export function planReason(entry: PlannedItem): string {
  return entry.reasons[0] ?? `It is marked ${entry.item.risk} risk.`;
}
