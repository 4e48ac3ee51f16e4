/** What commands return. One reporter turns these into text or JSON; commands never print. */
import type { Checklist } from "../core/checklist.js";
import type { AuditSummary } from "../core/progress.js";
import type { Problem } from "../checklists/loader.js";

export const DOC_FORMATS = ["text", "md", "html", "json"] as const;
export type DocFormat = (typeof DOC_FORMATS)[number];

export type CommandResult =
  | { kind: "list"; checklists: Checklist[] }
  | { kind: "checklist"; checklist: Checklist; format: DocFormat }
  | { kind: "validate"; files: string[]; problems: Problem[] }
  | { kind: "audit"; summary: AuditSummary; finished: boolean; saved: boolean }
  | { kind: "report"; summary: AuditSummary; format: DocFormat; lastAnswerAt?: string; lastAuditAt?: string }
  | { kind: "forget"; removed: string[]; dir: string; cancelled: boolean };
