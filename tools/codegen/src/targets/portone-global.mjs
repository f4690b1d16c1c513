import { bundleSpec } from "../bundle.mjs";
import { generatePortOneGlobalOperations } from "../portone-global.mjs";
import { generateTypes } from "../types.mjs";

/** packages/portone-global/src/generated: openapi-typescript types, operation and signature tables. */
export default async function portoneGlobal() {
  const doc = await bundleSpec("portone-global");
  return {
    "openapi.ts": await generateTypes({ provider: "portone-global", doc }),
    "operations.ts": generatePortOneGlobalOperations(doc),
  };
}
