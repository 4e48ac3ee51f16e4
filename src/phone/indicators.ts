/**
 * The stalkerware indicators: AssoEchap's stalkerware-indicators (ioc.yaml, watchware.yaml;
 * CC BY 4.0), validated against data/stalkerware/schema.json at build time and bundled as one
 * small JSON file (only names, package names and certificate SHA-1s). `harden phone indicators
 * update` keeps a newer ioc.yaml's set in harden's folder, used instead of the bundled one.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CouldNotCheckError } from "../errors.js";
import { t } from "../i18n/index.js";
import { readStateFile } from "../state/folder.js";

/** data/stalkerware/ beside package.json (the same depth from dist/phone/ and dist/bundle/). */
export const DATA_DIR = fileURLToPath(new URL("../../data/stalkerware/", import.meta.url));
export const SCHEMA_FILE = path.join(DATA_DIR, "schema.json");
/** Written by the build (src/phone/buildIndicators.ts). */
export const BUNDLE_FILE = fileURLToPath(new URL("../stalkerware.json", import.meta.url));
/** A newer set, saved by `harden phone indicators update`, in harden's state folder. */
export const UPDATED_FILE = "stalkerware-indicators.json";

export const UPSTREAM = "https://github.com/AssoEchap/stalkerware-indicators";
export const LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/";

export type AppType = "stalkerware" | "watchware";

export interface IndicatorApp {
  name: string;
  type: AppType;
  packages: string[];
  /** Signing-certificate SHA-1s, upper-case hex. */
  certificates: string[];
}

export interface IndicatorsSource {
  /** Where the set came from: the upstream repository, a file or a URL. */
  from: string;
  /** Upstream commit, when known (the bundled set). */
  commit: string | null;
  /** The upstream commit's date, or when the update was saved. */
  date: string;
  /** bundled: shipped with harden; updated: saved by `harden phone indicators update`. */
  kind: "bundled" | "updated";
}

export interface Indicators {
  version: 1;
  source: IndicatorsSource;
  apps: IndicatorApp[];
}

export interface IndicatorsInfo extends IndicatorsSource {
  counts: { stalkerware: number; watchware: number; packages: number; certificates: number };
}

/** Only what the check uses, certificates upper-cased, from validated upstream entries. */
export function compactApps(entries: unknown[]): IndicatorApp[] {
  return entries.map((raw) => {
    const entry = raw as { name: string; type: AppType; packages?: string[]; certificates?: string[] };
    return { name: entry.name, type: entry.type, packages: [...new Set(entry.packages ?? [])], certificates: [...new Set((entry.certificates ?? []).map((c) => c.toUpperCase()))] };
  });
}

export function indicatorsInfo(set: Indicators): IndicatorsInfo {
  const of = (type: AppType) => set.apps.filter((a) => a.type === type).length;
  return {
    ...set.source,
    counts: {
      stalkerware: of("stalkerware"),
      watchware: of("watchware"),
      packages: set.apps.reduce((n, a) => n + a.packages.length, 0),
      certificates: set.apps.reduce((n, a) => n + a.certificates.length, 0),
    },
  };
}

const isStrings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");

/** A compact set as harden wrote it; anything else is undefined (never half-trusted). */
export function parseCompact(text: string): Indicators | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const set = data as Partial<Indicators> | null;
  if (!set || set.version !== 1 || !set.source || typeof set.source.from !== "string" || typeof set.source.date !== "string" || !Array.isArray(set.apps)) return undefined;
  const appsOk = set.apps.every(
    (a) => a && typeof a.name === "string" && (a.type === "stalkerware" || a.type === "watchware") && isStrings(a.packages) && isStrings(a.certificates),
  );
  return appsOk && set.apps.length > 0 ? (set as Indicators) : undefined;
}

/**
 * The set to check against: a saved update when there is a sound one, else the bundled set. Run
 * from the sources (tests), where no build has written the bundle, the YAML files are read instead.
 */
export async function loadIndicators(stateDir: string | undefined): Promise<Indicators> {
  if (stateDir !== undefined) {
    const saved = readStateFile(path.join(stateDir, UPDATED_FILE));
    const parsed = saved && parseCompact(saved.toString("utf8"));
    if (parsed) return { ...parsed, source: { ...parsed.source, kind: "updated" } };
  }
  let text: string | undefined;
  try {
    text = readFileSync(BUNDLE_FILE, "utf8");
  } catch {
    text = undefined;
  }
  const bundled = text === undefined ? await fromSources() : parseCompact(text);
  if (!bundled) throw new CouldNotCheckError(t("phone:errors.noIndicators"));
  return bundled;
}

async function fromSources(): Promise<Indicators | undefined> {
  try {
    return (await (await import("./indicatorsFile.js")).buildBundledSet()).set;
  } catch {
    return undefined;
  }
}
