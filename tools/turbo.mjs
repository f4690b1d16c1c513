#!/usr/bin/env node
// `node tools/turbo.mjs <task>... [turbo flags]`: runs `turbo run <task>...` with NODE_MAJOR set, so that the
// Node major version is part of the hash of the tasks that declare it (test, typecheck, lint: turbo.json),
// and, when `test` is among the tasks, closes with one line summing every package's vitest summary (cached runs included:
// turbo replays their logs).
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith("-"));
const tasks = firstFlag === -1 ? args : args.slice(0, firstFlag);
const flags = firstFlag === -1 ? [] : args.slice(firstFlag);
if (tasks.length === 0) {
  console.error("usage: node tools/turbo.mjs <task>... [turbo flags]");
  process.exit(2);
}
// A dry run or a graph runs no tests: nothing to sum.
const summarise = tasks.includes("test") && !flags.some((f) => /^--(dry|graph)/.test(f));
const env = { ...process.env, NODE_MAJOR: process.versions.node.split(".")[0] };
// One task per core and one more (for the tasks that wait on Prism, timeouts or child processes), unless asked
// otherwise: turbo's default of 10 at once made the 2-core CI machine spend 40% more CPU on the same tests.
if (!flags.some((f) => f.startsWith("--concurrency"))) flags.push(`--concurrency=${availableParallelism() + 1}`);
const turbo = fileURLToPath(new URL("../node_modules/.bin/turbo", import.meta.url));
const child = spawn(turbo, ["run", ...tasks, ...flags], { env, stdio: ["inherit", summarise ? "pipe" : "inherit", "inherit"] });

const totals = { passed: 0, failed: 0, skipped: 0, todo: 0 };
let summaries = 0;
if (summarise) {
  let pending = "";
  child.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    const lines = (pending + chunk.toString()).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) count(line);
  });
  child.stdout.on("end", () => count(pending));
}

// A vitest summary line, as turbo prefixes it: `@payspec/x:test:       Tests  2 failed | 360 passed | 8 skipped (370)`.
function count(line) {
  const summary = /:test:\s+Tests\s+(.+)\(\d+\)\s*$/.exec(line.replace(/\x1b\[[0-9;]*m/g, ""));
  if (!summary) return;
  summaries++;
  for (const [, n, kind] of summary[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) totals[kind] += Number(n);
}

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  if (summarise) {
    const skipped = totals.skipped + totals.todo;
    console.log(`${totals.passed} passed, ${totals.failed} failed${skipped ? `, ${skipped} skipped` : ""} (${summaries} vitest runs)`);
    if (code === 0 && (totals.failed > 0 || totals.passed === 0)) code = 1;
  }
  process.exit(signal ? 1 : (code ?? 1));
});
