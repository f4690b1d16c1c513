import { bundleSpec } from "../bundle.mjs";
import { generatePortOneGlobalEntries, generatePortOneGlobalInbound, generatePortOneGlobalSignatures } from "../portone-global.mjs";
import { generateTypes } from "../types.mjs";

/** packages/portone-global/src/generated: openapi-typescript types, the entry points with their rows and shared constants, methods, signatures, inbound payloads. */
export default async function portoneGlobal() {
  const doc = await bundleSpec("portone-global");
  const { files } = generatePortOneGlobalEntries(doc);
  return {
    ...(await generateTypes({ provider: "portone-global", doc })),
    ...files,
    "signatures.ts": generatePortOneGlobalSignatures(doc),
    "inbound.ts": generatePortOneGlobalInbound(doc),
  };
}
