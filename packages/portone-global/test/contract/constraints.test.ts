// The same rule on both sides: each invalid input is rejected by the client before anything is
// sent, and the same request sent raw to Prism is rejected by the spec (a 422, or the spec's own
// 400 with an `sl-violations` header).
import { describe, expect, inject, it, vi } from "vitest";
import { computeSignature, createPortOneGlobalClient, type PortOneGlobalClient } from "../../src/index.js";
import { signPortOneGlobalJwt } from "../../src/jwt.js";

const baseUrl = inject("portoneGlobalMockUrl");
const credentials = { clientKey: "PORTONE_KEY", secretKey: "PORTONE_SECRET" };

const payment = {
  merchant_order_id: "ORDER-1001",
  amount: 100.25,
  currency: "USD",
  success_url: "https://checkout.portone.cloud/success.html",
  failure_url: "https://checkout.portone.cloud/failure.html",
  environment: "sandbox",
  pmt_channel: "PORTONE_KR",
  pmt_method: "PORTONE_KG_INICIS_CREDIT_CARD",
};
const refund = { portone_order_ref: "2xJ7kQ9mVbN3pL5rT8wZ1cY4dF6", amount: 5000, environment: "sandbox", refund_type: "partial" };

interface Case {
  readonly name: string;
  readonly operation: "initiatePayment" | "createRefund" | "createPaymentLink" | "getTransactionDetails" | "generateSignature";
  readonly input: Record<string, unknown>;
  readonly field: string;
  readonly rule: string;
}

const cases: Case[] = [
  { name: "currency in lower case", operation: "initiatePayment", input: { ...payment, currency: "usd" }, field: "currency", rule: "pattern" },
  { name: "negative amount", operation: "initiatePayment", input: { ...payment, amount: -1 }, field: "amount", rule: "minimum" },
  { name: "amount as a string", operation: "initiatePayment", input: { ...payment, amount: "100.25" }, field: "amount", rule: "type" },
  { name: "environment prod", operation: "initiatePayment", input: { ...payment, environment: "prod" }, field: "environment", rule: "enum" },
  { name: "success_url not a URL", operation: "initiatePayment", input: { ...payment, success_url: "success.html" }, field: "success_url", rule: "format" },
  { name: "no pmt_method", operation: "initiatePayment", input: { ...payment, pmt_method: undefined }, field: "pmt_method", rule: "required" },
  { name: "refund_type half", operation: "createRefund", input: { ...refund, refund_type: "half" }, field: "refund_type", rule: "enum" },
  { name: "refund without environment", operation: "createRefund", input: { ...refund, environment: undefined }, field: "environment", rule: "required" },
  { name: "payment link without currency", operation: "createPaymentLink", input: { amount: 25000 }, field: "currency", rule: "required" },
  { name: "details without order_ref", operation: "getTransactionDetails", input: {}, field: "order_ref", rule: "required" },
  // Input rules a payment library owns (issue 15, item 6).
  { name: "javascript: success_url", operation: "initiatePayment", input: { ...payment, success_url: "javascript:alert(1)" }, field: "success_url", rule: "pattern" },
  { name: "data: failure_url", operation: "initiatePayment", input: { ...payment, failure_url: "data:text/html,x" }, field: "failure_url", rule: "pattern" },
  { name: "amount above 10^13", operation: "initiatePayment", input: { ...payment, amount: 1e13 + 1 }, field: "amount", rule: "maximum" },
  { name: "payment-link amount above 10^13", operation: "createPaymentLink", input: { amount: 1e16, currency: "KRW" }, field: "amount", rule: "maximum" },
  { name: "refund_reason of 1,001 characters", operation: "createRefund", input: { ...refund, refund_reason: "x".repeat(1001) }, field: "refund_reason", rule: "maxLength" },
  { name: "refund description of 1,001 characters", operation: "createRefund", input: { ...refund, description: "x".repeat(1001) }, field: "description", rule: "maxLength" },
  { name: "signature of a javascript: success_url", operation: "generateSignature", input: { ...payment, success_url: "javascript:alert(1)", environment: undefined, pmt_channel: undefined, pmt_method: undefined }, field: "success_url", rule: "pattern" },
  { name: "signature of a 4-letter currency", operation: "generateSignature", input: { ...payment, currency: "USDT", environment: undefined, pmt_channel: undefined, pmt_method: undefined }, field: "currency", rule: "pattern" },
];

const paths: Record<Case["operation"], (input: Record<string, unknown>) => string> = {
  initiatePayment: () => "/api/initiatePayment",
  createRefund: (i) => `/api/refund/${String(i["portone_order_ref"])}`,
  createPaymentLink: () => "/api/paymentLink",
  getTransactionDetails: () => `/api/${credentials.clientKey}/transaction-details`,
  generateSignature: () => "/api/merchant/generate-signature",
};

async function wireBody(c: Case): Promise<Record<string, unknown>> {
  const { portone_order_ref: _ref, ...body } = Object.fromEntries(Object.entries(c.input).filter(([, v]) => v !== undefined));
  if (c.operation === "initiatePayment" || c.operation === "generateSignature") body["portone_key"] = credentials.clientKey;
  if (c.operation === "initiatePayment") body["signature_hash"] = await computeSignature(credentials.secretKey, "InitiatePaymentRequest", body);
  return body;
}

async function headers(): Promise<Record<string, string>> {
  const token = await signPortOneGlobalJwt(credentials.clientKey, credentials.secretKey);
  return { "content-type": "application/json", "x-portone-client-key": credentials.clientKey, authorization: `Bearer ${token}` };
}

describe.each(cases)("$name", (c) => {
  it(`is rejected by the client (${c.field}, ${c.rule}) and nothing is sent`, async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const client = createPortOneGlobalClient({ ...credentials, baseUrl, fetch });
    const call = client[c.operation] as unknown as (input: unknown) => ReturnType<PortOneGlobalClient["listRefunds"]>;
    const result = await call(c.input);
    expect(fetch).not.toHaveBeenCalled();
    expect(result.data).toBeUndefined();
    expect(result.error?.kind).toBe("validation");
    const error = result.error as unknown as { issues: { field: string; rule: string }[]; message: string };
    expect(error.issues).toContainEqual(expect.objectContaining({ field: c.field, rule: c.rule }));
    expect(error.message).toContain("nothing was sent");
  });

  it("is rejected by the spec too", async () => {
    const response = await fetch(`${baseUrl}${paths[c.operation](c.input)}`, { method: "POST", headers: await headers(), body: JSON.stringify(await wireBody(c)) });
    const violations = response.headers.get("sl-violations");
    expect(response.status === 422 || violations !== null, `HTTP ${response.status} without violations`).toBe(true);
    const text = violations ?? (await response.text());
    expect(text).toContain(c.field);
  });
});

describe("control cases", () => {
  it("a valid signed payment passes Prism without violations", async () => {
    const c: Case = { name: "valid", operation: "initiatePayment", input: payment, field: "", rule: "" };
    const response = await fetch(`${baseUrl}/api/initiatePayment`, { method: "POST", headers: { ...(await headers()), prefer: "code=200, example=success" }, body: JSON.stringify(await wireBody(c)) });
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
  });

  it("Prism rejects a JWT-protected call without the JWT (so the success tests prove the client sends it)", async () => {
    const response = await fetch(`${baseUrl}/api/transaction/ORDER-1001/status`, { headers: { "x-portone-client-key": credentials.clientKey } });
    expect(response.status).toBe(401);
  });

  it("Prism rejects a call without the client key", async () => {
    const { authorization } = await headers();
    const response = await fetch(`${baseUrl}/api/transaction/ORDER-1001/status`, { headers: { authorization } as Record<string, string> });
    expect(response.status).toBe(401);
  });
});
