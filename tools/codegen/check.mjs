#!/usr/bin/env node
// pnpm codegen:check — regenerates everything (bypassing turbo's cache, which would restore the committed files)
// and fails when the result differs from what is committed.
// `--no-regenerate`: only the comparison, right after a build that generated everything (.ci/run on a fresh clone).
import { execFileSync } from "node:child_process";
import { repoRoot } from "./src/bundle.mjs";

const run = (cmd, args) => execFileSync(cmd, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "inherit"] }).toString();
if (!process.argv.includes("--no-regenerate")) {
  run("pnpm", ["exec", "turbo", "run", "codegen", "--force", "--output-logs=errors-only"]);
}
const drift = run("git", ["status", "--porcelain", "--untracked-files=all", "--", ":(glob)packages/*/src/generated/**"]).trim();
if (drift) {
  console.error("Generated files differ from the specs:\n" + drift);
  console.error("\nRun `pnpm codegen` and commit the result (never edit src/generated/ by hand).");
  process.exit(1);
}
console.log("codegen:check: generated files match the specs.");
