// Loads an OpenAPI document from a file, a URL or a git revision (`git:REF:path`), as one bundled document
// (every external `$ref` inlined into components by Redocly's bundler, the one the codegen uses).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parse } from "yaml";
import { bundleSpec, repoRoot } from "@payspec/codegen/bundle";

/** Whether a parsed document still points at other files. */
function hasExternalRefs(node) {
  if (!node || typeof node !== "object") return false;
  if (typeof node.$ref === "string" && !node.$ref.startsWith("#")) return true;
  return Object.values(node).some(hasExternalRefs);
}

async function bundleFile(file) {
  const parsed = parse(readFileSync(file, "utf8"), { maxAliasCount: -1 });
  if (!hasExternalRefs(parsed)) return parsed;
  const { bundle, createConfig } = await import("@redocly/openapi-core");
  const config = await createConfig({});
  // Problems are not fatal here: Redocly resolves every `$ref` of each file it opens, also in parts the root never
  // reaches (older revisions of our spec had such dangling ones). A `$ref` the operations do reach and that
  // stayed unresolved fails the normalisation instead, naming it.
  const { bundle: result } = await bundle({ ref: file, config, dereference: false });
  return result.parsed;
}

/** `git:REF:path` → `{ref, path}`; undefined for other sources. */
export function parseGitSource(source) {
  const match = /^git:([^:]+):(.+)$/.exec(source);
  return match ? { ref: match[1], path: match[2] } : undefined;
}

/**
 * Loads `source`: `git:REF:path` (path relative to the repository root; the top folder of that path is taken from
 * REF, so that `$ref`s between files resolve as they did then), an http(s) URL, or a file.
 * Returns `{doc, label}`.
 */
export async function loadDocument(source, { cwd = process.cwd(), fetchImpl = globalThis.fetch } = {}) {
  const git = parseGitSource(source);
  if (git) {
    const top = git.path.split("/")[0];
    const dir = mkdtempSync(join(tmpdir(), "spec-drift-"));
    try {
      const tar = execFileSync("git", ["archive", "--format=tar", git.ref, "--", top], { cwd: repoRoot, maxBuffer: 1 << 30 });
      execFileSync("tar", ["-x", "-C", dir], { input: tar });
      return { doc: await bundleFile(join(dir, git.path)), label: source };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (/^https?:\/\//.test(source)) {
    const response = await fetchImpl(source, { headers: { accept: "application/json, application/yaml;q=0.9" } });
    if (!response.ok) throw new Error(`${source}: HTTP ${response.status}`);
    const doc = parse(await response.text(), { maxAliasCount: -1 });
    if (hasExternalRefs(doc)) throw new Error(`${source}: the document has external $refs; download it with its files and pass the root file`);
    return { doc, label: source };
  }
  const file = resolve(cwd, source);
  // Our own spec at the checked-out revision: the codegen's bundle (cached under .cache/bundled/).
  const own = /^specs\/([^/]+)\/openapi\.yaml$/.exec(relative(repoRoot, file).split("\\").join("/"));
  if (own) return { doc: await bundleSpec(own[1]), label: relative(repoRoot, file) };
  return { doc: await bundleFile(file), label: relative(cwd, file) || file };
}

/** The provider folders under specs/ (each with an openapi.yaml). */
export function providerSpecs() {
  const out = execFileSync("git", ["ls-files", "specs/*/openapi.yaml"], { cwd: repoRoot, encoding: "utf8" });
  return out.split("\n").filter(Boolean).map((f) => dirname(f).split("/")[1]).sort();
}
