/**
 * The scoring threads run at a lower priority than the thread that reads the network's answers
 * (nice 10, Linux only, where a thread's nice value is its own): the built thread pool is started
 * in this process and the nice value of every thread of it is read from /proc.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const onLinux = process.platform === "linux";

/** The nice value of each thread of this process (field 19 of /proc/self/task/TID/stat). */
function niceValues(): number[] {
  return readdirSync("/proc/self/task").map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "latin1");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
  });
}

describe.runIf(onLinux)("the scoring threads' priority", () => {
  it("two scoring threads at nice 10, every other thread as it was", async () => {
    const before = niceValues();
    const { startScoringThread, PARALLEL_FROM } = await import("../../dist/strength/scoringThread.js");
    const scorer = startScoringThread("en", 2);
    try {
      const verdicts = await scorer.scoreMany(Array.from({ length: PARALLEL_FROM }, (_, i) => `password${i}`));
      expect(verdicts).toHaveLength(PARALLEL_FROM);
      const during = niceValues();
      expect(during.filter((n) => n === 10)).toHaveLength(before.filter((n) => n === 10).length + 2);
      expect(during.filter((n) => n !== 10).every((n) => n === before[0])).toBe(true);
    } finally {
      await scorer.close();
    }
  });
});
