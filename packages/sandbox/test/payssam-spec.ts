// specs/payssam as the judge of what the PaySsam sandbox sends: every answer is validated against the response
// schema of its operation (every operation declares only 200, with the `{ code, message, data }` envelope), and
// every approval callback against the `approvalSync` webhook's request schema (Ajv, JSON Schema 2020-12). A judge
// made with `{ codes: true }` also refuses a result code that its operation does not list in `x-result-codes`.
import { bundleSpec } from "@payspec/codegen/bundle";
import { judgeSchemas } from "./judge-schemas.js";

export interface PaySsamJudge {
  /** The problems of one answer (empty when it is what the spec promises). */
  checkResponse(url: string, status: number, body: string, contentType: string | null): string[];
  /** The problems of one approval-sync body. */
  checkCallback(body: string): string[];
  /** The problem of an answer's result code outside its operation's `x-result-codes` (stated or inferred). */
  checkCode(url: string, body: string): string[];
  /** A fetch that checks every PaySsam answer through it (the sandbox's own problem and fault answers are skipped). */
  checked(fetch: typeof globalThis.fetch): typeof globalThis.fetch;
  readonly violations: string[];
  readonly counted: { responses: number; callbacks: number };
}

let loaded: Promise<Pick<PaySsamJudge, "checkResponse" | "checkCallback" | "checkCode">> | undefined;

async function load() {
  const doc = await bundleSpec("payssam");
  const inline: Record<string, unknown> = {};
  const operations = new Map<string, string>();
  const codes = new Map<string, Set<string>>();
  type Post = { operationId: string; "x-result-codes"?: { stated?: string[]; inferred?: string[] }; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
  for (const [path, item] of Object.entries(doc.paths as Record<string, { post: Post }>)) {
    operations.set(path, item.post.operationId);
    const listed = item.post["x-result-codes"];
    codes.set(path, new Set(["0000", ...(listed?.stated ?? []), ...(listed?.inferred ?? [])]));
    for (const [status, response] of Object.entries(item.post.responses)) {
      const schema = response.content?.["application/json"]?.schema;
      if (schema) inline[`${item.post.operationId}_${status}`] = schema;
    }
  }
  inline["approvalSync"] = doc.webhooks.approvalSync.post.requestBody.content["application/json"].schema;
  const schemas = judgeSchemas(doc.components, inline);
  return {
    checkResponse(url: string, status: number, body: string, contentType: string | null): string[] {
      const path = new URL(url).pathname.replace(/^\/partner(?=\/)/, "");
      const operation = operations.get(path);
      if (!operation) return [`POST ${path}: no operation of the spec`];
      const where = `${operation} ${status}`;
      if (!(`${operation}_${status}` in inline)) return [`${where}: the operation declares no ${status}`];
      if (!contentType?.startsWith("application/json")) return [`${where}: content-type ${String(contentType)}`];
      try {
        return schemas.problems(`${operation}_${status}`, JSON.parse(body)).map((p) => `${where}: ${p}`);
      } catch {
        return [`${where}: not JSON`];
      }
    },
    checkCode(url: string, body: string): string[] {
      const path = new URL(url).pathname.replace(/^\/partner(?=\/)/, "");
      try {
        const code = (JSON.parse(body) as { code?: unknown }).code;
        return codes.get(path)?.has(String(code)) ? [] : [`${operations.get(path) ?? path}: result code ${String(code)} is not in its x-result-codes`];
      } catch {
        return [`${path}: not JSON`];
      }
    },
    checkCallback(body: string): string[] {
      try {
        return schemas.problems("approvalSync", JSON.parse(body)).map((p) => `approvalSync: ${p}`);
      } catch {
        return ["approvalSync: not JSON"];
      }
    },
  };
}

/** A judge with its own violation list (the compiled spec is shared by every judge of the run). */
export async function paySsamJudge(options: { readonly codes?: boolean } = {}): Promise<PaySsamJudge> {
  const base = await (loaded ??= load());
  const violations: string[] = [];
  const counted = { responses: 0, callbacks: 0 };
  return {
    violations,
    counted,
    checkResponse: base.checkResponse,
    checkCode: base.checkCode,
    checkCallback(body) {
      counted.callbacks++;
      const found = base.checkCallback(body);
      violations.push(...found);
      return found;
    },
    checked(fetch) {
      return async (input, init) => {
        const request = new Request(input, init);
        const response = await fetch(request);
        const type = response.headers.get("content-type");
        const own = new URL(request.url).pathname.startsWith("/__sandbox") || type?.startsWith("application/problem+json") || type?.startsWith("text/plain");
        if (!own) {
          counted.responses++;
          const text = await response.clone().text();
          violations.push(...base.checkResponse(request.url, response.status, text, type));
          if (options.codes) violations.push(...base.checkCode(request.url, text));
        }
        return response;
      };
    },
  };
}
