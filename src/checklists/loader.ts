/**
 * Reads checklist files (YAML or JSON), validates them against checklists/schema.json and
 * reports every problem as `FILE:LINE: FIELD: what is wrong`.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML, { isMap, isSeq, LineCounter, type Document, type Node } from "yaml";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { Checklist, ChecklistItem } from "../core/checklist.js";
import { mergeChecklists, SURFACES } from "../core/checklist.js";
import { InvalidInputError } from "../errors.js";

/** The checklists folder shipped with harden (next to package.json). */
export const BUILT_IN_DIR = fileURLToPath(new URL("../../checklists/", import.meta.url));
export const SCHEMA_FILE = path.join(BUILT_IN_DIR, "schema.json");

const CHECKLIST_EXTENSIONS = [".yaml", ".yml", ".json"];

export interface Problem {
  file: string;
  line: number;
  field: string;
  message: string;
}

export const formatProblem = (p: Problem): string => `${p.file}:${p.line}: ${p.field}: ${p.message}`;

let validator: ValidateFunction | undefined;
async function schemaValidator(): Promise<ValidateFunction> {
  if (!validator) {
    const schema = JSON.parse(await readFile(SCHEMA_FILE, "utf8"));
    validator = new Ajv({ allErrors: true, strict: true }).compile(schema);
  }
  return validator;
}

type PathPart = string | number;

function fieldName(parts: PathPart[]): string {
  let out = "";
  for (const part of parts) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out || "(file)";
}

/** Line of the key that holds `parts` (or of the value when it has no key), 1-based. */
function lineOf(doc: Document, counter: LineCounter, parts: PathPart[]): number {
  for (let n = parts.length; n > 0; n--) {
    const parentPath = parts.slice(0, n - 1);
    const last = parts[n - 1];
    const parent = parentPath.length ? doc.getIn(parentPath, true) : doc.contents;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === last);
      const keyNode = pair?.key as Node | undefined;
      if (keyNode?.range) return counter.linePos(keyNode.range[0]).line;
    } else if (isSeq(parent) && typeof last === "number") {
      const node = parent.items[last] as Node | undefined;
      if (node?.range) return counter.linePos(node.range[0]).line;
    }
  }
  const root = doc.contents as Node | null;
  return root?.range ? counter.linePos(root.range[0]).line : 1;
}

function describe(error: ErrorObject): string {
  switch (error.keyword) {
    case "required":
      return "is missing";
    case "additionalProperties":
      return "is not a known field";
    case "enum":
      return `must be one of: ${(error.params.allowedValues as unknown[]).join(", ")}`;
    case "type":
      return `must be ${error.params.type === "string" ? "text" : error.params.type === "array" ? "a list" : `a ${error.params.type}`}`;
    case "minItems":
      return "must not be empty";
    case "minLength":
      return "must not be empty";
    case "uniqueItems":
      return "lists the same value twice";
    case "oneOf":
      return `must be text, or a map with one or more of: ${SURFACES.join(", ")}`;
    case "minProperties":
      return "must have at least one entry";
    case "pattern":
      return patternHint(error.instancePath);
    default:
      return error.message ?? "is not valid";
  }
}

function patternHint(instancePath: string): string {
  if (instancePath.endsWith("/source")) return "must be an https:// link to the help page it was read from";
  if (instancePath.endsWith("/verified")) return "must be a date written YYYY-MM-DD";
  if (instancePath.endsWith("/id")) return "must look like platform.name (lower case letters, digits and dashes)";
  if (instancePath === "/platform") return "must be lower case letters, digits and dashes";
  return "is not in the expected form";
}

function pathParts(instancePath: string): PathPart[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Turns ajv's errors into one problem per field, dropping the noise a oneOf produces below it. */
function schemaProblems(file: string, doc: Document, counter: LineCounter, errors: ErrorObject[]): Problem[] {
  const oneOfPaths = errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath);
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of errors) {
    const underOneOf = oneOfPaths.some((p) => error.keyword !== "oneOf" && (error.instancePath === p || error.instancePath.startsWith(`${p}/`)));
    if (underOneOf) continue;
    const parts = pathParts(error.instancePath);
    if (error.keyword === "required") parts.push(error.params.missingProperty as string);
    if (error.keyword === "additionalProperties") parts.push(error.params.additionalProperty as string);
    const field = fieldName(parts);
    const key = `${field}\u0000${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A missing field has no line of its own: point at the item that lacks it.
    const lineParts = error.keyword === "required" ? parts.slice(0, -1) : parts;
    problems.push({ file, line: lineOf(doc, counter, lineParts), field, message: describe(error) });
  }
  return problems;
}

function isRealDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Checks a schema cannot express: id prefixes, duplicate ids, real dates. */
function contentProblems(file: string, doc: Document, counter: LineCounter, data: Omit<Checklist, "files">): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  data.items.forEach((item, index) => {
    const at = (field: string) => lineOf(doc, counter, ["items", index, field]);
    if (!item.id.startsWith(`${data.platform}.`)) {
      problems.push({ file, line: at("id"), field: `items[${index}].id`, message: `must start with "${data.platform}." (the platform of this file)` });
    }
    const first = seen.get(item.id);
    if (first !== undefined) {
      problems.push({ file, line: at("id"), field: `items[${index}].id`, message: `"${item.id}" is already used by items[${first}]` });
    } else seen.set(item.id, index);
    if (!isRealDate(item.verified)) {
      problems.push({ file, line: at("verified"), field: `items[${index}].verified`, message: "is not a real date" });
    }
  });
  return problems;
}

export type LoadResult = { ok: true; checklist: Checklist } | { ok: false; problems: Problem[] };

/** Parses and validates one checklist text. `file` is the name used in problems. */
export async function parseChecklist(file: string, text: string): Promise<LoadResult> {
  const counter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        line: counter.linePos(e.pos[0]).line,
        field: "(syntax)",
        message: (e.message.split("\n")[0] ?? "cannot be read").replace(/ at line \d+, column \d+:?$/, ""),
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // Unresolved or runaway aliases only show up when the document is turned into data.
    return { ok: false, problems: [{ file, line: 1, field: "(syntax)", message: (error as Error).message.split("\n")[0] ?? "cannot be read" }] };
  }
  const validate = await schemaValidator();
  if (!validate(data)) return { ok: false, problems: schemaProblems(file, doc, counter, validate.errors ?? []) };
  const checklist = data as Omit<Checklist, "files">;
  const problems = contentProblems(file, doc, counter, checklist);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, checklist: { ...checklist, items: checklist.items as ChecklistItem[], files: [file] } };
}

export async function loadChecklistFile(file: string): Promise<LoadResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    return { ok: false, problems: [{ file, line: 1, field: "(file)", message: `cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})` }] };
  }
  return parseChecklist(file, text);
}

/** Checklist files in a folder, or the file itself. */
export async function checklistFiles(target: string): Promise<string[]> {
  let info;
  try {
    info = await stat(target);
  } catch {
    throw new InvalidInputError(`${target}: no such file or folder`);
  }
  if (!info.isDirectory()) return [target];
  const names = await readdir(target);
  return names
    .filter((n) => CHECKLIST_EXTENSIONS.includes(path.extname(n).toLowerCase()) && n !== "schema.json")
    .sort()
    .map((n) => path.join(target, n));
}

/** Validates files and folders; returns every problem found (none when all are valid). */
export async function validatePaths(targets: string[]): Promise<{ files: string[]; problems: Problem[]; checklists: Checklist[] }> {
  const files: string[] = [];
  const problems: Problem[] = [];
  const checklists: Checklist[] = [];
  for (const target of targets) {
    const inTarget = await checklistFiles(target);
    const platforms = new Map<string, string>();
    for (const file of inTarget) {
      files.push(file);
      const result = await loadChecklistFile(file);
      if (!result.ok) {
        problems.push(...result.problems);
        continue;
      }
      const other = platforms.get(result.checklist.platform);
      if (other) problems.push({ file, line: 1, field: "platform", message: `"${result.checklist.platform}" is also the platform of ${other}` });
      else {
        platforms.set(result.checklist.platform, file);
        checklists.push(result.checklist);
      }
    }
  }
  return { files, problems, checklists };
}

async function loadFolder(dir: string): Promise<Checklist[]> {
  const { problems, checklists } = await validatePaths([dir]);
  if (problems.length > 0) {
    throw new InvalidInputError(`Some checklist files are not valid (run: harden checklist validate ${dir}):`, problems.map(formatProblem));
  }
  return checklists;
}

/** The built-in checklists, with a trainer's folder laid over them when given. */
export async function loadChecklists(options: { extraDir?: string } = {}): Promise<Checklist[]> {
  const builtIn = await loadFolder(BUILT_IN_DIR);
  if (!options.extraDir) return builtIn;
  return mergeChecklists(builtIn, await loadFolder(options.extraDir));
}
