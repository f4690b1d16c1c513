#!/usr/bin/env node
// Checks the package in the current directory as it would be published: its metadata, the tarball
// `pnpm pack` makes (listing and packed package.json), publint --strict and attw (esm-only profile)
// on that same tarball. Prints one line when all is well; details only on failure.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { manifestProblems, packedManifestProblems, tarballProblems } from "../src/check.mjs";

const require = createRequire(import.meta.url);
const dir = process.cwd();
const root = findRoot(dir);
const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
const rootPkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const problems = manifestProblems(pkg, { rootRepository: rootPkg.repository, directory: relative(root, dir) });
if (readFileSync(join(dir, "LICENSE"), "utf8") !== readFileSync(join(root, "LICENSE"), "utf8")) {
  problems.push("LICENSE differs from the root LICENSE (copy it: cp LICENSE " + relative(root, dir) + "/)");
}
if (!readFileSync(join(dir, "CHANGELOG.md"), "utf8").startsWith(`# ${pkg.name}\n`)) {
  problems.push(`CHANGELOG.md must start with "# ${pkg.name}" (changesets inserts each release below it)`);
}

const out = mkdtempSync(join(tmpdir(), "payspec-pack-"));
try {
  const packed = JSON.parse(execFileSync("pnpm", ["pack", "--json", "--pack-destination", out], { cwd: dir, encoding: "utf8" }));
  const files = packed.files.map((f) => f.path);
  problems.push(...tarballProblems(files, pkg));
  const manifest = JSON.parse(execFileSync("tar", ["-xzOf", packed.filename, "package/package.json"], { encoding: "utf8" }));
  problems.push(...packedManifestProblems(manifest));

  const tarball = readFileSync(packed.filename);
  const lint = await publint({ pkgDir: "package", pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) }, strict: true });
  for (const message of lint.messages) problems.push(`publint ${message.type}: ${formatMessage(message, lint.pkg, { color: false })}`);

  // attw's table is long: run it quietly, and print it only when it finds a problem.
  const attwPackage = require.resolve("@arethetypeswrong/cli/package.json");
  const attw = join(dirname(attwPackage), require(attwPackage).bin.attw);
  const args = [attw, packed.filename, "--profile", "esm-only"];
  if (spawnSync(process.execPath, [...args, "--quiet"], { stdio: "inherit" }).status !== 0) {
    spawnSync(process.execPath, [...args, "--format", "table", "--no-emoji"], { stdio: "inherit" });
    problems.push("attw found problems (table above)");
  }

  if (problems.length > 0) {
    console.error(`package-check ${pkg.name}: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exitCode = 1;
  } else {
    console.log(`package-check ${pkg.name}: metadata, tarball (${files.length} files, LICENSE and CHANGELOG.md included), publint and attw ok`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

function findRoot(from) {
  let at = from;
  for (;;) {
    try {
      readFileSync(join(at, "pnpm-workspace.yaml"));
      return at;
    } catch {
      const up = dirname(at);
      if (up === at) throw new Error(`no pnpm-workspace.yaml above ${from}`);
      at = up;
    }
  }
}
