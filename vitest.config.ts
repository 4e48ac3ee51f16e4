import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // End-to-end tests spawn the built CLI several times each; on a busy 2-core machine one spawn can
    // take a second. A hang still fails, after 15 s instead of 5.
    testTimeout: 15_000,
    // vitest's default on two cores is one worker (cores - 1), so the e2e files, which mostly wait
    // on the CLI they spawn, ran one after another: two workers take the suite from about 9 to 6.5 minutes.
    maxWorkers: 2,
  },
});
