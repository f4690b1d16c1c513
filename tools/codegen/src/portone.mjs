// Generators for PortOne V2: the error-type catalogue (@payspec/portone-errors), the operation
// table of the client (@payspec/portone), and the preparation of the spec for openapi-typescript
// so that request types stay closed while response enums and unions are open.
import { stringToAST } from "openapi-typescript";
import { deref, header, literal, operations } from "./emit.mjs";

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
export function openResponseTypes(doc, responseSide) {
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

function typeNode(source) {
  const [statement] = stringToAST(`type T = ${source};`);
  return statement.type;
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

/**
 * The client's table: how each operation's flat input maps onto path, query and body. Compact
 * on purpose (it is most of the client's bundle): one tuple per operation, path parameters read
 * from the path template, error types as indices into one shared list.
 */
export function generatePortOneOperations(doc) {
  const rows = [];
  const errorUnions = [];
  const queryBodies = [];
  for (const { path, method, operation } of operations(doc)) {
    const params = (operation.parameters ?? []).map((p) => deref(doc, p));
    const pathParams = params.filter((p) => p.in === "path").map((p) => p.name);
    const template = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (template.join() !== pathParams.join()) throw new Error(`${operation.operationId}: path parameters differ from the template`);
    const queryJson = params.some((p) => p.in === "query" && p.name === "requestBody" && p.content);
    const queryParams = params.filter((p) => p.in === "query" && !(p.name === "requestBody" && p.content)).map((p) => p.name);
    const bodySchema = queryJson
      ? deref(doc, params.find((p) => p.name === "requestBody").content["application/json"].schema)
      : deref(doc, operation.requestBody?.content?.["application/json"]?.schema);
    const bodyFields = Object.keys(bodySchema?.properties ?? {});
    const clash = bodyFields.find((f) => pathParams.includes(f) || queryParams.includes(f));
    if (clash) throw new Error(`${operation.operationId}: input field ${clash} is both a parameter and a body field`);
    if (queryJson) {
      const ref = params.find((p) => p.name === "requestBody").content["application/json"].schema.$ref ?? "";
      if (!ref.startsWith(SCHEMA_REF)) throw new Error(`${operation.operationId}: requestBody query schema must be a $ref`);
      queryBodies.push(`  ${operation.operationId}: components["schemas"][${literal(ref.slice(SCHEMA_REF.length))}];`);
    }
    const errors = errorTypes(doc, operation);
    const auth = !(Array.isArray(operation.security) && operation.security.length === 0);
    const flags =
      (queryJson ? BODY_QUERY : bodySchema ? BODY_JSON : 0) |
      (queryParams.includes("storeId") ? STORE_QUERY : bodyFields.includes("storeId") ? STORE_BODY : 0) |
      (auth ? AUTH : 0);
    rows.push({ id: operation.operationId, method: method.toUpperCase(), path, queryParams, flags, unstable: operation["x-stability"] === "unstable" });
    const members = errors.length ? errors.map((e) => `components["schemas"][${literal(e.schema)}]`) : ["never"];
    errorUnions.push(`  ${operation.operationId}: ${members.join(" | ")};`);
  }
  const out = [header({ generator: GENERATOR, provider: "portone", doc })];
  out.push('import type { components } from "./openapi.js";\n');
  out.push("/**");
  out.push(" * A value this version of the spec does not know (PortOne adds enum values, union cases and");
  out.push(" * error types without notice). At run time it is the server's string, unchanged. The type is");
  out.push(" * a template literal no real value matches, so that `switch`/`===` on known values still");
  out.push(" * narrows unions; convert with `String(value)` to use it.");
  out.push(" */");
  out.push("export type Unrecognized = `${string}\\u0000unrecognized`;\n");
  out.push("/** Flag bits of an operation row. */");
  out.push(`export const BODY_JSON = ${BODY_JSON}, BODY_QUERY = ${BODY_QUERY}, STORE_QUERY = ${STORE_QUERY}, STORE_BODY = ${STORE_BODY}, AUTH = ${AUTH};`);
  out.push(`/** HTTP method of a row: METHODS[flags >> METHOD_SHIFT]. */`);
  out.push(`export const METHODS = ${literal(METHODS)}, METHOD_SHIFT = ${METHOD_SHIFT};\n`);
  out.push("/** Per operation: [path template, flags (with the method), ...query parameters]. */");
  out.push("export type OperationRow = readonly [path: string, flags: number, ...query: string[]];\n");
  out.push("export const operations = {");
  for (const r of rows) {
    const row = [r.path, r.flags | (METHODS.indexOf(r.method) << METHOD_SHIFT), ...r.queryParams];
    out.push(`${r.unstable ? "  /** UNSTABLE: the provider may change this operation incompatibly. */\n" : ""}  ${r.id}: ${literal(row)} as OperationRow,`);
  }
  out.push("};\n");
  out.push("export type OperationId = keyof typeof operations;\n");
  out.push("/** Each operation's documented error union (its non-2xx response bodies), discriminated by `type`. */");
  out.push("export interface OperationErrors {");
  out.push(...errorUnions);
  out.push("}\n");
  out.push("/** The JSON input of GET/DELETE operations, sent URL-encoded in the `requestBody` query parameter. */");
  out.push("export interface QueryBodies {");
  out.push(...queryBodies);
  out.push("}");
  return out.join("\n");
}

const BODY_JSON = 1;
const BODY_QUERY = 2;
const STORE_QUERY = 4;
const STORE_BODY = 8;
const AUTH = 16;
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const METHOD_SHIFT = 5;
