// A typed view of the bundled PortOne spec, for tests that walk its operations and examples.
import { bundleSpec } from "@payspec/codegen/bundle";

type Examples = Record<string, { value?: unknown; $ref?: string }>;
export interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly example?: unknown;
  readonly schema?: { readonly example?: unknown; readonly enum?: unknown[]; readonly type?: string };
  readonly content?: Record<string, { examples?: Examples; example?: unknown }>;
}
export interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly parameters?: Parameter[];
  readonly requestBody?: { readonly content: Record<string, { readonly examples?: Examples; readonly example?: unknown }> };
  readonly responses: Record<string, { readonly content?: Record<string, { readonly examples?: Examples }> }>;
}

export const spec = (await bundleSpec("portone")) as {
  paths: Record<string, Record<string, Omit<Operation, "method" | "path">>>;
  components: { examples?: Examples; parameters?: Record<string, Parameter> };
};

export const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ["get", "post", "put", "patch", "delete"].includes(method))
    .map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
);

export function exampleValue(example: { value?: unknown; $ref?: string } | undefined): unknown {
  if (example?.$ref) return spec.components.examples?.[example.$ref.split("/").pop() as string]?.value;
  return example?.value;
}

/** The documented error examples of an operation: [status, example name]. */
export function errorExamples(op: Operation): [number, string][] {
  return Object.entries(op.responses)
    .filter(([status]) => !status.startsWith("2"))
    .flatMap(([status, response]) =>
      Object.keys(response.content?.["application/json"]?.examples ?? {}).map((name): [number, string] => [Number(status), name]),
    );
}
