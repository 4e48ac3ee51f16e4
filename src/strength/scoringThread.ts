/**
 * Strength scoring on other threads. The first is started before the password is asked for,
 * so the dictionaries load while the person types; a large batch (a scan) starts a second one,
 * so the scoring uses both cores of a two-core machine while the main thread keeps the breach
 * lookups moving.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { currentLanguage, type Language } from "../i18n/index.js";
import { STRENGTH_MAX_CHARS } from "../input/limits.js";
import type { StrengthVerdict } from "./scorer.js";

export interface ScoringThread {
  scoreMany(passwords: readonly string[], contextWords?: readonly string[]): Promise<StrengthVerdict[]>;
  close(): Promise<void>;
}

/** From this many passwords a second thread pays for the second or so its dictionaries take to load. */
export const PARALLEL_FROM = 200;
/**
 * Passwords per message. Each thread asks for the next part when it is done with one, so a
 * thread still loading, or slowed by another program, takes fewer; small parts make the two
 * finish close together, and a message costs far less than scoring a part.
 */
const PART = 32;

interface Thread {
  score(passwords: string[], contextWords: string[]): Promise<StrengthVerdict[]>;
  close(): Promise<void>;
}

/**
 * `lang`: the language of the verdicts' warnings, tips and times (the threads have no catalogue
 * of their own). `threads`: at most this many, each holding its own dictionaries (about 60 MB).
 */
export function startScoringThread(lang: Language = currentLanguage(), threads = Math.min(2, availableParallelism())): ScoringThread {
  const pool = [startThread(lang)];
  return {
    async scoreMany(passwords, contextWords = []) {
      if (passwords.length >= PARALLEL_FROM) while (pool.length < threads) pool.push(startThread(lang));
      // One character past the scored length is enough for the scorer to know it was cut, and
      // a long password is not copied whole to the other thread.
      const cut = passwords.map((p) => p.slice(0, STRENGTH_MAX_CHARS + 1));
      const words = [...contextWords];
      const verdicts = new Array<StrengthVerdict>(cut.length);
      let next = 0;
      // Verdicts land at their password's place, whichever thread scored it.
      const work = async (thread: Thread) => {
        while (next < cut.length) {
          const from = next;
          next += PART;
          try {
            (await thread.score(cut.slice(from, next), words)).forEach((v, k) => (verdicts[from + k] = v));
          } catch (error) {
            next = cut.length;
            throw error;
          }
        }
      };
      await Promise.all(pool.map(work));
      return verdicts;
    },
    async close() {
      await Promise.all(pool.map((t) => t.close()));
    },
  };
}

function startThread(lang: Language): Thread {
  // The dictionaries need about 60 MB live; without a cap V8 lets a long batch's garbage
  // pile up to several times that before collecting it.
  const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: { lang }, resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 } });
  const pending = new Map<number, { resolve: (v: StrengthVerdict[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on("message", (message: { id: number; verdicts?: StrengthVerdict[]; error?: string }) => {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.verdicts) waiting?.resolve(message.verdicts);
    else waiting?.reject(new Error(`strength scoring failed: ${message.error}`));
  });
  worker.on("error", (error) => failAll(new Error(`strength scoring stopped: ${error.message}`)));
  worker.on("exit", () => failAll(new Error("strength scoring stopped")));
  return {
    score(passwords, contextWords) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, passwords, contextWords });
      });
    },
    async close() {
      worker.removeAllListeners("exit");
      await worker.terminate();
    },
  };
}
