/**
 * YAML (or JSON) data files validated against a JSON Schema, with every problem reported as
 * `FILE:LINE: FIELD: what is wrong`. Checklists and workshop plans both use it.
 */
import { readFile } from "node:fs/promises";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { closest, distance } from "fastest-levenshtein";

import { MAX_LIST_ENTRIES } from "../input/limits.js";
import type { Problem } from "./problem.js";
import { parseYamlDocument, type LineOf, type ParsedDocument, type PathPart } from "./yamlDocument.js";
export { formatProblem, type Problem } from "./problem.js";
export { parseYamlDocument, type LineOf, type PathPart } from "./yamlDocument.js";

export type ParsedFile = ParsedDocument;

export interface SchemaValidator {
  validate: ValidateFunction;
  /** Words for a oneOf failure, which ajv can only describe by its branches. */
  oneOfMessage: string;
}

/** Compiles a schema file once; strict, so a typo in the schema itself fails loudly. */
export async function schemaValidator(schemaFile: string, oneOfMessage = "is not in any of the accepted forms"): Promise<SchemaValidator> {
  const schema = JSON.parse(await readFile(schemaFile, "utf8"));
  // verbose: each error carries the schema it failed, whose field names a typo is matched against.
  return { validate: new Ajv({ allErrors: true, strict: true, verbose: true }).compile(schema), oneOfMessage };
}

export function parseYamlWithSchema(file: string, text: string, schema: SchemaValidator): ParsedFile {
  const parsed = parseYamlDocument(file, text);
  if (!parsed.ok) return parsed;
  // ajv, reporting every error, takes time that grows with the square of a long list's errors.
  const long = longList(parsed.data);
  if (long) {
    const count = MAX_LIST_ENTRIES.toLocaleString("en-US");
    return { ok: false, problems: [{ file, line: parsed.lineOf(long), field: fieldName(long), message: `has more than ${count} entries, the most harden reads in one list` }] };
  }
  if (!schema.validate(parsed.data)) return { ok: false, problems: schemaProblems(file, parsed.lineOf, schema, schema.validate.errors ?? []) };
  return parsed;
}

/** The path of the first list in `data` longer than MAX_LIST_ENTRIES, if any. */
function longList(data: unknown): PathPart[] | undefined {
  const stack: Array<{ value: unknown; path: PathPart[] }> = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST_ENTRIES) return path;
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
    }
  }
  return undefined;
}

function fieldName(parts: PathPart[]): string {
  let out = "";
  for (const part of parts) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out || "(file)";
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
  if (/\/countries\/\d+$/.test(instancePath)) return "must be a two-letter country code in capitals (ISO 3166-1: FR, BE, CA)";
  if (/\/(sourceCopy|alsoRead\/\d+)$/.test(instancePath)) return "must be a link (http:// or https://) to the page read";
  return "is not in the expected form";
}

function pathParts(instancePath: string): PathPart[] {
  return instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The known field a mistyped one was meant to be (`tittle` -> title, `andriod` -> android), if one is close. */
export function nearMiss(name: string, known: string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(name, known);
  const edits = distance(name, best);
  return edits > 0 && edits <= Math.min(2, Math.floor(name.length / 3)) ? best : undefined;
}

/** An unknown field, with the known field it was probably meant to be. */
function unknownFieldMessage(error: ErrorObject): string {
  const known = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
  const meant = nearMiss(error.params.additionalProperty as string, known);
  return meant ? `is not a known field; did you mean ${meant}?` : "is not a known field";
}

/** Turns ajv's errors into one problem per field, in line order, dropping the noise a oneOf produces below it. */
function schemaProblems(file: string, lineOf: LineOf, schema: SchemaValidator, errors: ErrorObject[]): Problem[] {
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath));
  // The path itself and every path above it ("/items/3/path" -> "", "/items", "/items/3", "/items/3/path").
  const atOrUnder = (instancePath: string) => instancePath.split("/").map((_, i, steps) => steps.slice(0, i + 1).join("/"));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  const add = (error: ErrorObject, message: string) => {
    const parts = pathParts(error.instancePath);
    if (error.keyword === "required") parts.push(error.params.missingProperty as string);
    if (error.keyword === "additionalProperties") parts.push(error.params.additionalProperty as string);
    const field = fieldName(parts);
    const key = `${field}\u0000${error.keyword}`;
    if (seen.has(key)) return;
    seen.add(key);
    // A missing field has no line of its own: point at the item that lacks it.
    const lineParts = error.keyword === "required" ? parts.slice(0, -1) : parts;
    problems.push({ file, line: lineOf(lineParts), field, message });
  };
  for (const error of errors) {
    if (error.keyword === "oneOf") {
      // A near-miss field name in one of the forms says more than "not in any of the forms".
      const typos = errors.filter((e) => e.keyword === "additionalProperties" && e.instancePath === error.instancePath && unknownFieldMessage(e).includes("did you mean"));
      if (typos.length > 0) for (const typo of typos) add(typo, unknownFieldMessage(typo));
      else add(error, describe(error, schema));
      continue;
    }
    if (oneOfPaths.size > 0 && atOrUnder(error.instancePath).some((p) => oneOfPaths.has(p))) continue;
    add(error, error.keyword === "additionalProperties" ? unknownFieldMessage(error) : describe(error, schema));
  }
  // Stable: problems on one line keep ajv's order.
  return problems.sort((a, b) => a.line - b.line);
}
