import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURES = path.join(ROOT, "tests", "fixtures");
export const CHECKLIST_FIXTURES = path.join(FIXTURES, "checklists");
export const BIN = path.join(ROOT, "bin", "harden.js");

/** A fresh folder under the system temp dir, removed by the returned cleanup. */
export function tempDir(prefix = "harden-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
