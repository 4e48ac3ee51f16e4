/**
 * The scoring thread: builds the dictionaries as soon as it starts and scores batches of
 * passwords sent by the main thread, which meanwhile keeps the breach lookups moving.
 */
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { loadScorer } from "./scorer.js";

// Scoring is background work: while the main thread has answers from the network to read, it
// goes first, and scoring takes what is left of the cores (all of them when nothing else runs).
// On Linux the nice value of thread 0 is this thread's own; elsewhere it would be the whole process.
if (process.platform === "linux") {
  try {
    setPriority(0, 10);
  } catch {
    // Not allowed here: scoring at the same priority is still right, only less polite.
  }
}

const lang = (workerData as { lang?: unknown } | null)?.lang;
const scorer = loadScorer(lang === "fr" || lang === "ar" ? lang : "en");

parentPort!.on("message", async (message: { id: number; passwords: string[]; contextWords: string[] }) => {
  try {
    const s = await scorer;
    parentPort!.postMessage({ id: message.id, verdicts: message.passwords.map((p) => s.score(p, message.contextWords)) });
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
