// Generators for PaySsam: the result-code catalogue (@payspec/payssam-errors) and the
// operation table of the client (@payspec/payssam): hash rule, body key, result codes and
// the request constraints the client checks before sending.
import { compactSchema, deref, header, literal, operations, responseShape, shapeTable, successSchema } from "./emit.mjs";

const GENERATOR = "@payspec/codegen (tools/codegen/src/payssam.mjs)";

function catalogue(doc) {
  const schema = doc.components?.schemas?.PaySsamResultCode;
  const rows = schema?.["x-result-code-catalogue"];
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new Error("specs/payssam: components.schemas.PaySsamResultCode has no x-result-code-catalogue");
  }
  const names = schema["x-enum-varnames"];
  if (!Array.isArray(names) || names.length !== schema.enum.length) {
    throw new Error("specs/payssam: PaySsamResultCode needs one x-enum-varnames entry per enum value");
  }
  const nameOf = new Map(schema.enum.map((code, i) => [code, names[i]]));
  for (const row of rows) {
    if (!nameOf.has(row.code)) throw new Error(`specs/payssam: catalogue code ${row.code} missing from the enum`);
    for (const key of ["status", "message", "condition", "family"]) {
      if (typeof row[key] !== "string") throw new Error(`specs/payssam: catalogue row ${row.code} lacks ${key}`);
    }
  }
  if (rows.length !== schema.enum.length) throw new Error("specs/payssam: catalogue and enum differ in length");
  return rows.map((row) => ({ ...row, name: nameOf.get(row.code) }));
}

export function generatePaySsamErrors(doc) {
  const rows = catalogue(doc);
  const families = [...new Set(rows.map((r) => r.family))];
  const out = [header({ generator: GENERATOR, provider: "payssam", doc })];
  out.push("/** Every PaySsam V2 result code, by name. `SUCCESS` is `\"0000\"`. */");
  out.push("export const PaySsamResultCode = {");
  for (const r of rows) out.push(`  /** ${r.message} */\n  ${r.name}: ${literal(r.code)},`);
  out.push("} as const;");
  out.push("export type PaySsamResultCode = (typeof PaySsamResultCode)[keyof typeof PaySsamResultCode];\n");
  out.push("/** The sections of the provider's result-code page. */");
  out.push("export const PaySsamResultFamily = {");
  for (const f of families) out.push(`  ${f}: ${literal(f)},`);
  out.push("} as const;");
  out.push("export type PaySsamResultFamily = (typeof PaySsamResultFamily)[keyof typeof PaySsamResultFamily];\n");
  out.push("/** What the provider publishes about one result code. */");
  out.push("export interface PaySsamResultCodeInfo<C extends PaySsamResultCode = PaySsamResultCode> {");
  out.push("  readonly code: C;");
  out.push("  /** Identifier of the code in `PaySsamResultCode`. */");
  out.push("  readonly name: string;");
  out.push("  /** The provider's status column: 정상 (success) or 실패 (failure). */");
  out.push('  readonly status: "정상" | "실패";');
  out.push("  readonly success: boolean;");
  out.push("  /** The message exactly as published (Korean, shown to users). */");
  out.push("  readonly message: string;");
  out.push("  /** When it happens (발생 조건), as published. */");
  out.push("  readonly condition: string;");
  out.push("  readonly family: PaySsamResultFamily;");
  out.push("}\n");
  out.push("/** The catalogue, in the order of the provider's page. */");
  out.push("export const paySsamResultCodes: { readonly [C in PaySsamResultCode]: PaySsamResultCodeInfo<C> } = {");
  for (const r of rows) {
    out.push(
      `  ${literal(r.code)}: { code: ${literal(r.code)}, name: ${literal(r.name)}, status: ${literal(r.status)}, ` +
        `success: ${r.status === "정상"}, message: ${literal(r.message)}, condition: ${literal(r.condition)}, ` +
        `family: ${literal(r.family)} },`,
    );
  }
  out.push("};");
  return out.join("\n");
}

const SCHEMA_REF = "#/components/schemas/";
/** Enums only PaySsam sends (response data, callbacks): new values must not break a client. */
const OPEN_ENUMS = new Set(["PaySsamResultCode", "ApprovalState", "CashReceiptState"]);

/**
 * openapi-typescript transform: the open enums get `| Unrecognized`. openapi-typescript (and TypeScript with it) is
 * loaded here, not at import: the errors package's generator needs neither.
 */
export async function openEnums(doc) {
  const { stringToAST } = await import("openapi-typescript");
  return (schema, options) => {
    const path = options.path ?? "";
    if (!path.startsWith(SCHEMA_REF)) return undefined;
    const name = path.slice(SCHEMA_REF.length);
    if (!OPEN_ENUMS.has(name) || !Array.isArray(schema.enum) || !doc.components.schemas[name]?.enum) return undefined;
    const [statement] = stringToAST(`type T = ${schema.enum.map(literal).join(" | ")} | Unrecognized;`);
    return statement.type;
  };
}
/** Envelope fields the client fills from its configuration, and the option each comes from. */
const CREDENTIALS = { apiKey: "apiKey", member: "member", merchant: "merchant", memberId: "member", merchantId: "merchant" };

/** Which body key an operation uses and which envelope fields the client fills. */
function requestShape(doc, operation) {
  const schema = deref(doc, operation.requestBody?.content?.["application/json"]?.schema);
  if (!schema || schema.type !== "object") throw new Error(`${operation.operationId}: request body is not an object`);
  const props = schema.properties ?? {};
  const bodyKey = ["bill", "cashReceipt"].find((k) => k in props) ?? null;
  const envelope = Object.keys(CREDENTIALS).filter((k) => k in props);
  if (!envelope.includes("apiKey")) throw new Error(`${operation.operationId}: request has no apiKey`);
  return { bodyKey, envelope };
}

/**
 * The shape of `data` in the success envelope (the client reads `code` itself): the object member
 * of the spec's `data` (`oneOf: [Bill…, null]`), or `{}` when the spec says nothing of it.
 */
function dataShape(doc, operation, shapes) {
  const body = successSchema(doc, operation);
  if (!body) throw new Error(`${operation.operationId}: PaySsam answers a JSON envelope; no 200 JSON schema`);
  const data = Object.assign({}, ...[deref(doc, body), ...(deref(doc, body).allOf ?? []).map((p) => deref(doc, p))].map((p) => p.properties ?? {}))["data"];
  if (!data) return {};
  const members = deref(doc, data).oneOf ?? deref(doc, data).anyOf ?? [data];
  const objects = members.filter((m) => deref(doc, m)?.type !== "null");
  if (objects.length !== 1) throw new Error(`${operation.operationId}: data must be one object schema (or it and null)`);
  return responseShape(doc, objects[0], shapes);
}

/** JSDoc of a generated member: the spec's summary and description. */
function jsdoc(indent, ...parts) {
  const text = parts.filter((p) => typeof p === "string" && p.trim()).map((p) => p.trim()).join("\n\n");
  if (!text) return "";
  const lines = text.replace(/\*\//g, "*\\/").split("\n");
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
}

/**
 * The operation table of the client: one row of the runtime's `OperationInfo` per operation plus
 * PaySsam's hash rule, body key and filled envelope; the compact input schemas it validates; the
 * result codes of each operation (types only: they cost nothing at run time); and the callbacks.
 */
export function generatePaySsamOperations(doc, { userAgent }) {
  const table = new Map();
  const shapes = new Map();
  const rows = [];
  for (const { path, method, operation } of operations(doc)) {
    if (method !== "post") throw new Error(`${path}: PaySsam operations are all POST`);
    const id = operation.operationId;
    const shape = requestShape(doc, operation);
    const codes = [...(operation["x-result-codes"]?.stated ?? []), ...(operation["x-result-codes"]?.inferred ?? [])];
    rows.push({
      id,
      operation,
      codes: [...new Set(codes)],
      info: {
        method: "POST",
        path,
        pathParams: [],
        queryParams: [],
        body: "json",
        // Reads may be sent again; writes never (PaySsam has no idempotency key).
        read: /^(read|list)/.test(id),
        input: compactSchema(doc, operation.requestBody.content["application/json"].schema, table),
        output: dataShape(doc, operation, shapes),
        stability: operation["x-stability"] ?? "stable",
        hashRule: operation["x-hash-rule"] ?? "unknown",
        bodyKey: shape.bodyKey,
        envelope: shape.envelope,
      },
    });
  }
  const callbackTable = new Map();
  const callbacks = [];
  for (const [name, item] of Object.entries(doc.webhooks ?? {})) {
    const operation = item.post;
    const schema = operation?.requestBody?.content?.["application/json"]?.schema;
    const reply = deref(doc, operation?.responses?.["200"]);
    const first = Object.values(reply?.content?.["application/json"]?.examples ?? {})[0];
    const replyValue = deref(doc, first)?.value;
    if (!schema || replyValue === undefined) throw new Error(`webhook ${name}: needs a request schema and a 200 reply example`);
    callbacks.push({ name, request: compactSchema(doc, schema, callbackTable, { openEnums: OPEN_ENUMS, closeObjects: false }), reply: replyValue });
  }

  const out = [header({ generator: GENERATOR, provider: "payssam", doc })];
  out.push('import type { OperationInfo, RequestSchema, SchemaTable, ShapeTable } from "@payspec/runtime";\n');
  out.push("/** How the request `hash` is built for an operation (spec: `x-hash-rule`). */");
  out.push('export type HashRule = "three-part" | "two-part" | "none" | "unknown";\n');
  out.push("/** An envelope field the client fills from its configuration (`memberId`/`merchantId` from `member`/`merchant`). */");
  out.push('export type EnvelopeField = "apiKey" | "member" | "merchant" | "memberId" | "merchantId";\n');
  out.push("/** A row of the table: the runtime's `OperationInfo` plus what PaySsam needs. */");
  out.push("export interface PaySsamOperation extends OperationInfo {");
  out.push('  readonly stability: "stable" | "unverified";');
  out.push("  readonly hashRule: HashRule;");
  out.push("  /** Key of the payload object in the request (`bill`, `cashReceipt`), or null for flat requests. */");
  out.push('  readonly bodyKey: "bill" | "cashReceipt" | null;');
  out.push("  /** Envelope fields the client fills; the caller can never pass them. */");
  out.push("  readonly envelope: readonly EnvelopeField[];");
  out.push("}\n");
  out.push("/**");
  out.push(" * A value this version of the spec does not know (PaySsam adds result codes and states). Kept");
  out.push(" * as received at run time; typed apart so that it never passes for a known value.");
  out.push(" */");
  out.push("export type Unrecognized = `${string}\\u0000unrecognized`;\n");
  out.push("/** `User-Agent` of every request: the package and its version. */");
  out.push(`export const USER_AGENT = ${literal(userAgent)};\n`);
  out.push("/** Named request schemas (`$ref` targets), reduced to what the validator checks. */");
  out.push("export const schemas: SchemaTable = {");
  for (const [name, schema] of table) out.push(`  ${name}: ${JSON.stringify(schema)},`);
  out.push("};\n");
  out.push("/** The named shapes of success `data` the operations' `output` refers to (`$ref: \"Name\"`): required fields and their JSON types. */");
  out.push(`export const outputs: ShapeTable = ${literal(shapeTable(shapes))};\n`);
  out.push("export const operations = {");
  for (const r of rows) out.push(`  ${r.id}: ${JSON.stringify(r.info)},`);
  out.push("} as const satisfies Record<string, PaySsamOperation>;\n");
  out.push("export type OperationId = keyof typeof operations;\n");
  out.push("/** The result codes (other than `0000`) each operation is documented to answer: stated by the provider or inferred (`x-result-codes`). */");
  out.push("export interface OperationResultCodes {");
  for (const r of rows) out.push(`  readonly ${r.id}: ${r.codes.length ? r.codes.map(literal).join(" | ") : "never"};`);
  out.push("}\n");
  out.push("/** Named payload schemas of the callbacks (apart, so that the client does not carry them). */");
  out.push("export const callbackSchemas: SchemaTable = {");
  for (const [name, schema] of callbackTable) out.push(`  ${name}: ${JSON.stringify(schema)},`);
  out.push("};\n");
  out.push("/** Callbacks PaySsam sends to the partner: the payload schema and the reply it expects. */");
  out.push("export const callbacks = {");
  for (const c of callbacks) out.push(`  ${c.name}: { request: ${JSON.stringify(c.request)}, reply: ${JSON.stringify(c.reply)} },`);
  out.push("} as const satisfies Record<string, { request: RequestSchema; reply: unknown }>;");
  return out.join("\n");
}

/** The client's methods as an interface, each with the spec's summary and description (shown on hover). */
export function generatePaySsamMethods(doc) {
  const out = [header({ generator: GENERATOR, provider: "payssam", doc })];
  out.push('import type { Method } from "../client.js";\n');
  const stable = [];
  const unverified = [];
  for (const { operation } of operations(doc)) {
    const doc_ = jsdoc("  ", operation.summary, operation.description, operation["x-stability"] === "unverified" ? "**Unverified**: the provider has not published this operation's schemas; it may change without a major version." : undefined);
    (operation["x-stability"] === "unverified" ? unverified : stable).push(`${doc_}  readonly ${operation.operationId}: Method<${literal(operation.operationId)}>;`);
  }
  out.push("/** The stable operations, one method each. */");
  out.push(`export interface PaySsamMethods {\n${stable.join("\n")}\n}\n`);
  out.push("/** Operations whose request and response schemas the provider has not published. */");
  out.push(`export interface PaySsamUnverifiedMethods {\n${unverified.join("\n")}\n}`);
  return out.join("\n");
}
