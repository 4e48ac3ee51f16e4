/** Audit progress: answers per item, the current session, and the summary. No I/O here. */
import { RISKS, auditOrder, type Checklist, type ChecklistItem, type Risk } from "./checklist.js";

export const ANSWERS = ["done", "later", "not-applicable"] as const;
export type Answer = (typeof ANSWERS)[number];
export type ItemStatus = Answer | "open";

export interface SavedAnswer {
  status: Answer;
  /** ISO time the answer was given. */
  at: string;
}

export interface AuditSession {
  platforms: string[];
  startedAt: string;
  finishedAt?: string;
  /** Item ids in the order a ranked plan puts them; without it, each checklist's own order. */
  order?: string[];
}

export interface Progress {
  answers: Record<string, SavedAnswer>;
  session?: AuditSession;
}

export const emptyProgress = (): Progress => ({ answers: {} });

export function isAnswer(value: unknown): value is Answer {
  return typeof value === "string" && (ANSWERS as readonly string[]).includes(value);
}

export function statusOf(progress: Progress, id: string): ItemStatus {
  return progress.answers[id]?.status ?? "open";
}

export function withAnswer(progress: Progress, id: string, status: Answer, at: string): Progress {
  return { ...progress, answers: { ...progress.answers, [id]: { status, at } } };
}

export function startSession(progress: Progress, platforms: string[], at: string, order?: string[]): Progress {
  return { ...progress, session: { platforms, startedAt: at, ...(order && { order }) } };
}

export function finishSession(progress: Progress, at: string): Progress {
  return progress.session ? { ...progress, session: { ...progress.session, finishedAt: at } } : progress;
}

/**
 * The items still to ask in a session: not settled (done or not applicable) and not already
 * answered since the session started, so a resumed audit picks up exactly where it stopped.
 */
export function itemsToAsk(checklists: Checklist[], progress: Progress): Array<{ checklist: Checklist; item: ChecklistItem }> {
  const session = progress.session;
  if (!session) return [];
  const out: Array<{ checklist: Checklist; item: ChecklistItem }> = [];
  for (const platform of session.platforms) {
    const checklist = checklists.find((c) => c.platform === platform);
    if (!checklist) continue;
    for (const item of auditOrder(checklist)) {
      const saved = progress.answers[item.id];
      if (saved && (saved.status !== "later" || saved.at >= session.startedAt)) continue;
      out.push({ checklist, item });
    }
  }
  if (!session.order) return out;
  // A plan's order also says which steps are in it: the ones it left out are not asked.
  const rank = new Map(session.order.map((id, i) => [id, i]));
  return out.filter((entry) => rank.has(entry.item.id)).sort((a, b) => rank.get(a.item.id)! - rank.get(b.item.id)!);
}

/** A session that stopped before its end and still has questions left. */
export function resumableSession(checklists: Checklist[], progress: Progress): AuditSession | undefined {
  const session = progress.session;
  if (!session || session.finishedAt) return undefined;
  return itemsToAsk(checklists, progress).length > 0 ? session : undefined;
}

export interface PlatformSummary {
  id: string;
  name: string;
  done: number;
  later: number;
  notApplicable: number;
  open: number;
  total: number;
}

export interface RemainingItem {
  id: string;
  platform: string;
  title: string;
  risk: Risk;
  status: "open" | "later";
  section: string;
}

export interface AuditSummary {
  platforms: PlatformSummary[];
  /** Items not done and not set aside as not applicable, highest risk first. */
  remaining: RemainingItem[];
}

export function summarize(checklists: Checklist[], platformIds: string[], progress: Progress): AuditSummary {
  const platforms: PlatformSummary[] = [];
  const remaining: Array<RemainingItem & { order: number }> = [];
  for (const id of platformIds) {
    const checklist = checklists.find((c) => c.platform === id);
    if (!checklist) continue;
    const counts = { done: 0, later: 0, notApplicable: 0, open: 0 };
    for (const item of checklist.items) {
      const status = statusOf(progress, item.id);
      if (status === "done") counts.done++;
      else if (status === "not-applicable") counts.notApplicable++;
      else {
        if (status === "later") counts.later++;
        else counts.open++;
        remaining.push({
          id: item.id,
          platform: checklist.platform,
          title: item.title,
          risk: item.risk,
          status,
          section: item.section,
          order: remaining.length,
        });
      }
    }
    platforms.push({ id: checklist.platform, name: checklist.name, ...counts, total: checklist.items.length });
  }
  remaining.sort((a, b) => RISKS.indexOf(a.risk) - RISKS.indexOf(b.risk) || a.order - b.order);
  return { platforms, remaining: remaining.map(({ order: _order, ...rest }) => rest) };
}

/** Platforms that have at least one saved answer, in checklist order. */
export function platformsWithAnswers(checklists: Checklist[], progress: Progress): string[] {
  return checklists.filter((c) => c.items.some((i) => progress.answers[i.id])).map((c) => c.platform);
}
