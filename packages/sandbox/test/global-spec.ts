// specs/portone-global as the judge of what the PortOne Global sandbox sends: every answer is validated against the
// response schema its operation declares for that HTTP status (an undeclared status is a violation), every webhook
// body against the request schema of its webhook (`payment`, `refund`, `paymentLink`), and every redirect query
// against `PaymentRedirect` (Ajv, JSON Schema 2020-12).
import { bundleSpec } from "@payspec/codegen/bundle";
import { judgeSchemas } from "./judge-schemas.js";

export interface GlobalJudge {
  /** The problems of one answer (empty when it is what the spec promises). */
  checkResponse(method: string, url: string, status: number, body: string, contentType: string | null): string[];
  /** The problems of one webhook body (a payment webhook unless `kind` says otherwise). */
  checkWebhook(body: string, kind?: GlobalWebhookKind): string[];
  /** The problems of one redirect URL's query. */
  checkRedirect(url: string): string[];
  /** A fetch that checks every PortOne Global answer through it (the sandbox's own problem and fault answers are skipped). */
  checked(fetch: typeof globalThis.fetch): typeof globalThis.fetch;
  readonly violations: string[];
  readonly counted: { responses: number; webhooks: number; redirects: number };
}

export type GlobalWebhookKind = "payment" | "refund" | "paymentLink";

type Operation = { operationId: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };

let loaded: Promise<Pick<GlobalJudge, "checkResponse" | "checkWebhook" | "checkRedirect">> | undefined;

async function load() {
  const doc = await bundleSpec("portone-global");
  const inline: Record<string, unknown> = {};
  const operations: { method: string; pattern: RegExp; operationId: string }[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Operation | unknown>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "delete", "patch"].includes(method)) continue;
      const { operationId, responses } = op as Operation;
      operations.push({ method: method.toUpperCase(), pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`), operationId });
      for (const [status, declared] of Object.entries(responses)) {
        // Shared responses (Unauthorised, InvalidRequest) are references into components.responses.
        const ref = (declared as { $ref?: string }).$ref;
        const response = ref ? (doc.components.responses[ref.replace("#/components/responses/", "")] as typeof declared) : declared;
        const schema = response.content?.["application/json"]?.schema;
        if (schema) inline[`${operationId}_${status}`] = schema;
      }
    }
  }
  for (const kind of ["payment", "refund", "paymentLink"] as const) inline[`${kind}Webhook`] = doc.webhooks[kind].post.requestBody.content["application/json"].schema;
  inline["paymentRedirect"] = doc.webhooks.paymentRedirect.get.parameters[0].schema;
  const schemas = judgeSchemas(doc.components, inline);
  const parsed = (name: string, text: string) => {
    try {
      return schemas.problems(name, JSON.parse(text)).map((p) => `${name}: ${p}`);
    } catch {
      return [`${name}: not JSON`];
    }
  };
  return {
    checkResponse(method: string, url: string, status: number, body: string, contentType: string | null): string[] {
      const path = new URL(url).pathname;
      const operation = operations.find((o) => o.method === method && o.pattern.test(path))?.operationId;
      if (!operation) return [`${method} ${path}: no operation of the spec`];
      const where = `${operation} ${status}`;
      if (!(`${operation}_${status}` in inline)) return [`${where}: the operation declares no ${status}`];
      if (!contentType?.startsWith("application/json")) return [`${where}: content-type ${String(contentType)}`];
      return parsed(`${operation}_${status}`, body).map((p) => `${where}: ${p}`);
    },
    checkWebhook: (body: string, kind: GlobalWebhookKind = "payment") => parsed(`${kind}Webhook`, body),
    checkRedirect(url: string): string[] {
      const query = Object.fromEntries(new URL(url).searchParams);
      return schemas.problems("paymentRedirect", query).map((p) => `paymentRedirect: ${p}`);
    },
  };
}

/** A judge with its own violation list (the compiled spec is shared by every judge of the run). */
export async function globalJudge(): Promise<GlobalJudge> {
  const base = await (loaded ??= load());
  const violations: string[] = [];
  const counted = { responses: 0, webhooks: 0, redirects: 0 };
  const record = (found: string[]) => (violations.push(...found), found);
  return {
    violations,
    counted,
    checkResponse: base.checkResponse,
    checkWebhook(body, kind) {
      counted.webhooks++;
      return record(base.checkWebhook(body, kind));
    },
    checkRedirect(url) {
      counted.redirects++;
      return record(base.checkRedirect(url));
    },
    checked(fetch) {
      return async (input, init) => {
        const request = new Request(input, init);
        const response = await fetch(request);
        const type = response.headers.get("content-type");
        const own = new URL(request.url).pathname.startsWith("/__sandbox") || type?.startsWith("application/problem+json") || type?.startsWith("text/plain");
        if (!own) {
          counted.responses++;
          record(base.checkResponse(request.method, request.url, response.status, await response.clone().text(), type));
        }
        return response;
      };
    },
  };
}
