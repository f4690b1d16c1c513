// tools/turbo.mjs: the closing total of `pnpm test`, and that it says so when turbo stopped early (a failed task cut
// the others short and their tests counted nowhere: the total looked complete). Run by tools/mock's vitest config.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { closing, continues, createTally, expectedTestRuns, scopeFlags, splitArgs } from "./turbo.mjs";

const line = (pkg, summary) => `${pkg}:test:       Tests  ${summary}`;
function tallyOf(lines) {
  const tally = createTally();
  for (const text of lines) tally.line(text);
  return tally;
}

describe("the closing line", () => {
  const two = tallyOf([line("@payspec/a", "2 failed | 360 passed | 8 skipped (370)"), line("@payspec/b", "\x1b[32m12 passed\x1b[39m (12)"), "@payspec/b:test: noise"]);

  it("sums every vitest summary", () => {
    expect(two.runs).toBe(2);
    expect(closing(two, { expected: 2, exitCode: 1, continued: false })).toEqual({ line: "372 passed, 2 failed, 8 skipped (2 vitest runs)", exitCode: 1 });
  });

  it("says how many runs were expected when turbo stopped early after a failure", () => {
    expect(closing(two, { expected: 9, exitCode: 1, continued: false })).toEqual({
      line: "372 passed, 2 failed, 8 skipped (9 vitest runs expected, 2 reported: turbo stopped early after a failure)",
      exitCode: 1,
    });
  });

  it("with --continue, names the failed tasks they depend on", () => {
    expect(closing(two, { expected: 3, exitCode: 1, continued: true }).line).toContain("(3 vitest runs expected, 2 reported: tasks they depend on failed)");
  });

  it("is a failure when turbo succeeded but runs are missing", () => {
    const passing = tallyOf([line("a", "3 passed (3)")]);
    expect(closing(passing, { expected: 2, exitCode: 0, continued: false })).toEqual({
      line: "3 passed, 0 failed (2 vitest runs expected, 1 reported: the others printed no vitest summary)",
      exitCode: 1,
    });
    expect(closing(passing, { expected: 1, exitCode: 0, continued: false })).toEqual({ line: "3 passed, 0 failed (1 vitest runs)", exitCode: 0 });
  });

  it("without an expected count, still says that turbo stopped at a failure", () => {
    expect(closing(two, { expected: undefined, exitCode: 1, continued: false }).line).toBe(
      "372 passed, 2 failed, 8 skipped (2 vitest runs; turbo stopped at the first failure, so some may be missing)",
    );
    expect(closing(createTally(), { expected: undefined, exitCode: 0, continued: false })).toEqual({ line: "0 passed, 0 failed (0 vitest runs)", exitCode: 1 });
  });
});

describe("the arguments", () => {
  it("splits tasks from flags and finds the scope and --continue", () => {
    expect(splitArgs(["test", "typecheck", "--filter", "a", "--continue"])).toEqual({ tasks: ["test", "typecheck"], flags: ["--filter", "a", "--continue"] });
    expect(scopeFlags(["--filter", "a", "-F=b", "--concurrency=3", "-F", "c", "--affected", "--filter=d"])).toEqual(["--filter", "a", "-F=b", "-F", "c", "--affected", "--filter=d"]);
    expect([["--continue"], ["--continue=dependencies-successful"], ["--continue=never"], []].map(continues)).toEqual([true, true, false, false]);
  });
});

// A workspace of its own, run by the real turbo through turbo.mjs: three packages with a test script printing a vitest
// summary (`b` fails at once, the others take a minute unless `FAST`), one without a test script.
describe("with turbo", () => {
  const root = mkdtempSync(join(tmpdir(), "payspec-turbo-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const names = ["a", "b", "c", "e"];
  // An npm workspace: turbo runs each script with npm, which starts in half the time pnpm takes.
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "turbo-fixture", private: true, packageManager: "npm@10.9.0", workspaces: ["p/*"] }));
  writeFileSync(join(root, "turbo.json"), JSON.stringify({ tasks: { test: { cache: false, env: ["FAST", "FAIL"] } } }));
  const lock = { "": { name: "turbo-fixture", workspaces: ["p/*"] } };
  for (const name of names) Object.assign(lock, { [`p/${name}`]: { name }, [`node_modules/${name}`]: { resolved: `p/${name}`, link: true } });
  writeFileSync(join(root, "package-lock.json"), JSON.stringify({ name: "turbo-fixture", lockfileVersion: 3, requires: true, packages: lock }));
  for (const name of names) {
    mkdirSync(join(root, "p", name), { recursive: true });
    const fails = name === "b" ? "process.env.FAIL" : "false";
    const script = `node -e "const f = ${fails}; setTimeout(() => { console.log(f ? ' Tests  1 failed | 2 passed (3)' : ' Tests  3 passed (3)'); process.exit(f ? 1 : 0) }, f || process.env.FAST ? 0 : 60000)"`;
    writeFileSync(join(root, "p", name, "package.json"), JSON.stringify({ name, private: true, scripts: name === "e" ? {} : { test: script } }));
  }
  // Nothing of the turbo run this test runs in (when `pnpm test` runs it) leaks into the fixture's.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(TURBO_|npm_)/i.test(key)));
  env.TURBO_TELEMETRY_DISABLED = "1";

  function run(args, extra) {
    const child = spawn(process.execPath, [fileURLToPath(new URL("./turbo.mjs", import.meta.url)), ...args], { cwd: root, env: { ...env, ...extra } });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (out += chunk));
    return new Promise((resolve) => child.on("close", (code) => resolve({ code, last: out.trim().split("\n").pop(), out })));
  }

  it("expects the runs of the packages in scope that have a test script", async () => {
    expect(await expectedTestRuns([], { cwd: root, env })).toBe(3);
    expect(await expectedTestRuns(["--filter=a", "-F", "e"], { cwd: root, env })).toBe(1);
  });

  it("closes with every run when all ran", async () => {
    const { code, last, out } = await run(["test"], { FAST: "1" });
    expect(last, out).toBe("9 passed, 0 failed (3 vitest runs)");
    expect(code).toBe(0);
  });

  it("says so when turbo stopped early after a failure", async () => {
    const { code, last, out } = await run(["test", "--concurrency=5"], { FAIL: "1" });
    expect(last, out).toBe("2 passed, 1 failed (3 vitest runs expected, 1 reported: turbo stopped early after a failure)");
    expect(code).toBe(1);
  });
});
