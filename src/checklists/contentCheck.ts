/**
 * `harden checklist validate` beyond the schema: what checklists show a person (links, pages,
 * words, flags), by the rules in src/core/contentRules.ts and the word lists in
 * checklists/rules/content.yaml, reported as FILE:LINE: FIELD: problem like schema errors.
 *
 * Each checklist's provenance file (provenance/<file name> beside it, see provenance.ts) is read
 * and checked too, and its sourceCopy and alsoRead count as the items' own.
 *
 * Which rules apply to which file:
 * - the built-in checklists: all of them;
 * - a trainer's file: the allowlist only when the file declares officialHosts (its own hosts);
 *   always copy hosts, provenance in text, sourceCopy and sourceDate, flags and appliesTo;
 *   English pages and reading grades only with --english, because the formula and the page
 *   language are English ones and a trainer's file may be in French.
 */
import path from "node:path";
import { checkContent, contentFieldName, type ContentRulesData, type FieldPath } from "../core/contentRules.js";
import { formatProblem, parseYamlWithSchema, schemaValidator, type Problem } from "../datafiles/yamlSchema.js";
import { InvalidInputError } from "../errors.js";
import { readRegularFile } from "../files/regular.js";
import { MAX_DATA_FILE_BYTES } from "../input/limits.js";
import { BUILT_IN_DIR } from "./files.js";
import { validatePaths, type LoadedChecklist } from "./loader.js";
import { readProvenance, withProvenance } from "./provenance.js";

export const CONTENT_RULES_FILE = path.join(BUILT_IN_DIR, "rules", "content.yaml");

export async function loadContentRules(file = CONTENT_RULES_FILE): Promise<ContentRulesData> {
  const validator = await schemaValidator(path.join(BUILT_IN_DIR, "content-rules.schema.json"));
  const parsed = parseYamlWithSchema(file, (await readRegularFile(file, "content rules file", MAX_DATA_FILE_BYTES)).toString("utf8"), validator);
  if (!parsed.ok) throw new InvalidInputError(`The content rules in ${file} are not valid:`, parsed.problems.map(formatProblem));
  return parsed.data as ContentRulesData;
}

/** A file in the folder of checklists shipped with harden. */
export const isBuiltInFile = (file: string) => path.resolve(path.dirname(file)) === path.resolve(BUILT_IN_DIR);

/** A content problem, with the rule it breaks and the item it is about. */
export interface ContentProblem extends Problem {
  rule: string;
  item?: string;
}

/**
 * The platform checklists an item may name in appliesTo, with their official hosts: the
 * built-in ones, and those among the files being checked (a trainer's new platform).
 */
async function platformHosts(loaded: LoadedChecklist[]): Promise<Map<string, string[]>> {
  const hosts = new Map<string, string[]>();
  const add = (c: { platform: string; kind?: string; officialHosts?: string[] }) => {
    if (c.kind === "response") return;
    hosts.set(c.platform, [...new Set([...(hosts.get(c.platform) ?? []), ...(c.officialHosts ?? [])])]);
  };
  try {
    const { loadChecklists } = await import("./catalog.js");
    for (const c of await loadChecklists()) add(c);
  } catch {
    // The built-in folder itself does not load (it is among the files being checked, with its
    // problems listed): the files that did load stand in for it below.
  }
  for (const { checklist } of loaded) add(checklist);
  return hosts;
}

/** The problems of the translations in every folder among `targets`: stale, missing, still English. */
async function folderTranslationProblems(targets: string[], loaded: LoadedChecklist[]): Promise<{ files: string[]; problems: Problem[] }> {
  const { translationProblems } = await import("./translations.js");
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const target of targets) {
    const dir = path.resolve(target);
    const own = loaded.filter((l) => path.resolve(path.dirname(l.file)) === dir).map((l) => l.checklist);
    if (own.length === 0) continue;
    const found = await translationProblems(dir, own);
    files.push(...found.files);
    problems.push(...found.problems);
  }
  return { files, problems };
}

/** Validates files and folders (the schema), then checks what they show a person. */
export async function checkPaths(targets: string[], options: { english?: boolean } = {}): Promise<{ files: string[]; problems: Problem[]; content: ContentProblem[] }> {
  const { files, problems, loaded } = await validatePaths(targets);
  const [data, platforms] = await Promise.all([loadContentRules(), platformHosts(loaded)]);
  const provenances = await Promise.all(loaded.map(({ file, checklist }) => readProvenance(file, checklist)));
  const content = loaded.flatMap(({ file, checklist, lineOf }, n) => {
    const provenance = provenances[n]!;
    for (const problem of provenance.problems) problems.push(problem);
    const builtIn = isBuiltInFile(file);
    const scope = { allowlist: builtIn || checklist.officialHosts !== undefined, english: builtIn || options.english === true, platforms };
    const items = checklist.items;
    // A finding on sourceCopy or alsoRead points at the provenance file when that is where they are.
    const where = (at: FieldPath): { file: string; line: number; field: string } => {
      const [, index, field, ...rest] = at;
      const id = typeof index === "number" ? items[index]?.id : undefined;
      const entry = id === undefined ? undefined : provenance.entries.get(id);
      if (provenance.file && entry && (field === "sourceCopy" || field === "alsoRead") && entry[field] !== undefined) {
        const inFile: FieldPath = ["items", id!, field, ...rest];
        return { file: provenance.file, line: provenance.lineOf(inFile), field: contentFieldName(inFile) };
      }
      return { file, line: lineOf(at), field: contentFieldName(at) };
    };
    const found = checkContent(withProvenance(checklist, provenance), scope, data).map((f) => ({ ...where(f.at), message: f.message, rule: f.rule, ...(f.item && { item: f.item }) }));
    // In the order of the file, as a person reading it down would meet them.
    return found.sort((a, b) => a.line - b.line);
  });
  // A folder's translations (i18n/LANG/*.yaml), each measured against the English it translates.
  const translated = await folderTranslationProblems(targets, loaded);
  files.push(...translated.files);
  // One pass, in the order a person reads: file by file (a provenance file after its checklist), and down each file by line.
  const all = [...problems, ...content.map(({ rule: _r, item: _i, ...p }) => p), ...translated.problems];
  const fileOrder = new Map(files.map((f, i) => [f, i]));
  loaded.forEach(({ file }, n) => {
    const other = provenances[n]!.file;
    if (other) fileOrder.set(other, (fileOrder.get(file) ?? 0) + 0.5);
  });
  all.sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.line - b.line);
  return { files, problems: all, content };
}
