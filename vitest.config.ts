import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{src,harnesses,scorers,suites,test,bench}/**/*.test.ts"],
    exclude: ["dist/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most end-to-end tests wait on child processes, servers and sandboxes: two files at a time
    // on a 2-core machine (vitest's default there is one).
    maxWorkers: 2,
    globalSetup: ["test/global-setup.ts"],
  },
});
