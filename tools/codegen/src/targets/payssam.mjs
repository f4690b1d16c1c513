import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { bundleSpec, repoRoot } from "../bundle.mjs";
import { generatePaySsamMethods, generatePaySsamOperations, openEnums } from "../payssam.mjs";
import { generateTypes } from "../types.mjs";

/** packages/payssam/src/generated: openapi-typescript types, the operation table and the method list. */
export default async function payssam() {
  const doc = await bundleSpec("payssam");
  const pkg = JSON.parse(await readFile(join(repoRoot, "packages/payssam/package.json"), "utf8"));
  return {
    "openapi.ts": (await generateTypes({ provider: "payssam", doc, transform: await openEnums(doc) })).replace(
      /^(\/\/[^\n]*\n)+/,
      (h) => `${h}import type { Unrecognized } from "./operations.js";\n`,
    ),
    "operations.ts": generatePaySsamOperations(doc, { userAgent: `${pkg.name}/${pkg.version}` }),
    "methods.ts": generatePaySsamMethods(doc),
  };
}
