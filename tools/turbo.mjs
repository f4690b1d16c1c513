#!/usr/bin/env node
// `node tools/turbo.mjs <task>... [turbo flags]`: runs `turbo run <task>...` with NODE_MAJOR set, so that the
// Node major version is part of the hash of the tasks that declare it (test, typecheck, lint: turbo.json),
// and, when `test` is among the tasks, closes with one line summing every package's vitest summary (cached runs included:
// turbo replays their logs). The line says how many vitest runs were expected when fewer reported: without
// `--continue`, turbo stops at the first failed task and cuts the others short, and their tests count nowhere.
import { spawn } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const TURBO = fileURLToPath(new URL("../node_modules/.bin/turbo", import.meta.url));

/** `argv` split into turbo's tasks (the words before the first flag) and its flags. */
export function splitArgs(argv) {
  const firstFlag = argv.findIndex((a) => a.startsWith("-"));
  return firstFlag === -1 ? { tasks: argv, flags: [] } : { tasks: argv.slice(0, firstFlag), flags: argv.slice(firstFlag) };
}

/** The flags that choose which packages turbo runs in (`--filter x`, `--filter=x`, `-F x`, `--affected`). */
export function scopeFlags(flags) {
  const scope = [];
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (/^(--filter|-F)=/.test(flag) || flag === "--affected") scope.push(flag);
    else if ((flag === "--filter" || flag === "-F") && i + 1 < flags.length) scope.push(flag, flags[++i]);
  }
  return scope;
}

/** Whether turbo goes on after a failed task (`--continue`, `--continue=dependencies-successful`, not `=never`). */
export const continues = (flags) => flags.some((f) => f === "--continue" || (f.startsWith("--continue=") && f !== "--continue=never"));

/**
 * How many vitest runs `turbo run test` makes with these flags: the packages turbo lists in scope (`turbo ls`, which
 * resolves the workspace and the filters as the run does) that have a `test` script. Undefined when it cannot say.
 */
export function expectedTestRuns(flags, { cwd = process.cwd(), turbo = TURBO, env = process.env } = {}) {
  return new Promise((resolve) => {
    const ls = spawn(turbo, ["ls", "--output=json", ...scopeFlags(flags)], { cwd, env, stdio: ["ignore", "pipe", "ignore"] });
    let out = "";
    ls.stdout.on("data", (chunk) => (out += chunk));
    ls.on("error", () => resolve(undefined));
    ls.on("close", (code) => {
      try {
        if (code !== 0) throw new Error(`turbo ls exited ${code}`);
        const { items } = JSON.parse(out).packages;
        resolve(items.filter(({ path }) => JSON.parse(readFileSync(join(cwd, path, "package.json"), "utf8")).scripts?.test).length);
      } catch {
        resolve(undefined);
      }
    });
  });
}

/** Sums the vitest summaries in turbo's output, one line at a time. */
export function createTally() {
  const totals = { passed: 0, failed: 0, skipped: 0, todo: 0 };
  let runs = 0;
  return {
    totals,
    get runs() {
      return runs;
    },
    // A vitest summary line, as turbo prefixes it: `@payspec/x:test:       Tests  2 failed | 360 passed | 8 skipped (370)`.
    line(text) {
      const summary = /:test:\s+Tests\s+(.+)\(\d+\)\s*$/.exec(text.replace(/\x1b\[[0-9;]*m/g, ""));
      if (!summary) return;
      runs++;
      for (const [, n, kind] of summary[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) totals[kind] += Number(n);
    },
  };
}

/**
 * The closing line and the exit code: `123 passed, 0 failed (9 vitest runs)`; with fewer runs than `expected`,
 * `… (9 vitest runs expected, 7 reported: turbo stopped early after a failure)`, and never a success then.
 */
export function closing({ totals, runs }, { expected, exitCode, continued }) {
  const skipped = totals.skipped + totals.todo;
  const counts = `${totals.passed} passed, ${totals.failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
  const failedRun = exitCode !== 0;
  let code = exitCode;
  if (code === 0 && (totals.failed > 0 || totals.passed === 0)) code = 1;
  if (expected === undefined || runs >= expected) {
    const note = expected === undefined && failedRun && !continued ? "; turbo stopped at the first failure, so some may be missing" : "";
    return { line: `${counts} (${runs} vitest runs${note})`, exitCode: code };
  }
  const reason = !failedRun
    ? "the others printed no vitest summary"
    : continued
      ? "tasks they depend on failed"
      : "turbo stopped early after a failure";
  return { line: `${counts} (${expected} vitest runs expected, ${runs} reported: ${reason})`, exitCode: code === 0 ? 1 : code };
}

function main(argv) {
  const { tasks, flags } = splitArgs(argv);
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
  const child = spawn(TURBO, ["run", ...tasks, ...flags], { env, stdio: ["inherit", summarise ? "pipe" : "inherit", "inherit"] });
  // Asked beside the run (turbo ls: half a second, mostly waiting), read when it ends.
  const expected = summarise ? expectedTestRuns(flags, { env }) : undefined;

  const tally = createTally();
  if (summarise) {
    let pending = "";
    child.stdout.on("data", (chunk) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) tally.line(line);
    });
    child.stdout.on("end", () => tally.line(pending));
  }

  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  // "close", not "exit": turbo's last lines (a summary among them) may still be in the pipe when it exits.
  child.on("close", async (code, signal) => {
    let exitCode = signal ? 1 : (code ?? 1);
    if (summarise) {
      const result = closing(tally, { expected: await expected, exitCode, continued: continues(flags) });
      console.log(result.line);
      exitCode = result.exitCode;
    }
    process.exit(exitCode);
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) main(process.argv.slice(2));
