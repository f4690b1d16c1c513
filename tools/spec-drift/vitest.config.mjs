import { defineConfig } from "vitest/config";

// Bundling the PortOne spec twice (for the git-history test) takes a few seconds on a loaded machine.
export default defineConfig({
  test: {
    include: ["test/**/*.test.mjs"],
    testTimeout: 60_000,
  },
});
