// Generators for PaySsam: the result-code catalogue (@payspec/payssam-errors) and the entry points
// of the client (@payspec/payssam, one module per category, see entries.mjs): each operation's row
// (hash rule, body key, filled envelope, the request constraints the client checks before sending),
// named types and standalone function; the callbacks' payload schemas.
import { compactSchema, deref, header, literal, operations, responseShape, shapeTable, successSchema } from "./emit.mjs";
import { camel, constantsModule, jsdoc, methodsModule, operationTail, pascal, rowsModule } from "./entries.mjs";

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


/**
 * The entry point (subpath of the package) of each of the spec's tags: the provider's pages, bills
 * sent and bills read/cancelled together. A tag missing here fails the generator, so that a new
 * category is placed on purpose.
 */
const ENTRY_OF_TAG = {
  bills: "bill",
  "bill-erp": "bill",
  "cash-receipt-erp": "cash-receipt",
  "partner-points": "point",
  "sub-merchants": "sub-merchant",
  "auto-pay": "auto-pay",
};

function entryOf(operation) {
  const tag = operation.tags?.[0] ?? "";
  const entry = ENTRY_OF_TAG[tag];
  if (!entry) throw new Error(`${operation.operationId}: tag ${tag || "(none)"} has no entry point in ENTRY_OF_TAG`);
  return entry;
}

const schemaType = (name) => `components["schemas"][${literal(name)}]`;
const refName = (node) => (typeof node?.$ref === "string" && node.$ref.startsWith(SCHEMA_REF) ? node.$ref.slice(SCHEMA_REF.length) : null);
/** What the client fills in a payload besides the envelope: the request hash. */
const FILLED = [...Object.keys(CREDENTIALS), "hash"];

/**
 * The TypeScript text of a property's schema, as openapi-typescript writes it in `components.ts`: a `$ref` as
 * `components["schemas"]["Name"]`, a primitive (or an enum of them) inline. Anything else fails the
 * generator, so that a spec change is met here on purpose (the type tests compare the result with
 * the `Omit` form it replaces).
 */
function propertyType(node, where) {
  const ref = refName(node);
  if (ref) return schemaType(ref);
  if (Array.isArray(node?.enum) && node.enum.every((v) => ["string", "number", "boolean"].includes(typeof v))) return node.enum.map(literal).join(" | ");
  const primitive = { string: "string", integer: "number", number: "number", boolean: "boolean" }[node?.type];
  if (primitive) return primitive;
  if (node?.type === "array" && node.items) return `(${propertyType(node.items, where)})[]`;
  throw new Error(`${where}: write out its type in propertyType (tools/codegen/src/payssam.mjs)`);
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The members of an interface written out from an object schema: each property the client does not
 * fill (`skip`), with its description as JSDoc (what the hover showed through `Omit`), optional unless
 * required; then the index signature of an open object (`index`, or none). Written out rather than
 * `Omit<components["schemas"][…], …>` (issue 16, item 3): a mapped type is instantiated again in every
 * program that uses it, a written-out type is declared once.
 */
function interfaceMembers(schema, skip, where, index) {
  const required = new Set(schema.required ?? []);
  const out = [];
  for (const [field, node] of Object.entries(schema.properties ?? {})) {
    if (skip.includes(field)) continue;
    const description = typeof node.description === "string" ? [node.description] : [];
    out.push(...jsdoc([...description, ...(node.deprecated ? ["@deprecated"] : [])], "  "));
    out.push(`  ${IDENTIFIER.test(field) ? field : literal(field)}${required.has(field) ? "" : "?"}: ${propertyType(node, `${where}.${field}`)};`);
  }
  if (index) out.push(`  ${index};`);
  return out;
}

/**
 * The named types of an operation's input and data: the payload schema (`bill`, `cashReceipt` or the
 * flat body) without what the client fills, and the object of the success envelope's `data`.
 */
function operationTypes(doc, operation, shape) {
  const id = operation.operationId;
  const bodyRef = operation.requestBody.content["application/json"].schema;
  const request = deref(doc, bodyRef);
  const payloadNode = shape.bodyKey ? request.properties[shape.bodyKey] : bodyRef;
  const payloadName = refName(payloadNode);
  if (!payloadName) throw new Error(`${id}: the payload schema must be a $ref`);
  const payload = deref(doc, payloadNode);
  const fields = Object.keys(payload.properties ?? {});
  const omitted = fields.filter((f) => FILLED.includes(f));
  const open = payload.additionalProperties !== undefined && payload.additionalProperties !== false;
  const required = (payload.required ?? []).filter((f) => !FILLED.includes(f));
  const body = successSchema(doc, operation);
  const bodyName = refName(body);
  if (!bodyName) throw new Error(`${id}: the 200 JSON schema must be a $ref`);
  const dataNode = Object.assign({}, ...[deref(doc, body), ...(deref(doc, body).allOf ?? []).map((p) => deref(doc, p))].map((p) => p.properties ?? {}))["data"];
  const members = dataNode ? (deref(doc, dataNode).oneOf ?? deref(doc, dataNode).anyOf ?? [dataNode]).filter((m) => deref(doc, m)?.type !== "null") : [];
  const dataName = members.length === 1 ? refName(members[0]) : null;
  return {
    payload: payloadName,
    // An open payload keeps its index signature (`[key: string]: unknown`), as `Omit` of it did.
    members: interfaceMembers(payload, FILLED, `${id} ${payloadName}`, open ? "[field: string]: unknown" : null),
    omitted,
    // Nothing left to pass: an object with no fields (`{ apiKey }` is refused by the type, as by the client).
    empty: fields.length === omitted.length && !open,
    optional: required.length === 0,
    data: dataName ? schemaType(dataName) : dataNode ? `NonNullable<${schemaType(bodyName)}["data"]>` : "{}",
  };
}

/** The documentation of an operation: the provider's summary and description, and whether it is unverified. */
const operationDoc = (op) => [
  op.summary,
  "",
  ...(op.description ?? "").trim().split("\n"),
  ...(op.unverified ? ["", "**Unverified**: the provider has not published this operation's schemas; it may change without a major version."] : []),
];

/** The named types of one operation (`SendBillInput`, `…Data`, `…ApiError`, `…Error`, `…Result`) and its standalone function. */
function operationSource(op) {
  const name = pascal(op.id);
  const { members, omitted, empty, optional, data } = op.types;
  const out = [];
  out.push(...jsdoc([`The input of {@link ${op.id}}: the ${op.info.bodyKey ? `\`${op.info.bodyKey}\` payload` : "request body"} without what the client fills (${omitted.map((f) => `\`${f}\``).join(", ") || "nothing"}).`]));
  if (empty) out.push(`export type ${name}Input = Record<string, never>;`);
  // An object type alias, not an interface: like the `Omit<…>` it replaces, it is assignable to
  // `Record<string, unknown>` (an interface has no implicit index signature), so `input as SendBillInput`
  // and passing an input where a record is expected keep compiling.
  else out.push(`export type ${name}Input = {`, ...members, "};");
  out.push(...jsdoc([`The \`data\` of a successful (\`0000\`) answer of {@link ${op.id}}.`]));
  out.push(`export type ${name}Data = ${data};`);
  out.push(
    ...operationTail({
      op,
      client: "PaySsam",
      optional,
      apiErrorsDoc: `The API errors of {@link ${op.id}}: one per result code it is documented to answer (narrow with \`error.code\`), or an unrecognised one.`,
      apiErrors: [...op.codes.map((code) => `PaySpecApiError<${literal(code)}, PaySsamEnvelope<${literal(code)}>>`), "PaySpecApiError<UnrecognizedResultCode, PaySsamEnvelope>"],
      doc: operationDoc(op),
    }),
  );
  return out.join("\n");
}

/**
 * The generated sources of @payspec/payssam besides `openapi.ts` and `components.ts`: `common.ts`, `schemas.ts` and
 * `shapes.ts` (shared constants), `rows/<entry>.ts` and `entries/<entry>.ts` per entry point,
 * `operations.ts` (every row, for the whole client and the openapi-fetch client), `methods.ts` (the
 * client's methods) and `callbacks.ts` (what `@payspec/payssam/webhooks` checks).
 */
export function generatePaySsamEntries(doc, { userAgent }) {
  const table = new Map();
  const shapes = new Map();
  const ops = [];
  for (const { path, method, operation } of operations(doc)) {
    if (method !== "post") throw new Error(`${path}: PaySsam operations are all POST`);
    const id = operation.operationId;
    const shape = requestShape(doc, operation);
    const codes = [...(operation["x-result-codes"]?.stated ?? []), ...(operation["x-result-codes"]?.inferred ?? [])];
    // The row's input is what the client validates: the payload (`bill`/`cashReceipt`) or the flat body.
    const request = compactSchema(doc, operation.requestBody.content["application/json"].schema, table);
    const body = request.$ref ? table.get(request.$ref) : request;
    const input = shape.bodyKey ? body.properties?.[shape.bodyKey] : request;
    if (!input) throw new Error(`${id}: no ${shape.bodyKey} in the request body`);
    const unverified = operation["x-stability"] === "unverified";
    ops.push({
      id,
      entry: entryOf(operation),
      summary: operation.summary,
      description: operation.description,
      unverified,
      codes: [...new Set(codes)],
      types: operationTypes(doc, operation, shape),
      info: {
        id,
        method: "POST",
        path,
        pathParams: [],
        queryParams: [],
        body: "json",
        // Reads may be sent again; writes never (PaySsam has no idempotency key).
        read: /^(read|list)/.test(id),
        stability: operation["x-stability"] ?? "stable",
        hashRule: operation["x-hash-rule"] ?? "unknown",
        bodyKey: shape.bodyKey,
        envelope: shape.envelope,
        input,
        output: dataShape(doc, operation, shapes),
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
    // The payload type of a callback with listed fields, without any API key (the parser removes it) and
    // open to the fields PaySsam adds (kept as sent), e.g. `ApprovalSyncPayload`.
    const payload = deref(doc, schema);
    const type = payload?.properties
      ? [
          ...jsdoc([`The payload of the \`${name}\` callback, without any API key. Unknown extra fields are kept as sent.`]),
          `export interface ${pascal(name)}Payload {`,
          ...interfaceMembers(payload, ["apiKey"], `webhook ${name}`, "readonly [extra: string]: unknown"),
          "}",
        ]
      : [];
    callbacks.push({ name, type, request: compactSchema(doc, schema, callbackTable, { openEnums: OPEN_ENUMS, closeObjects: false }), reply: replyValue });
  }

  const head = header({ generator: GENERATOR, provider: "payssam", doc });
  const files = {};
  files["common.ts"] = [
    head,
    'import type { OperationInfo } from "@payspec/runtime";\n',
    "/** How the request `hash` is built for an operation (spec: `x-hash-rule`). */",
    'export type HashRule = "three-part" | "two-part" | "none" | "unknown";\n',
    "/** An envelope field the client fills from its configuration (`memberId`/`merchantId` from `member`/`merchant`). */",
    'export type EnvelopeField = "apiKey" | "member" | "merchant" | "memberId" | "merchantId";\n',
    "/** A row of an operation: the runtime's `OperationInfo` (its `input` is the payload the caller passes) plus what PaySsam needs. */",
    "export interface PaySsamOperation extends OperationInfo {",
    "  readonly id: string;",
    '  readonly stability: "stable" | "unverified";',
    "  readonly hashRule: HashRule;",
    "  /** Key of the payload object in the request (`bill`, `cashReceipt`), or null for flat requests. */",
    '  readonly bodyKey: "bill" | "cashReceipt" | null;',
    "  /** Envelope fields the client fills; the caller can never pass them. */",
    "  readonly envelope: readonly EnvelopeField[];",
    "}\n",
    "/**",
    " * A value this version of the spec does not know (PaySsam adds result codes and states). Kept",
    " * as received at run time; typed apart so that it never passes for a known value.",
    " */",
    "export type Unrecognized = `${string}\\u0000unrecognized`;\n",
    "/** `User-Agent` of every request: the package and its version. */",
    `export const USER_AGENT = ${literal(userAgent)};`,
  ].join("\n");
  files["schemas.ts"] = constantsModule({
    header: `${head}// The named request schemas the operations' input schemas refer to, reduced to what the validator checks, one constant each.`,
    typeImport: 'import type { RequestSchema } from "@payspec/runtime";',
    type: "RequestSchema",
    table,
  });
  files["shapes.ts"] = constantsModule({
    header: `${head}// The named shapes of success \`data\` the operations' \`output\` refers to (required fields and their JSON types), one constant each.`,
    typeImport: 'import type { ResponseShape } from "@payspec/runtime";',
    type: "ResponseShape",
    table: new Map(Object.entries(shapeTable(shapes))),
  });
  const entries = [...new Set(ops.map((op) => op.entry))];
  for (const entry of entries) {
    const mine = ops.filter((op) => op.entry === entry);
    files[`rows/${entry}.ts`] = rowsModule({
      header: head,
      type: "PaySsamOperation",
      table,
      rows: mine.map((op) => ({
        id: op.id,
        row: op.info,
        root: op.info.bodyKey ?? "",
        comment: op.unverified ? "Unverified: the provider has not published this operation's schemas." : undefined,
      })),
    });
    files[`entries/${entry}.ts`] = [
      head,
      `// The ${entry} operations one by one: each one's named types and a standalone function running the`,
      "// client's one implementation (`call`) with its row. Import only what you use; the rest is not bundled.",
      'import type { PaySpecApiError, PaySpecTransportError, PaySpecValidationError } from "@payspec/runtime";',
      'import { call, type PaySsamCallOptions, type PaySsamCore, type PaySsamEnvelope, type UnrecognizedResultCode } from "../../core.js";',
      ...(mine.some((op) => [...op.types.members, op.types.data].some((t) => t.includes("components["))) ? ['import type { components } from "../components.js";'] : []),
      `import * as rows from "../rows/${entry}.js";\n`,
      'export { createPaySsamCore, type PaySsamCallOptions, type PaySsamClientOptions, type PaySsamCore } from "../../core.js";\n',
      mine.map(operationSource).join("\n\n"),
    ].join("\n");
  }
  files["operations.ts"] = [
    head,
    "// Every operation's row, for the whole client (`createPaySsamClient`) and the openapi-fetch client.",
    "// A standalone function never imports this module.",
    'import type { PaySsamOperation } from "./common.js";',
    ...entries.map((entry) => `import * as ${camel(entry)} from "./rows/${entry}.js";`),
    "",
    'export { USER_AGENT, type EnvelopeField, type HashRule, type PaySsamOperation, type Unrecognized } from "./common.js";\n',
    "/** Every operationId of the spec. */",
    `export type OperationId =\n${ops.map((op) => `  | ${literal(op.id)}`).join("\n")};\n`,
    "/** Every operation's row, by operationId. */",
    "export const operations: { readonly [K in OperationId]: PaySsamOperation } = {",
    ...ops.map((op) => `  ${op.id}: ${camel(op.entry)}.${op.id},`),
    "};\n",
    "/** The result codes (other than `0000`) each operation is documented to answer: stated by the provider or inferred (`x-result-codes`). */",
    "export interface OperationResultCodes {",
    ...ops.map((op) => `  readonly ${op.id}: ${op.codes.length ? op.codes.map(literal).join(" | ") : "never"};`),
    "}",
  ].join("\n");
  files["methods.ts"] = methodsModule({ head, client: "PaySsam", ops, entries, doc: operationDoc, groups: [
      { name: "PaySsamMethods", comment: "The stable operations, one method each, documented as the spec documents them.", ops: ops.filter((op) => !op.unverified) },
      { name: "PaySsamUnverifiedMethods", comment: "Operations whose request and response schemas the provider has not published.", ops: ops.filter((op) => op.unverified) },
    ] });
  const callbackTypes = callbacks.flatMap((c) => c.type);
  files["callbacks.ts"] = [
    head,
    'import type { RequestSchema, SchemaTable } from "@payspec/runtime";',
    ...(callbackTypes.some((line) => line.includes("components[")) ? ['import type { components } from "./components.js";'] : []),
    "",
    ...(callbackTypes.length ? [...callbackTypes, ""] : []),
    "/** Named payload schemas of the callbacks (`$ref` targets). */",
    "export const callbackSchemas: SchemaTable = {",
    ...[...callbackTable].map(([name, schema]) => `  ${name}: ${literal(schema)},`),
    "};\n",
    "/** Callbacks PaySsam sends to the partner: the payload schema and the reply it expects. */",
    "export const callbacks = {",
    ...callbacks.map((c) => `  ${c.name}: { request: ${literal(c.request)}, reply: ${literal(c.reply)} },`),
    "} as const satisfies Record<string, { request: RequestSchema; reply: unknown }>;",
  ].join("\n");
  return { files, ops };
}
