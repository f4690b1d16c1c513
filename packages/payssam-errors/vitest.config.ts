import { defineConfig } from "vitest/config";

// Type tests (test/**/*.test-d.ts) are compiled by `tsc -p tsconfig.json` in the test script, with the
// rest of the package: one compile instead of a second one inside vitest.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
  },
});
