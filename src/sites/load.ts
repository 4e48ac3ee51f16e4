/**
 * The site data a scan uses, loaded only when a scan runs (never at start-up): the compact file
 * shipped in data/sites/, or, with `--sites-from FILE`, a newer 2fa.directory all-entries.json
 * (checked against its schema, with the shipped passkey facts kept).
 */
import { readFileSync } from "node:fs";
import { readTextInput } from "../input/readText.js";
import { dataDir } from "./dataDir.js";
import { SiteIndex } from "./match.js";
import type { SiteData } from "./site.js";

/** all-entries.json is about 0.6 MB today: room for it to grow tenfold. */
const MAX_SITES_FILE_BYTES = 16 * 1024 * 1024;

/** The shipped data, validated when it was built (scripts/build-sites.mjs --check runs in npm run build). */
export function shippedSites(): SiteData {
  return JSON.parse(readFileSync(new URL("sites/sites.json", dataDir()), "utf8")) as SiteData;
}

export interface LoadedSites {
  data: SiteData;
  index: SiteIndex;
}

export async function loadSites(from?: string): Promise<LoadedSites> {
  const shipped = shippedSites();
  if (from === undefined) return { data: shipped, index: new SiteIndex(shipped.sites) };
  const text = await readTextInput(from, "two-factor directory file", MAX_SITES_FILE_BYTES);
  const passkeysCommit = shipped.sources.find((s) => s.id === "passkeys.directory")?.commit ?? null;
  // ajv and the schemas load only for a file given with --sites-from.
  const { compileSites } = await import("./directory.js");
  const data = compileSites({ file: from, text }, { sites: shipped.sites }, { twofa: null, passkeys: passkeysCommit, file: from });
  return { data, index: new SiteIndex(data.sites) };
}
