/** What the evidence commands return; part of CommandResult (src/output/results.ts). */
import type { EvidenceEntry, EvidenceFinding } from "./chain.js";
import type { SealCheck } from "./seal.js";

export const EVIDENCE_FORMATS = ["html", "md", "json"] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

/** Entries as read back, the lines that could not be read, and the chain head. */
export interface EvidenceListing {
  entries: EvidenceEntry[];
  unreadableLines: number[];
  head: string | null;
}

export type EvidenceResult =
  | { kind: "evidence-add"; entry: EvidenceEntry }
  | ({ kind: "evidence-list" } & EvidenceListing)
  | { kind: "evidence-verify"; entries: number; files: number; findings: EvidenceFinding[]; head: string | null; headFile: boolean; seal?: SealCheck }
  /** `at`: UTC to the minute, as in the code; `localTime`: the same moment where the person is; `problems`: what the chain check found when sealing. */
  | { kind: "evidence-seal"; code: string; entries: number; at: string; localTime: string; head: string; problems: number }
  | ({ kind: "evidence-export"; format: EvidenceFormat; generatedAt: string; generatedLocal: string; findings: EvidenceFinding[] } & EvidenceListing);
