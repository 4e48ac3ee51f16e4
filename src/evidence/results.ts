/** What the evidence commands return; part of CommandResult (src/output/results.ts). */
import type { EvidenceEntry, EvidenceFinding } from "./chain.js";

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
  | { kind: "evidence-verify"; entries: number; files: number; findings: EvidenceFinding[]; head: string | null }
  | ({ kind: "evidence-export"; format: EvidenceFormat; generatedAt: string; generatedLocal: string; findings: EvidenceFinding[] } & EvidenceListing);
