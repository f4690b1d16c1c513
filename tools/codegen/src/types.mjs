// openapi-typescript run: the generated `paths`/`components` types of a provider's client.
import openapiTS, { astToString } from "openapi-typescript";
import { header } from "./emit.mjs";

export async function generateTypes({ provider, doc, transform }) {
  const ast = await openapiTS(structuredClone(doc), {
    alphabetize: false,
    exportType: false,
    rootTypes: false,
    ...(transform ? { transform } : {}),
  });
  return `${header({ generator: "@payspec/codegen (openapi-typescript 7.13.0)", provider, doc })}\n${astToString(ast)}`;
}
