// The README's runnable example, run as a user would (node, the built package) against the mock.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, inject, it } from "vitest";

it("examples/send-bill.mjs runs against the mock", async () => {
  const script = fileURLToPath(new URL("../../examples/send-bill.mjs", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, PAYSSAM_BASE_URL: inject("payssamMockUrl") },
    timeout: 20_000,
  });
  expect(stdout).toMatch(/^bill EX[0-9A-Z]+: https:\/\//m);
  expect(stdout).toMatch(/^state: [FWCD]$/m);
});
