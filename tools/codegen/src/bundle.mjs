// Bundles a provider's spec (root + the files it $refs) into one document, for the generators,
// the tests, the mock and the docs check.
//
// A run bundles each spec about ten times (six generators, the test files, each mock, the docs check), in as many
// processes, and Redocly's bundler costs 0.4 CPU-s to load and up to 1.7 CPU-s per PortOne bundle. So the first
// bundle of a spec's content is kept in .cache/bundled/, under a digest of every file under specs/, of Redocly's
// version and of this file: any change to a spec (or to Redocly, or to how we bundle) is a new digest, hence a fresh
// bundle. Redocly is loaded only when a bundle has to be made.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Absolute path of `specs/<provider>/openapi.yaml`. */
export function specRoot(provider) {
  return join(repoRoot, "specs", provider, "openapi.yaml");
}

const CACHE_DIR = join(repoRoot, ".cache", "bundled");
const require = createRequire(import.meta.url);

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

let inputsDigest;
/**
 * A digest of everything a bundle depends on: every file under specs/ (a $ref may point anywhere in it), Redocly's
 * version and this file (the bundling options). Computed once per process.
 */
function bundleInputsDigest() {
  if (inputsDigest) return inputsDigest;
  const hash = createHash("sha256");
  hash.update(`@redocly/openapi-core ${require("@redocly/openapi-core/package.json").version}\n`);
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  const specsDir = join(repoRoot, "specs");
  for (const file of filesUnder(specsDir).sort()) {
    hash.update(`${relative(specsDir, file)}\n`);
    hash.update(readFileSync(file));
    hash.update("\n");
  }
  inputsDigest = hash.digest("hex").slice(0, 16);
  return inputsDigest;
}

async function bundleWithRedocly(provider) {
  const { bundle, createConfig } = await import("@redocly/openapi-core");
  const config = await createConfig({});
  const { bundle: result, problems } = await bundle({ ref: specRoot(provider), config, dereference: false });
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const lines = errors.map((p) => `  ${p.message} (${p.location?.[0]?.pointer ?? "?"})`);
    throw new Error(`specs/${provider}: cannot bundle:\n${lines.join("\n")}`);
  }
  return result.parsed;
}

const texts = new Map();

async function bundledText(provider) {
  const cached = join(CACHE_DIR, `${provider}-${bundleInputsDigest()}.json`);
  if (existsSync(cached)) return readFileSync(cached, "utf8");
  const text = JSON.stringify(await bundleWithRedocly(provider));
  mkdirSync(CACHE_DIR, { recursive: true });
  // Write, then rename: processes that bundle at the same time never read half a file.
  const partial = `${cached}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, cached);
  for (const old of readdirSync(CACHE_DIR)) {
    if (old.startsWith(`${provider}-`) && old.endsWith(".json") && join(CACHE_DIR, old) !== cached) rmSync(join(CACHE_DIR, old), { force: true });
  }
  return text;
}

/**
 * Returns the bundled document of a provider's spec (all external $refs inlined into components): a fresh object
 * on every call, so callers may change it.
 */
export async function bundleSpec(provider) {
  if (!texts.has(provider)) texts.set(provider, bundledText(provider));
  try {
    return JSON.parse(await texts.get(provider));
  } catch (error) {
    texts.delete(provider);
    throw error;
  }
}
