// The mock of a spec as a child process: `serve.mjs <provider>`, the very server `pnpm mock` runs (Prism in errors
// mode behind the front server of dev-mock.mjs), on 127.0.0.1 and a free port by default. Used by every contract
// suite's globalSetup, so the suites prove the mock app developers use.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const serve = fileURLToPath(new URL("../serve.mjs", import.meta.url));

/**
 * Starts the mock of `provider` and resolves with `{ provider, url, close() }` once it says it is running, however
 * long a loaded machine takes to get there; only the mock exiting fails the start (with its output). The child is
 * killed when this process exits, however it exits, and stops by itself when its parent dies.
 */
export async function startMock(provider, { port = 0 } = {}) {
  const child = spawn(process.execPath, [serve, provider, `--${provider}`, String(port), "--quiet"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const found = new RegExp(`^${provider}\\s+(http://127\\.0\\.0\\.1:\\d+)$`, "m").exec(output);
      if (found && /Mocks are running/.test(output)) resolve(found[1]);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code, signal) => reject(new Error(`the ${provider} mock exited (${code ?? signal}) before it was running:\n${output.slice(-4000)}`)));
  });
  // Keep draining output so that the child never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();

  return {
    provider,
    url,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      // At most 3 s for it to stop by itself; the timer must not outlive the child, or it holds the test run open.
      let timer;
      await new Promise((resolve) => {
        child.once("exit", resolve);
        timer = setTimeout(resolve, 3000);
      });
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}

/** A port that is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
