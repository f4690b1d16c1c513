// The client contract suites' calls, for running them against the sandbox (issue 17, item 7): every operation of
// each spec with the input its contract suite sends to Prism (packages/*/test/contract/operations.test.ts builds it
// from the spec's examples; the rules are repeated here, because a test of one package cannot import another's test
// modules under its own tsconfig), and the error codes the spec documents for it, so that an answer can be judged as
// "data, or one of the operation's documented errors".
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { bundleSpec } from "@payspec/codegen/bundle";

export interface ContractOperation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** The client input the contract suite sends (the spec's examples, without what the client fills in). */
  readonly input: Record<string, unknown>;
  /** Codes the spec documents for the operation's errors: PortOne per HTTP status, the others for any status. */
  readonly documented: ReadonlyMap<number | "any", ReadonlySet<string>>;
  /** PaySsam: the operation is a method of `client.unverified`. */
  readonly unverified: boolean;
}

type Json = Record<string, unknown>;
type Ref = { readonly $ref?: string };

function resolver(doc: Json) {
  return function resolve<T>(node: T): T {
    let current: unknown = node;
    for (let i = 0; current && typeof current === "object" && typeof (current as Ref).$ref === "string" && i < 32; i++) {
      const [, section, name] = /^#\/components\/([^/]+)\/(.+)$/.exec((current as Ref).$ref as string) ?? [];
      current = ((doc["components"] as Json)[section as string] as Json | undefined)?.[name as string];
    }
    return current as T;
  };
}

const exampleOf = (resolve: <T>(node: T) => T, example: unknown): unknown => (example === undefined ? undefined : resolve(example as { value?: unknown }).value);

// --------------------------------------------------------------------------------------------------- PortOne

interface PortOneParameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly example?: unknown;
  readonly schema?: { readonly example?: unknown; readonly enum?: unknown[]; readonly type?: string };
  readonly content?: Record<string, { examples?: Json; example?: unknown }>;
}
interface PortOneSpecOperation {
  readonly operationId: string;
  readonly parameters?: PortOneParameter[];
  readonly requestBody?: { readonly content: Record<string, { readonly examples?: Json; readonly example?: unknown }> };
  readonly responses: Record<string, { readonly content?: Record<string, { readonly schema?: unknown }> }>;
}

/** packages/portone/test/contract/spec.ts `parameterValue`. */
function parameterValue(p: PortOneParameter): unknown {
  if (p.example !== undefined) return p.example;
  if (p.schema?.example !== undefined) return p.schema.example;
  if (p.schema?.enum?.length) return p.schema.enum[0];
  return p.schema?.type === "integer" ? 1 : `test-${p.name}`;
}

/** The `type` values an error schema allows (its oneOf members' `type` const or enum). */
function errorTypes(resolve: <T>(node: T) => T, schema: unknown, out: Set<string>, depth = 0): Set<string> {
  const s = resolve(schema) as { oneOf?: unknown[]; anyOf?: unknown[]; allOf?: unknown[]; properties?: { type?: { const?: string; enum?: string[] } } } | undefined;
  if (!s || depth > 16) return out;
  for (const member of [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])]) errorTypes(resolve, member, out, depth + 1);
  const type = resolve(s.properties?.type);
  if (type?.const !== undefined) out.add(type.const);
  for (const value of type?.enum ?? []) out.add(value);
  return out;
}

export async function portoneOperations(): Promise<ContractOperation[]> {
  const doc = (await bundleSpec("portone")) as Json;
  const resolve = resolver(doc);
  const out: ContractOperation[] = [];
  for (const [path, item] of Object.entries(doc["paths"] as Record<string, Record<string, PortOneSpecOperation>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      // packages/portone/test/contract/spec.ts `inputOf`: parameter values plus the request example.
      const input: Json = {};
      for (const p of op.parameters ?? []) {
        if (p.in === "header") continue;
        if (p.name === "requestBody" && p.content) {
          const media = p.content["application/json"];
          const example = media?.example ?? exampleOf(resolve, Object.values(media?.examples ?? {})[0]);
          if (example && typeof example === "object") Object.assign(input, structuredClone(example));
          continue;
        }
        if (p.in === "path" || p.required) input[p.name] = parameterValue(p);
      }
      const media = op.requestBody?.content["application/json"];
      const body = media?.example ?? exampleOf(resolve, media?.examples?.["success"] ?? Object.values(media?.examples ?? {})[0]);
      if (body && typeof body === "object") Object.assign(input, structuredClone(body));
      const documented = new Map<number, Set<string>>();
      for (const [status, response] of Object.entries(op.responses)) {
        if (status.startsWith("2")) continue;
        documented.set(Number(status), errorTypes(resolve, response.content?.["application/json"]?.schema, new Set()));
      }
      out.push({ operationId: op.operationId, method: method.toUpperCase(), path, input, documented, unverified: false });
    }
  }
  return out;
}

// --------------------------------------------------------------------------------------------------- PaySsam

interface PaySsamSpecOperation {
  readonly operationId: string;
  readonly "x-stability"?: string;
  readonly "x-result-codes"?: { readonly stated?: readonly string[]; readonly inferred?: readonly string[] };
  readonly requestBody: { readonly content: { readonly "application/json": { readonly examples?: Json } } };
}

export async function paySsamOperations(): Promise<ContractOperation[]> {
  const doc = (await bundleSpec("payssam")) as Json;
  const resolve = resolver(doc);
  return Object.entries(doc["paths"] as Record<string, { post: PaySsamSpecOperation }>).map(([path, { post: op }]) => {
    // packages/payssam/test/contract/operations.test.ts `inputOf`: the request example's inner object without what
    // the client fills in itself (credentials, hash).
    const example = exampleOf(resolve, op.requestBody.content["application/json"].examples?.["success"]) as Json;
    const inner = (example["bill"] ?? example["cashReceipt"] ?? example) as Json;
    const { apiKey: _a, member: _m, merchant: _c, memberId: _mi, merchantId: _ci, hash: _h, ...input } = inner;
    const codes = [...(op["x-result-codes"]?.stated ?? []), ...(op["x-result-codes"]?.inferred ?? [])];
    return {
      operationId: op.operationId,
      method: "POST",
      path,
      input: structuredClone(input),
      documented: new Map([["any", new Set(codes)]]),
      unverified: op["x-stability"] === "unverified",
    };
  });
}

// --------------------------------------------------------------------------------------------------- PortOne Global

/** The placeholder credentials the Global spec's examples are signed with (the contract suite's). */
export const GLOBAL_CONTRACT_CREDENTIALS = { clientKey: "PORTONE_KEY", secretKey: "PORTONE_SECRET" } as const;
/** What the Global client fills in itself (packages/portone-global/test/contract/operations.test.ts `FILLED`). */
const GLOBAL_FILLED = new Set(["portone_key", "portone_secret", "signature_hash", "key"]);

interface GlobalSpecOperation {
  readonly operationId: string;
  readonly parameters?: readonly { readonly name: string; readonly in: string; readonly example?: unknown }[];
  readonly requestBody?: { readonly content: { readonly "application/json": { readonly examples?: Json } } };
  readonly "x-status-codes"?: { readonly stated?: readonly string[]; readonly inferred?: readonly string[] };
}

export async function globalOperations(): Promise<ContractOperation[]> {
  const doc = (await bundleSpec("portone-global")) as Json;
  const resolve = resolver(doc);
  const out: ContractOperation[] = [];
  for (const [path, item] of Object.entries(doc["paths"] as Record<string, Record<string, GlobalSpecOperation> & { parameters?: GlobalSpecOperation["parameters"] }>)) {
    for (const method of ["get", "post", "put", "delete", "patch"] as const) {
      const op = item[method];
      if (!op) continue;
      // packages/portone-global/test/contract/operations.test.ts `inputOf`: path-parameter and request examples.
      const input: Json = {};
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(p))) {
        if (p.in === "path" && !GLOBAL_FILLED.has(p.name)) input[p.name] = p.example;
      }
      const body = (exampleOf(resolve, op.requestBody?.content["application/json"].examples?.["success"]) ?? {}) as Json;
      for (const [k, v] of Object.entries(body)) if (!GLOBAL_FILLED.has(k)) input[k] = structuredClone(v);
      const codes = [...(op["x-status-codes"]?.stated ?? []), ...(op["x-status-codes"]?.inferred ?? [])].filter((c) => c !== "2000");
      out.push({ operationId: op.operationId, method: method.toUpperCase(), path, input, documented: new Map([["any", new Set(codes)]]), unverified: false });
    }
  }
  return out;
}

// --------------------------------------------------------------------------------------------------- outcomes

/** What a client made of one call in one sandbox state, and what was wrong with it. */
export interface Outcome {
  readonly state: string;
  /** "data", an api error's code, or "<kind>[ <HTTP status>]: <message>" for any other error. */
  readonly outcome: string;
  readonly problems: readonly string[];
  /** How many answers the spec judge validated (the sandbox's own problem documents are not the provider's). */
  readonly judged: number;
}

export type ClientCall = (input: Record<string, unknown>) => Promise<{
  data?: unknown;
  error?: { kind: string; code?: unknown; httpStatus?: number; message: string };
  response?: Response;
}>;

/** A client's method by operationId, untyped: the suites walk every operation of a spec. */
export function method(client: object, op: ContractOperation): ClientCall {
  const holder = (op.unverified ? (client as { unverified: object }).unverified : client) as Record<string, ClientCall>;
  const call = holder[op.operationId];
  if (!call) throw new Error(`the client has no method ${op.operationId}`);
  return call.bind(holder);
}

/** Calls the operation with the contract suite's input and judges the result: data, or a documented error. */
export async function outcomeOf(
  state: string,
  op: ContractOperation,
  call: ClientCall,
  judge: { readonly violations: readonly string[]; readonly counted: { readonly responses: number } },
): Promise<Outcome> {
  const { error } = await call(op.input);
  const outcome = !error ? "data" : error.kind === "api" ? String(error.code) : `${error.kind}${error.httpStatus ? ` ${error.httpStatus}` : ""}: ${error.message}`;
  const problems = [...judge.violations];
  if (error?.kind === "api") {
    const documented = op.documented.get(op.documented.has("any") ? "any" : (error.httpStatus ?? 0));
    if (!documented?.has(String(error.code))) problems.push(`${String(error.code)} (HTTP ${error.httpStatus}) is not an error ${op.operationId} documents${op.documented.has("any") ? "" : " for that status"}`);
  }
  return { state, outcome, problems, judged: judge.counted.responses };
}

/** The sandbox's own answer to an operation it does not simulate (the client's `http` error), not the provider's. */
export const notSimulated = (r: Outcome): boolean => /^http (501|404): /.test(r.outcome);

/**
 * The rule of the three contract suites for one operation's outcomes (one per sandbox state): not simulated, it
 * answers the sandbox's 501 in every state (never 404 "not a path of the provider": every spec path is one); simulated,
 * every answer was judged against the spec, broke no rule of it, and ended as `data` or a code matching `outcome`.
 */
export function expectContract(results: readonly Outcome[], outcome: RegExp): void {
  if (results.some(notSimulated)) {
    for (const r of results) expect(r.outcome, r.state).toMatch(/^http 501: /);
    return;
  }
  for (const r of results) {
    expect(r.judged, `${r.state}: the answer was judged against the spec`).toBe(1);
    expect(r.problems, `${r.state}: ${r.outcome}`).toEqual([]);
    expect(r.outcome, r.state).toMatch(outcome);
  }
}

// --------------------------------------------------------------------------------------------------- README

const readme = () => readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The text of the README's section that starts with the heading `title` (up to the next heading of its level). */
export function readmeSection(title: string): string {
  const text = readme();
  const start = text.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no section "${title}"`);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/**
 * The operations named in the first column of the section's tables ("| `getPayment` | …", "| `sendBill` (`/bill`) | …"),
 * among `operations` (another table's first column, such as result codes or states, names none of them).
 */
export function tableOperations(section: string, operations: readonly ContractOperation[]): string[] {
  const ids = new Set(operations.map((o) => o.operationId));
  return [...section.matchAll(/^\| (`[^|]*)\|/gm)].flatMap((row) => [...(row[1] as string).matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] as string)).filter((id) => ids.has(id));
}
