import { defineConfig } from "vitest/config";

// Bundling the PortOne spec (147 operations) for MOCKS.md takes seconds on a loaded machine.
// tools/turbo.test.mjs (the closing total of `pnpm test`) runs here too: tools/ has no package of its own.
export default defineConfig({
  test: {
    include: ["test/**/*.test.mjs", "../turbo.test.mjs"],
    testTimeout: 60_000,
  },
});
