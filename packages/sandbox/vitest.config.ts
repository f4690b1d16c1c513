import { defineConfig } from "vitest/config";

// Every test starts and stops its own sandbox (servers on 127.0.0.1, ports chosen by the OS). The files share one
// worker's module cache (isolate: false): the compiled spec is loaded once for all of them.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    isolate: false,
    fileParallelism: false,
    testTimeout: 20_000,
  },
});
