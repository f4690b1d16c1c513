import { defineConfig } from "vitest/config";

// Type tests (test/**/*.test-d.ts) are compiled by the `typecheck` script, which `pnpm test` runs.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
