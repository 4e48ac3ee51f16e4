/**
 * Reading an upstream indicators file (ioc.yaml or watchware.yaml) through its schema, with each
 * problem as FILE:LINE: FIELD. Used by the build and by `harden phone indicators update`; the
 * check itself only reads the compact set (indicators.ts), so it never loads ajv or YAML.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseYamlWithSchema, schemaValidator, type Problem } from "../datafiles/yamlSchema.js";
import { compactApps, DATA_DIR, SCHEMA_FILE, UPSTREAM, type IndicatorApp, type Indicators } from "./indicators.js";

export type ReadIndicators = { ok: true; apps: IndicatorApp[] } | { ok: false; problems: Problem[] };

export async function readIndicatorsText(file: string, text: string): Promise<ReadIndicators> {
  const parsed = parseYamlWithSchema(file, text, await schemaValidator(SCHEMA_FILE));
  if (!parsed.ok) return parsed;
  return { ok: true, apps: compactApps(parsed.data as unknown[]) };
}

/** The upstream commit and its date, from data/stalkerware/SOURCE. */
export function bundledSource(): { commit: string; date: string } {
  const text = readFileSync(path.join(DATA_DIR, "SOURCE"), "utf8");
  const commit = /^commit:\s*([0-9a-f]{40})\s*$/m.exec(text)?.[1];
  const date = /^date:\s*(\d{4}-\d{2}-\d{2})\s*$/m.exec(text)?.[1];
  if (!commit || !date) throw new Error(`${path.join(DATA_DIR, "SOURCE")}: needs "commit: <40 hex digits>" and "date: YYYY-MM-DD" lines`);
  return { commit, date };
}

/** The bundled set from data/stalkerware/, or the problems that stop it from shipping. */
export async function buildBundledSet(): Promise<{ set?: Indicators; problems: Problem[] }> {
  const problems: Problem[] = [];
  const apps: IndicatorApp[] = [];
  for (const name of ["ioc.yaml", "watchware.yaml"]) {
    const file = path.join(DATA_DIR, name);
    const read = await readIndicatorsText(file, readFileSync(file, "utf8"));
    if (read.ok) apps.push(...read.apps);
    else problems.push(...read.problems);
  }
  if (problems.length > 0) return { problems };
  const { commit, date } = bundledSource();
  return { set: { version: 1, source: { from: UPSTREAM, commit, date, kind: "bundled" }, apps }, problems };
}
