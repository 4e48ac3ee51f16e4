import type { Checklist } from "../core/checklist.js";
import { UsageError } from "../errors.js";
import { t } from "../i18n/index.js";

/** Finds the checklists a person named, or says which names exist. */
export function pickChecklists(checklists: Checklist[], names: string[]): Checklist[] {
  const wanted = names.map((n) => n.toLowerCase());
  const unknown = wanted.filter((n) => !checklists.some((c) => c.platform === n));
  if (unknown.length > 0) {
    throw new UsageError(t("errors:platforms.unknown", { count: unknown.length, names: unknown.join(", "), known: checklists.map((c) => c.platform).join(", ") }));
  }
  return [...new Set(wanted)].map((n) => checklists.find((c) => c.platform === n) as Checklist);
}
