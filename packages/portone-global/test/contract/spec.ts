// A typed view of the bundled PortOne Global spec, for tests that iterate over its operations and examples.
import { bundleSpec } from "@payspec/codegen/bundle";

type Ref = { readonly $ref: string };
export interface ExampleObject {
  readonly value: unknown;
}
interface Media {
  readonly examples?: Record<string, ExampleObject | Ref>;
}
export interface SpecOperation {
  readonly operationId: string;
  readonly parameters?: readonly ({ readonly name: string; readonly in: string; readonly example?: unknown } | Ref)[];
  readonly requestBody?: { readonly content: { readonly "application/json": Media } };
  readonly responses: Record<string, { readonly content?: { readonly "application/json": Media } } | Ref>;
}

export const spec = (await bundleSpec("portone-global")) as {
  paths: Record<string, Record<string, SpecOperation> & { parameters?: SpecOperation["parameters"] }>;
  components: Record<string, Record<string, unknown>>;
};

function resolve<T>(node: T | Ref): T {
  let current: unknown = node;
  while (current && typeof current === "object" && "$ref" in current) {
    const [, section, name] = /^#\/components\/([^/]+)\/(.+)$/.exec((current as Ref).$ref) ?? [];
    current = spec.components[section as string]?.[name as string];
  }
  return current as T;
}

export function exampleValue(example: ExampleObject | Ref | undefined): unknown {
  return example ? resolve(example).value : undefined;
}

export interface Operation extends SpecOperation {
  readonly path: string;
  readonly method: string;
  readonly pathParameters: readonly { readonly name: string; readonly in: string; readonly example?: unknown }[];
}

export const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  (["get", "post", "put", "delete", "patch"] as const)
    .filter((method) => item[method])
    .map((method) => {
      const op = item[method] as SpecOperation;
      const pathParameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(p)).filter((p) => p.in === "path");
      return { ...op, path, method, pathParameters };
    }),
);

/** Every named error example of an operation: [HTTP status, example name, example body]. */
export function errorExamples(op: SpecOperation): [number, string, Record<string, unknown>][] {
  const out: [number, string, Record<string, unknown>][] = [];
  for (const [status, response] of Object.entries(op.responses)) {
    if (status.startsWith("2")) continue;
    const examples = resolve(response).content?.["application/json"].examples ?? {};
    for (const [name, example] of Object.entries(examples)) out.push([Number(status), name, exampleValue(example) as Record<string, unknown>]);
  }
  return out;
}

export function successExample(op: SpecOperation): Record<string, unknown> {
  const response = resolve(op.responses["200"] as { readonly content?: { readonly "application/json": Media } } | Ref);
  return exampleValue(response.content?.["application/json"].examples?.["success"]) as Record<string, unknown>;
}
