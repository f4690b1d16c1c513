// The runtime matrix: starts the local server, prepares the application (packed packages installed as a user
// would, with the checks), then runs the one set of checks on every runtime at once and reports one line each.
//
// Node (the one running this), Bun, Deno and edge-runtime run as child processes of their own, so that the last
// check can be measured: the process must end within EXIT_MS of its last call (a timer or socket a call leaves
// behind keeps it alive). workerd runs through miniflare in this process, one Worker isolate for every request.
// PAYSPEC_RUNTIMES_NODE="22 24" adds those Node majors (installed once from the npm registry's `node` package
// into .cache/); CI runs the whole suite on Node 20, 22 and 24 already.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Log, LogLevel, Miniflare } from "miniflare";
import { checkSandboxBin } from "./sandbox-bin.mjs";
import { prepareApp } from "./app.mjs";
import { startServer } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** How soon after its last call a process must have ended. */
export const EXIT_MS = 1000;
/** How long a process that printed its results is waited for before it is killed (and reported). */
const EXIT_WAIT_MS = 5000;
/** How long a whole runtime may take before it is killed (and reported): a hang, not a slow check. */
const RUN_LIMIT_MS = 90_000;

/** The runtimes to run: the ones always there, and the extra Node majors asked for. */
export function runtimes(env = process.env) {
  const extraNodes = (env.PAYSPEC_RUNTIMES_NODE ?? "").split(/[\s,]+/).filter(Boolean);
  return [
    { tag: `node${process.versions.node.split(".")[0]}`, kind: "process", command: () => process.execPath },
    ...extraNodes.map((major) => ({ tag: `node${major}`, kind: "process", command: () => installNode(major) })),
    // --no-install: the installed node_modules only, never bun's auto-install from the registry.
    { tag: "bun", kind: "process", command: bunBinary, args: ["--no-install"] },
    // The node_modules folder as installed (as in a Node project), only loopback, nothing written (no deno.lock).
    { tag: "deno", kind: "process", command: denoBinary, args: ["run", "--node-modules-dir=manual", "--no-lock", "--no-prompt", "--allow-net=127.0.0.1"] },
    { tag: "workerd", kind: "workerd" },
    { tag: "edge-runtime", kind: "edge" },
  ];
}

/** Runs the matrix; resolves to one report per runtime: `{ tag, version, checks: [{ name, ok, detail }] }`. */
export async function runMatrix({ env = process.env, log = console.log } = {}) {
  const server = await startServer();
  let app;
  try {
    const started = Date.now();
    app = await prepareApp({ base: server.base });
    log(`packed and installed ${app.entryPoints.length} entry points in ${Date.now() - started} ms`);
    // Binaries found (and extra Node majors installed) before any runtime starts: an install while checks run
    // would take the CPU their timings need.
    const ready = runtimes(env).map((runtime) => {
      try {
        return { ...runtime, binary: runtime.command?.() };
      } catch (error) {
        return { ...runtime, failure: String(error?.message ?? error) };
      }
    });
    const reports = await Promise.all(
      ready.map(async (runtime) => {
        const at = Date.now();
        return { ...(await run(runtime, app.dir)), ms: Date.now() - at };
      }),
    );
    // After the runtimes, whose timings would feel its start-up: the packed sandbox's bin.
    const at = Date.now();
    reports.push({ ...(await checkSandboxBin(app.dir)), ms: Date.now() - at });
    for (const report of reports) log(line(report));
    return reports;
  } finally {
    await server.close();
    if (app) rmSync(app.dir, { recursive: true, force: true });
  }
}

/** `bun 1.4.5: 21 passed, 0 failed (5.2 s)`, and each failed check on a line of its own below. */
export function line({ version, checks, ms }) {
  const failed = checks.filter((c) => !c.ok);
  const head = `${version}: ${checks.length - failed.length} passed, ${failed.length} failed (${(ms / 1000).toFixed(1)} s)`;
  return [head, ...failed.map((c) => `    ✗ ${c.name}: ${c.detail}`)].join("\n");
}

async function run(runtime, dir) {
  try {
    if (runtime.failure) throw new Error(runtime.failure);
    if (runtime.kind === "workerd") return await runWorkerd(runtime, dir);
    const command = runtime.kind === "edge" ? process.execPath : runtime.binary;
    const args = runtime.kind === "edge" ? [join(here, "edge-host.mjs"), dir, runtime.tag] : [...(runtime.args ?? []), "process-host.mjs", runtime.tag];
    return await runProcess(runtime.tag, command, args, dir);
  } catch (error) {
    return { tag: runtime.tag, version: runtime.tag, checks: [{ name: "runs", ok: false, detail: String(error?.message ?? error) }] };
  }
}

/** Runs a host process to its end: its results, then whether it ended within EXIT_MS of its last call. */
function runProcess(tag, command, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let result;
    let resultAt;
    let killedFor;
    let exitWait;
    const limit = setTimeout(() => kill(`did not finish within ${RUN_LIMIT_MS} ms`), RUN_LIMIT_MS);
    function kill(reason) {
      killedFor ??= reason;
      child.kill("SIGKILL");
    }
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      stdout += chunk;
      const match = !result && /^RESULT (.*)\n/m.exec(stdout);
      if (!match) return;
      resultAt = Date.now();
      try {
        result = JSON.parse(match[1]);
      } catch {
        result = { version: tag, results: [{ name: "runs", ok: false, detail: `printed a RESULT line that is not JSON: ${match[1].slice(0, 200)}` }] };
      }
      exitWait = setTimeout(() => kill(`was still running ${EXIT_WAIT_MS} ms after its last call`), EXIT_WAIT_MS);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    let finished = false;
    function finish(code, signal, failure) {
      if (finished) return;
      finished = true;
      const endedAt = Date.now();
      clearTimeout(limit);
      clearTimeout(exitWait);
      const tail = (n) => stderr.trim().slice(-n);
      if (!result) {
        const detail = failure ?? `ended (${killedFor ?? signal ?? `exit ${code}`}) without results${stderr ? `: ${tail(600)}` : ""}`;
        return resolve({ tag, version: tag, checks: [{ name: "runs", ok: false, detail }] });
      }
      const after = endedAt - resultAt;
      const ok = !killedFor && code === 0 && after <= EXIT_MS;
      const detail = killedFor ?? (code !== 0 ? `exited with ${signal ?? code}: ${tail(300)}` : `ended ${after} ms after its last call`);
      resolve({ tag, version: result.version, checks: [...result.results, { name: `process ends within ${EXIT_MS} ms of its last call`, ok, detail }] });
    }
    // `error`: it could not be started (or killed); `close` may not follow.
    child.on("error", (error) => finish(undefined, undefined, `could not run ${command}: ${error.message}`));
    child.on("close", (code, signal) => finish(code, signal));
  });
}

/** One Worker isolate in workerd (through miniflare, no compatibility flags: no nodejs_compat), driven from here. */
async function runWorkerd(runtime, dir) {
  const { drive } = await import(pathToFileURL(join(dir, "driver.mjs")).href);
  const { BASE } = await import(pathToFileURL(join(dir, "config.mjs")).href);
  const version = `workerd ${createRequire(require.resolve("miniflare"))("workerd/package.json").version}`;
  // `cf: false`: miniflare would otherwise fetch a `Request.cf` sample from workers.cloudflare.com (loopback only here).
  const mf = new Miniflare({ modules: true, script: readFileSync(join(dir, "worker.js"), "utf8"), compatibilityDate: "2026-07-01", cf: false, log: new Log(LogLevel.WARN) });
  try {
    await mf.ready;
    const results = await drive((path) => mf.dispatchFetch(`http://worker${path}`).then((response) => response.json()), { base: BASE, tag: runtime.tag });
    return { tag: runtime.tag, version, checks: results };
  } finally {
    await mf.dispose();
  }
}

function bunBinary() {
  const target = `@oven/bun-${process.platform}-${process.arch === "arm64" ? "aarch64" : "x64"}`;
  // pnpm does not run bun's postinstall, which would put this binary in place of the `bun` bin's placeholder.
  return createRequire(require.resolve("bun/package.json")).resolve(`${target}/bin/bun`);
}

function denoBinary() {
  const target = `${process.platform}-${process.arch}${process.platform === "linux" ? "-glibc" : ""}`;
  // The binary itself, not the `deno` bin (a Node script that spawns it): the exit is measured on this process.
  return createRequire(require.resolve("deno/package.json")).resolve(`@deno/${target}/deno${process.platform === "win32" ? ".exe" : ""}`);
}

/** The `node` binary of a Node major, installed from the npm registry's `node` package into .cache/ on first use. */
function installNode(major) {
  const prefix = join(here, "..", ".cache", `node-${major}`);
  const binary = join(prefix, "node_modules", ".bin", "node");
  if (!existsSync(binary)) {
    mkdirSync(prefix, { recursive: true });
    execFileSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", `node@${major}`], { stdio: ["ignore", "ignore", "inherit"] });
  }
  return binary;
}
