// A typed view of the bundled PaySsam spec, for tests that iterate over its operations and examples.
import { bundleSpec } from "@payspec/codegen/bundle";

export interface ExampleObject {
  readonly value: unknown;
}
export interface SpecOperation {
  readonly operationId: string;
  readonly "x-stability"?: string;
  readonly "x-result-codes"?: { readonly stated?: readonly string[]; readonly inferred?: readonly string[] };
  readonly requestBody: { readonly content: { readonly "application/json": { readonly examples?: Record<string, ExampleObject | { $ref: string }> } } };
  readonly responses: {
    readonly 200: { readonly content: { readonly "application/json": { readonly examples: Record<string, ExampleObject | { $ref: string }> } } };
  };
}

export const spec = (await bundleSpec("payssam")) as {
  paths: Record<string, { post: SpecOperation }>;
  components: Record<string, Record<string, unknown>>;
};

/** Resolves an example that may be a `$ref` to components/examples. */
export function exampleValue(example: ExampleObject | { $ref: string } | undefined): unknown {
  if (!example) return undefined;
  if ("$ref" in example) {
    const name = example.$ref.split("/").pop() as string;
    return (spec.components["examples"]?.[name] as ExampleObject | undefined)?.value;
  }
  return example.value;
}

export const operations = Object.entries(spec.paths).map(([path, item]) => ({ path, ...item.post }));

/** Every result code an operation documents (stated and inferred). */
export function documentedCodes(op: SpecOperation): string[] {
  return [...(op["x-result-codes"]?.stated ?? []), ...(op["x-result-codes"]?.inferred ?? [])];
}
