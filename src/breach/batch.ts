import { splitHash, type HashMode } from "./hash.js";
import type { CheckedRangeBody } from "./rangeBody.js";
import { found, notFound, unknown, type BreachResult, type CheckOptions } from "./result.js";

/**
 * Batch plumbing shared by the range client and the offline datasets: bounded parallelism,
 * and one range load per distinct prefix however many hashes share it.
 */

/** A parsed range (suffix -> count), or why it could not be had. */
export type RangeOutcome = CheckedRangeBody;

export type RangeLoader = (mode: HashMode, prefix: string, signal?: AbortSignal) => Promise<RangeOutcome>;

/** Runs `work` on every item, at most `concurrency` at once; stops early when the signal aborts. */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  signal?.throwIfAborted();
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
      signal?.throwIfAborted();
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
}

interface PrefixGroup {
  readonly mode: HashMode;
  readonly prefix: string;
  readonly members: { readonly index: number; readonly suffix: string }[];
}

/** Answers every hash from its prefix's range, loading each distinct range once; input order kept. */
export async function checkByRange(
  hashes: readonly string[],
  concurrency: number,
  loadRange: RangeLoader,
  { onProgress, signal }: CheckOptions = {},
): Promise<BreachResult[]> {
  const groups = groupByPrefix(hashes);
  const results = new Array<BreachResult>(hashes.length);
  let done = 0;
  await runPool(
    groups,
    concurrency,
    async (group) => {
      const outcome = await loadRange(group.mode, group.prefix, signal);
      for (const { index, suffix } of group.members) results[index] = resultFor(outcome, suffix);
      done += group.members.length;
      onProgress?.({ done, total: hashes.length });
    },
    signal,
  );
  return results;
}

function groupByPrefix(hashes: readonly string[]): PrefixGroup[] {
  const groups = new Map<string, PrefixGroup>();
  hashes.forEach((hash, index) => {
    const { mode, prefix, suffix } = splitHash(hash);
    const key = `${mode}:${prefix}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { mode, prefix, members: [] };
      groups.set(key, group);
    }
    group.members.push({ index, suffix });
  });
  return [...groups.values()];
}

function resultFor(outcome: RangeOutcome, suffix: string): BreachResult {
  if (!outcome.ok) return unknown(outcome.reason);
  const count = outcome.countOf(suffix);
  return count > 0 ? found(count) : notFound();
}
