import { defineConfig } from "vitest/config";

// Bundling the PortOne spec (147 operations) for MOCKS.md takes seconds on a loaded machine.
export default defineConfig({
  test: {
    include: ["test/**/*.test.mjs"],
    testTimeout: 60_000,
  },
});
