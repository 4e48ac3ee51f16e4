import { createHmac, randomBytes, randomInt } from "node:crypto";
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
 * Decoys: `perReal` other prefixes asked for with each real one. With a `key` (kept by the caller
 * from run to run), a prefix always goes with the same decoys; without one they are new each run.
 */
export interface DecoyOptions {
  readonly perReal: number;
  readonly key?: Uint8Array;
}

/**
 * Answers every hash from its prefix's range, loading each distinct range once; input order kept.
 * With decoys, other prefixes are loaded too, all in one random order, so whoever sees the
 * requests cannot tell which were real, and sees only roughly how many (see withDecoys). Their
 * answers are loaded (and checked) like the others, then dropped.
 */
export async function checkByRange(
  hashes: readonly string[],
  concurrency: number,
  loadRange: RangeLoader,
  { onProgress, signal }: CheckOptions = {},
  decoys: DecoyOptions = { perReal: 0 },
): Promise<BreachResult[]> {
  const groups = groupByPrefix(hashes);
  const results = new Array<BreachResult>(hashes.length);
  let done = 0;
  const tasks: (PrefixGroup | DecoyTask)[] = decoys.perReal > 0 ? withDecoys(groups, decoys.perReal, decoys.key ?? randomBytes(32)) : groups;
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

const PREFIX_SPACE = 16 ** PREFIX_LENGTH;
const prefixHex = (value: number) => value.toString(16).toUpperCase().padStart(PREFIX_LENGTH, "0");

/**
 * The decoys of one real prefix, in order: distinct prefixes other than it drawn from
 * HMAC-SHA256(key, "mode:prefix:i"), i = 0, 1, ... The same key gives the same decoys every run:
 * with new ones each run, a watcher who saw two runs of the same passwords would find the real
 * prefixes as the ones both runs asked for. Without the key, decoys look uniformly random.
 */
function* decoySequence(mode: HashMode, prefix: string, key: Uint8Array): Generator<string, never> {
  const seen = new Set<string>([prefix]);
  for (let i = 0; ; i++) {
    const digest = createHmac("sha256", key).update(`${mode}:${prefix}:${i}`).digest();
    // The first 20 bits: 16^5 prefixes exactly, each equally likely.
    const candidate = prefixHex(digest.readUInt32BE(0) >>> 12);
    if (!seen.has(candidate)) {
      seen.add(candidate);
      yield candidate;
    }
  }
}

/** The first `count` decoys of a prefix (decoySequence). */
export function decoysOf(mode: HashMode, prefix: string, count: number, key: Uint8Array): string[] {
  const out: string[] = [];
  const sequence = decoySequence(mode, prefix, key);
  while (out.length < count) out.push(sequence.next().value);
  return out;
}

/**
 * How many requests a batch with decoys sends: (N + 1) for each of a rounded number of real
 * prefixes, the next of 4, 6, 8, 12, 16, 24, ... (a power of two, or one and a half times one) at
 * or above the real count. (N + 1) per real one would give the number of passwords away to anyone
 * who knows N; rounded, 1 to 4 passwords look the same, and more are hidden among at least two
 * counts, for at most half as many requests again (and four times as many for one password).
 */
export function decoyBatchSize(realPrefixes: number, perReal: number): number {
  let rounded = 4;
  while (rounded < realPrefixes) rounded = rounded % 3 === 0 ? (rounded / 3) * 4 : (rounded / 2) * 3;
  return Math.min(rounded * (perReal + 1), PREFIX_SPACE);
}

/**
 * The real groups, each one's decoys (decoysOf: the same from run to run), and more of them up
 * to decoyBatchSize, each prefix once (a decoy that is another real prefix is asked for once),
 * shuffled together.
 */
function withDecoys(groups: readonly PrefixGroup[], perReal: number, key: Uint8Array): (PrefixGroup | DecoyTask)[] {
  const tasks: (PrefixGroup | DecoyTask)[] = [...groups];
  const used = new Set(groups.map((g) => `${g.mode}:${g.prefix}`));
  const add = (mode: HashMode, prefix: string) => {
    if (used.has(`${mode}:${prefix}`)) return;
    used.add(`${mode}:${prefix}`);
    tasks.push({ mode, prefix });
  };
  const wanted = Math.min(perReal, PREFIX_SPACE - 1);
  const sequences = groups.map((group) => ({ mode: group.mode, next: decoySequence(group.mode, group.prefix, key) }));
  for (const { mode, next } of sequences) for (let n = 0; n < wanted; n++) add(mode, next.next().value);
  // Up to the batch's size with more of the same keyed decoys, one real prefix after another:
  // random filler, new each run, would leave exactly the real prefixes and their N decoys as
  // what two runs of the same passwords share, and so their number.
  const size = groups.length === 0 ? 0 : decoyBatchSize(groups.length, wanted);
  while (tasks.length < size) {
    for (const { mode, next } of sequences) {
      if (tasks.length >= size) break;
      add(mode, next.next().value);
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
