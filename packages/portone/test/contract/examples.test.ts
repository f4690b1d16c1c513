// The README's runnable example, run as a user would (node, the built package) against the mock.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, inject, it } from "vitest";

it("examples/get-payment.mjs runs against the mock", async () => {
  const script = fileURLToPath(new URL("../../examples/get-payment.mjs", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script, "order-1"], {
    env: { ...process.env, PORTONE_BASE_URL: inject("portoneMockUrl"), PORTONE_API_SECRET: "example-secret" },
    timeout: 20_000,
  });
  expect(stdout.trim()).toMatch(/^\S+(: \S+| paid at \S+: \d+ [A-Z]{3})$/);
});
