import { defineConfig } from "vitest/config";

// Type tests (test/**/*.test-d.ts) are compiled by the root `typecheck` task (`pnpm test` runs it), with every
// package in one program: no second compile inside vitest.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Test files share a worker's module cache (portone: 17 instead of 24 CPU-s on the 2-core CI machine). The tests
    // inject their fetch and touch no globals; one that fakes timers or changes a global restores it.
    isolate: false,
    globalSetup: ["test/contract/global-setup.ts"],
    testTimeout: 20_000,
  },
});
