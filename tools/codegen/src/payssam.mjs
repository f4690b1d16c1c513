// Generators for PaySsam: the result-code catalogue (@payspec/payssam-errors) and the
// operation table of the client (@payspec/payssam): hash rule, body key, result codes and
// the request constraints the client checks before sending.
import { deref, header, inlineSchema, literal, operations } from "./emit.mjs";

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

/** The request schema of an operation: which body key it uses and which envelope fields it has. */
function requestShape(doc, operation) {
  const schema = inlineSchema(doc, operation.requestBody?.content?.["application/json"]?.schema);
  if (!schema || schema.type !== "object") throw new Error(`${operation.operationId}: request body is not an object`);
  const props = schema.properties ?? {};
  const bodyKey = ["bill", "cashReceipt"].find((k) => k in props) ?? null;
  const envelope = ["apiKey", "member", "merchant"].filter((k) => k in props);
  return { bodyKey, envelope, schema };
}

export function generatePaySsamOperations(doc) {
  const out = [header({ generator: GENERATOR, provider: "payssam", doc })];
  out.push('import type { RequestSchema } from "@payspec/runtime";\n');
  out.push("/** How the request `hash` is built for an operation (spec: `x-hash-rule`). */");
  out.push('export type HashRule = "three-part" | "two-part" | "none" | "unknown";\n');
  out.push("export interface OperationInfo {");
  out.push("  readonly operationId: string;");
  out.push("  readonly path: string;");
  out.push('  readonly stability: "stable" | "unverified";');
  out.push("  readonly hashRule: HashRule;");
  out.push("  /** Key of the payload object in the request (`bill`, `cashReceipt`), or null for flat requests. */");
  out.push('  readonly bodyKey: "bill" | "cashReceipt" | null;');
  out.push("  /** Envelope fields (`apiKey`, `member`, `merchant`) the client fills from its configuration. */");
  out.push("  readonly envelope: readonly string[];");
  out.push("  /** Result codes the provider states (`stated`) or we infer (`inferred`) for this operation. */");
  out.push("  readonly resultCodes: { readonly stated: readonly string[]; readonly inferred: readonly string[] };");
  out.push("  /** The whole request body schema, $refs inlined: the client validates every request against it. */");
  out.push("  readonly request: RequestSchema;");
  out.push("}\n");
  out.push("export const operations = {");
  for (const { path, method, operation } of operations(doc)) {
    if (method !== "post") throw new Error(`${path}: PaySsam operations are all POST`);
    const shape = requestShape(doc, operation);
    const info = {
      operationId: operation.operationId,
      path,
      stability: operation["x-stability"] ?? "stable",
      hashRule: operation["x-hash-rule"] ?? "unknown",
      bodyKey: shape.bodyKey,
      envelope: shape.envelope,
      resultCodes: {
        stated: operation["x-result-codes"]?.stated ?? [],
        inferred: operation["x-result-codes"]?.inferred ?? [],
      },
      request: shape.schema,
    };
    out.push(`  ${operation.operationId}: ${JSON.stringify(info)},`);
  }
  out.push("} as const satisfies Record<string, OperationInfo>;\n");
  out.push("export type OperationId = keyof typeof operations;\n");
  out.push("/** Callbacks PaySsam sends to the partner: the payload schema and the reply it expects. */");
  out.push("export const callbacks = {");
  for (const [name, item] of Object.entries(doc.webhooks ?? {})) {
    const operation = item.post;
    const schema = inlineSchema(doc, operation?.requestBody?.content?.["application/json"]?.schema);
    const reply = deref(doc, operation?.responses?.["200"]);
    const replyExamples = reply?.content?.["application/json"]?.examples ?? {};
    const first = Object.values(replyExamples)[0];
    const replyValue = deref(doc, first)?.value;
    if (!schema || replyValue === undefined) throw new Error(`webhook ${name}: needs a request schema and a 200 reply example`);
    out.push(`  ${name}: { request: ${JSON.stringify(schema)}, reply: ${JSON.stringify(replyValue)} },`);
  }
  out.push("} as const satisfies Record<string, { request: RequestSchema; reply: unknown }>;");
  return out.join("\n");
}
