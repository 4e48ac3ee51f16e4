/** Picks the breach checker for a run: an offline dataset when one is named, else the range API. */
import { t } from "../i18n/index.js";
import type { HashMode } from "./hash.js";
import type { BreachChecker } from "./result.js";

export interface BreachSource {
  offline?: string;
  /** harden's folder, where `harden data verify` records the data it found sound. */
  stateDir?: string;
  rangeUrl?: string;
  mode: HashMode;
  concurrency?: number;
  /** Decoy prefixes asked for with each real one (online only). */
  decoys?: number;
  /** Keeps each prefix's decoys the same from run to run (see checkByRange). */
  decoyKey?: Uint8Array;
  /** Longest one online lookup may take, all retries included (the range client's default when unset). */
  timeoutMs?: number;
  version: string;
}

export interface OpenedChecker {
  checker: BreachChecker;
  /** Where answers come from, in words: "the offline data at X" or "the breach service at HOST". */
  where: string;
  /** With offline data: its path, and whether it was verified in full as it is now. */
  offline?: { path: string; verified: boolean };
  /** Online: how many random prefixes were asked for with each real one (0 when none). */
  decoys?: number;
}

/** Starts loading the HTTP client or the dataset reader while the input is still being read. */
export function preloadBreachModules(source: BreachSource | undefined): void {
  if (!source) return;
  void (source.offline ? import("./offline.js") : import("./rangeClient.js")).catch(() => {});
}

export async function openBreachChecker(source: BreachSource): Promise<OpenedChecker> {
  if (source.offline) {
    const { openOfflineDataset } = await import("./offline.js");
    const dataset = await openOfflineDataset(source.offline, { mode: source.mode });
    const { wasVerified } = await import("../state/verifiedData.js");
    const verified = source.stateDir !== undefined && wasVerified(source.stateDir, source.offline);
    return { checker: dataset, where: t("password:breach.whereOffline", { path: source.offline }), offline: { path: source.offline, verified } };
  }
  const { createRangeClient, DEFAULT_RANGE_BASE_URL } = await import("./rangeClient.js");
  const baseUrl = source.rangeUrl ?? DEFAULT_RANGE_BASE_URL;
  const checker = createRangeClient({ version: source.version, baseUrl, concurrency: source.concurrency, lookupTimeoutMs: source.timeoutMs, decoys: source.decoys, decoyKey: source.decoyKey });
  return { checker, where: t("password:breach.whereService", { host: new URL(baseUrl).host }), decoys: source.decoys ?? 0 };
}
