// The spec as the judge of what the sandbox sends: every PortOne answer is validated against the response schema
// specs/portone declares for its operation and status (Ajv, JSON Schema 2020-12), and every webhook body against
// the webhook's request schema. A status the operation does not declare is a violation too.
import { bundleSpec } from "@payspec/codegen/bundle";
import { judgeSchemas } from "./judge-schemas.js";

interface Operation {
  readonly operationId: string;
  readonly method: string;
  readonly pattern: RegExp;
  readonly responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export interface SpecJudge {
  /** The problems of one answer of the PortOne API (empty when it is what the spec promises). */
  checkResponse(method: string, url: string, status: number, body: string, contentType: string | null): string[];
  /** The problems of one webhook body (payload version 2024-04-25). */
  checkWebhook(body: string): string[];
  /**
   * A fetch that checks every PortOne answer passing through it and records the problems in `violations`
   * (the sandbox's own /__sandbox/ answers and its fault answers are not PortOne's and are skipped).
   */
  checked(fetch: typeof globalThis.fetch): typeof globalThis.fetch;
  readonly violations: string[];
  /** How many answers were checked. */
  readonly counted: { responses: number; webhooks: number };
}

let judge: Promise<Omit<SpecJudge, "checked" | "violations" | "counted">> | undefined;

async function load() {
  const doc = await bundleSpec("portone");

  // Inline schemas refer to "#/components/…": they are compiled inside one document that holds the components.
  const inline: Record<string, unknown> = {};
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, { operationId: string; responses: Operation["responses"] }>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== "object" || !("operationId" in op)) continue;
      const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      operations.push({ operationId: op.operationId, method: method.toUpperCase(), pattern, responses: op.responses });
      for (const [status, response] of Object.entries(op.responses)) {
        const schema = response.content?.["application/json"]?.schema;
        if (schema) inline[`${op.operationId}_${status}`] = schema;
      }
    }
  }
  inline["webhook"] = doc.webhooks.webhook_2024_04_25.post.requestBody.content["application/json"].schema;
  const schemas = judgeSchemas(doc.components, inline);

  return {
    checkResponse(method: string, url: string, status: number, body: string, contentType: string | null): string[] {
      const path = new URL(url).pathname;
      const op = operations.filter((o) => o.method === method).find((o) => o.pattern.test(path));
      if (!op) return [`${method} ${path}: no operation of the spec`];
      const where = `${op.operationId} ${status}`;
      if (!(String(status) in op.responses)) return [`${where}: the operation declares no ${status}`];
      if (!contentType?.startsWith("application/json")) return [`${where}: content-type ${String(contentType)}`];
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        return [`${where}: not JSON`];
      }
      return schemas.problems(`${op.operationId}_${status}`, value).map((p) => `${where}: ${p}`);
    },
    checkWebhook(body: string): string[] {
      try {
        return schemas.problems("webhook", JSON.parse(body)).map((p) => `webhook: ${p}`);
      } catch {
        return ["webhook: not JSON"];
      }
    },
  };
}

/** A judge with its own violation list (the compiled spec is shared by every judge of the run). */
export async function specJudge(): Promise<SpecJudge> {
  const base = await (judge ??= load());
  const violations: string[] = [];
  const counted = { responses: 0, webhooks: 0 };
  return {
    violations,
    counted,
    checkResponse: base.checkResponse,
    checkWebhook(body) {
      counted.webhooks++;
      const found = base.checkWebhook(body);
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
          violations.push(...base.checkResponse(request.method, request.url, response.status, await response.clone().text(), type));
        }
        return response;
      };
    },
  };
}
