// Generators for PortOne Global: the status-code table (@payspec/portone-errors/global) and the
// tables of the client (@payspec/portone-global): operations in the runtime's `OperationInfo` shape
// with compact input schemas, the status codes per operation (types only), the methods with their
// docs, the signed field lists (`x-signature`) and the webhook payload schemas.
import { compactSchema, deref, header, literal, operations, responseShape, shapeTable, successSchema } from "./emit.mjs";

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

function jsdoc(lines, indent = "  ") {
  const out = [`${indent}/**`];
  for (const line of lines) out.push(`${indent} * ${line.replace(/\*\//g, "*\\/")}`.trimEnd());
  out.push(`${indent} */`);
  return out;
}

/** The digits of the status series whose codes mean failure (`x-status-series` kinds other than pending/success). */
function failureSeries(doc) {
  const series = doc.components?.schemas?.PortOneGlobalStatusCode?.["x-status-series"] ?? [];
  return series.filter((s) => s.kind !== "pending" && s.kind !== "success").map((s) => s.series.slice(0, 1)).join("");
}

/** packages/portone-global/src/generated/operations.ts: the client's operation table and its types. */
export function generatePortOneGlobalOperations(doc) {
  const sigs = signatures(doc);
  const table = new Map();
  const shapes = new Map();
  const rows = [];
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
    const info = {
      method: method.toUpperCase(),
      path,
      pathParams,
      queryParams: [],
      body: bodyNode ? "json" : "none",
      read: method === "get" || POST_READS.has(id),
      input: inputSchema(doc, id, params, bodyNode, table),
      auth: security(doc, operation),
      enveloped: enveloped(doc, operation),
      output: outputShape(doc, operation, shapes),
      signature: bodyNode && sigs[schemaName(bodyNode)] ? schemaName(bodyNode) : null,
      subMerchant: headerParams.length > 0,
      filled: FILLED.filter((f) => pathParams.includes(f) || bodyFields.includes(f)),
    };
    const codes = [...(operation["x-status-codes"]?.stated ?? []), ...(operation["x-status-codes"]?.inferred ?? [])];
    const errorCodes = [...new Set(codes)].filter((c) => !/^[12]/.test(c)).sort();
    rows.push({ id, info, errorCodes, summary: operation.summary, description: operation.description });
  }

  const out = [header({ generator: GENERATOR, provider: PROVIDER, doc })];
  out.push('import type { OperationInfo, SchemaTable, ShapeTable } from "@payspec/runtime";\n');
  out.push("/** One operation: the runtime's `OperationInfo` plus what PortOne Global needs. */");
  out.push("export interface PortOneGlobalOperation extends OperationInfo {");
  out.push("  /** Credentials sent: client key and JWT, client key only, or none. */");
  out.push('  readonly auth: "jwt" | "client-key" | "none";');
  out.push("  /** Whether the success body is the status envelope (data in `content`) or a bare object. */");
  out.push("  readonly enveloped: boolean;");
  out.push("  /** The signed message of the request body (a key of `signatures`), if the body is signed. */");
  out.push("  readonly signature: string | null;");
  out.push("  /** Whether the operation takes `X-Portone-SubMerchant-Key`. */");
  out.push("  readonly subMerchant: boolean;");
  out.push("  /** Path parameters and body fields the client fills from its credentials. */");
  out.push('  readonly filled: readonly ("key" | "portone_key" | "portone_secret" | "signature_hash")[];');
  out.push("}\n");
  out.push("export const operations = {");
  for (const r of rows) out.push(`  ${r.id}: ${literal(r.info)},`);
  out.push("} as const satisfies Record<string, PortOneGlobalOperation>;\n");
  out.push("export type OperationId = keyof typeof operations;\n");
  out.push("/** The named schemas the input schemas refer to (`$ref: \"Name\"`). */");
  out.push(`export const schemas: SchemaTable = ${literal(Object.fromEntries([...table].sort(([a], [b]) => a.localeCompare(b))))};\n`);
  out.push("/** The named success shapes the operations' `output` refers to (`$ref: \"Name\"`): required fields and their JSON types. */");
  out.push(`export const outputs: ShapeTable = ${literal(shapeTable(shapes))};\n`);
  out.push("/** First digits of the status series whose codes are failures (spec: `x-status-series`). */");
  out.push(`export const failureSeries = ${literal(failureSeries(doc))};\n`);
  out.push("/** The status codes other than success and pending each operation can answer with (spec: `x-status-codes`, stated and inferred). */");
  out.push("export interface StatusCodes {");
  for (const r of rows) out.push(`  readonly ${r.id}: ${r.errorCodes.length > 0 ? r.errorCodes.map(literal).join(" | ") : "never"};`);
  out.push("}");
  return { operations: out.join("\n"), rows };
}

/** packages/portone-global/src/generated/methods.ts: one member per operation with its summary and description as JSDoc. */
export function generatePortOneGlobalMethods(doc, rows) {
  const out = [header({ generator: GENERATOR, provider: PROVIDER, doc })];
  out.push('import type { Method } from "../client.js";\n');
  out.push("/** Every operation of the spec as a method of the client. */");
  out.push("export interface PortOneGlobalMethods {");
  for (const r of rows) {
    out.push(...jsdoc([r.summary, "", ...(r.description ?? "").trim().split("\n")]));
    out.push(`  readonly ${r.id}: Method<${literal(r.id)}>;`);
  }
  out.push("}");
  return out.join("\n");
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
