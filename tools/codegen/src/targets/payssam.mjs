import { bundleSpec } from "../bundle.mjs";
import { generatePaySsamOperations } from "../payssam.mjs";
import { generateTypes } from "../types.mjs";

/** packages/payssam/src/generated: openapi-typescript types and the operation table. */
export default async function payssam() {
  const doc = await bundleSpec("payssam");
  return {
    "openapi.ts": await generateTypes({ provider: "payssam", doc }),
    "operations.ts": generatePaySsamOperations(doc),
  };
}
