/**
 * One harden at a time changes a state folder: every read-modify-write (progress, settings,
 * the evidence log, forget) runs under <state dir>/harden.lock. The lock is proper-lockfile's:
 * a folder made with mkdir (atomic, even on network folders), kept fresh while held, and taken
 * over once it is older than STALE_MS, which is how a lock left by a killed harden is cleared.
 * A second harden waits up to WAIT_MS, then stops with StateBusyError (exit 2).
 */
import { lstatSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { UsageError } from "../errors.js";
import { cannotSave } from "./folder.js";
import { t } from "../i18n/index.js";

export const LOCK_NAME = "harden.lock";

let lockfile: typeof import("proper-lockfile") | undefined;
/** proper-lockfile (and graceful-fs under it), read when a lock is first taken: a run that only reads loads neither. */
const properLockfile = () => (lockfile ??= createRequire(import.meta.url)("proper-lockfile") as typeof import("proper-lockfile"));
/** Longer than any hold (one small write) takes; a held lock is refreshed every STALE_MS / 2. */
const STALE_MS = 5000;
/** Longer than STALE_MS, so a lock left by a killed harden is taken over within the wait. */
const WAIT_MS = 6000;

// Node ignores SIGXFSZ, so writing past a file-size limit fails with EFBIG like a full disk
// and harden can clean up. proper-lockfile's signal-exit would turn it back into a kill part
// way through a write; a listener of our own keeps Node's behaviour.
process.on("SIGXFSZ", () => {});

export class StateBusyError extends UsageError {
  constructor(dir: string) {
    super(t("errors:state.busy", { dir }));
  }
}

export interface LockOptions {
  /** How long to wait for another harden to finish (ms). */
  waitMs?: number;
}

/**
 * A lock whose time is later than now (the clock was set back after a harden was killed holding
 * it) would never grow old enough to be taken over: remove it, as proper-lockfile removes one
 * that is too old. A harden holding the lock refreshes its time every STALE_MS / 2 by this same
 * clock, so a lock more than STALE_MS ahead of it is not held.
 */
function clearLockFromTheFuture(lockPath: string): void {
  const stats = lstatSync(lockPath, { throwIfNoEntry: false });
  if (stats?.isDirectory() && stats.mtimeMs > Date.now() + STALE_MS) rmSync(lockPath, { recursive: true, force: true });
}

function tryLock(dir: string): (() => void) | undefined {
  try {
    clearLockFromTheFuture(path.join(dir, LOCK_NAME));
    return properLockfile().lockSync(dir, {
      realpath: false,
      lockfilePath: path.join(dir, LOCK_NAME),
      stale: STALE_MS,
      // The lock is held for one small write at a time; should it be taken over meanwhile (this
      // process stalled for longer than STALE_MS), the write is done by then: nothing to undo.
      onCompromised: () => {},
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") return undefined;
    throw cannotSave(dir, error);
  }
}

/** The lock's release, or how long to wait before trying again; StateBusyError once the wait is over. */
function attempt(dir: string, deadline: number, n: number): { release: () => void } | { retryInMs: number } {
  const release = tryLock(dir);
  if (release) return { release };
  if (Date.now() >= deadline) throw new StateBusyError(dir);
  return { retryInMs: Math.min(25 * 2 ** n, 250) * (0.5 + Math.random() / 2) };
}

/**
 * Runs `run` holding the folder's lock (the synchronous settings and progress store). Not
 * re-entrant: a nested call would wait for itself.
 */
export function withStateLockSync<T>(dir: string, run: () => T, options: LockOptions = {}): T {
  const deadline = Date.now() + (options.waitMs ?? WAIT_MS);
  for (let n = 0; ; n++) {
    const got = attempt(dir, deadline, n);
    if ("release" in got) {
      try {
        return run();
      } finally {
        got.release();
      }
    }
    // A synchronous wait: the store's callers are synchronous, and nothing else is to run meanwhile.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, got.retryInMs);
  }
}

/** Runs `run` holding the folder's lock (the evidence log). Not re-entrant either. */
export async function withStateLock<T>(dir: string, run: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.waitMs ?? WAIT_MS);
  for (let n = 0; ; n++) {
    const got = attempt(dir, deadline, n);
    if ("release" in got) {
      try {
        return await run();
      } finally {
        got.release();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, got.retryInMs));
  }
}
