// Runs the matrix's checks in this process: Node, Bun or Deno, loading the installed packages as an application
// does (no bundler). Each request of the driver is a call of the handler, several at once for the overlap
// scenarios. Prints one `RESULT {…}` line; the runner then measures how long the process takes to end.
import { handle } from "./checks.mjs";
import { BASE } from "./config.mjs";
import { drive } from "./driver.mjs";

const tag = globalThis.Deno ? globalThis.Deno.args[0] : process.argv[2];
const version = globalThis.Deno ? `deno ${globalThis.Deno.version.deno}` : globalThis.Bun ? `bun ${globalThis.Bun.version}` : `node ${process.version}`;
const results = await drive((path) => handle(new Request(`http://worker${path}`)).then((response) => response.json()), { base: BASE, tag });
console.log(`RESULT ${JSON.stringify({ version, results })}`);
