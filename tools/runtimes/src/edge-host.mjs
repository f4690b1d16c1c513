// Hosts the matrix's edge-runtime script (Vercel's Edge Runtime, what `next dev` and `vercel dev` run edge
// functions in) in this Node process, as those hosts do, and drives the checks against it. Prints one `RESULT {…}`
// line; the runner then measures how long this process takes to end, as for Node, Bun and Deno.
// Usage: node edge-host.mjs <app dir> <tag>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { EdgeRuntime } from "edge-runtime";

const [dir, tag] = process.argv.slice(2);
const { drive } = await import(pathToFileURL(join(dir, "driver.mjs")).href);
const { BASE } = await import(pathToFileURL(join(dir, "config.mjs")).href);
const version = `edge-runtime ${createRequire(import.meta.url)("edge-runtime/package.json").version}`;

const runtime = new EdgeRuntime({ initialCode: readFileSync(join(dir, "edge.js"), "utf8") });
const results = await drive((path) => runtime.dispatchFetch(`http://worker${path}`).then((response) => response.json()), { base: BASE, tag });
console.log(`RESULT ${JSON.stringify({ version, results })}`);
