import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // End-to-end tests spawn the built CLI several times each; on a busy 2-core machine one spawn can
    // take a second. A hang still fails, after 15 s instead of 5.
    testTimeout: 15_000,
  },
});
