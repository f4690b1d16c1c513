import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { bundleSpec, repoRoot } from "../bundle.mjs";
import { generatePaySsamEntries, openEnums } from "../payssam.mjs";
import { generateTypes, UNRECOGNIZED_IMPORT } from "../types.mjs";

/** packages/payssam/src/generated: openapi-typescript types, the entry points with their rows and shared constants, the method list, the callbacks. */
export default async function payssam() {
  const doc = await bundleSpec("payssam");
  const pkg = JSON.parse(await readFile(join(repoRoot, "packages/payssam/package.json"), "utf8"));
  const { files } = generatePaySsamEntries(doc, { userAgent: `${pkg.name}/${pkg.version}` });
  const types = await generateTypes({ provider: "payssam", doc, transform: await openEnums(doc), prelude: UNRECOGNIZED_IMPORT });
  return {
    ...types,
    ...files,
  };
}
