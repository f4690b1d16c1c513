// openapi-typescript run: the generated `paths`/`components` types of a provider's client, in two files.
// `components.ts` holds the spec's named schemas (what the named types of every operation and the webhook
// types refer to); `openapi.ts` the `paths`, `operations` and `webhooks` that only the openapi-fetch client
// needs, with `components` re-exported. A program that imports one operation's function parses the first
// only: for PortOne 0.6 MB of declarations instead of 1.2 MB.
import openapiTS, { astToString } from "openapi-typescript";
import { header } from "./emit.mjs";

/** The `prelude` of the generators whose transform writes open enums (`| Unrecognized`). */
export const UNRECOGNIZED_IMPORT = { name: "Unrecognized", line: 'import type { Unrecognized } from "./common.js";' };

/** Whether a top-level node of openapi-typescript's output is the `components` interface. */
const isComponents = (node) => node.name?.escapedText === "components" || node.name?.text === "components";

/**
 * The two files, by name (`components.ts`, `openapi.ts`), to spread into a generator's files. `prelude`
 * (an import the transform's types need) goes after the header of each file that uses what it imports.
 */
export async function generateTypes({ provider, doc, transform, prelude }) {
  const ast = await openapiTS(structuredClone(doc), {
    alphabetize: false,
    exportType: false,
    rootTypes: false,
    ...(transform ? { transform } : {}),
  });
  const top = header({ generator: "@payspec/codegen (openapi-typescript 7.13.0)", provider, doc });
  const components = astToString(ast.filter(isComponents));
  const rest = astToString(ast.filter((node) => !isComponents(node)));
  if (!components.includes("export interface components")) throw new Error(`${provider}: openapi-typescript wrote no components interface`);
  const uses = (text) => (prelude && text.includes(prelude.name) ? `${prelude.line}\n` : "");
  return {
    "components.ts": `${top}${uses(components)}\n${components}`,
    "openapi.ts": `${top}${uses(rest)}import type { components } from "./components.js";\nexport type { components };\n\n${rest}`,
  };
}
