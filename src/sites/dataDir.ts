/** Where harden's data files are, without loading anything else (the scan reads them lazily). */
import { readFileSync } from "node:fs";

/** The folder of harden's data files: data/ at the package root (from src/sites, dist/sites or dist/bundle). */
export function dataDir(): URL {
  for (const up of ["../../data/", "../data/", "../../../data/"]) {
    const dir = new URL(up, import.meta.url);
    try {
      readFileSync(new URL("sites/sites.schema.json", dir));
      return dir;
    } catch {
      // Not at this level.
    }
  }
  throw new Error("harden's site data (data/sites/) is missing from the installation");
}
