/**
 * YAML (or JSON) text to data, with each problem as FILE:LINE: FIELD. No schema and no ajv
 * here, so the answers file can use it without loading the validator.
 */
import YAML, { isMap, isScalar, isSeq, LineCounter, visit, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import { clip } from "../output/atMost.js";
import { sanitizeLine } from "../output/sanitize.js";
import type { Problem } from "./problem.js";
import { t } from "../i18n/index.js";

export type PathPart = string | number;

/** The line (1-based) of a field, given its path in the data. */
export type LineOf = (parts: PathPart[]) => number;

export type ParsedDocument = { ok: true; data: unknown; lineOf: LineOf } | { ok: false; problems: Problem[] };

/**
 * Parses YAML (or JSON, which is YAML) into data, with syntax problems and repeated keys as
 * problems. Linear in the size of the file: yaml's own uniqueKeys check compares each key with
 * every key before it, which took minutes on a map of a few thousand keys.
 */
export function parseYamlDocument(file: string, text: string): ParsedDocument {
  const counter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const at = (offset: number) => counter.linePos(offset).line;
  const problems: Problem[] = doc.errors.map((e) => ({
    file,
    line: at(e.pos[0]),
    field: "(syntax)",
    // yaml words its errors in English; each code has the language's words (English keeps yaml's).
    message: t(`errors:yaml.${e.code}`, { defaultValue: (e.message.split("\n")[0] ?? t("errors:yaml.unreadable")).replace(/ at line \d+, column \d+:?$/, "") }),
  }));
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = keyOf(pair.key);
        if (seen.has(key)) problems.push({ file, line: at((pair.key as Node | null)?.range?.[0] ?? 0), field: "(syntax)", message: t("errors:yaml.twice", { key: sanitizeLine(clip(String(key))) }) });
        seen.add(key);
      }
    },
  });
  if (problems.length > 0) return { ok: false, problems };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    // Unresolved or runaway aliases only show up when the document is turned into data.
    return { ok: false, problems: [{ file, line: 1, field: "(syntax)", message: t("errors:yaml.aliases", { defaultValue: (error as Error).message.split("\n")[0] ?? t("errors:yaml.unreadable") }) }] };
  }
  return { ok: true, data, lineOf: lineFinder(doc, counter) };
}

/** A map key as data sees it: the scalar's value, as text, since data keys are text. */
const keyOf = (key: unknown): unknown => (isScalar(key) ? String(key.value) : key);

/**
 * Line (1-based) of the key that holds `parts`, or of the value when it has no key. Each map's
 * keys are indexed once, so finding the lines of many problems stays linear.
 */
function lineFinder(doc: Document, counter: LineCounter): LineOf {
  const indexes = new WeakMap<YAMLMap, Map<unknown, Pair>>();
  const pairsOf = (map: YAMLMap): Map<unknown, Pair> => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const key = keyOf(pair.key);
        if (!index.has(key)) index.set(key, pair);
      }
      indexes.set(map, index);
    }
    return index;
  };
  const lineOfNode = (node: unknown): number | undefined => {
    const range = (node as Node | null | undefined)?.range;
    return range ? counter.linePos(range[0]).line : undefined;
  };
  return (parts) => {
    // The node at each depth of the path, as far as it exists.
    const nodes: unknown[] = [doc.contents];
    for (const part of parts) {
      const node = nodes[nodes.length - 1];
      if (isMap(node)) nodes.push(pairsOf(node).get(String(part))?.value);
      else if (isSeq(node) && typeof part === "number") nodes.push(node.items[part]);
      else break;
    }
    for (let n = Math.min(parts.length, nodes.length); n > 0; n--) {
      const parent = nodes[n - 1];
      const last = parts[n - 1]!;
      const line = isMap(parent) ? lineOfNode(pairsOf(parent).get(String(last))?.key) : isSeq(parent) && typeof last === "number" ? lineOfNode(parent.items[last]) : undefined;
      if (line !== undefined) return line;
    }
    return lineOfNode(doc.contents) ?? 1;
  };
}
