#!/usr/bin/env node
// pnpm mock — Prism mocks of every spec on fixed ports, for developing an app against them.
// Stop with Ctrl-C.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@payspec/codegen/bundle";
import { MOCK_PORTS, startPrism } from "./src/prism.mjs";

const only = process.argv.slice(2);
const providers = Object.keys(MOCK_PORTS).filter(
  (p) => (only.length === 0 || only.includes(p)) && existsSync(join(repoRoot, "specs", p, "openapi.yaml")),
);
const servers = [];
for (const provider of providers) {
  try {
    const server = await startPrism(provider, { port: MOCK_PORTS[provider] });
    servers.push(server);
    console.log(`${provider.padEnd(15)} ${server.url}`);
  } catch (error) {
    console.error(`${provider}: ${error.message}`);
  }
}
if (servers.length === 0) process.exit(1);
console.log("\nPrism mocks are running (errors mode on). Select a case with `Prefer: code=..., example=...`. Ctrl-C stops them.");
const stop = async () => {
  await Promise.all(servers.map((s) => s.close()));
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
