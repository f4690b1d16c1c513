#!/usr/bin/env node
// `node tools/changeset-check.mjs <base>` (CI, on pull requests): fails when the branch changes what a
// published package ships (packages/*/src, a package.json, specs/) and adds no .changeset/*.md.
// A PR labelled "no changeset" skips the job (see .github/workflows/ci.yml).
import { execFileSync } from "node:child_process";

const base = process.argv[2] ?? "origin/main";
const changed = execFileSync("git", ["diff", "--name-only", `${base}...HEAD`], { encoding: "utf8" }).split("\n").filter(Boolean);
const userVisible = changed.filter((f) => /^packages\/[^/]+\/(src\/|package\.json$)|^specs\//.test(f));
const added = execFileSync("git", ["diff", "--name-only", "--diff-filter=A", `${base}...HEAD`, "--", ".changeset/*.md"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f && f !== ".changeset/README.md");

if (userVisible.length === 0) console.log("changeset-check: no published package changes; no changeset needed.");
else if (added.length > 0) console.log(`changeset-check: ${userVisible.length} package file(s) changed, changeset(s): ${added.join(", ")}`);
else {
  console.error(`changeset-check: these changes reach published packages but the PR adds no changeset:\n${userVisible.map((f) => `  ${f}`).join("\n")}`);
  console.error('\nRun `pnpm changeset`, describe the change for users and commit the .changeset/*.md (or label the PR "no changeset").');
  process.exitCode = 1;
}
