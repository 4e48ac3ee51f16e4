/** The checklist model: what a platform's audit is made of. No I/O here. */

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

export const SECTION_NAMES: Record<Section, string> = {
  privacy: "Privacy",
  password: "Password",
  "two-factor": "Two-factor authentication",
  friends: "Friends and followers",
  sessions: "Sessions and devices",
  recovery: "Recovery options",
  apps: "Connected apps",
  location: "Location sharing",
  device: "Device",
  forwarding: "Forwarding and filters",
  recover: "Getting back in",
  evidence: "Saving evidence",
  report: "Reporting",
  removal: "Removal and prevention",
  contacts: "Telling people",
  support: "Help and support",
};

export const RISKS = ["high", "medium", "low"] as const;
export type Risk = (typeof RISKS)[number];

export const FLAGS = ["alerts-others", "document-first", "safe-device"] as const;
export type Flag = (typeof FLAGS)[number];

/** What each flag means, in the words shown to the person before the steps. */
export const FLAG_EXPLANATIONS: Record<Flag, string> = {
  "alerts-others":
    "Someone who watches this account may notice this change (an email, a notification, or a device being signed out). If that could put you at risk, you can leave it for later or talk to an advocate first.",
  "document-first":
    "Save evidence before you do this: take screenshots of what you see (devices, sessions, messages) with the date, because it may disappear once you change it.",
  "safe-device":
    "Do this from a phone or computer the other person has never used or had access to, if you can.",
};

export const SURFACES = ["web", "android", "ios", "app", "desktop", "windows", "mac", "gmail", "outlook", "yahoo", "icloud", "proton"] as const;
export type Surface = (typeof SURFACES)[number];
export const SURFACE_NAMES: Record<Surface, string> = {
  web: "Web",
  android: "Android app",
  ios: "iPhone app",
  app: "Phone app",
  desktop: "Desktop app",
  windows: "Windows",
  mac: "Mac",
  gmail: "Gmail",
  outlook: "Outlook.com",
  yahoo: "Yahoo Mail",
  icloud: "iCloud Mail",
  proton: "Proton Mail",
};

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
  /** Where the text was read when it was a stored copy: provenance only, never shown or linked. */
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
  if (year !== undefined && year < OLD_SOURCE_BEFORE_YEAR) return `page from ${year}: it may be out of date; checked ${item.verified}`;
  if (item.sourceDate) return `page dated ${item.sourceDate}, checked ${item.verified}`;
  return `checked ${item.verified}`;
}

/** What a source is called where it is shown: a secondary one says it is not the platform's own page. */
export const sourceLabel = (item: Pick<ChecklistItem, "sourceKind">) => (item.sourceKind === "secondary" ? "Source (not the platform's own page)" : "Source");

/** An item as shown or given as data: without sourceCopy and alsoRead, which are provenance for maintainers. */
export function shownItem(item: ChecklistItem): ChecklistItem {
  const { sourceCopy: _copy, alsoRead: _also, ...shown } = item;
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
