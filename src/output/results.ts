/** What commands return. One reporter turns these into text or JSON; commands never print. */
import type { Checklist, ChecklistSummary } from "../core/checklist.js";
import type { AuditSummary } from "../core/progress.js";
import type { Problem } from "../datafiles/problem.js";
import type { PasswordVerdict, VerdictSummary } from "../core/passwordVerdict.js";
import type { WorkshopPlan } from "../workshop/plan.js";
import type { SnapshotDiff, Staleness } from "../core/snapshots.js";
import type { EvidenceResult } from "../evidence/results.js";
import type { DataVerification } from "../breach/verifyData.js";
import type { PhoneResult } from "../phone/results.js";
import type { NextStep } from "../core/actionList.js";
import type { MatchedBy } from "../sites/match.js";
import type { SiteSource, TwoFactorMethod } from "../sites/site.js";
import type { DownloadSummary, ManifestCheck } from "../breach/download.js";
import type { ServeCounts } from "../serve/rangeServer.js";

export const DOC_FORMATS = ["text", "md", "html", "json"] as const;
export type DocFormat = (typeof DOC_FORMATS)[number];
/** Paper sizes for printable (html) pages. */
export const PAPER_SIZES = ["a4", "letter"] as const;
export type Paper = (typeof PAPER_SIZES)[number];

export type CommandResult =
  | EvidenceResult
  | PhoneResult
  | { kind: "list"; checklists: ChecklistSummary[] }
  | { kind: "checklist"; checklists: Checklist[]; format: DocFormat; paper?: Paper }
  | { kind: "validate"; files: string[]; problems: Problem[] }
  | { kind: "audit"; summary: AuditSummary; finished: boolean; saved: boolean; plan?: PlanSummary; kept?: string }
  | { kind: "plan"; plan: PlanSummary }
  | { kind: "changes"; staleness: Staleness; diff?: SnapshotDiff; format: DocFormat; paper?: Paper }
  | { kind: "report"; summary: AuditSummary; format: DocFormat; paper?: Paper; lastAnswerAt?: string; lastAuditAt?: string }
  | { kind: "forget"; removed: string[]; dir: string; cancelled: boolean; keptEvidence: boolean }
  | { kind: "config"; values: Record<string, unknown>; changed: boolean }
  | {
      kind: "data-verify";
      verification: DataVerification;
      seconds: number;
      /** The sound result was recorded in harden's folder (never with --no-save). */
      saved: boolean;
      /** Why recording it failed (a system code), if it did. */
      saveError?: string;
      /** What the record of a `harden data download` folder says, checked against its files. */
      manifest?: ManifestCheck;
      manifestSound?: boolean;
    }
  | { kind: "data-download"; summary: DownloadSummary }
  | { kind: "serve"; counts: ServeCounts; seconds: number; interrupted: boolean }
  | { kind: "workshop"; title: string; audit?: AuditSummary; drills: DrillOutcome[] }
  | { kind: "handout"; plan: WorkshopPlan; checklists: Checklist[]; format: DocFormat; paper?: Paper }
  | { kind: "totp-code"; code: string; time: number; validFor: number; digits: number; period: number; algorithm: string }
  | { kind: "totp-verify"; match: boolean; driftSteps?: number; driftSeconds?: number; time: number }
  | { kind: "totp-practice"; match: boolean; driftSteps?: number; driftSeconds?: number; tries: number }
  | {
      kind: "password";
      interactive: boolean;
      minScore: number;
      /** Where breach answers came from; undefined with --no-breach. */
      where?: string;
      /** With --offline: the data, and whether `harden data verify` found it sound as it is now. */
      offline?: OfflineData;
      /** Online with --decoys: random prefixes asked for with each real one. */
      decoys?: number;
      results: Array<{ line: number } & PasswordVerdict>;
      summary: VerdictSummary;
    }
  | {
      kind: "scan";
      file: string;
      format: string;
      minScore: number;
      where?: string;
      /** Online with --decoys: random prefixes asked for with each real one. */
      decoys?: number;
      offline?: OfflineData;
      showUsernames: boolean;
      entries: ScanEntry[];
      /** Records that could not be read as entries, by line, with the reason (never a value). */
      skipped: Array<{ line: number; reason: string }>;
      summary: VerdictSummary & { entries: number; withoutPassword: number; reused: number };
      /** Where the two-factor and passkey facts came from (the credits). */
      sites: SiteSource[];
      /** --format md or html: the printable action list instead of the scan's text. */
      report?: "md" | "html";
      paper?: Paper;
      /** ISO time of the scan, for the printed list's date. */
      scannedAt: string;
    };

export interface OfflineData {
  path: string;
  verified: boolean;
}

/** A ranked plan as shown and as JSON: every item, highest first, with why it is there. */
export interface PlanSummary {
  intake: Record<string, string>;
  platforms: string[];
  rules: string[];
  /** Every step in order: today's, then the rest. */
  items: PlanStep[];
  /** The steps that stop harm now. */
  today: PlanStep[];
  /** The rest, account by account. */
  then: PlanStep[];
  /** Accounts she did not name that some steps are for: offered once, as one line. */
  otherAccounts: Array<{ platform: string; name: string }>;
  /** Said when a plan in progress was kept instead of this one. */
  kept?: string;
}

export interface PlanStep {
  id: string;
  platform: string;
  /** The checklist's name, for grouping by account. */
  account: string;
  title: string;
  risk: string;
  score: number;
  why: string;
}

export interface DrillOutcome {
  drill: string;
  done: boolean;
  /** What happened, without anything the participant typed. */
  note: string;
}

export interface ScanEntry extends PasswordVerdict {
  /** Line (CSV record) or position (JSON item) in the export. */
  line: number;
  name: string;
  url: string;
  username: string;
  hasPassword: boolean;
  /** How many other entries use the same password. */
  reusedBy: number;
  /** Entries with the same number share one password (null: not shared). Never the password. */
  reuseGroup: number | null;
  /** The directory site its URL matched (src/sites/match.ts); undefined when none did. */
  site?: { domain: string; name: string; host: string; by: MatchedBy };
  /** methods: what 2fa.directory lists (null: the site is not in it); enabled: the export has a one-time-code field for it (never the secret). */
  twoFactor: { methods: TwoFactorMethod[] | null; documentation: string | null; enabled: boolean };
  /** What passkeys.directory says, or null when it does not list the site. */
  passkeys: { passwordless: boolean; mfa: boolean; documentation: string | null } | null;
  nextStep: NextStep;
}
