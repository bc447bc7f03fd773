import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // dist/ built once for the run: the processes the tests start run it (test/helpers/reports.ts DIST).
    globalSetup: ["test/global-setup.ts"],
    // jieba loads a 280 MB dictionary once per worker: keep the worker count small.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
