/**
 * Provenance files: where each item's text was read (sourceCopy, alsoRead), kept beside a
 * checklist in provenance/<the checklist's file name>, out of the file trainers open and copy,
 * since the addresses of stored copies (proxies, mirrors) must not travel with it. For
 * maintainers only: `checklist validate` and the content tests read them; nothing shown or
 * bundled does. A trainer's file may still carry sourceCopy and alsoRead inline.
 */
import path from "node:path";
import type { Checklist, ChecklistItem } from "../core/checklist.js";
import { parseYamlWithSchema, schemaValidator, type LineOf, type Problem, type SchemaValidator } from "../datafiles/yamlSchema.js";
import { CannotReadError, readRegularFile } from "../files/regular.js";
import { MAX_DATA_FILE_BYTES } from "../input/limits.js";
import { BUILT_IN_DIR } from "./files.js";

export const PROVENANCE_SCHEMA_FILE = path.join(BUILT_IN_DIR, "provenance.schema.json");
export const PROVENANCE_FIELDS = ["sourceCopy", "alsoRead"] as const;

export type ProvenanceEntry = Pick<ChecklistItem, (typeof PROVENANCE_FIELDS)[number]>;

export interface Provenance {
  /** The provenance file, when there is one. */
  file?: string;
  /** By item id. */
  entries: Map<string, ProvenanceEntry>;
  lineOf: LineOf;
  problems: Problem[];
}

let validator: Promise<SchemaValidator> | undefined;
const provenanceValidator = () => (validator ??= schemaValidator(PROVENANCE_SCHEMA_FILE));

/** Where the provenance of a checklist file is kept. */
export const provenanceFileOf = (checklistFile: string) => path.join(path.dirname(checklistFile), "provenance", path.basename(checklistFile));

const none = (problems: Problem[] = [], file?: string): Provenance => ({ ...(file && { file }), entries: new Map(), lineOf: () => 1, problems });

/**
 * The provenance of a loaded checklist file (none when it has no provenance file), checked
 * against the checklist: every id must be one of its items, and a field given inline in the
 * checklist may not be given here too.
 */
export async function readProvenance(checklistFile: string, checklist: Pick<Checklist, "items">): Promise<Provenance> {
  const file = provenanceFileOf(checklistFile);
  let text: string;
  try {
    text = (await readRegularFile(file, "provenance file", MAX_DATA_FILE_BYTES)).toString("utf8");
  } catch (error) {
    if (error instanceof CannotReadError && error.code === "ENOENT") return none();
    throw error;
  }
  const parsed = parseYamlWithSchema(file, text, await provenanceValidator());
  if (!parsed.ok) return none(parsed.problems, file);
  const { lineOf } = parsed;
  const items = new Map(checklist.items.map((item) => [item.id, item]));
  const entries = new Map<string, ProvenanceEntry>();
  const problems: Problem[] = [];
  const name = path.basename(checklistFile);
  for (const [id, entry] of Object.entries((parsed.data as { items: Record<string, ProvenanceEntry> }).items)) {
    const item = items.get(id);
    if (!item) {
      problems.push({ file, line: lineOf(["items", id]), field: `items.${id}`, message: `is not the id of an item in ${name}` });
      continue;
    }
    for (const field of PROVENANCE_FIELDS) {
      if (entry[field] !== undefined && item[field] !== undefined) {
        problems.push({ file, line: lineOf(["items", id, field]), field: `items.${id}.${field}`, message: `is also given in ${name}: keep it in one place` });
      }
    }
    entries.set(id, entry);
  }
  return { file, entries, lineOf, problems };
}

/** The checklist with each item's provenance filled in from its provenance file. */
export function withProvenance<T extends Pick<Checklist, "items">>(checklist: T, provenance: Provenance): T {
  if (provenance.entries.size === 0) return checklist;
  return { ...checklist, items: checklist.items.map((item) => ({ ...item, ...provenance.entries.get(item.id) })) };
}
