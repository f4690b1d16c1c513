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
// Ctrl-C while the mocks are still starting must stop them too (startPrism kills its child on exit).
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));
const started = await Promise.allSettled(providers.map((provider) => startPrism(provider, { port: MOCK_PORTS[provider] })));
const servers = [];
started.forEach((result, i) => {
  if (result.status === "fulfilled") {
    servers.push(result.value);
    console.log(`${providers[i].padEnd(15)} ${result.value.url}`);
  } else {
    console.error(`${providers[i]}: ${result.reason.message}`);
  }
});
if (servers.length === 0) process.exit(1);
console.log("\nPrism mocks are running (errors mode on). Select a case with `Prefer: code=..., example=...`. Ctrl-C stops them.");
