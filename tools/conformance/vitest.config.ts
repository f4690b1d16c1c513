import { defineConfig } from "vitest/config";

// Type tests (test/**/*.test-d.ts) are compiled by the root `typecheck` task, which `pnpm test` runs.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The six timeout cases run at once (faults.test.ts).
    maxConcurrency: 6,
    testTimeout: 30_000,
  },
});
