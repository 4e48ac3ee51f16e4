import { randomInt } from "node:crypto";
import { PREFIX_LENGTH, splitHash, type HashMode } from "./hash.js";
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

/**
 * Answers every hash from its prefix's range, loading each distinct range once; input order kept.
 * With `decoys`, that many random other prefixes are loaded for each real one, all in one random
 * order, so whoever sees the requests cannot tell how many were real, or which. Their answers are
 * loaded (and checked) like the others, then dropped.
 */
export async function checkByRange(
  hashes: readonly string[],
  concurrency: number,
  loadRange: RangeLoader,
  { onProgress, signal }: CheckOptions = {},
  decoys = 0,
): Promise<BreachResult[]> {
  const groups = groupByPrefix(hashes);
  const results = new Array<BreachResult>(hashes.length);
  let done = 0;
  const tasks: (PrefixGroup | DecoyTask)[] = decoys > 0 ? withDecoys(groups, decoys) : groups;
  await runPool(
    tasks,
    concurrency,
    async (task) => {
      const outcome = await loadRange(task.mode, task.prefix, signal);
      if (!("members" in task)) return;
      for (const { index, suffix } of task.members) results[index] = resultFor(outcome, suffix);
      done += task.members.length;
      onProgress?.({ done, total: hashes.length });
    },
    signal,
  );
  return results;
}

interface DecoyTask {
  readonly mode: HashMode;
  readonly prefix: string;
}

/** The real groups and `perReal` random unused prefixes for each, shuffled together. */
function withDecoys(groups: readonly PrefixGroup[], perReal: number): (PrefixGroup | DecoyTask)[] {
  const used = new Set(groups.map((g) => `${g.mode}:${g.prefix}`));
  const tasks: (PrefixGroup | DecoyTask)[] = [...groups];
  const space = 16 ** PREFIX_LENGTH;
  for (const group of groups) {
    for (let n = 0; n < perReal && used.size < space; n++) {
      let prefix: string;
      do prefix = randomInt(space).toString(16).toUpperCase().padStart(PREFIX_LENGTH, "0");
      while (used.has(`${group.mode}:${prefix}`));
      used.add(`${group.mode}:${prefix}`);
      tasks.push({ mode: group.mode, prefix });
    }
  }
  // Fisher-Yates with a cryptographic source: the order must not give the real ones away.
  for (let i = tasks.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [tasks[i], tasks[j]] = [tasks[j]!, tasks[i]!];
  }
  return tasks;
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
