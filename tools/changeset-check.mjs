#!/usr/bin/env node
// `node tools/changeset-check.mjs <base>` (CI, on pull requests): fails when the branch changes what a
// published package ships (packages/*/src, a package.json, specs/) and adds no .changeset/*.md, and when it
// changes a spec in a way the drift report (tools/spec-drift) calls breaking without a `major` changeset for each
// package the report says it breaks. A PR labelled "no changeset" skips the job (see .github/workflows/ci.yml).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const git = (args) => execFileSync("git", args, { encoding: "utf8" }).split("\n").filter(Boolean);

/** The bumps a changeset file's frontmatter asks for: `{package: patch|minor|major}`. */
export function changesetBumps(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const out = {};
  for (const line of match?.[1].split(/\r?\n/) ?? []) {
    const entry = /^\s*["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line);
    if (entry) out[entry[1].trim()] = entry[2];
  }
  return out;
}

/**
 * The packages a spec change breaks (a `major` in a drift report made from a breaking change) for which no
 * changeset asks `major`.
 */
export function missingMajors(reports, changesets) {
  const majors = new Set(changesets.flatMap((bumps) => Object.entries(bumps).filter(([, b]) => b === "major").map(([pkg]) => pkg)));
  const needed = new Set(reports.filter((r) => r.summary.breaking).flatMap((r) => Object.entries(r.bumps).filter(([, b]) => b === "major").map(([pkg]) => pkg)));
  return [...needed].filter((pkg) => !majors.has(pkg)).sort();
}

async function main(base) {
  const changed = git(["diff", "--name-only", `${base}...HEAD`]);
  const userVisible = changed.filter((f) => /^packages\/[^/]+\/(src\/|package\.json$)|^specs\//.test(f));
  const added = git(["diff", "--name-only", "--diff-filter=A", `${base}...HEAD`, "--", ".changeset/*.md"]).filter((f) => f !== ".changeset/README.md");

  if (userVisible.length === 0) console.log("changeset-check: no published package changes; no changeset needed.");
  else if (added.length > 0) console.log(`changeset-check: ${userVisible.length} package file(s) changed, changeset(s): ${added.join(", ")}`);
  else {
    console.error(`changeset-check: these changes reach published packages but the PR adds no changeset:\n${userVisible.map((f) => `  ${f}`).join("\n")}`);
    console.error('\nRun `pnpm changeset`, describe the change for users and commit the .changeset/*.md (or label the PR "no changeset").');
    process.exitCode = 1;
    return;
  }

  // A spec change: the drift report between the merge base and HEAD decides whether it is a major release.
  const providers = [...new Set(changed.map((f) => /^specs\/([^/]+)\//.exec(f)?.[1]).filter(Boolean))].sort();
  if (providers.length === 0) return;
  const { buildReport, loadDocument, renderMarkdown } = await import("./spec-drift/src/index.mjs");
  const [mergeBase] = git(["merge-base", base, "HEAD"]);
  const reports = [];
  for (const provider of providers) {
    const spec = `specs/${provider}/openapi.yaml`;
    try {
      execFileSync("git", ["cat-file", "-e", `${mergeBase}:${spec}`], { stdio: "ignore" });
    } catch {
      continue; // a new provider: nothing to break
    }
    const [before, after] = await Promise.all([loadDocument(`git:${mergeBase}:${spec}`), loadDocument(spec)]);
    reports.push(buildReport({ base: before, head: after, provider, foreign: false }));
  }
  const missing = missingMajors(reports, added.map((f) => changesetBumps(readFileSync(f, "utf8"))));
  if (missing.length > 0) {
    for (const report of reports.filter((r) => r.summary.breaking)) console.error(renderMarkdown(report));
    console.error(`changeset-check: the spec change is breaking (report above) but no changeset asks "major" for: ${missing.join(", ")}.`);
    console.error("Make the change compatible, or release it as a major: set those packages to `major` in the changeset.");
    process.exitCode = 1;
  } else if (reports.length > 0) {
    console.log(`changeset-check: spec drift of ${reports.map((r) => r.provider).join(", ")}: ${reports.some((r) => r.summary.breaking) ? "breaking, with a major changeset" : "nothing breaking"}.`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv[2] ?? "origin/main");
