// Prism mock servers of the specs: one child process per spec, on 127.0.0.1, a free port by
// default. Used by every contract test's globalSetup and by `pnpm mock`.
import { spawn } from "node:child_process";
import { createConnection, createServer } from "node:net";
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
 * Readiness is the port accepting connections, however long a loaded machine takes to get there;
 * only Prism exiting (or printing a fatal error) fails the start. `timeoutMs` is an optional bound.
 */
export async function startPrism(provider, { port = 0, errors = true, timeoutMs = Infinity } = {}) {
  const spec = await writeBundledSpec(provider);
  // A port of our own choosing (rather than Prism's port 0) is a port we can watch. Another process
  // may take it between our probe and Prism's listen: then Prism exits, and we try another one.
  for (let attempt = 1; ; attempt++) {
    const chosen = port || (await freePort());
    try {
      return await startOn(provider, spec, chosen, { errors, timeoutMs });
    } catch (error) {
      if (port || attempt >= 5 || !/EADDRINUSE/.test(error.message)) throw error;
    }
  }
}

async function startOn(provider, spec, port, { errors, timeoutMs }) {
  if (await accepts(port)) throw new Error(`Prism (${provider}) cannot listen on 127.0.0.1:${port}: EADDRINUSE, the port is already in use`);
  // Warnings and worse only: at the default level Prism logs six lines per request, which cost the PortOne contract
  // suite about a tenth of Prism's CPU time. A fatal start-up error is still printed (and detected below).
  const args = [prismBin, "mock", spec, "-h", "127.0.0.1", "-p", String(port), "--verboseLevel", "warn"];
  if (errors) args.push("--errors");
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
  // A mock must never outlive the process that started it, however that process ends.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.removeListener("exit", killOnExit));
  let output = "";
  const url = await new Promise((resolve, reject) => {
    let settled = false;
    const timer = Number.isFinite(timeoutMs) ? setTimeout(() => fail(new Error(`Prism (${provider}) not ready after ${timeoutMs} ms`)), timeoutMs) : undefined;
    function fail(error) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${error.message}\n--- prism output ---\n${output.slice(-4000)}`));
    }
    const onData = (chunk) => {
      output += chunk.toString();
      if (/\bfatal\b/i.test(output)) fail(new Error(`Prism (${provider}) failed to start on port ${port}`));
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => fail(new Error(`Prism (${provider}) exited with ${code} before listening on port ${port}`)));
    (async () => {
      for (let wait = 50; !settled; wait = Math.min(wait * 2, 500)) {
        if (await accepts(port)) {
          if (child.exitCode !== null || settled) return;
          settled = true;
          clearTimeout(timer);
          return resolve(`http://127.0.0.1:${port}`);
        }
        await new Promise((r) => setTimeout(r, wait));
      }
    })();
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

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function accepts(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
