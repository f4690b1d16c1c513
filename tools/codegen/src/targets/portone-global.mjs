import { bundleSpec } from "../bundle.mjs";
import {
  generatePortOneGlobalInbound,
  generatePortOneGlobalMethods,
  generatePortOneGlobalOperations,
  generatePortOneGlobalSignatures,
} from "../portone-global.mjs";
import { generateTypes } from "../types.mjs";

/** packages/portone-global/src/generated: openapi-typescript types, the operation table, methods, signatures, inbound payloads. */
export default async function portoneGlobal() {
  const doc = await bundleSpec("portone-global");
  const { operations, rows } = generatePortOneGlobalOperations(doc);
  return {
    "openapi.ts": await generateTypes({ provider: "portone-global", doc }),
    "operations.ts": operations,
    "methods.ts": generatePortOneGlobalMethods(doc, rows),
    "signatures.ts": generatePortOneGlobalSignatures(doc),
    "inbound.ts": generatePortOneGlobalInbound(doc),
  };
}
