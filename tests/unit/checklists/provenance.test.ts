/**
 * Provenance (sourceCopy, alsoRead) lives in checklists/provenance/<file>, not in the checklist
 * files trainers open and copy: the addresses of proxies and mirrors must not travel with them.
 * `checklist validate` still reads it, with FILE:LINE for its own mistakes, and the content
 * rules that need it (no copy's address, sourceCopy not the source) still see it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadChecklists } from "../../../src/checklists/catalog.js";
import { checkPaths, loadContentRules } from "../../../src/checklists/contentCheck.js";
import { BUILT_IN_DIR, checklistFiles } from "../../../src/checklists/files.js";
import { loadChecklistFile } from "../../../src/checklists/loader.js";
import { provenanceFileOf, readProvenance, withProvenance } from "../../../src/checklists/provenance.js";
import { formatProblem } from "../../../src/datafiles/yamlSchema.js";
import { tempDir } from "../../helpers/fixtures.js";

const PROVENANCE_DIR = path.join(BUILT_IN_DIR, "provenance");
let cleanup = () => {};
afterEach(() => cleanup());

describe("built-in provenance", () => {
  it("no built-in checklist file names sourceCopy or alsoRead, and neither it nor its provenance names a copy host", async () => {
    const { copyHosts } = await loadContentRules();
    const hosts = copyHosts.map((h) => h.replace(/^\*\./, "").toLowerCase());
    expect(hosts.length).toBeGreaterThan(5);
    const files = await checklistFiles(BUILT_IN_DIR);
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toMatch(/sourceCopy|alsoRead/);
    const provenance = readdirSync(PROVENANCE_DIR).map((name) => path.join(PROVENANCE_DIR, name));
    expect(provenance.length).toBeGreaterThan(10);
    for (const file of [...files, ...provenance]) {
      const text = readFileSync(file, "utf8").toLowerCase();
      expect(hosts.filter((h) => text.includes(h)), file).toEqual([]);
    }
  });

  it("every provenance file belongs to a checklist, is valid, and names only its items", async () => {
    const names = (await checklistFiles(BUILT_IN_DIR)).map((f) => path.basename(f));
    const provenanceNames = readdirSync(PROVENANCE_DIR);
    expect(provenanceNames.filter((n) => !names.includes(n))).toEqual([]);
    for (const file of await checklistFiles(BUILT_IN_DIR)) {
      const loaded = await loadChecklistFile(file);
      if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join("\n"));
      const provenance = await readProvenance(file, loaded.checklist);
      expect(provenance.problems.map(formatProblem), file).toEqual([]);
    }
  });

  it("each sourceCopy kept is a platform's own address, and the shown checklists carry none", async () => {
    const lists = await loadChecklists();
    const platformHosts = new Set(lists.flatMap((c) => c.officialHosts ?? []));
    expect(lists.flatMap((c) => c.items).filter((i) => i.sourceKind === "official-copy").length).toBeGreaterThan(10);
    for (const item of lists.flatMap((c) => c.items)) expect(item.sourceCopy, item.id).toBeUndefined();
    let kept = 0;
    for (const list of lists) {
      const file = path.join(BUILT_IN_DIR, `${list.platform}.yaml`);
      const merged = withProvenance(list, await readProvenance(file, list));
      for (const item of merged.items.filter((i) => i.sourceCopy !== undefined)) {
        kept++;
        const host = new URL(item.sourceCopy!).hostname;
        expect(platformHosts.has(host) || (item.thirdParty ?? []).includes(host), `${item.id}: ${item.sourceCopy}`).toBe(true);
      }
    }
    expect(kept).toBeGreaterThan(10);
  });
});

/** A trainer's folder: one checklist, and optionally its provenance file. */
function folder(checklist: string, provenance?: string): string {
  const t = tempDir();
  cleanup = t.cleanup;
  const file = path.join(t.dir, "demo.yaml");
  writeFileSync(file, checklist);
  if (provenance !== undefined) {
    mkdirSync(path.dirname(provenanceFileOf(file)));
    writeFileSync(provenanceFileOf(file), provenance);
  }
  return t.dir;
}

const item = (id: string, extra = "") => `  - id: demo.${id}
    section: privacy
    title: A step
    why: It helps.
    path: Settings
    steps:
      - Do it.
    risk: low
    source: https://help.demo.example/${id}
    sourceKind: official-copy
    verified: 2026-11-20
${extra}`;
const CHECKLIST = `platform: demo\nname: Demo\nitems:\n${item("one")}${item("two", "    sourceCopy: https://copy.example/two\n")}`;

describe("checklist validate reads the provenance file beside a checklist", () => {
  it("takes an official-copy item's sourceCopy from it, and keeps an inline one working", async () => {
    const dir = folder(CHECKLIST, "# where we read them\nitems:\n  demo.one:\n    sourceCopy: https://copy.example/one\n");
    expect((await checkPaths([dir])).problems.map(formatProblem)).toEqual([]);
  });

  it("refuses a copy's address in it, at its line", async () => {
    const dir = folder(CHECKLIST, "items:\n  demo.one:\n    alsoRead:\n      - https://blog.example/y\n      - https://web.archive.org/web/2020/https://help.demo.example/one\n");
    const file = path.join(dir, "provenance", "demo.yaml");
    expect((await checkPaths([dir])).problems.map(formatProblem)).toEqual([`${file}:5: items.demo.one.alsoRead[1]: web.archive.org is a copy, proxy or archive site: list the page by its own address`]);
  });

  it("names the line of an unknown item id, an unknown field, a field given twice, and a bad link", async () => {
    const prov = [
      "items:",
      "  demo.one:",
      "    sourceCopy: https://copy.example/one",
      "    alsoRaed:",
      "      - https://blog.example/x",
      "  demo.three:",
      "    alsoRead: [https://blog.example/y]",
      "  demo.two:",
      "    sourceCopy: https://copy.example/again",
      "",
    ].join("\n");
    const dir = folder(CHECKLIST, prov);
    const file = path.join(dir, "provenance", "demo.yaml");
    expect((await checkPaths([dir])).problems.map(formatProblem)).toEqual([`${file}:4: items.demo.one.alsoRaed: is not a known field; did you mean alsoRead?`]);
    writeFileSync(file, prov.replace("alsoRaed", "alsoRead"));
    expect((await checkPaths([dir])).problems.map(formatProblem)).toEqual([
      `${file}:6: items.demo.three: is not the id of an item in demo.yaml`,
      `${file}:9: items.demo.two.sourceCopy: is also given in demo.yaml: keep it in one place`,
    ]);
    writeFileSync(file, "items:\n  demo.one:\n    sourceCopy: not a link\n");
    expect((await checkPaths([dir])).problems.map((p) => `${p.line}: ${p.field}`)).toEqual(["3: items.demo.one.sourceCopy"]);
  });

  it("points a content rule about sourceCopy at the provenance file's line", async () => {
    const dir = folder(CHECKLIST, "items:\n  demo.one:\n    alsoRead: [https://blog.example/y]\n    sourceCopy: https://help.demo.example/one\n");
    const file = path.join(dir, "provenance", "demo.yaml");
    expect((await checkPaths([dir])).problems.map(formatProblem)).toEqual([`${file}:4: items.demo.one.sourceCopy: is the source itself: leave sourceCopy out when you read the page itself`]);
  });
});
