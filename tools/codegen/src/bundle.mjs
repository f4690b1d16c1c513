// Bundles a provider's spec (root + the files it $refs) into one document, for the generators,
// the tests and the mock.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle, createConfig } from "@redocly/openapi-core";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Absolute path of `specs/<provider>/openapi.yaml`. */
export function specRoot(provider) {
  return join(repoRoot, "specs", provider, "openapi.yaml");
}

/** Returns the bundled document of a provider's spec (all external $refs inlined into components). */
export async function bundleSpec(provider) {
  const config = await createConfig({});
  const { bundle: result, problems } = await bundle({ ref: specRoot(provider), config, dereference: false });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const lines = errors.map((p) => `  ${p.message} (${p.location?.[0]?.pointer ?? "?"})`);
    throw new Error(`specs/${provider}: cannot bundle:\n${lines.join("\n")}`);
  }
  return result.parsed;
}
