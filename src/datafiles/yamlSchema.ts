/**
 * YAML (or JSON) data files validated against a JSON Schema, with every problem reported as
 * `FILE:LINE: FIELD: what is wrong`. Checklists and workshop plans both use it.
 */
import { readFile } from "node:fs/promises";
import YAML, { isMap, isSeq, LineCounter, type Document, type Node } from "yaml";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

import type { Problem } from "./problem.js";
export { formatProblem, type Problem } from "./problem.js";

/** The line (1-based) of a field, given its path in the data. */
export type LineOf = (parts: PathPart[]) => number;

export type ParsedFile = { ok: true; data: unknown; lineOf: LineOf } | { ok: false; problems: Problem[] };

export interface SchemaValidator {
  validate: ValidateFunction;
  /** Words for a oneOf failure, which ajv can only describe by its branches. */
  oneOfMessage: string;
}

/** Compiles a schema file once; strict, so a typo in the schema itself fails loudly. */
export async function schemaValidator(schemaFile: string, oneOfMessage = "is not in any of the accepted forms"): Promise<SchemaValidator> {
  const schema = JSON.parse(await readFile(schemaFile, "utf8"));
  return { validate: new Ajv({ allErrors: true, strict: true }).compile(schema), oneOfMessage };
}

export function parseYamlWithSchema(file: string, text: string, schema: SchemaValidator): ParsedFile {
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
  const lineOf: LineOf = (parts) => lineIn(doc, counter, parts);
  if (!schema.validate(data)) return { ok: false, problems: schemaProblems(file, lineOf, schema, schema.validate.errors ?? []) };
  return { ok: true, data, lineOf };
}

export type PathPart = string | number;

function fieldName(parts: PathPart[]): string {
  let out = "";
  for (const part of parts) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out || "(file)";
}

/** Line of the key that holds `parts` (or of the value when it has no key), 1-based. */
function lineIn(doc: Document, counter: LineCounter, parts: PathPart[]): number {
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

function describe(error: ErrorObject, schema: SchemaValidator): string {
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
      return schema.oneOfMessage;
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
function schemaProblems(file: string, lineOf: LineOf, schema: SchemaValidator, errors: ErrorObject[]): Problem[] {
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
    problems.push({ file, line: lineOf(lineParts), field, message: describe(error, schema) });
  }
  return problems;
}

