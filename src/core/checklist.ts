/** The checklist model: what a platform's audit is made of. No I/O here. */
import { t } from "../i18n/index.js";

/** Names looked up in the run's language each time they are read, so a Record keeps working as one. */
function translatedNames<K extends string>(keys: readonly K[], prefix: string): Readonly<Record<K, string>> {
  const names = {} as Record<K, string>;
  for (const key of keys) Object.defineProperty(names, key, { enumerable: true, get: () => t(`${prefix}.${key}`) });
  return Object.freeze(names);
}

export const SECTIONS = [
  "privacy",
  "password",
  "two-factor",
  "friends",
  "sessions",
  "recovery",
  "apps",
  "location",
  "device",
  "forwarding",
  // Sections of the response checklists (what to do after harm has happened).
  "recover",
  "evidence",
  "report",
  "removal",
  "contacts",
  "support",
] as const;
export type Section = (typeof SECTIONS)[number];

/** A section's name in the run's language. */
export const SECTION_NAMES: Readonly<Record<Section, string>> = translatedNames(SECTIONS, "checklist:section");

export const RISKS = ["high", "medium", "low"] as const;
export type Risk = (typeof RISKS)[number];

export const FLAGS = ["alerts-others", "document-first", "safe-device"] as const;
export type Flag = (typeof FLAGS)[number];

/** What each flag means, in the words shown to the person before the steps (in the run's language). */
export const FLAG_EXPLANATIONS: Readonly<Record<Flag, string>> = translatedNames(FLAGS, "checklist:flag");
/** A flag's short name, shown beside an item on paper. */
export const FLAG_LABELS: Readonly<Record<Flag, string>> = translatedNames(FLAGS, "checklist:flagLabel");

export const SURFACES = ["web", "android", "ios", "app", "desktop", "windows", "mac", "gmail", "outlook", "yahoo", "icloud", "proton"] as const;
export type Surface = (typeof SURFACES)[number];
export const SURFACE_NAMES: Readonly<Record<Surface, string>> = translatedNames(SURFACES, "checklist:surface");

export const SOURCE_KINDS = ["official", "official-copy", "secondary"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where a setting lives: one path everywhere, or one per surface. */
export type SettingPath = string | Partial<Record<Surface, string>>;

export interface ChecklistItem {
  id: string;
  section: Section;
  title: string;
  why: string;
  steps: string[];
  path: SettingPath;
  risk: Risk;
  flags?: Flag[];
  notice?: string;
  help?: string;
  source: string;
  sourceKind: SourceKind;
  verified: string;
  /** The platform's own address of the version of the source page the text was read in, when another one (never a copy's address): provenance only, never shown or linked. */
  sourceCopy?: string;
  /** The page's own date (YYYY, YYYY-MM or YYYY-MM-DD), where it gives one. */
  sourceDate?: string;
  /** Platforms a response item concerns, so a plan can keep to the accounts a person uses. */
  appliesTo?: string[];
  /** Countries (ISO 3166-1 alpha-2: FR, BE) an item applies in, such as a national helpline. */
  countries?: string[];
  /** Hosts other than a platform's own that the item sends the person to on purpose. */
  thirdParty?: string[];
  /** Other pages read for the item (provenance for maintainers). */
  alsoRead?: string[];
  /** Set when another language was asked for and this item is shown in English: its translation is stale or missing. */
  inEnglish?: "stale" | "missing";
  /** The English steps of a translated item: what the audit's English word rules (which step removes something) read. */
  englishSteps?: string[];
}

export type ChecklistKind = "platform" | "response";

export interface Checklist {
  platform: string;
  name: string;
  kind?: ChecklistKind;
  description?: string;
  /** The platform's own web hosts: sources and links must be on these, or marked third party. */
  officialHosts?: string[];
  items: ChecklistItem[];
  /** Files this checklist was read from (built-in first, then a trainer's). */
  files: string[];
}

/** A source page dated before this year is shown as possibly out of date. */
export const OLD_SOURCE_BEFORE_YEAR = 2024;

/** What is known of when an item's page was written and read, in the words shown after its link. */
export function sourceNote(item: Pick<ChecklistItem, "sourceDate" | "verified">): string {
  const year = item.sourceDate ? Number(item.sourceDate.slice(0, 4)) : undefined;
  if (year !== undefined && year < OLD_SOURCE_BEFORE_YEAR) return t("checklist:source.old", { year, verified: item.verified });
  if (item.sourceDate) return t("checklist:source.dated", { date: item.sourceDate, verified: item.verified });
  return t("checklist:source.checked", { verified: item.verified });
}

/** What a source is called where it is shown: a secondary one says it is not the platform's own page. */
export const sourceLabel = (item: Pick<ChecklistItem, "sourceKind">) => t(item.sourceKind === "secondary" ? "checklist:source.labelSecondary" : "checklist:source.label");

/** The one line shown with an item whose English is shown because its translation is stale or missing. */
export const inEnglishNote = (item: Pick<ChecklistItem, "inEnglish">): string | undefined => (item.inEnglish ? t(`checklist:inEnglish.${item.inEnglish}`) : undefined);

/** An item as shown or given as data: without sourceCopy and alsoRead, which are provenance for maintainers. */
export function shownItem(item: ChecklistItem): ChecklistItem {
  const { sourceCopy: _copy, alsoRead: _also, englishSteps: _english, ...shown } = item;
  return shown;
}

/** Path entries as [label, path] pairs, in a stable order. */
export function pathEntries(path: SettingPath): Array<[string | undefined, string]> {
  if (typeof path === "string") return [[undefined, path]];
  return SURFACES.filter((s) => path[s] !== undefined).map((s) => [SURFACE_NAMES[s], path[s] as string]);
}

/**
 * The order the audit asks in: a platform's high-risk items first (then medium, then low,
 * each in file order); a response checklist's steps exactly as written, because order matters there.
 */
export function auditOrder(checklist: Checklist): ChecklistItem[] {
  if (checklist.kind === "response") return checklist.items;
  return RISKS.flatMap((risk) => checklist.items.filter((i) => i.risk === risk));
}

/**
 * How a checklist is laid out on paper: a platform's items grouped by section in the fixed
 * section order; a response checklist's steps in the order written, with a heading whenever
 * the section changes.
 */
export function displayGroups(checklist: Checklist): Array<{ section: Section; items: ChecklistItem[] }> {
  if (checklist.kind !== "response") {
    return sectionsOf(checklist).map((section) => ({ section, items: checklist.items.filter((i) => i.section === section) }));
  }
  const groups: Array<{ section: Section; items: ChecklistItem[] }> = [];
  for (const item of checklist.items) {
    const last = groups.at(-1);
    if (last?.section === item.section) last.items.push(item);
    else groups.push({ section: item.section, items: [item] });
  }
  return groups;
}

export function sectionsOf(checklist: Checklist): Section[] {
  const present = new Set(checklist.items.map((i) => i.section));
  return SECTIONS.filter((s) => present.has(s));
}

/**
 * Lays a trainer's checklists over the built-in ones: an item with the same id replaces the
 * built-in item in place; new items are added at the end; a new platform is added whole.
 */
export function mergeChecklists(base: Checklist[], overlay: Checklist[]): Checklist[] {
  const merged = new Map(base.map((c) => [c.platform, { ...c, items: [...c.items], files: [...c.files] }]));
  for (const extra of overlay) {
    const target = merged.get(extra.platform);
    if (!target) {
      merged.set(extra.platform, { ...extra, items: [...extra.items], files: [...extra.files] });
      continue;
    }
    target.files.push(...extra.files);
    if (extra.officialHosts) target.officialHosts = [...new Set([...(target.officialHosts ?? []), ...extra.officialHosts])];
    for (const item of extra.items) {
      const at = target.items.findIndex((i) => i.id === item.id);
      if (at >= 0) target.items[at] = item;
      else target.items.push(item);
    }
  }
  return [...merged.values()];
}

export function findItem(checklists: Checklist[], id: string): { checklist: Checklist; item: ChecklistItem } | undefined {
  for (const checklist of checklists) {
    const item = checklist.items.find((i) => i.id === id);
    if (item) return { checklist, item };
  }
  return undefined;
}

/** What `harden list` shows of a checklist. */
export interface ChecklistSummary {
  id: string;
  name: string;
  items: number;
  sections: Section[];
}

export const summarizeChecklist = (c: Checklist): ChecklistSummary => ({ id: c.platform, name: c.name, items: c.items.length, sections: sectionsOf(c) });
