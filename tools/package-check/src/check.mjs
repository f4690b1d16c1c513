// The rules a publishable @payspec package must meet, as pure functions of its manifest and its
// packed file list, so that the rules themselves are unit-tested (test/check.test.mjs).

/** Fields every public package carries; a missing or wrong one is named in the problem. */
export function manifestProblems(pkg, { rootRepository, directory }) {
  const problems = [];
  const need = (ok, message) => ok || problems.push(message);
  need(pkg.private !== true, "is private: only public packages are checked");
  need(pkg.license === "MIT", `license is ${JSON.stringify(pkg.license)}, expected "MIT"`);
  need(typeof pkg.description === "string" && pkg.description.length > 0, "description is missing");
  need(Boolean(pkg.author) || (Array.isArray(pkg.contributors) && pkg.contributors.length > 0), "author (or contributors) is missing");
  const repo = pkg.repository;
  need(repo?.type === "git", "repository.type must be \"git\"");
  need(repo?.url === rootRepository.url, `repository.url is ${JSON.stringify(repo?.url)}, expected the root's ${JSON.stringify(rootRepository.url)}`);
  need(repo?.directory === directory, `repository.directory is ${JSON.stringify(repo?.directory)}, expected ${JSON.stringify(directory)}`);
  const web = rootRepository.url.replace(/^git\+/, "").replace(/\.git$/, "");
  need(typeof pkg.homepage === "string" && pkg.homepage.startsWith(web), `homepage must start with ${web}`);
  need(typeof pkg.bugs?.url === "string" && pkg.bugs.url.startsWith(web), `bugs.url must start with ${web}`);
  need(pkg.publishConfig?.access === "public", "publishConfig.access must be \"public\"");
  need(pkg.publishConfig?.provenance === true, "publishConfig.provenance must be true");
  need(pkg.type === "module", "type must be \"module\" (the packages are ESM-only)");
  need(Boolean(pkg.engines?.node), "engines.node is missing");
  for (const file of ["README.md", "CHANGELOG.md", "LICENSE"]) {
    need(Array.isArray(pkg.files) && pkg.files.includes(file), `files does not list ${file}`);
  }
  for (const field of ["dependencies", "peerDependencies"]) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      const ok = range.startsWith("^") || range === "workspace:^" || range.startsWith(">=");
      need(ok, `${field}.${name} is ${JSON.stringify(range)}: use a caret range so that consumers can dedupe`);
    }
  }
  return problems;
}

/** `files`: the paths inside the tarball, relative to its package/ folder. */
export function tarballProblems(files, pkg) {
  const problems = [];
  const have = new Set(files);
  for (const file of ["package.json", "README.md", "CHANGELOG.md", "LICENSE"]) {
    if (!have.has(file)) problems.push(`the tarball has no ${file}`);
  }
  for (const target of exportTargets(pkg.exports)) {
    if (!have.has(target.replace(/^\.\//, ""))) problems.push(`the tarball lacks ${target}, an exports target`);
  }
  for (const file of files) {
    if (/(^|\/)(node_modules|\.turbo|test)\//.test(file) || /\.(test|test-d)\.ts$|\.tsbuildinfo$/.test(file)) {
      problems.push(`the tarball ships ${file}, which is not meant for consumers`);
    }
  }
  return problems;
}

/** Packed package.json: the workspace protocol must have been replaced by real ranges. */
export function packedManifestProblems(packed) {
  const problems = [];
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [name, range] of Object.entries(packed[field] ?? {})) {
      if (range.startsWith("workspace:")) problems.push(`packed ${field}.${name} is still ${range}`);
    }
  }
  return problems;
}

function exportTargets(exports) {
  if (typeof exports === "string") return [exports];
  if (!exports || typeof exports !== "object") return [];
  return Object.values(exports).flatMap(exportTargets);
}

/** attw's esm-only profile: the packages are ESM-only, so node10 and CommonJS resolution are not asked for. */
export const ATTW_IGNORED_RESOLUTIONS = ["node10", "node16-cjs"];

/** The problems of an attw `checkPackage` result that the esm-only profile reports, one line each. */
export function attwProblems(analysis) {
  if (!analysis.types) return ["the package ships no types"];
  return analysis.problems
    .filter((p) => !("resolutionKind" in p) || !ATTW_IGNORED_RESOLUTIONS.includes(p.resolutionKind))
    .map((p) => `${p.kind}${p.entrypoint ? ` at "${p.entrypoint}"` : ""}${p.resolutionKind ? ` (${p.resolutionKind})` : ""}`);
}
