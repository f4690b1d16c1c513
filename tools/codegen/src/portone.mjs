// Generators for PortOne V2: the error-type catalogue (@payspec/portone-errors), the entry points of
// the client (@payspec/portone: one module per category, see entries.mjs), and the preparation of the spec for openapi-typescript
// so that request types stay closed while response enums and unions are open.
import { compactSchema, deref, header, literal, operations, responseShape, shapeTable, successSchema } from "./emit.mjs";
import { constantsModule, jsdoc, methodsModule, operationTail, pascal, rowsModule } from "./entries.mjs";

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
 * The entry point (subpath of the package) of each of the spec's tags, following PortOne's own
 * categories: the payment sub-categories of everyday use get their own, the platform and B2B ones are
 * one each. A tag missing here fails the generator, so that a new category is placed on purpose.
 */
const ENTRY_OF_TAG = {
  auth: "auth",
  common: "common",
  payment: "payment",
  "payment.billingKey": "billing-key",
  "payment.cashReceipt": "cash-receipt",
  "payment.paymentSchedule": "payment-schedule",
  "payment.promotion": "promotion",
  "payment.additionalFeature": "promotion",
  identityVerification: "identity-verification",
  pgSpecific: "pg-specific",
  paymentSession: "payment-session",
  reconciliation: "reconciliation",
  checkoutProfile: "checkout-profile",
};

function entryOf(operation) {
  const tag = operation.tags?.[0] ?? "";
  const entry = ENTRY_OF_TAG[tag] ?? (tag.split(".")[0] === "platform" ? "platform" : tag.split(".")[0] === "b2b" ? "b2b" : undefined);
  if (!entry) throw new Error(`${operation.operationId}: tag ${tag || "(none)"} has no entry point in ENTRY_OF_TAG`);
  return entry;
}

const schemaType = (name) => `components["schemas"][${literal(name)}]`;

/** The TypeScript type of a path or query parameter (strings, numbers, booleans, arrays, named schemas), as openapi-typescript writes it. */
function parameterType(schema) {
  if (typeof schema?.$ref === "string" && schema.$ref.startsWith(SCHEMA_REF)) return schemaType(schema.$ref.slice(SCHEMA_REF.length));
  if (Array.isArray(schema?.enum)) return schema.enum.map(literal).join(" | ");
  switch (schema?.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "array":
      return `${parameterType(schema.items)}[]`;
    default:
      throw new Error(`parameter schema ${JSON.stringify(schema)} has no generated type`);
  }
}

/** What the generators need of each operation: its row, the types of its input, answer and errors, its docs and entry point. */
function collect(doc) {
  const ops = [];
  const table = new Map();
  const shapes = new Map();
  for (const { path, method, operation } of operations(doc)) {
    const id = operation.operationId;
    const params = (operation.parameters ?? []).map((p) => deref(doc, p));
    const pathParams = params.filter((p) => p.in === "path").map((p) => p.name);
    const template = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    if (template.join() !== pathParams.join()) throw new Error(`${id}: path parameters differ from the template`);
    const queryJsonParam = params.find((p) => p.in === "query" && p.name === "requestBody" && p.content);
    const query = params.filter((p) => p.in === "query" && p !== queryJsonParam);
    const queryParams = query.map((p) => p.name);
    const bodyRef = queryJsonParam ? queryJsonParam.content["application/json"].schema : operation.requestBody?.content?.["application/json"]?.schema;
    if (bodyRef && !bodyRef.$ref?.startsWith(SCHEMA_REF)) throw new Error(`${id}: the request body schema must be a $ref`);
    const bodySchema = deref(doc, bodyRef);
    const bodyFields = Object.keys(bodySchema?.properties ?? {});
    const clash = bodyFields.find((f) => pathParams.includes(f) || queryParams.includes(f));
    if (clash) throw new Error(`${id}: input field ${clash} is both a parameter and a body field`);
    // The flat input: path and query parameters beside the body's fields, in one closed object.
    const body = bodySchema ? compactSchema(doc, bodySchema, table) : { type: "object", properties: {}, additionalProperties: false };
    const input = { type: "object", required: [...pathParams, ...query.filter((p) => p.required).map((p) => p.name), ...(body.required ?? [])], properties: {}, additionalProperties: false };
    for (const p of [...params.filter((p) => p.in === "path"), ...query]) input.properties[p.name] = compactSchema(doc, p.schema ?? {}, table);
    Object.assign(input.properties, body.properties ?? {});
    if (body.oneOf || body.anyOf || body.allOf) throw new Error(`${id}: a body union cannot be flattened into the input`);
    const form = responseForm(operation);
    const success = successSchema(doc, operation);
    if (form === "json" && !success?.$ref?.startsWith(SCHEMA_REF)) throw new Error(`${id}: the 200 JSON schema must be a $ref`);
    ops.push({
      id,
      entry: entryOf(operation),
      summary: operation.summary,
      description: operation.description,
      unstable: operation["x-stability"] === "unstable",
      info: {
        id,
        method: method.toUpperCase(),
        path,
        pathParams,
        queryParams,
        body: queryJsonParam ? "query" : bodySchema ? "json" : "none",
        // The provider requires the query-form input even when it is empty: the client then sends `{}`.
        ...(queryJsonParam?.required === true ? { bodyRequired: true } : {}),
        read: method === "get",
        input,
        output: form === "json" ? responseShape(doc, success, shapes) : null,
        storeId: queryParams.includes("storeId") ? "query" : bodyFields.includes("storeId") ? "body" : null,
        auth: !(Array.isArray(operation.security) && operation.security.length === 0),
        response: form,
      },
      types: {
        params: [...params.filter((p) => p.in === "path"), ...query].map((p) => ({ name: p.name, required: p.in === "path" || p.required === true, type: parameterType(p.schema), description: p.description })),
        body: bodyRef ? bodyRef.$ref.slice(SCHEMA_REF.length) : null,
        data: form === "json" ? schemaType(success.$ref.slice(SCHEMA_REF.length)) : form === "text" ? "string" : "undefined",
        errors: errorTypes(doc, operation),
        optional: input.required.length === 0,
      },
    });
  }
  return { ops, table, shapes };
}

const UNRECOGNIZED_DOC = [
  "/**",
  " * A value this version of the spec does not know (PortOne adds enum values, union cases and",
  " * error types without notice). At run time it is the server's string, unchanged. The type is",
  " * a template literal no real value matches, so that `switch`/`===` on known values still",
  " * narrows unions; convert with `String(value)` to use it.",
  " */",
];

/** The documentation of an operation: the provider's summary and description, and its stability. */
const operationDoc = (op) => [op.summary, "", ...(op.description ?? "").trim().split("\n"), ...(op.unstable ? ["", "**UNSTABLE**: the provider may change this operation incompatibly."] : [])];

/** The named types of one operation (`GetPaymentInput`, `…Data`, `…ApiError`, `…Error`, `…Result`) and its standalone function. */
function operationSource(op) {
  const name = pascal(op.id);
  const { params, body, data, errors, optional } = op.types;
  const out = [];
  const members = params.flatMap((p) => [...jsdoc([p.description], "  "), `  ${p.name}${p.required ? "" : "?"}: ${p.type};`]);
  const heading = `The input of {@link ${op.id}}: ${body ? "its path and query parameters beside the body's fields" : "its path and query parameters"}, in one object.`;
  out.push(...jsdoc([heading]));
  if (members.length === 0) out.push(`export interface ${name}Input${body ? ` extends ${body}$` : ""} {}`);
  else out.push(`export interface ${name}Input${body ? ` extends ${body}$` : ""} {`, ...members, "}");
  out.push(...jsdoc([`The 200 answer of {@link ${op.id}}${data === "string" ? " (the text of the download)" : data === "undefined" ? " (no body)" : ""}.`]));
  out.push(`export type ${name}Data = ${data};`);
  out.push(
    ...operationTail({
      op,
      client: "PortOne",
      optional,
      apiErrorsDoc: `The API errors of {@link ${op.id}}: one per documented \`type\` (narrow with \`error.code\`), or an unrecognised one.`,
      apiErrors: [...errors.map((e) => `PaySpecApiError<${literal(e.type)}, ${schemaType(e.schema)}>`), "PaySpecApiError<Unrecognized, UnrecognizedErrorBody>"],
      doc: operationDoc(op),
    }),
  );
  return out.join("\n");
}

/**
 * The generated sources of @payspec/portone besides `openapi.ts`, `components.ts` and `pagination.ts`: `common.ts`,
 * `schemas.ts` and `shapes.ts` (shared constants), `rows/<entry>.ts` and `entries/<entry>.ts` per entry point,
 * `operations.ts` (every row, for the whole client) and `methods.ts` (the client's methods).
 */
export function generatePortOneEntries(doc, { userAgent }) {
  const { ops, table, shapes } = collect(doc);
  const head = header({ generator: GENERATOR, provider: "portone", doc });
  const files = {};
  files["common.ts"] = [
    head,
    'import type { OperationInfo } from "@payspec/runtime";\n',
    ...UNRECOGNIZED_DOC,
    "export type Unrecognized = `${string}\\u0000unrecognized`;\n",
    "/** A row of an operation: the runtime's `OperationInfo` plus its id, where a default `storeId` goes, whether the call is authenticated, and the 200 body's form. */",
    'export interface PortOneOperation extends OperationInfo {\n  readonly id: string;\n  readonly storeId: "query" | "body" | null;\n  readonly auth: boolean;\n  readonly response: "json" | "text" | "none";\n  /** The query-form input (\`requestBody\`) is required: \`{}\` is sent when the input is empty. */\n  readonly bodyRequired?: true;\n}\n',
    "/** `User-Agent` of every request: the package and its version. */",
    `export const USER_AGENT = ${literal(userAgent)};`,
  ].join("\n");
  files["schemas.ts"] = constantsModule({
    header: `${head}// The named request-side schemas the operations' input schemas refer to, one constant each.`,
    typeImport: 'import type { RequestSchema } from "@payspec/runtime";',
    type: "RequestSchema",
    table,
  });
  files["shapes.ts"] = constantsModule({
    header: `${head}// The named success-body shapes the operations' \`output\` refers to (required fields, their JSON types, union cases), one constant each.`,
    typeImport: 'import type { ResponseShape } from "@payspec/runtime";',
    type: "ResponseShape",
    table: new Map(Object.entries(shapeTable(shapes))),
  });
  const entries = [...new Set(ops.map((op) => op.entry))];
  for (const entry of entries) {
    const mine = ops.filter((op) => op.entry === entry);
    files[`rows/${entry}.ts`] = rowsModule({
      header: head,
      type: "PortOneOperation",
      table,
      rows: mine.map((op) => ({ id: op.id, row: op.info, comment: op.unstable ? "UNSTABLE: the provider may change this operation incompatibly." : undefined })),
    });
    const bodies = [...new Set(mine.map((op) => op.types.body).filter(Boolean))];
    files[`entries/${entry}.ts`] = [
      head,
      `// The ${entry} operations one by one: each one's named types and a standalone function running the`,
      "// client's one implementation (`call`) with its row. Import only what you use; the rest is not bundled.",
      'import type { PaySpecApiError, PaySpecTransportError, PaySpecValidationError } from "@payspec/runtime";',
      'import { call, type PortOneCallOptions, type PortOneCore, type UnrecognizedErrorBody } from "../../core.js";',
      'import type { Unrecognized } from "../common.js";',
      'import type { components } from "../components.js";',
      `import * as rows from "../rows/${entry}.js";\n`,
      // The auth entry's core has token mode (it imports the two login operations anyway); the others send the secret.
      entry === "auth"
        ? 'export { createPortOneCore } from "../../token-mode.js";\nexport type { PortOneCallOptions, PortOneClientOptions, PortOneCore } from "../../core.js";\n'
        : 'export { createPortOneCore, type PortOneCallOptions, type PortOneClientOptions, type PortOneCore } from "../../core.js";\n',
      ...bodies.map((b) => `type ${b}$ = ${schemaType(b)};`),
      "",
      mine.map(operationSource).join("\n\n"),
    ].join("\n");
  }
  files["operations.ts"] = [
    head,
    "// Every operation's row, for the whole client (`createPortOneClient`) and the openapi-fetch client.",
    "// A standalone function never imports this module.",
    'import type { PortOneOperation } from "./common.js";',
    'import type { components } from "./components.js";',
    ...entries.map((entry) => `import * as ${camel(entry)} from "./rows/${entry}.js";`),
    "",
    'export { USER_AGENT, type PortOneOperation, type Unrecognized } from "./common.js";\n',
    "/** Every operationId of the spec. */",
    `export type OperationId =\n${ops.map((op) => `  | ${literal(op.id)}`).join("\n")};\n`,
    "/** Every operation's row, by operationId. */",
    "export const operations: { readonly [K in OperationId]: PortOneOperation } = {",
    ...ops.map((op) => `  ${op.id}: ${camel(op.entry)}.${op.id},`),
    "};\n",
    "/** Each operation's documented error union (its non-2xx response bodies), discriminated by `type`. */",
    "export interface OperationErrors {",
    ...ops.map((op) => `  ${op.id}: ${op.types.errors.length ? op.types.errors.map((e) => schemaType(e.schema)).join(" | ") : "never"};`),
    "}",
  ].join("\n");
  files["methods.ts"] = methodsModule({ head, client: "PortOne", ops, entries, doc: operationDoc, groups: [{ name: "PortOneMethods", comment: "Every operation of the spec as a method of the client, documented as the spec documents it.", ops }] });
  return { files, entries, ops };
}

/** `billing-key` → `billingKey`. */
const camel = (entry) => entry.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
