// Every operation of specs/portone-global against Prism: the success example reaching the client
// as data, and every named error example reaching it as a typed API error with the right code.
// strictFetch fails the test on any request Prism finds invalid (missing headers, bad body, …).
import { explain, strictFetch } from "@payspec/mock/contract";
import { parseStatus } from "@payspec/portone-errors/global";
import { describe, expect, inject, it } from "vitest";
import { createPortOneGlobalClient, createPortOneGlobalFetchClient, type PortOneGlobalClient } from "../../src/index.js";
import { errorExamples, exampleValue, operations, successExample, type Operation } from "./spec.js";

const baseUrl = inject("portoneGlobalMockUrl");
// The spec's examples are signed with these placeholder credentials (the reference's).
const credentials = { clientKey: "PORTONE_KEY", secretKey: "PORTONE_SECRET" };
const FILLED = new Set(["portone_key", "portone_secret", "signature_hash", "key"]);

interface Sent {
  readonly request: Request;
  readonly body: unknown;
}

// Error examples use a random secret: the placeholder would be redacted out of reasons such as
// INVALID_UNAUTHORISED_PORTONE_SECRET_ERROR, as any occurrence of the secret is.
const errorCredentials = { clientKey: "PORTONE_KEY", secretKey: "contract-secret-5f0e9a1c7d" };

function client(prefer: string, sent: Sent[] = [], creds = credentials): PortOneGlobalClient {
  const inner = strictFetch({ prefer });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const text = await request.clone().text();
    sent.push({ request, body: text ? JSON.parse(text) : undefined });
    return inner(request);
  };
  return createPortOneGlobalClient({ ...creds, baseUrl, fetch: fetch as typeof globalThis.fetch });
}

type Method = (input?: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response?: Response }>;
const method = (c: PortOneGlobalClient, op: Operation) => (c as unknown as Record<string, Method>)[op.operationId] as Method;

/** The request example and path-parameter examples, without what the client fills itself. */
function inputOf(op: Operation): Record<string, unknown> {
  const body = (exampleValue(op.requestBody?.content["application/json"].examples?.["success"]) ?? {}) as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  for (const p of op.pathParameters) if (!FILLED.has(p.name)) input[p.name] = p.example;
  for (const [k, v] of Object.entries(body)) if (!FILLED.has(k)) input[k] = v;
  return input;
}

it("covers the nine operations of the spec", () => {
  expect(operations.map((o) => o.operationId).sort()).toEqual(
    ["createPaymentLink", "createRefund", "generateSignature", "getAuthToken", "getPaymentLinkStatus", "getTransactionDetails", "getTransactionStatus", "initiatePayment", "listRefunds"],
  );
});

describe.each(operations)("$operationId ($method $path)", (op) => {
  it("success: the example's data, and a request Prism accepts", async () => {
    const sent: Sent[] = [];
    const expected = successExample(op);
    const result = await method(client("code=200, example=success", sent), op)(inputOf(op));
    expect(result.error, explain(result.error)).toBeUndefined();
    expect(result.response?.status).toBe(200);
    expect(result.data).toEqual("content" in expected ? expected["content"] : expected);
    expect(sent).toHaveLength(1);
    const { request, body } = sent[0] as Sent;
    expect(request.method).toBe(op.method.toUpperCase());
    const requestExample = exampleValue(op.requestBody?.content["application/json"].examples?.["success"]);
    // The client fills the key, the secret and the signature: the body equals the spec's example exactly.
    if (requestExample !== undefined) expect(body).toEqual(requestExample);
  });

  const errors = errorExamples(op);
  it("documents at least one error example", () => {
    expect(errors.length).toBeGreaterThan(0);
  });

  it.each(errors)("HTTP %i, example %s: a typed API error", async (status, name, example) => {
    expect(name).toBe(`code_${String(example["status_code"])}`);
    const result = await method(client(`code=${status}, example=${name}`, [], errorCredentials), op)(inputOf(op));
    expect(result.data).toBeUndefined();
    const error = result.error as { kind: string; code: string; httpStatus: number; serverMessage: string; body: Record<string, unknown> };
    expect(error.kind).toBe("api");
    expect(error.code).toBe(example["status_code"]);
    expect(error.httpStatus).toBe(status);
    expect(error.serverMessage).toBe(example["message"]);
    const parsed = parseStatus(error.body);
    expect(parsed.reason).toBe(example["status_reason"]);
    expect(parsed.outcome).toBe("failure");
    expect(parsed.kind).toBe(example["status_code"] === "4000" ? "unknown" : "known");
    expect(error).toBeInstanceOf(Error);
  });
});

describe("createPortOneGlobalFetchClient (openapi-fetch) against Prism: the middleware's credentials and signature are accepted", () => {
  it("initiatePayment (client key + signature_hash) and getTransactionDetails (client key + JWT)", async () => {
    const sent: Sent[] = [];
    const raw = createPortOneGlobalFetchClient(client("code=200, example=success", sent));
    const payment = { merchant_order_id: "ORDER-1001", amount: 100.25, currency: "USD", environment: "sandbox" as const, success_url: "https://checkout.portone.cloud/success.html", failure_url: "https://checkout.portone.cloud/failure.html", pmt_channel: "PORTONE_KR", pmt_method: "PORTONE_KG_INICIS_CREDIT_CARD" };
    const started = await raw.POST("/api/initiatePayment", { body: payment });
    expect(started.error).toBeUndefined();
    expect(started.data?.is_success).toBeDefined();
    expect((sent[0]?.body as Record<string, unknown>)["signature_hash"]).toBe("z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=");
    const details = await raw.POST("/api/{key}/transaction-details", { params: { path: { key: credentials.clientKey } }, body: { order_ref: "2xJ7kQ9mVbN3pL5rT8wZ1cY4dF6" } });
    expect(details.error).toBeUndefined();
    expect(details.data?.status_code).toBe("2000");
  });
});
