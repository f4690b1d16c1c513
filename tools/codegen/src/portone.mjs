// Generators for PortOne V2: the error-type catalogue (@payspec/portone-errors), the operation
// table of the client (@payspec/portone), and the preparation of the spec for openapi-typescript
// so that request types stay closed while response enums and unions are open.
import { compactSchema, deref, header, literal, operations, responseShape, shapeTable, successSchema } from "./emit.mjs";

const GENERATOR = "@payspec/codegen (tools/codegen/src/portone.mjs)";
const SCHEMA_REF = "#/components/schemas/";
const REQUEST_SUFFIX = "ForRequest";

/** Names of the component schemas reachable from `roots` (following $refs). */
function reachable(doc, roots) {
  const seen = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    if (typeof node.$ref === "string" && node.$ref.startsWith(SCHEMA_REF)) {
      const name = node.$ref.slice(SCHEMA_REF.length);
      if (seen.has(name)) return;
      seen.add(name);
      return visit(doc.components.schemas[name]);
    }
    for (const [key, value] of Object.entries(node)) if (key !== "examples" && key !== "example") visit(value);
  };
  roots.forEach(visit);
  return seen;
}

function requestRoots(doc) {
  const roots = [];
  for (const { operation } of operations(doc)) {
    roots.push(operation.parameters ?? [], operation.requestBody ?? {});
  }
  return roots;
}

function responseRoots(doc) {
  const roots = [];
  for (const { operation } of operations(doc)) roots.push(operation.responses ?? {});
  for (const item of Object.values(doc.webhooks ?? {})) roots.push(item.post?.requestBody ?? {});
  return roots;
}

/**
 * Returns a copy of the bundled spec in which every schema used by both requests and responses
 * has a request-side clone (`<Name>ForRequest`), plus the set of response-side schema names.
 * The spec itself stays exclusive for Prism; only the generated types differ.
 */
export function splitRequestAndResponseSchemas(source) {
  const doc = structuredClone(source);
  const requestSide = reachable(doc, requestRoots(doc));
  const responseSide = reachable(doc, responseRoots(doc));
  const both = new Set([...requestSide].filter((n) => responseSide.has(n)));
  for (const name of both) {
    if (doc.components.schemas[`${name}${REQUEST_SUFFIX}`]) throw new Error(`schema name clash: ${name}${REQUEST_SUFFIX}`);
  }
  const cloned = new Set();
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.forEach(rewrite);
    if (!node || typeof node !== "object") return;
    if (typeof node.$ref === "string" && node.$ref.startsWith(SCHEMA_REF)) {
      const name = node.$ref.slice(SCHEMA_REF.length);
      if (both.has(name)) {
        node.$ref = `${SCHEMA_REF}${name}${REQUEST_SUFFIX}`;
        if (!cloned.has(name)) {
          cloned.add(name);
          const clone = structuredClone(source.components.schemas[name]);
          doc.components.schemas[`${name}${REQUEST_SUFFIX}`] = clone;
          rewrite(clone);
        }
      } else if (!cloned.has(name)) {
        cloned.add(name);
        rewrite(doc.components.schemas[name]);
      }
      return;
    }
    for (const [key, value] of Object.entries(node)) if (key !== "examples" && key !== "example") rewrite(value);
  };
  requestRoots(doc).forEach(rewrite);
  return { doc, responseSide };
}

/**
 * openapi-typescript `transform` hook: response-side string enums become open
 * (`"A" | "B" | Unrecognized`), and response-side discriminated unions get an unrecognized case.
 */
export async function openResponseTypes(doc, responseSide) {
  // Loaded here, not at import: the errors package's generator needs neither openapi-typescript nor TypeScript.
  const { stringToAST } = await import("openapi-typescript");
  const typeNode = (source) => stringToAST(`type T = ${source};`)[0].type;
  return (schema, options) => {
    const path = options.path ?? "";
    if (!path.startsWith(SCHEMA_REF)) return undefined;
    const name = path.slice(SCHEMA_REF.length);
    if (name.includes("/") || !responseSide.has(name)) return undefined;
    // openapi-typescript also calls this for the discriminator property it injects into union
    // members, with the member's path: only transform the component schema itself.
    const component = doc.components.schemas[name];
    if (Boolean(component.enum) !== Boolean(schema.enum) || Boolean(component.oneOf) !== Boolean(schema.oneOf)) return undefined;
    if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === "string")) {
      return typeNode(`${schema.enum.map(literal).join(" | ")} | Unrecognized`);
    }
    if (Array.isArray(schema.oneOf) && schema.discriminator?.propertyName) {
      const members = schema.oneOf.map((m) => `components["schemas"][${literal(m.$ref.slice(SCHEMA_REF.length))}]`);
      const prop = schema.discriminator.propertyName;
      return typeNode(`${members.join(" | ")} | { readonly ${prop}: Unrecognized; readonly [field: string]: unknown }`);
    }
    return undefined;
  };
}

/** The error types of an operation: [{ type, schema, status }] from its non-2xx responses. */
function errorTypes(doc, operation) {
  const out = [];
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (status.startsWith("2")) continue;
    const schema = deref(doc, response)?.content?.["application/json"]?.schema;
    const members = schema?.oneOf ?? (schema ? [schema] : []);
    for (const member of members) {
      if (!member.$ref?.startsWith(SCHEMA_REF)) throw new Error(`${operation.operationId} ${status}: error member is not a $ref`);
      const name = member.$ref.slice(SCHEMA_REF.length);
      const target = doc.components.schemas[name];
      const type = target?.properties?.type?.const;
      if (typeof type !== "string") throw new Error(`${name}: error schema has no const type`);
      const declared = target["x-error-status"];
      if (declared !== undefined && String(declared) !== status) {
        throw new Error(`${operation.operationId}: ${name} declared ${declared} but listed under ${status}`);
      }
      out.push({ type, schema: name, status: Number(status) });
    }
  }
  return out;
}

export function generatePortOneErrors(doc) {
  const byType = new Map();
  for (const { operation } of operations(doc)) {
    for (const e of errorTypes(doc, operation)) {
      const entry = byType.get(e.type) ?? { type: e.type, schemas: new Set(), status: e.status, operations: [] };
      entry.schemas.add(e.schema);
      entry.operations.push(operation.operationId);
      byType.set(e.type, entry);
    }
  }
  const entries = [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
  const out = [header({ generator: GENERATOR, provider: "portone", doc })];
  out.push("/** Every error `type` the PortOne V2 operations in the spec can return. */");
  out.push("export const PortOneErrorType = {");
  for (const e of entries) out.push(`  ${e.type}: ${literal(e.type)},`);
  out.push("} as const;");
  out.push("export type PortOneErrorType = (typeof PortOneErrorType)[keyof typeof PortOneErrorType];\n");
  out.push("/** What the spec says about one error type. */");
  out.push("export interface PortOneErrorTypeInfo<T extends PortOneErrorType = PortOneErrorType> {");
  out.push("  readonly type: T;");
  out.push("  /** The fixed HTTP status the provider declares for it. */");
  out.push("  readonly status: number;");
  out.push("  /** Schema name(s) in the spec (the provider's type names). */");
  out.push("  readonly schemas: readonly string[];");
  out.push("  /** operationIds that can return it. */");
  out.push("  readonly operations: readonly string[];");
  out.push("}\n");
  out.push("export const portOneErrorTypes: { readonly [T in PortOneErrorType]: PortOneErrorTypeInfo<T> } = {");
  for (const e of entries) {
    out.push(
      `  ${e.type}: { type: ${literal(e.type)}, status: ${e.status}, schemas: ${literal([...e.schemas].sort())}, ` +
        `operations: ${literal([...new Set(e.operations)].sort())} },`,
    );
  }
  out.push("};");
  return out.join("\n");
}

/** The one response body form of an operation's 200: JSON, text (CSV) or none. */
function responseForm(operation) {
  const content = operation.responses?.["200"]?.content ?? {};
  if (content["application/json"]) return "json";
  if (Object.keys(content).length > 0) return "text";
  return "none";
}

/**
 * The client's table: one readable row per operation (runtime `OperationInfo` plus PortOne's
 * `storeId` placement, auth and response form), the input schemas it validates, and the types of
 * each operation's documented errors.
 */
export function generatePortOneOperations(doc, { userAgent }) {
  const rows = [];
  const errorUnions = [];
  const queryBodies = [];
  const table = new Map();
  const shapes = new Map();
  for (const { path, method, operation } of operations(doc)) {
    const params = (operation.parameters ?? []).map((p) => deref(doc, p));
    const pathParams = params.filter((p) => p.in === "path").map((p) => p.name);
    const template = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (template.join() !== pathParams.join()) throw new Error(`${operation.operationId}: path parameters differ from the template`);
    const queryJsonParam = params.find((p) => p.in === "query" && p.name === "requestBody" && p.content);
    const query = params.filter((p) => p.in === "query" && p !== queryJsonParam);
    const queryParams = query.map((p) => p.name);
    const bodyRef = queryJsonParam ? queryJsonParam.content["application/json"].schema : operation.requestBody?.content?.["application/json"]?.schema;
    const bodySchema = deref(doc, bodyRef);
    const bodyFields = Object.keys(bodySchema?.properties ?? {});
    const clash = bodyFields.find((f) => pathParams.includes(f) || queryParams.includes(f));
    if (clash) throw new Error(`${operation.operationId}: input field ${clash} is both a parameter and a body field`);
    if (queryJsonParam) {
      const ref = bodyRef.$ref ?? "";
      if (!ref.startsWith(SCHEMA_REF)) throw new Error(`${operation.operationId}: requestBody query schema must be a $ref`);
      queryBodies.push(`  ${operation.operationId}: components["schemas"][${literal(ref.slice(SCHEMA_REF.length))}];`);
    }
    // The flat input: path and query parameters beside the body's fields, in one closed object.
    const body = bodySchema ? compactSchema(doc, bodySchema, table) : { type: "object", properties: {}, additionalProperties: false };
    const input = { type: "object", required: [...pathParams, ...query.filter((p) => p.required).map((p) => p.name), ...(body.required ?? [])], properties: {}, additionalProperties: false };
    for (const p of [...params.filter((p) => p.in === "path"), ...query]) input.properties[p.name] = compactSchema(doc, p.schema ?? {}, table);
    Object.assign(input.properties, body.properties ?? {});
    if (body.oneOf || body.anyOf || body.allOf) throw new Error(`${operation.operationId}: a body union cannot be flattened into the input`);
    const errors = errorTypes(doc, operation);
    rows.push({
      id: operation.operationId,
      summary: operation.summary,
      description: operation.description,
      unstable: operation["x-stability"] === "unstable",
      info: {
        method: method.toUpperCase(),
        path,
        pathParams,
        queryParams,
        body: queryJsonParam ? "query" : bodySchema ? "json" : "none",
        read: method === "get",
        input,
        output: responseForm(operation) === "json" ? responseShape(doc, successSchema(doc, operation), shapes) : null,
        storeId: queryParams.includes("storeId") ? "query" : bodyFields.includes("storeId") ? "body" : null,
        auth: !(Array.isArray(operation.security) && operation.security.length === 0),
        response: responseForm(operation),
      },
    });
    const members = errors.length ? errors.map((e) => `components["schemas"][${literal(e.schema)}]`) : ["never"];
    errorUnions.push(`  ${operation.operationId}: ${members.join(" | ")};`);
  }
  const out = [header({ generator: GENERATOR, provider: "portone", doc })];
  out.push('import type { OperationInfo, SchemaTable, ShapeTable } from "@payspec/runtime";');
  out.push('import type { components } from "./openapi.js";\n');
  out.push("/**");
  out.push(" * A value this version of the spec does not know (PortOne adds enum values, union cases and");
  out.push(" * error types without notice). At run time it is the server's string, unchanged. The type is");
  out.push(" * a template literal no real value matches, so that `switch`/`===` on known values still");
  out.push(" * narrows unions; convert with `String(value)` to use it.");
  out.push(" */");
  out.push("export type Unrecognized = `${string}\\u0000unrecognized`;\n");
  out.push("/** A row of the table: the runtime's `OperationInfo` plus where a default `storeId` goes, whether the call is authenticated, and the 200 body's form. */");
  out.push('export interface PortOneOperation extends OperationInfo {\n  readonly storeId: "query" | "body" | null;\n  readonly auth: boolean;\n  readonly response: "json" | "text" | "none";\n}\n');
  out.push("/** `User-Agent` of every request: the package and its version. */");
  out.push(`export const USER_AGENT = ${literal(userAgent)};\n`);
  out.push("export const operations = {");
  for (const r of rows) {
    out.push(`${r.unstable ? "  /** UNSTABLE: the provider may change this operation incompatibly. */\n" : ""}  ${r.id}: ${literal(r.info)},`);
  }
  out.push("} as const satisfies Record<string, PortOneOperation>;\n");
  out.push("export type OperationId = keyof typeof operations;\n");
  out.push("/** The named request-side schemas the input schemas refer to (`$ref: \"Name\"`). */");
  out.push(`export const schemas: SchemaTable = ${literal(Object.fromEntries([...table].sort(([a], [b]) => a.localeCompare(b))))};\n`);
  out.push("/** The named success-body shapes the operations' `output` refers to (`$ref: \"Name\"`): required fields, their JSON types, union cases. */");
  out.push(`export const outputs: ShapeTable = ${literal(shapeTable(shapes))};\n`);
  out.push("/** Each operation's documented error union (its non-2xx response bodies), discriminated by `type`. */");
  out.push("export interface OperationErrors {");
  out.push(...errorUnions);
  out.push("}\n");
  out.push("/** The JSON input of GET/DELETE operations, sent URL-encoded in the `requestBody` query parameter. */");
  out.push("export interface QueryBodies {");
  out.push(...queryBodies);
  out.push("}");
  return { operations: out.join("\n"), rows };
}

/** One member per operation with its summary and description as JSDoc, so that a method shows them on hover. */
export function generatePortOneMethods(doc, rows) {
  const out = [header({ generator: GENERATOR, provider: "portone", doc })];
  out.push('import type { Method } from "../client.js";\n');
  out.push("/** Every operation of the spec as a method of the client. */");
  out.push("export interface PortOneMethods {");
  for (const r of rows) {
    const text = [r.summary, "", ...(r.description ?? "").trim().split("\n"), ...(r.unstable ? ["", "**UNSTABLE**: the provider may change this operation incompatibly."] : [])];
    out.push("  /**");
    for (const line of text) out.push(`   * ${line.replace(/\*\//g, "*\\/")}`.trimEnd());
    out.push("   */");
    out.push(`  readonly ${r.id}: Method<${literal(r.id)}>;`);
  }
  out.push("}");
  return out.join("\n");
}
