// Prism mock servers of the specs: one child process per spec, on 127.0.0.1, a free port by
// default. Used by every contract test's globalSetup and by `pnpm mock`.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { writeBundledSpec } from "@payspec/codegen/bundle";

const require = createRequire(import.meta.url);
const prismPackage = require.resolve("@stoplight/prism-cli/package.json");
const prismBin = join(dirname(prismPackage), require(prismPackage).bin.prism);

/** Fixed ports of `pnpm mock`, documented in the root README. */
export const MOCK_PORTS = { payssam: 4010, portone: 4011, "portone-global": 4012 };

/**
 * Starts Prism on the bundled spec of `provider`.
 * `errors: true` (default) makes Prism answer 500 when one of the spec's own examples does not
 * match its schema, so every example the tests touch is checked.
 */
export async function startPrism(provider, { port = 0, errors = true, timeoutMs = 60_000 } = {}) {
  const spec = await writeBundledSpec(provider);
  const args = [prismBin, "mock", spec, "-h", "127.0.0.1", "-p", String(port)];
  if (errors) args.push("--errors");
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
  // A mock must never outlive the process that started it, however that process ends.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Prism (${provider}) not ready after ${timeoutMs} ms`)), timeoutMs);
    function fail(error) {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${error.message}\n--- prism output ---\n${output.slice(-4000)}`));
    }
    const onData = (chunk) => {
      output += chunk.toString();
      const ready = /Prism is listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      } else if (/\bfatal\b/i.test(output)) {
        fail(new Error(`Prism (${provider}) failed to start`));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => fail(new Error(`Prism (${provider}) exited with ${code}`)));
  });
  // Keep draining output so that the child never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();

  return {
    provider,
    url,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}
