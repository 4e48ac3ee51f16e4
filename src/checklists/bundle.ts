/**
 * The built-in checklists, validated once at build time and kept as one JSON file, so that
 * `harden list` need not load a YAML parser and a schema compiler on every start. The bundle
 * is used only while every checklist file still has the size and time it had at build.
 */
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Checklist } from "../core/checklist.js";
import { checklistFiles } from "./files.js";

export const BUNDLE_FILE = fileURLToPath(new URL("../checklists.bundle.json", import.meta.url));

interface Bundle {
  fingerprint: string;
  checklists: Checklist[];
}

/** Names, sizes and modification times of a folder's checklist files (and its schemas). */
export async function fingerprint(dir: string): Promise<string> {
  const files = [...(await checklistFiles(dir)), path.join(dir, "schema.json")];
  const stats = await Promise.all(files.map(async (f) => [f, ...(await stat(f).then((s) => [s.size, s.mtimeMs], () => [-1, -1]))]));
  return JSON.stringify(stats);
}

export async function readBundle(dir: string): Promise<Checklist[] | undefined> {
  let bundle: Bundle | null;
  try {
    bundle = JSON.parse(await readFile(BUNDLE_FILE, "utf8")) as Bundle;
  } catch {
    return undefined;
  }
  return bundle?.fingerprint === (await fingerprint(dir)) ? bundle.checklists : undefined;
}

export async function writeBundle(dir: string, checklists: Checklist[]): Promise<void> {
  const bundle: Bundle = { fingerprint: await fingerprint(dir), checklists };
  await writeFile(BUNDLE_FILE, JSON.stringify(bundle));
}
