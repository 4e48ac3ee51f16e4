/**
 * The scoring thread: builds the dictionaries as soon as it starts and scores batches of
 * passwords sent by the main thread, which meanwhile keeps the breach lookups moving.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadScorer } from "./scorer.js";

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
