// A typed view of the bundled PortOne spec, for tests that walk its operations and examples.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bundleSpec } from "@payspec/codegen/bundle";
import type { PortOneClient } from "../../src/index.js";

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

/** A client method by operationId, untyped: the tests walk every operation of the spec. */
export type Call = (input?: Record<string, unknown>) => Promise<{ data?: unknown; error?: Record<string, unknown>; response?: Response }>;
export function call(client: PortOneClient, operationId: string): Call {
  const fn = (client as unknown as Record<string, Call>)[operationId];
  if (!fn) throw new Error(`client has no method ${operationId}`);
  return fn;
}

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

// ---------------------------------------------------------------------------------------------
// Helpers for the fidelity tests (store-id, fidelity, error-examples): schemas, client inputs,
// and the provider reference in ../shared/providers/portone-v2.

export interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly required?: readonly string[];
  readonly properties?: Record<string, Schema>;
  readonly items?: Schema;
  readonly additionalProperties?: boolean | Schema;
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly allOf?: readonly Schema[];
  readonly discriminator?: { readonly propertyName: string; readonly mapping?: Record<string, string> };
  readonly "x-error-status"?: number;
}

/** Every named schema of the bundled spec. */
export const schemas = (spec as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas;

/** The name a `$ref` points at (`#/components/schemas/X` → `X`). */
export const refName = (ref: string): string => ref.split("/").pop() as string;

/** A schema with its `$ref`s followed. */
export function deref(schema: Schema | undefined): Schema | undefined {
  let s = schema;
  for (let i = 0; s?.$ref && i < 32; i++) s = schemas[refName(s.$ref)];
  return s;
}

/** Required names and property names of an object schema, `allOf` parts merged. */
export function objectShape(schema: Schema): { required: Set<string>; properties: Set<string> } {
  const required = new Set<string>(schema.required ?? []);
  const properties = new Set<string>(Object.keys(schema.properties ?? {}));
  for (const part of schema.allOf ?? []) {
    const inner = deref(part);
    if (!inner) continue;
    const shape = objectShape(inner);
    shape.required.forEach((n) => required.add(n));
    shape.properties.forEach((n) => properties.add(n));
  }
  return { required, properties };
}

function parameterValue(p: Parameter): unknown {
  if (p.example !== undefined) return p.example;
  if (p.schema?.example !== undefined) return p.schema.example;
  if (p.schema?.enum?.length) return p.schema.enum[0];
  return p.schema?.type === "integer" ? 1 : `test-${p.name}`;
}

/** The flat client input for an operation: parameter values plus its request example (as operations.test.ts builds it). */
export function inputOf(op: Operation): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const p of op.parameters ?? []) {
    if (p.in === "header") continue;
    if (p.name === "requestBody" && p.content) {
      const media = p.content["application/json"];
      const example = media?.example ?? exampleValue(Object.values(media?.examples ?? {})[0]);
      if (example && typeof example === "object") Object.assign(input, structuredClone(example));
      continue;
    }
    if (p.in === "path" || p.required) input[p.name] = parameterValue(p);
  }
  const media = op.requestBody?.content["application/json"];
  const body = media?.example ?? exampleValue(media?.examples?.["success"] ?? Object.values(media?.examples ?? {})[0]);
  if (body && typeof body === "object") Object.assign(input, structuredClone(body));
  return input;
}

/** Where the spec lets a caller give `storeId` at the top level of an operation's input. */
export type StoreIdPlace = "query" | "body" | "requestBody-query";
export function storeIdPlaces(op: Operation): StoreIdPlace[] {
  const places: StoreIdPlace[] = [];
  const takes = (schema: unknown) => objectShape(deref(schema as Schema) ?? {}).properties.has("storeId");
  for (const p of op.parameters ?? []) {
    if (p.in === "query" && p.name === "storeId") places.push("query");
    const schema = (p.content?.["application/json"] as { schema?: Schema } | undefined)?.schema;
    if (p.in === "query" && p.name === "requestBody" && takes(schema)) places.push("requestBody-query");
  }
  const body = (op.requestBody?.content["application/json"] as { schema?: Schema } | undefined)?.schema;
  if (body && takes(body)) places.push("body");
  return places;
}

/** The provider reference folder (`PAYSPEC_SHARED` or `../shared` beside the checkout). */
export const sharedDir = process.env["PAYSPEC_SHARED"] ?? fileURLToPath(new URL("../../../../../shared", import.meta.url));
export const referenceDir = `${sharedDir}/providers/portone-v2`;
export const referenceAvailable = existsSync(`${referenceDir}/types.md`);
export const referenceMissing = `provider reference not found at ${referenceDir} (set PAYSPEC_SHARED); skipped outside CI`;
/** Whether the reference can be read: fails in CI when it is missing, warns and skips elsewhere. */
export function useReference(): boolean {
  if (referenceAvailable) return true;
  if (process.env["CI"]) throw new Error(`${referenceDir}/types.md not found: CI must run beside shared/`);
  console.warn(referenceMissing);
  return false;
}

export interface ReferenceType {
  readonly kind: string;
  /** Field name → required, in the reference's order. */
  readonly fields: Map<string, boolean>;
  /** For a discriminated union: discriminator value → member type. */
  readonly members: Map<string, string>;
  /** For a string enum: its values in the reference's order (empty for other kinds). */
  readonly values: readonly string[];
  /** For a string enum: the count its Kind line announces ("string enum (N values)"), to check the parse. */
  readonly declaredValues: number | undefined;
  /** Field name → the string enum its type names, and whether the field is an array of it. */
  readonly enumFields: Map<string, { readonly enum: string; readonly array: boolean }>;
}

/** Every type of types.md by name. */
export function referenceTypes(): Map<string, ReferenceType> {
  const out = new Map<string, ReferenceType>();
  if (!referenceAvailable) return out; // a skipped describe still collects its body
  const text = readFileSync(`${referenceDir}/types.md`, "utf8");
  for (const section of text.split(/\n<a id="/).slice(1)) {
    const name = section.slice(0, section.indexOf('"'));
    const kind = /- \*\*Kind:\*\* ([^\n]+)/.exec(section)?.[1] ?? "";
    const fields = new Map<string, boolean>();
    for (const m of section.matchAll(/^\| `([^`]+)` \| .*? \| (required|optional) \|/gm)) fields.set(m[1] as string, m[2] === "required");
    const members = new Map<string, string>();
    if (kind.startsWith("discriminated union")) {
      for (const m of section.matchAll(/^\| `([^`]+)` \| \[`([^`]+)`\]/gm)) members.set(m[1] as string, m[2] as string);
    }
    // An enum's table: `| Value | Label (provider) | Description (provider) |`, one row per value whose first cell is the value in backticks.
    const isEnum = kind.startsWith("string enum");
    const values = isEnum ? [...section.slice(section.indexOf("| Value |")).matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1] as string) : [];
    const declared = /^string enum \((\d+) values?\)/.exec(kind)?.[1];
    // A field typed by an enum: its type cell is "[`T`](#T) (string enum)" or "array of [`T`](#T) (string enum)".
    const enumFields = new Map<string, { enum: string; array: boolean }>();
    for (const m of section.matchAll(/^\| `([^`]+)` \| (array of )?\[`([^`]+)`\]\(#[^)]*\) \(string enum\) \|/gm)) {
      enumFields.set(m[1] as string, { enum: m[3] as string, array: m[2] !== undefined });
    }
    out.set(name, { kind, fields, members, values, declaredValues: declared === undefined ? undefined : Number(declared), enumFields });
  }
  return out;
}

export interface ReferenceOperation {
  readonly method: string;
  readonly path: string;
  /** Where the reference declares a top-level `storeId`: a query parameter or a request-body field. */
  readonly storeIdQuery: boolean;
  readonly storeIdBody: boolean;
  readonly requestBodyQuery: boolean;
  readonly successSchema: string | undefined;
  /** The success response's status and media types (empty when "no response body is declared"). */
  readonly successStatus: string | undefined;
  readonly successMedia: readonly string[];
  /** The path parameters of the Parameters table, in its order. */
  readonly pathParameters: readonly string[];
  /** The error union's members: [HTTP status, `type` value, member type]. */
  readonly errors: [number, string, string][];
}

/** Every operation of the category files by operationId. */
export function referenceOperations(): Map<string, ReferenceOperation> {
  const out = new Map<string, ReferenceOperation>();
  if (!referenceAvailable) return out;
  const files = readdirSync(referenceDir).filter((f) => f.endsWith(".md") && !["README.md", "types.md", "webhooks.md"].includes(f));
  for (const file of files) {
    const text = readFileSync(`${referenceDir}/${file}`, "utf8");
    for (const section of text.split(/\n<a id="op-/).slice(1)) {
      const id = section.slice(0, section.indexOf('"'));
      const [, method = "", path = ""] = /^## `(\w+) ([^`]+)`/m.exec(section) ?? [];
      const part = (from: string, to: string) => section.slice(section.indexOf(from), section.indexOf(to));
      const parameters = part("### Parameters", "### Request body");
      const body = part("### Request body", "### Success response");
      const success = part("### Success response", "### Error responses");
      const errors = section.slice(section.indexOf("### Error responses"));
      const successLine = /^HTTP (\d{3}), (.*)$/m.exec(success);
      out.set(id, {
        method,
        path,
        storeIdQuery: /^\| `storeId` \| query \|/m.test(parameters),
        storeIdBody: /^\| `storeId` \| /m.test(body),
        requestBodyQuery: /^\| `requestBody` \| query \|/m.test(parameters),
        successSchema: /schema \[`([^`]+)`\]/.exec(success)?.[1],
        // "HTTP 200, `application/json`, schema …", "HTTP 200, `text/csv`, body is …", "HTTP 200, no response body is declared."
        successStatus: successLine?.[1],
        successMedia: [...(successLine?.[2] ?? "").matchAll(/`([a-z]+\/[\w.+-]+)`/g)].map((m) => m[1] as string),
        pathParameters: [...parameters.matchAll(/^\| `([^`]+)` \| path \|/gm)].map((m) => m[1] as string),
        errors: [...errors.matchAll(/^\| (\d{3}) \| \[`([^`]+)`\]\([^)]*\) \| `([^`]+)` \|/gm)].map((m): [number, string, string] => [Number(m[1]), m[3] as string, m[2] as string]),
      });
    }
  }
  return out;
}
