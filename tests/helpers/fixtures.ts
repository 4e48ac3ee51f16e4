import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURES = path.join(ROOT, "tests", "fixtures");
export const CHECKLIST_FIXTURES = path.join(FIXTURES, "checklists");
export const BIN = path.join(ROOT, "bin", "harden.js");

/** A fresh folder under the system temp dir, removed by the returned cleanup. */
export function tempDir(prefix = "harden-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For a test file: a function that makes a fresh folder with a HARDEN_HOME inside it, each call
 * its own, all removed after every test.
 */
export function tempHomes(): () => { dir: string; env: { HARDEN_HOME: string } } {
  const made: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of made.splice(0)) cleanup();
  });
  return () => {
    const t = tempDir();
    made.push(t.cleanup);
    return { dir: t.dir, env: { HARDEN_HOME: path.join(t.dir, "home") } };
  };
}
