#!/usr/bin/env node
// payspec-package-check [package dir...] — checks every public package under packages/ (or the ones named) as it
// would be published: its metadata, the tarball `pnpm pack` makes (listing and packed package.json), publint
// --strict and attw (esm-only profile) on that same tarball. One line per package when all is well; details only
// on failure (attw's table included).
// All packages in one process: one `pnpm pack` for all of them, TypeScript (attw) and publint loaded once
// (six processes of their own cost 27 CPU-s on the 2-core CI machine; this costs about 6).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { checkPackage, createPackageFromTarballData } from "@arethetypeswrong/core";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { attwProblems, manifestProblems, packedManifestProblems, tarballProblems } from "../src/check.mjs";

const require = createRequire(import.meta.url);
const root = findRoot(process.cwd());
const rootPkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const named = process.argv.slice(2).map((dir) => resolve(dir));
const dirs = named.length > 0 ? named : publicPackages(root);

const out = mkdtempSync(join(tmpdir(), "payspec-pack-"));
let failed = 0;
try {
  const filters = dirs.flatMap((dir) => ["--filter", `./${relative(root, dir)}`]);
  const packs = JSON.parse(execFileSync("pnpm", ["-r", ...filters, "pack", "--json", "--pack-destination", out], { cwd: root, encoding: "utf8" }));
  // pnpm prints one object for a single package and an array for several.
  const packed = new Map((Array.isArray(packs) ? packs : [packs]).map((p) => [p.name, p]));

  for (const dir of dirs) {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const problems = manifestProblems(pkg, { rootRepository: rootPkg.repository, directory: relative(root, dir) });
    if (!existsSync(join(dir, "LICENSE")) || readFileSync(join(dir, "LICENSE"), "utf8") !== readFileSync(join(root, "LICENSE"), "utf8")) {
      problems.push(`LICENSE is missing or differs from the root LICENSE (copy it: cp LICENSE ${relative(root, dir)}/)`);
    }
    if (!existsSync(join(dir, "CHANGELOG.md")) || !readFileSync(join(dir, "CHANGELOG.md"), "utf8").startsWith(`# ${pkg.name}\n`)) {
      problems.push(`CHANGELOG.md must start with "# ${pkg.name}" (changesets inserts each release below it)`);
    }
    const pack = packed.get(pkg.name);
    if (!pack) throw new Error(`pnpm pack made no tarball for ${pkg.name}`);
    const files = pack.files.map((f) => f.path);
    problems.push(...tarballProblems(files, pkg));
    problems.push(...packedManifestProblems(JSON.parse(execFileSync("tar", ["-xzOf", pack.filename, "package/package.json"], { encoding: "utf8" }))));

    const tarball = readFileSync(pack.filename);
    const lint = await publint({ pkgDir: "package", pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) }, strict: true });
    for (const message of lint.messages) problems.push(`publint ${message.type}: ${formatMessage(message, lint.pkg, { color: false })}`);

    const attw = attwProblems(await checkPackage(createPackageFromTarballData(new Uint8Array(tarball))));
    if (attw.length > 0) {
      // The table says more than a list of problem kinds: print it (it is long, so only now).
      const attwPackage = require.resolve("@arethetypeswrong/cli/package.json");
      const cli = join(dirname(attwPackage), require(attwPackage).bin.attw);
      spawnSync(process.execPath, [cli, pack.filename, "--profile", "esm-only", "--format", "table", "--no-emoji"], { stdio: "inherit" });
      problems.push(...attw.map((p) => `attw: ${p}`));
    }

    if (problems.length > 0) {
      failed++;
      console.error(`package-check ${pkg.name}: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    } else {
      console.log(`package-check ${pkg.name}: metadata, tarball (${files.length} files, LICENSE and CHANGELOG.md included), publint and attw ok`);
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failed > 0) process.exitCode = 1;

/** Every package under packages/ that is not private. */
function publicPackages(at) {
  return readdirSync(join(at, "packages"))
    .map((name) => join(at, "packages", name))
    .filter((dir) => existsSync(join(dir, "package.json")) && JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private !== true)
    .sort();
}

function findRoot(from) {
  for (let at = from; ; at = dirname(at)) {
    if (existsSync(join(at, "pnpm-workspace.yaml"))) return at;
    if (dirname(at) === at) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}
