#!/usr/bin/env node
// pnpm mock — mocks of every spec for developing an app against them (see tools/mock/README.md).
// Everything runs in this one process; it stops on SIGINT/SIGTERM and when its parent process dies.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "@payspec/codegen/bundle";
import { DEFAULT_PORTS, PortError, startDevMock } from "./src/dev-mock.mjs";

const providers = Object.keys(DEFAULT_PORTS);
const envName = (provider) => `PAYSPEC_MOCK_${provider.toUpperCase().replaceAll("-", "_")}`;

const usage = `Usage: pnpm mock [provider...] [--payssam PORT] [--portone PORT] [--portone-global PORT] [--quiet]

Starts a mock of each spec (all of them when no provider is named) on 127.0.0.1.
Ports: ${providers.map((p) => `${p} ${DEFAULT_PORTS[p]}`).join(", ")}; override with the flags or with
${providers.map(envName).join(", ")}. Port 0 picks a free port.
Requests are logged one line each; --quiet turns that off.`;

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      ...Object.fromEntries(providers.map((p) => [p, { type: "string" }])),
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (error) {
  console.error(`${error.message}\n\n${usage}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(usage);
  process.exit(0);
}
const unknown = args.positionals.filter((p) => !providers.includes(p));
if (unknown.length > 0) {
  console.error(`Unknown provider: ${unknown.join(", ")}\n\n${usage}`);
  process.exit(2);
}

function portOf(provider) {
  const [source, raw] =
    args.values[provider] !== undefined ? [`--${provider}`, args.values[provider]]
    : process.env[envName(provider)] ? [envName(provider), process.env[envName(provider)]]
    : ["default", String(DEFAULT_PORTS[provider])];
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    console.error(`${provider}: ${source} must be a port number from 0 to 65535, not "${raw}"`);
    process.exit(2);
  }
  return port;
}

const selected = providers.filter(
  (p) => (args.positionals.length === 0 || args.positionals.includes(p)) && existsSync(join(repoRoot, "specs", p, "openapi.yaml")),
);
const ports = Object.fromEntries(selected.map((p) => [p, portOf(p)]));

const servers = [];
let stopping = false;
async function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  // Never hang on the way out: the servers are in this process, so exiting stops them anyway.
  setTimeout(() => process.exit(exitCode), 2000).unref();
  await Promise.allSettled(servers.map((server) => server.close()));
  process.exit(exitCode);
}
process.on("SIGINT", () => stop(130));
process.on("SIGTERM", () => stop(143));
process.on("SIGHUP", () => stop(129));
// pnpm (and other runners) exit on SIGTERM without passing it on; the orphan notices that its
// parent changed and stops as well.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) stop(0);
}, 500).unref();
// The intervals above are unref'd; the servers keep the process alive.

const log = args.values.quiet ? () => {} : (provider) => (line) => console.log(`${new Date().toISOString().slice(11, 19)} ${provider.padEnd(14)} ${line}`);
const started = await Promise.allSettled(
  selected.map((provider) =>
    startDevMock(provider, { port: ports[provider], log: args.values.quiet ? log : log(provider) }).then((server) => {
      servers.push(server);
      return server;
    }),
  ),
);
const failures = started.filter((r) => r.status === "rejected").map((r) => r.reason);
if (failures.length > 0) {
  for (const error of failures) {
    console.error(error instanceof PortError ? error.message : `failed to start: ${error.stack ?? error}`);
    if (error instanceof PortError) {
      console.error(`  choose another port: pnpm mock --${error.provider} ${error.port + 1000}  (or ${envName(error.provider)}=${error.port + 1000})`);
    }
  }
  await stop(1);
}

for (const server of started.map((r) => r.value)) console.log(`${server.provider.padEnd(15)} ${server.url}`);
console.log(`
Mocks are running (pid ${process.pid}). Pick a documented response with a header:
  Prefer: example=NAME        (names per operation: MOCKS.md)
  Prefer: code=404            (the first example of that status)
A request that does not match the spec, or whose body is not JSON, gets 422 application/problem+json saying what is
wrong; every answer of the mock's own is application/problem+json (tools/mock/README.md lists them).
Ctrl-C stops them.`);
