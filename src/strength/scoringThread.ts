/**
 * Strength scoring on a second thread. Started before the password is asked for, so the
 * dictionaries load while the person types; in batches it uses the machine's second core
 * while the main thread waits on the network.
 */
import { Worker } from "node:worker_threads";
import { currentLanguage, type Language } from "../i18n/index.js";
import { STRENGTH_MAX_CHARS } from "../input/limits.js";
import type { StrengthVerdict } from "./scorer.js";

export interface ScoringThread {
  scoreMany(passwords: readonly string[], contextWords?: readonly string[]): Promise<StrengthVerdict[]>;
  close(): Promise<void>;
}

/** `lang`: the language of the verdicts' warnings, tips and times (the thread has no catalogue of its own). */
export function startScoringThread(lang: Language = currentLanguage()): ScoringThread {
  // The dictionaries need about 60 MB live; without a cap V8 lets a long batch's garbage
  // pile up to several times that before collecting it.
  const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: { lang }, resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 32 } });
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
    scoreMany(passwords, contextWords = []) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // One character past the scored length is enough for the scorer to know it was cut, and
        // a long password is not copied whole to the other thread.
        worker.postMessage({ id, passwords: passwords.map((p) => p.slice(0, STRENGTH_MAX_CHARS + 1)), contextWords: [...contextWords] });
      });
    },
    async close() {
      worker.removeAllListeners("exit");
      await worker.terminate();
    },
  };
}
