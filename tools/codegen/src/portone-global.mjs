// Generators for PortOne Global: the status-code table (@payspec/portone-errors/global) and the
// tables of the client (@payspec/portone-global): operations with their request schemas and status
// codes, the signed field lists (`x-signature`) and the webhook payload schemas.
import { deref, header, inlineSchema, literal, operations } from "./emit.mjs";

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

function security(doc, operation) {
  const requirement = operation.security ?? doc.security ?? [];
  const schemes = new Set(requirement.flatMap((r) => Object.keys(r)));
  if (schemes.has("portoneJwt")) return "jwt";
  if (schemes.has("portoneClientKey")) return "client-key";
  return "none";
}

/** Named error examples of an operation: { exampleName: httpStatus[] }. */
function errorExamples(doc, operation) {
  const out = {};
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (status.startsWith("2")) continue;
    const examples = deref(doc, response)?.content?.["application/json"]?.examples ?? {};
    for (const name of Object.keys(examples)) (out[name] ??= []).push(Number(status));
  }
  return out;
}

/** packages/portone-global/src/generated/operations.ts */
export function generatePortOneGlobalOperations(doc) {
  const sigs = signatures(doc);
  const out = [header({ generator: GENERATOR, provider: PROVIDER, doc })];
  out.push('import type { RequestSchema } from "@payspec/runtime";\n');
  out.push("export interface OperationInfo {");
  out.push('  readonly method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";');
  out.push("  readonly path: string;");
  out.push("  /** Path parameters, in path order. */");
  out.push("  readonly pathParams: readonly string[];");
  out.push("  /** Header parameters other than the credentials. */");
  out.push("  readonly headerParams: readonly string[];");
  out.push('  /** Credentials sent: client key and JWT, client key only, or none. */');
  out.push('  readonly auth: "jwt" | "client-key" | "none";');
  out.push("  /** Whether the success body is the status envelope (data in `content`) or a bare object. */");
  out.push("  readonly enveloped: boolean;");
  out.push("  /** Status codes the reference ties to the operation (`stated`) or we infer (`inferred`). */");
  out.push("  readonly statusCodes: { readonly stated: readonly string[]; readonly inferred: readonly string[] };");
  out.push("  /** Name of the request body's signature in `signatures`, if the body is signed. */");
  out.push("  readonly signature: string | null;");
  out.push("  /** The path parameters as an object schema (each must be a non-empty string). */");
  out.push("  readonly params: RequestSchema;");
  out.push("  /** The request body schema, $refs inlined, or null when the operation takes no body. */");
  out.push("  readonly body: RequestSchema | null;");
  out.push("  /** Named examples of the error responses and their HTTP statuses. */");
  out.push("  readonly errorExamples: { readonly [name: string]: readonly number[] };");
  out.push("}\n");
  out.push("export const operations = {");
  for (const { path, method, operation } of operations(doc)) {
    const parameters = [...(doc.paths[path].parameters ?? []), ...(operation.parameters ?? [])].map((p) => deref(doc, p));
    const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const params = parameters.filter((p) => p.in === "path");
    for (const name of pathParams) if (!params.some((p) => p.name === name)) fail(`${operation.operationId}: path parameter ${name} undeclared`);
    const headerParams = parameters.filter((p) => p.in === "header").map((p) => p.name);
    if (parameters.some((p) => p.in === "query")) fail(`${operation.operationId}: query parameters are not supported by the client table`);
    const bodyNode = operation.requestBody?.content?.["application/json"]?.schema;
    const body = bodyNode ? inlineSchema(doc, bodyNode, { compact: true }) : null;
    const clash = Object.keys(body?.properties ?? {}).find((f) => pathParams.includes(f));
    if (clash) fail(`${operation.operationId}: ${clash} is both a path parameter and a body field`);
    const info = {
      method: method.toUpperCase(),
      path,
      pathParams,
      headerParams,
      auth: security(doc, operation),
      enveloped: enveloped(doc, operation),
      statusCodes: {
        stated: operation["x-status-codes"]?.stated ?? [],
        inferred: operation["x-status-codes"]?.inferred ?? [],
      },
      signature: bodyNode && sigs[schemaName(bodyNode)] ? schemaName(bodyNode) : null,
      params: {
        type: "object",
        required: pathParams,
        properties: Object.fromEntries(params.map((p) => [p.name, { ...inlineSchema(doc, p.schema, { compact: true }), minLength: 1 }])),
      },
      body,
      errorExamples: errorExamples(doc, operation),
    };
    out.push(`  ${operation.operationId}: ${JSON.stringify(info)},`);
  }
  out.push("} as const satisfies Record<string, OperationInfo>;\n");
  out.push("export type OperationId = keyof typeof operations;\n");
  out.push("/** How each signed message's `signature_hash` is built (spec: `x-signature`). */");
  out.push("export interface SignatureRule {");
  out.push("  /** The field that carries the signature. */");
  out.push("  readonly field: string;");
  out.push("  /** Signed parameter names, sorted. */");
  out.push("  readonly fields: readonly string[];");
  out.push("  /** Payload property of a signed parameter whose name differs (`client_key` ← `portone_key`). */");
  out.push("  readonly fieldSources: { readonly [field: string]: string };");
  out.push("}\n");
  out.push("export const signatures = {");
  for (const [name, sig] of Object.entries(sigs)) out.push(`  ${name}: ${JSON.stringify(sig)},`);
  out.push("} as const satisfies Record<string, SignatureRule>;\n");
  out.push("/** Payload schemas of the messages PortOne sends to the merchant (webhooks and the payment redirect). */");
  out.push("export const inbound = {");
  for (const [name, item] of Object.entries(doc.webhooks ?? {})) {
    const op = item.post ?? item.get;
    const node = item.post
      ? op?.requestBody?.content?.["application/json"]?.schema
      : deref(doc, (op?.parameters ?? [])[0])?.schema;
    if (!node) fail(`webhook ${name}: no payload schema`);
    const sig = sigs[schemaName(node)] ? schemaName(node) : null;
    out.push(`  ${name}: { schema: ${literal(schemaName(node))}, signature: ${literal(sig)}, payload: ${JSON.stringify(inlineSchema(doc, node, { compact: true }))} },`);
  }
  out.push("} as const satisfies Record<string, { schema: string | null; signature: string | null; payload: RequestSchema }>;");
  return out.join("\n");
}
