// The root README's examples are what a new user copies: every import in them must come from a package the
// user installs for a client (a user who installed only @payspec/portone has no @payspec/runtime to import).
// The handler itself is compiled by result-handling.test-d.ts against the same import.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? "");
/**
 * A package a user installs: a client (any of its subpaths), an errors package or the sandbox; never the runtime they
 * share. The sandbox guide's examples are whole test files, so they also import the test runner they are written for.
 */
const installable = (source: string) => /^@payspec\/(portone|payssam|portone-global|portone-errors|payssam-errors|sandbox)(\/[a-z-]+)?$/.test(source) || source === "vitest";

it("the README has TypeScript examples", () => {
  expect(blocks.length).toBeGreaterThan(1);
});

it.each(blocks.map((code, i) => [i, code] as const))("example %i imports only from packages a user installs", (_i, code) => {
  const sources = [...code.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
  for (const source of sources) expect(installable(source ?? ""), `${source} is not a package a user installs`).toBe(true);
});

it("the result-handling type test imports what the README imports", () => {
  const test = readFileSync(new URL("./result-handling.test-d.ts", import.meta.url), "utf8");
  expect(test).toContain('import type { PaySpecApiError, PaySpecCallError } from "@payspec/portone";');
  expect(readme).toContain('import type { PaySpecApiError, PaySpecCallError } from "@payspec/portone";');
});
