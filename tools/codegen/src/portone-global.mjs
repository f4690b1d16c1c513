// Generators for PortOne Global: the status-code table (@payspec/portone-errors/global) and the
// entry points of the client (@payspec/portone-global, one module per category, see entries.mjs):
// each operation's row in the runtime's `OperationInfo` shape with compact input schemas, named types
// (with the status codes it can answer) and standalone function; the signed field lists
// (`x-signature`) and the webhook payload schemas.
import { compactSchema, deref, header, literal, operations, responseShape, shapeTable, successSchema } from "./emit.mjs";
import { camel, constantsModule, jsdoc, methodsModule, operationTail, pascal, rowsModule } from "./entries.mjs";

const GENERATOR = "@payspec/codegen (tools/codegen/src/portone-global.mjs)";
const PROVIDER = "portone-global";
const SCHEMA_REF = "#/components/schemas/";
const SERIES_KINDS = ["pending", "success", "validation", "system", "bank-card", "unknown", "other-psp"];

function fail(message) {
  throw new Error(`specs/${PROVIDER}: ${message}`);
}

/** Catalogue rows, series table and series codes, checked against each other. */
function statusTables(doc) {
  const schema = doc.components?.schemas?.PortOneGlobalStatusCode;
  const rows = schema?.["x-status-catalogue"];
  const series = schema?.["x-status-series"];
  if (!Array.isArray(rows) || rows.length === 0) fail("PortOneGlobalStatusCode has no x-status-catalogue");
  if (!Array.isArray(series) || series.length === 0) fail("PortOneGlobalStatusCode has no x-status-series");
  const codes = new Set(schema.enum);
  const names = new Set();
  for (const row of rows) {
    if (!codes.has(row.code)) fail(`catalogue code ${row.code} is missing from the enum`);
    if (!/^[A-Z][A-Z0-9_]*$/.test(row.name)) fail(`catalogue name ${row.name} is not UPPER_SNAKE`);
    if (names.has(row.name)) fail(`catalogue name ${row.name} appears twice`);
    names.add(row.name);
    if (!series.some((s) => s.series === row.series)) fail(`catalogue row ${row.code} has unknown series ${row.series}`);
  }
  for (const code of codes) if (!rows.some((r) => r.code === code)) fail(`enum code ${code} has no catalogue row`);
  for (const s of series) {
    if (!SERIES_KINDS.includes(s.kind)) fail(`series ${s.series} has kind ${s.kind}, expected one of ${SERIES_KINDS.join(", ")}`);
    const count = rows.filter((r) => r.series === s.series).length;
    if (count !== s.rows) fail(`series ${s.series} declares ${s.rows} rows but the catalogue has ${count}`);
    for (const row of rows.filter((r) => r.series === s.series)) {
      if (row.code < s.range.from || row.code > s.range.to) fail(`${row.code} lies outside series ${s.series}`);
    }
  }
  const seriesSchema = doc.components?.schemas?.PortOneGlobalSeriesCode;
  const seriesNames = seriesSchema?.["x-enum-varnames"];
  if (!Array.isArray(seriesNames) || seriesNames.length !== seriesSchema.enum.length) {
    fail("PortOneGlobalSeriesCode needs one x-enum-varnames entry per enum value");
  }
  const seriesCodes = seriesSchema.enum.map((code, i) => ({ code, name: seriesNames[i] }));
  return { rows, series, seriesCodes };
}

/** packages/portone-errors/src/generated/global-status-codes.ts */
export function generatePortOneGlobalStatusCodes(doc) {
  const { rows, series, seriesCodes } = statusTables(doc);
  const out = [header({ generator: GENERATOR, provider: PROVIDER, doc })];
  out.push("/**");
  out.push(" * Every row of PortOne Global's \"API Error Codes\" page, by name. Several names may share a code:");
  out.push(" * the page lists `4081` as both `PARTIAL_REFUND_NOT_ALLOWED` and `ROLE_NOT_ALLOWED`.");
  out.push(" */");
  out.push("export const PortOneGlobalStatusCode = {");
  for (const r of rows) out.push(`  ${r.name}: ${literal(r.code)},`);
  out.push("} as const;");
  out.push("export type PortOneGlobalStatusCode = (typeof PortOneGlobalStatusCode)[keyof typeof PortOneGlobalStatusCode];");
  out.push("/** A name of the error-code page. */");
  out.push("export type PortOneGlobalStatusName = keyof typeof PortOneGlobalStatusCode;\n");
  out.push("/** The codes of the two series the page describes in prose only: `1000` pending and `2000` success. */");
  out.push("export const PortOneGlobalSeriesCode = {");
  for (const s of seriesCodes) out.push(`  ${s.name}: ${literal(s.code)},`);
  out.push("} as const;");
  out.push("export type PortOneGlobalSeriesCode = (typeof PortOneGlobalSeriesCode)[keyof typeof PortOneGlobalSeriesCode];\n");
  out.push("/** The series of the page: the thousands of a four-digit code. */");
  out.push("export const PortOneGlobalSeries = {");
  for (const s of series) out.push(`  ${s.kind.toUpperCase().replace(/-/g, "_")}: ${literal(s.kind)},`);
  out.push("} as const;");
  out.push("export type PortOneGlobalSeries = (typeof PortOneGlobalSeries)[keyof typeof PortOneGlobalSeries];\n");
  out.push("/** One row of the page, as published. */");
  out.push("export interface PortOneGlobalStatusRow {");
  out.push("  readonly code: PortOneGlobalStatusCode;");
  out.push("  readonly name: PortOneGlobalStatusName;");
  out.push("  readonly series: PortOneGlobalSeries;");
  out.push("}\n");
  out.push(`/** The ${rows.length} rows of the page in page order, duplicates kept. */`);
  out.push("export const portOneGlobalStatusCatalogue: readonly PortOneGlobalStatusRow[] = [");
  const kindOf = new Map(series.map((s) => [s.series, s.kind]));
  for (const r of rows) {
    out.push(`  { code: ${literal(r.code)}, name: ${literal(r.name)}, series: ${literal(kindOf.get(r.series))} },`);
  }
  out.push("];\n");
  out.push("/** One series heading of the page with the codes it spans. */");
  out.push("export interface PortOneGlobalSeriesInfo {");
  out.push("  readonly kind: PortOneGlobalSeries;");
  out.push("  /** The series' own code (`\"4000\"`). */");
  out.push("  readonly series: string;");
  out.push("  /** The heading exactly as published. */");
  out.push("  readonly heading: string;");
  out.push("  /** The sentence under the heading, as published. */");
  out.push("  readonly wording: string;");
  out.push("  /** Nominal span of the series (inclusive, four-digit strings). */");
  out.push("  readonly range: { readonly from: string; readonly to: string };");
  out.push("  /** Number of table rows in the series. */");
  out.push("  readonly rows: number;");
  out.push("}\n");
  out.push("export const portOneGlobalSeries: { readonly [K in PortOneGlobalSeries]: PortOneGlobalSeriesInfo } = {");
  for (const s of series) {
    out.push(
      `  ${literal(s.kind)}: { kind: ${literal(s.kind)}, series: ${literal(s.series)}, heading: ${literal(s.heading)}, ` +
        `wording: ${literal(s.wording)}, range: { from: ${literal(s.range.from)}, to: ${literal(s.range.to)} }, rows: ${s.rows} },`,
    );
  }
  out.push("};");
  return out.join("\n");
}

function signatures(doc) {
  const out = {};
  for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
    const sig = schema["x-signature"];
    if (!sig) continue;
    if (sig.algorithm !== "HMAC-SHA256" || sig.encoding !== "base64") fail(`${name}: unsupported x-signature ${sig.algorithm}/${sig.encoding}`);
    const sorted = [...sig.fields].sort();
    if (sorted.join() !== sig.fields.join()) fail(`${name}: x-signature fields must be listed sorted`);
    const props = new Set(collectProperties(doc, schema));
    if (!props.has(sig.field)) fail(`${name}: signature field ${sig.field} is not a property`);
    const sources = sig.fieldSources ?? {};
    for (const field of sig.fields) {
      const source = sources[field] ?? field;
      if (!props.has(source)) fail(`${name}: signed field ${field} (property ${source}) is not a property`);
    }
    out[name] = { field: sig.field, fields: sig.fields, fieldSources: sources };
  }
  return out;
}

function collectProperties(doc, node) {
  const schema = deref(doc, node);
  if (!schema || typeof schema !== "object") return [];
  return [...Object.keys(schema.properties ?? {}), ...(schema.allOf ?? []).flatMap((s) => collectProperties(doc, s))];
}

const schemaName = (node) => (typeof node?.$ref === "string" && node.$ref.startsWith(SCHEMA_REF) ? node.$ref.slice(SCHEMA_REF.length) : null);

/** Whether the 200 body carries the status envelope (`status_code` among its properties). */
function enveloped(doc, operation) {
  const schema = operation.responses?.["200"]?.content?.["application/json"]?.schema;
  return collectProperties(doc, schema).includes("status_code");
}

/**
 * The shape of what a success answer must have (the client reads `status_code` and `is_success`
 * itself): `content` of the status envelope, or the whole body where there is no envelope.
 */
function outputShape(doc, operation, shapes) {
  const body = successSchema(doc, operation);
  if (!body) return null;
  if (!enveloped(doc, operation)) return responseShape(doc, body, shapes);
  const all = [deref(doc, body), ...(deref(doc, body).allOf ?? []).map((p) => deref(doc, p))];
  const content = Object.assign({}, ...all.map((p) => p.properties ?? {}))["content"];
  if (!content) fail(`${operation.operationId}: an enveloped answer without content`);
  return responseShape(doc, content, shapes);
}

function security(doc, operation) {
  const requirement = operation.security ?? doc.security ?? [];
  const schemes = new Set(requirement.flatMap((r) => Object.keys(r)));
  if (schemes.has("portoneJwt")) return "jwt";
  if (schemes.has("portoneClientKey")) return "client-key";
  return "none";
}

/** Fields the client fills from its credentials; a caller can never set them. */
const FILLED = ["key", "portone_key", "portone_secret", "signature_hash"];
/** POST operations that only read (safe to send again, so retried like GETs). */
const POST_READS = new Set(["getTransactionDetails"]);
/** The one input schema of an operation: its path parameters and its body fields, without the filled ones. */
function inputSchema(doc, operationId, params, bodyNode, table) {
  const properties = {};
  const required = [];
  for (const p of params) {
    if (FILLED.includes(p.name)) continue;
    // Path values are checked by the runtime's checkPathValue (empty, `.` and `..` rejected) besides this schema.
    properties[p.name] = compactSchema(doc, p.schema, table);
    required.push(p.name);
  }
  let body = bodyNode ? deref(doc, bodyNode) : null;
  if (body && (body.allOf || body.oneOf || body.anyOf || body.type !== "object")) fail(`${operationId}: the request body must be a plain object schema`);
  for (const [field, s] of Object.entries(body?.properties ?? {})) {
    if (FILLED.includes(field)) continue;
    if (field in properties) fail(`${operationId}: ${field} is both a path parameter and a body field`);
    properties[field] = compactSchema(doc, s, table);
  }
  for (const field of body?.required ?? []) if (!FILLED.includes(field)) required.push(field);
  const out = { type: "object" };
  if (required.length > 0) out.required = required;
  out.properties = properties;
  // Closed, as every compacted request object: a misspelt field is an error, not a silently sent extra.
  // A body that says `additionalProperties: true` stays open.
  if (!body || body.additionalProperties === undefined || body.additionalProperties === false) out.additionalProperties = false;
  return out;
}

/** The digits of the status series whose codes mean failure (`x-status-series` kinds other than pending/success). */
function failureSeries(doc) {
  const series = doc.components?.schemas?.PortOneGlobalStatusCode?.["x-status-series"] ?? [];
  return series.filter((s) => s.kind !== "pending" && s.kind !== "success").map((s) => s.series.slice(0, 1)).join("");
}

/**
 * The entry point (subpath of the package) of each of the spec's tags. A tag missing here fails the
 * generator, so that a new category is placed on purpose.
 */
const ENTRY_OF_TAG = { auth: "auth", payment: "payment", refund: "refund", paymentLink: "payment-link" };

function entryOf(operation) {
  const tag = operation.tags?.[0] ?? "";
  const entry = ENTRY_OF_TAG[tag];
  if (!entry) fail(`${operation.operationId}: tag ${tag || "(none)"} has no entry point in ENTRY_OF_TAG`);
  return entry;
}

const schemaType = (name) => `components["schemas"][${literal(name)}]`;

/** The TypeScript type of a path parameter (strings, numbers, booleans, enums, named schemas), as openapi-typescript writes it. */
function parameterType(schema) {
  const name = schemaName(schema);
  if (name) return schemaType(name);
  if (Array.isArray(schema?.enum)) return schema.enum.map(literal).join(" | ");
  if (schema?.type === "string") return "string";
  if (schema?.type === "integer" || schema?.type === "number") return "number";
  if (schema?.type === "boolean") return "boolean";
  fail(`path parameter schema ${JSON.stringify(schema)} has no generated type`);
}

/** The named types of an operation's input and data: path parameters and body fields without the filled ones; the envelope's `content` or the bare body. */
function operationTypes(doc, id, operation, params, bodyNode, isEnveloped) {
  const body = bodyNode ? schemaName(bodyNode) : null;
  if (bodyNode && !body) fail(`${id}: the request body schema must be a $ref`);
  const bodySchema = body ? deref(doc, bodyNode) : null;
  const omitted = Object.keys(bodySchema?.properties ?? {}).filter((f) => FILLED.includes(f));
  const members = params.filter((p) => !FILLED.includes(p.name)).map((p) => ({ name: p.name, type: parameterType(p.schema), description: p.description }));
  const required = [...members.map((m) => m.name), ...(bodySchema?.required ?? []).filter((f) => !FILLED.includes(f))];
  const success = successSchema(doc, operation);
  const successName = schemaName(success);
  if (!successName) fail(`${id}: the 200 JSON schema must be a $ref`);
  let data = schemaType(successName);
  if (isEnveloped) {
    const all = [deref(doc, success), ...(deref(doc, success).allOf ?? []).map((p) => deref(doc, p))];
    const content = Object.assign({}, ...all.map((p) => p.properties ?? {}))["content"];
    data = schemaName(content) ? schemaType(schemaName(content)) : `${schemaType(successName)}["content"]`;
  }
  return { body, omitted, members, optional: required.length === 0, data };
}

/** The documentation of an operation: the provider's summary and description. */
const operationDoc = (op) => [op.summary, "", ...(op.description ?? "").trim().split("\n")];

/** The named types of one operation (`CreateRefundInput`, `…Data`, `…ApiError`, `…Error`, `…Result`) and its standalone function. */
function operationSource(op) {
  const name = pascal(op.id);
  const { body, omitted, members, optional, data } = op.types;
  const out = [];
  const filled = [...op.info.filled].map((f) => `\`${f}\``).join(", ");
  out.push(...jsdoc([`The input of {@link ${op.id}}: ${body ? "its path parameters and body fields" : "its path parameters"} in one object${filled ? `, without what the client fills (${filled})` : ""}.`]));
  const base = body ? ` extends ${omitted.length ? `Omit<${body}$, ${omitted.map(literal).join(" | ")}>` : `${body}$`}` : "";
  const lines = members.flatMap((m) => [...jsdoc([m.description], "  "), `  ${m.name}: ${m.type};`]);
  out.push(lines.length ? `export interface ${name}Input${base} {\n${lines.join("\n")}\n}` : `export interface ${name}Input${base} {}`);
  out.push(...jsdoc([`What a successful {@link ${op.id}} returns: ${op.info.enveloped ? "the status envelope's `content`" : "the whole body (it has no status envelope)"}.`]));
  out.push(`export type ${name}Data = ${data};`);
  out.push(
    ...operationTail({
      op,
      client: "PortOneGlobal",
      optional,
      apiErrorsDoc: `The API errors of {@link ${op.id}}: one per status code the spec ties to it (narrow with \`error.code\`), or any other code (\`""\` when a failure carried none).`,
      apiErrors: [...op.errorCodes.map((code) => `PaySpecApiError<${literal(code)}, PortOneGlobalErrorBody>`), "PaySpecApiError<Unrecognized, Readonly<Record<string, unknown>>>"],
      doc: operationDoc(op),
    }),
  );
  return out.join("\n");
}

/**
 * The generated sources of @payspec/portone-global besides `openapi.ts`, `components.ts`, `signatures.ts` and
 * `inbound.ts`: `common.ts`, `schemas.ts` and `shapes.ts` (shared constants), `rows/<entry>.ts` and
 * `entries/<entry>.ts` per entry point, `operations.ts` (every row, for the whole client and the
 * openapi-fetch client) and `methods.ts` (the client's methods).
 */
export function generatePortOneGlobalEntries(doc) {
  const sigs = signatures(doc);
  const table = new Map();
  const shapes = new Map();
  const ops = [];
  for (const { path, method, operation } of operations(doc)) {
    const id = operation.operationId;
    const parameters = [...(doc.paths[path].parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
    const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const params = parameters.filter((p) => p.in === "path");
    for (const name of pathParams) if (!params.some((p) => p.name === name)) fail(`${id}: path parameter ${name} undeclared`);
    const headerParams = parameters.filter((p) => p.in === "header").map((p) => p.name);
    if (headerParams.some((h) => h !== "X-Portone-SubMerchant-Key")) fail(`${id}: only the X-Portone-SubMerchant-Key header parameter is supported`);
    if (parameters.some((p) => p.in === "query")) fail(`${id}: query parameters are not supported by the client table`);
    const bodyNode = operation.requestBody?.content?.["application/json"]?.schema;
    const bodyFields = collectProperties(doc, bodyNode);
    const isEnveloped = enveloped(doc, operation);
    const info = {
      id,
      method: method.toUpperCase(),
      path,
      pathParams,
      queryParams: [],
      body: bodyNode ? "json" : "none",
      read: method === "get" || POST_READS.has(id),
      auth: security(doc, operation),
      enveloped: isEnveloped,
      signature: bodyNode && sigs[schemaName(bodyNode)] ? schemaName(bodyNode) : null,
      subMerchant: headerParams.length > 0,
      filled: FILLED.filter((f) => pathParams.includes(f) || bodyFields.includes(f)),
      input: inputSchema(doc, id, params, bodyNode, table),
      output: outputShape(doc, operation, shapes),
    };
    const codes = [...(operation["x-status-codes"]?.stated ?? []), ...(operation["x-status-codes"]?.inferred ?? [])];
    const errorCodes = [...new Set(codes)].filter((c) => !/^[12]/.test(c)).sort();
    ops.push({ id, entry: entryOf(operation), info, errorCodes, summary: operation.summary, description: operation.description, types: operationTypes(doc, id, operation, params, bodyNode, isEnveloped) });
  }

  const head = header({ generator: GENERATOR, provider: PROVIDER, doc });
  const files = {};
  files["common.ts"] = [
    head,
    'import type { OperationInfo } from "@payspec/runtime";',
    'import type { SignedMessage } from "../signature.js";\n',
    "/** A row of an operation: the runtime's `OperationInfo` plus what PortOne Global needs. */",
    "export interface PortOneGlobalOperation extends OperationInfo {",
    "  readonly id: string;",
    "  /** Credentials sent: client key and JWT, client key only, or none. */",
    '  readonly auth: "jwt" | "client-key" | "none";',
    "  /** Whether the success body is the status envelope (data in `content`) or a bare object. */",
    "  readonly enveloped: boolean;",
    "  /** The signed message of the request body (a key of `signatures`), if the body is signed. */",
    "  readonly signature: SignedMessage | null;",
    "  /** Computes the body's `signature_hash` (present with `signature`). */",
    "  readonly sign?: (secret: string, message: SignedMessage, payload: Readonly<Record<string, unknown>>) => Promise<string>;",
    "  /** Whether the operation takes `X-Portone-SubMerchant-Key`. */",
    "  readonly subMerchant: boolean;",
    "  /** Path parameters and body fields the client fills from its credentials. */",
    '  readonly filled: readonly ("key" | "portone_key" | "portone_secret" | "signature_hash")[];',
    "}\n",
    "/** A status code the spec does not tie to the operation. Never equal to a literal, so `switch (error.code)` narrows. */",
    "export type Unrecognized = `${string}\\u0000unrecognized`;\n",
    "/** First digits of the status series whose codes are failures (spec: `x-status-series`). */",
    `export const failureSeries = ${literal(failureSeries(doc))};`,
  ].join("\n");
  files["schemas.ts"] = constantsModule({
    header: `${head}// The named request schemas the operations' input schemas refer to, one constant each.`,
    typeImport: 'import type { RequestSchema } from "@payspec/runtime";',
    type: "RequestSchema",
    table,
  });
  files["shapes.ts"] = constantsModule({
    header: `${head}// The named success shapes the operations' \`output\` refers to (required fields and their JSON types), one constant each.`,
    typeImport: 'import type { ResponseShape } from "@payspec/runtime";',
    type: "ResponseShape",
    table: new Map(Object.entries(shapeTable(shapes))),
  });
  const entries = [...new Set(ops.map((op) => op.entry))];
  for (const entry of entries) {
    const mine = ops.filter((op) => op.entry === entry);
    files[`rows/${entry}.ts`] = rowsModule({
      header: head,
      type: "PortOneGlobalOperation",
      table,
      // A signed body names its signer: a bundle without a signed operation does not carry the signing.
      rows: mine.map((op) => ({ id: op.id, row: op.info, extra: op.info.signature ? { text: ',"sign":computeSignature', imports: { "../../signature.js": ["computeSignature"] } } : undefined })),
    });
    const bodies = [...new Set(mine.map((op) => op.types.body).filter(Boolean))];
    files[`entries/${entry}.ts`] = [
      head,
      `// The ${entry} operations one by one: each one's named types and a standalone function running the`,
      "// client's one implementation (`call`) with its row. Import only what you use; the rest is not bundled.",
      'import type { PaySpecApiError, PaySpecTransportError, PaySpecValidationError } from "@payspec/runtime";',
      'import { call, type PortOneGlobalCallOptions, type PortOneGlobalCore, type PortOneGlobalErrorBody } from "../../core.js";',
      'import type { Unrecognized } from "../common.js";',
      'import type { components } from "../components.js";',
      `import * as rows from "../rows/${entry}.js";\n`,
      'export { createPortOneGlobalCore, type PortOneGlobalCallOptions, type PortOneGlobalClientOptions, type PortOneGlobalCore } from "../../core.js";\n',
      ...(bodies.length ? [...bodies.map((b) => `type ${b}$ = ${schemaType(b)};`), ""] : []),
      mine.map(operationSource).join("\n\n"),
    ].join("\n");
  }
  files["operations.ts"] = [
    head,
    "// Every operation's row, for the whole client (`createPortOneGlobalClient`) and the openapi-fetch client.",
    "// A standalone function never imports this module.",
    'import type { PortOneGlobalOperation } from "./common.js";',
    ...entries.map((entry) => `import * as ${camel(entry)} from "./rows/${entry}.js";`),
    "",
    'export { failureSeries, type PortOneGlobalOperation, type Unrecognized } from "./common.js";\n',
    "/** Every operationId of the spec. */",
    `export type OperationId =\n${ops.map((op) => `  | ${literal(op.id)}`).join("\n")};\n`,
    "/** Every operation's row, by operationId. */",
    "export const operations: { readonly [K in OperationId]: PortOneGlobalOperation } = {",
    ...ops.map((op) => `  ${op.id}: ${camel(op.entry)}.${op.id},`),
    "};\n",
    "/** The status codes other than success and pending each operation can answer with (spec: `x-status-codes`, stated and inferred). */",
    "export interface StatusCodes {",
    ...ops.map((op) => `  readonly ${op.id}: ${op.errorCodes.length > 0 ? op.errorCodes.map(literal).join(" | ") : "never"};`),
    "}",
  ].join("\n");
  files["methods.ts"] = methodsModule({ head, client: "PortOneGlobal", ops, entries, doc: operationDoc, groups: [{ name: "PortOneGlobalMethods", comment: "Every operation of the spec as a method of the client, documented as the spec documents it.", ops }] });
  return { files, ops };
}

/** packages/portone-global/src/generated/signatures.ts: how each signed message's `signature_hash` is built. */
export function generatePortOneGlobalSignatures(doc) {
  const out = [header({ generator: GENERATOR, provider: PROVIDER, doc })];
  out.push("/** How a signed message's `signature_hash` is built (spec: `x-signature`). */");
  out.push("export interface SignatureRule {");
  out.push("  /** The field that carries the signature. */");
  out.push("  readonly field: string;");
  out.push("  /** Signed parameter names, sorted. */");
  out.push("  readonly fields: readonly string[];");
  out.push("  /** Payload property of a signed parameter whose name differs (`client_key` ← `portone_key`). */");
  out.push("  readonly fieldSources: { readonly [field: string]: string };");
  out.push("}\n");
  out.push("export const signatures = {");
  for (const [name, sig] of Object.entries(signatures(doc))) out.push(`  ${name}: ${literal(sig)},`);
  out.push("} as const satisfies Record<string, SignatureRule>;");
  return out.join("\n");
}

/** packages/portone-global/src/generated/inbound.ts: payload schemas of what PortOne sends to the merchant. */
export function generatePortOneGlobalInbound(doc) {
  const sigs = signatures(doc);
  const table = new Map();
  const entries = [];
  for (const [name, item] of Object.entries(doc.webhooks ?? {})) {
    const op = item.post ?? item.get;
    const node = item.post ? op?.requestBody?.content?.["application/json"]?.schema : deref(doc, (op?.parameters ?? [])[0])?.schema;
    if (!node) fail(`webhook ${name}: no payload schema`);
    const sig = sigs[schemaName(node)] ? schemaName(node) : null;
    entries.push(`  ${name}: { signature: ${literal(sig)}, payload: ${literal(compactSchema(doc, node, table, { closeObjects: false }))} },`);
  }
  const out = [header({ generator: GENERATOR, provider: PROVIDER, doc })];
  out.push('import type { RequestSchema, SchemaTable } from "@payspec/runtime";\n');
  out.push("/** Payload schemas of the messages PortOne sends to the merchant (webhooks and the payment redirect). */");
  out.push("export const inbound = {");
  out.push(...entries);
  out.push('} as const satisfies Record<string, { signature: "PaymentWebhook" | "PaymentLinkWebhook" | "PaymentRedirect" | null; payload: RequestSchema }>;\n');
  out.push("/** The named schemas the payload schemas refer to (`$ref: \"Name\"`). */");
  out.push(`export const inboundSchemas: SchemaTable = ${literal(Object.fromEntries([...table].sort(([a], [b]) => a.localeCompare(b))))};`);
  return out.join("\n");
}
