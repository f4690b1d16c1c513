import { bundleSpec } from "../bundle.mjs";
import { generatePortOneOperations, openResponseTypes, splitRequestAndResponseSchemas } from "../portone.mjs";
import { generateTypes } from "../types.mjs";

/** packages/portone/src/generated: types (requests closed, responses open) and the operation table. */
export default async function portone() {
  const bundled = await bundleSpec("portone");
  const { doc, responseSide } = splitRequestAndResponseSchemas(bundled);
  const types = await generateTypes({ provider: "portone", doc, transform: openResponseTypes(doc, responseSide) });
  return {
    "openapi.ts": types.replace(/^(\/\/[^\n]*\n)+/, (h) => `${h}import type { Unrecognized } from "./operations.js";\n`),
    "operations.ts": generatePortOneOperations(doc),
  };
}
