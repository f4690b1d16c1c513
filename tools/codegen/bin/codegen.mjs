#!/usr/bin/env node
// Usage: payspec-codegen <target>   (run by each package's `codegen` script through turbo)
// A target is a module in src/targets/ named after the package it writes: it reads
// specs/<provider>/openapi.yaml and returns the files of packages/<target>/src/generated/.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../src/bundle.mjs";
import { writeGenerated } from "../src/emit.mjs";

const targetsDir = new URL("../src/targets/", import.meta.url);
const targets = readdirSync(targetsDir).filter((f) => f.endsWith(".mjs")).map((f) => f.slice(0, -4));
const target = process.argv[2];
if (!target || !targets.includes(target)) {
  console.error(`usage: payspec-codegen <${targets.join("|")}>`);
  process.exit(2);
}
const { default: generate } = await import(new URL(`${target}.mjs`, targetsDir).href);
const files = await generate();
for (const [name, text] of Object.entries(files)) {
  await writeGenerated(join(repoRoot, "packages", target, "src", "generated", name), text);
  console.log(`wrote packages/${target}/src/generated/${name}`);
}
