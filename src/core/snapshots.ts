/**
 * Re-audit snapshots: what every item's status, path and verified date were at one full check,
 * what changed between two checks, and whether it is time to check again. No I/O here.
 */
import { t } from "../i18n/index.js";
import { isRecord } from "./records.js";
import { pathEntries, SURFACES, type Checklist, type SettingPath } from "./checklist.js";
import { isAnswer, statusOf, type ItemStatus, type Progress } from "./progress.js";

export interface SnapshotEntry {
  status: ItemStatus;
  /** The checklist's "last checked" date for the item when the snapshot was taken. */
  verified: string;
  /** A stable string of where the setting lives, so a moved setting shows up as a change. */
  pathKey: string;
  title: string;
  platform: string;
}

export interface AuditSnapshot {
  version: 1;
  /** ISO time the snapshot was taken. */
  takenAt: string;
  /** The platforms checked, in the order given; a platform with no checklist is left out. */
  platforms: string[];
  /** Keyed by item id. */
  items: Record<string, SnapshotEntry>;
}

export interface DiffItem {
  id: string;
  platform: string;
  title: string;
}

export type ChangedPart = "verified" | "path";

export interface SnapshotDiff {
  /** takenAt of the earlier snapshot. */
  from: string;
  /** takenAt of the later snapshot. */
  to: string;
  /** Done or not applicable before, open or later now. */
  reopened: DiffItem[];
  /** In the later snapshot only, on a platform both snapshots checked. */
  newItems: DiffItem[];
  /** Done before, and the checklist's path or verified date for it differs now (whatever its status now). */
  changedSinceDone: Array<DiffItem & { what: ChangedPart[] }>;
  /** In the earlier snapshot only, on a platform both snapshots checked. */
  removed: DiffItem[];
}

export interface Staleness {
  /** Date (YYYY-MM-DD, UTC) of the last full check, when there was one. */
  lastCheck?: string;
  /** Whole calendar days since then. */
  daysSince?: number;
  advice: string;
}

/** Advocates' advice after an incident: check again every week for a month (Digital First Aid Kit). */
export const RECHECK_DAYS = 7;

const SETTLED: readonly ItemStatus[] = ["done", "not-applicable"];
const UNSETTLED: readonly ItemStatus[] = ["open", "later"];

/**
 * Where a setting lives, as a stable string: each place by its English name (as snapshots have
 * always kept it), whatever the run's language, so a check made in French is no change.
 */
export function pathKeyOf(path: SettingPath): string {
  const entries = typeof path === "string" ? pathEntries(path) : SURFACES.filter((s) => path[s] !== undefined).map((s) => [t(`checklist:surface.${s}`, { lng: "en" }), path[s]]);
  return JSON.stringify(entries);
}

export function takeSnapshot(checklists: Checklist[], platforms: string[], progress: Progress, at: Date): AuditSnapshot {
  const taken: string[] = [];
  const items: Record<string, SnapshotEntry> = {};
  for (const platform of platforms) {
    const checklist = checklists.find((c) => c.platform === platform);
    if (!checklist || taken.includes(platform)) continue;
    taken.push(platform);
    for (const item of checklist.items) {
      items[item.id] = {
        status: statusOf(progress, item.id),
        verified: item.verified,
        pathKey: pathKeyOf(item.path),
        title: item.title,
        platform: checklist.platform,
      };
    }
  }
  return { version: 1, takenAt: at.toISOString(), platforms: taken, items };
}

export function diffSnapshots(previous: AuditSnapshot, current: AuditSnapshot): SnapshotDiff {
  const both = new Set(previous.platforms.filter((p) => current.platforms.includes(p)));
  const short = (id: string, entry: SnapshotEntry): DiffItem => ({ id, platform: entry.platform, title: entry.title });
  const diff: SnapshotDiff = { from: previous.takenAt, to: current.takenAt, reopened: [], newItems: [], changedSinceDone: [], removed: [] };
  for (const [id, now] of Object.entries(current.items)) {
    const before = Object.hasOwn(previous.items, id) ? previous.items[id] : undefined;
    if (!before) {
      if (both.has(now.platform)) diff.newItems.push(short(id, now));
      continue;
    }
    if (SETTLED.includes(before.status) && UNSETTLED.includes(now.status)) diff.reopened.push(short(id, now));
    if (before.status === "done") {
      const what: ChangedPart[] = [];
      if (before.verified !== now.verified) what.push("verified");
      if (before.pathKey !== now.pathKey) what.push("path");
      if (what.length > 0) diff.changedSinceDone.push({ ...short(id, now), what });
    }
  }
  for (const [id, before] of Object.entries(previous.items)) {
    if (!Object.hasOwn(current.items, id) && both.has(before.platform)) diff.removed.push(short(id, before));
  }
  return diff;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const utcDay = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The advice, in the run's language (the message catalogue is loaded at start-up; no I/O here).
 * Advocates' advice after an incident comes with every answer.
 */
export function checkStaleness(lastTakenAt: string | undefined, now: Date): Staleness {
  const weekly = t("audit:staleness.weekly");
  const last = lastTakenAt === undefined ? undefined : new Date(lastTakenAt);
  if (!last || Number.isNaN(last.getTime())) {
    return { advice: `${t("audit:staleness.none")} ${weekly}` };
  }
  // Calendar days, so "N days ago" always agrees with the date shown next to it.
  const daysSince = Math.max(0, Math.round((utcDay(now) - utcDay(last)) / DAY_MS));
  const lastCheck = isoDay(last);
  const said =
    daysSince === 0
      ? t("audit:staleness.today", { date: lastCheck })
      : daysSince === 1
        ? t("audit:staleness.yesterday", { date: lastCheck })
        : t("audit:staleness.daysAgo", { count: daysSince, date: lastCheck });
  if (daysSince >= RECHECK_DAYS) return { lastCheck, daysSince, advice: `${said} ${weekly} ${t("audit:staleness.due")}` };
  const due = isoDay(new Date(utcDay(last) + RECHECK_DAYS * DAY_MS));
  const left = RECHECK_DAYS - daysSince;
  return { lastCheck, daysSince, advice: `${said} ${weekly} ${t("audit:staleness.next", { count: left, date: due })}` };
}

function isEntry(value: unknown): value is SnapshotEntry {
  if (!isRecord(value)) return false;
  const { status, verified, pathKey, title, platform } = value;
  return (
    (status === "open" || isAnswer(status)) &&
    typeof verified === "string" &&
    typeof pathKey === "string" &&
    typeof title === "string" &&
    typeof platform === "string"
  );
}

/** Checks the shape of a snapshot read from outside (a file); anything else is not a snapshot. */
export function isAuditSnapshot(value: unknown): value is AuditSnapshot {
  if (!isRecord(value)) return false;
  const { version, takenAt, platforms, items } = value;
  return (
    version === 1 &&
    typeof takenAt === "string" &&
    !Number.isNaN(Date.parse(takenAt)) &&
    Array.isArray(platforms) &&
    platforms.every((p) => typeof p === "string") &&
    isRecord(items) &&
    Object.values(items).every(isEntry)
  );
}
