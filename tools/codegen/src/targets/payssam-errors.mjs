import { bundleSpec } from "../bundle.mjs";
import { generatePaySsamErrors } from "../payssam.mjs";

/** packages/payssam-errors/src/generated: the result-code catalogue. */
export default async function payssamErrors() {
  const doc = await bundleSpec("payssam");
  return { "result-codes.ts": generatePaySsamErrors(doc) };
}
