import { bundleSpec } from "../bundle.mjs";
import { generatePortOneErrors } from "../portone.mjs";
import { generatePortOneGlobalStatusCodes } from "../portone-global.mjs";

/** packages/portone-errors/src/generated: V2 error types (`.`) and PortOne Global status codes (`./global`). */
export default async function portoneErrors() {
  const [v2, global] = await Promise.all([bundleSpec("portone"), bundleSpec("portone-global")]);
  return {
    "error-types.ts": generatePortOneErrors(v2),
    "global-status-codes.ts": generatePortOneGlobalStatusCodes(global),
  };
}
