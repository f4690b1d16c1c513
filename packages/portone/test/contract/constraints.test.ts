// The same rule on both sides: each invalid input is rejected by the client before anything is
// sent, and the same request sent raw to the mock is rejected by the spec (HTTP 422 naming the
// field). The rows are the input rules a payment library owns (issue 15, item 6); PaySsam and
// PortOne Global have the same table.
import { describe, expect, inject, it, vi } from "vitest";
import { operations as table } from "../../src/generated/operations.js";
import { createPortOneClient } from "../../src/index.js";

const baseUrl = inject("portoneMockUrl");
const secret = "payspec-contract-secret";

type OperationId = keyof typeof table;
interface Case {
  readonly name: string;
  readonly operation: OperationId;
  readonly input: Record<string, unknown>;
  readonly field: string;
  readonly rule: string;
}

const cancel = { paymentId: "payment-0001", reason: "고객 요청" };
const billingKeyPayment = { paymentId: "payment-0001", billingKey: "billing-key-0001", orderName: "드립백 세트", amount: { total: 39000 }, currency: "KRW" };
const session = { storeId: "store-0001", paymentId: "payment-0001", profileKey: "profile-0001", country: "KR", currency: "KRW", totalAmount: 39000, orderName: "드립백 세트" };

const cases: Case[] = [
  { name: "negative cancel amount", operation: "cancelPayment", input: { ...cancel, amount: -6000 }, field: "amount", rule: "minimum" },
  { name: "negative cancel taxFreeAmount", operation: "cancelPayment", input: { ...cancel, taxFreeAmount: -1 }, field: "taxFreeAmount", rule: "minimum" },
  { name: "negative currentCancellableAmount", operation: "cancelPayment", input: { ...cancel, currentCancellableAmount: -1 }, field: "currentCancellableAmount", rule: "minimum" },
  { name: "negative payment total", operation: "payWithBillingKey", input: { ...billingKeyPayment, amount: { total: -39000 } }, field: "amount.total", rule: "minimum" },
  { name: "negative pre-registered amount", operation: "preRegisterPayment", input: { paymentId: "payment-0001", totalAmount: -1 }, field: "totalAmount", rule: "minimum" },
  { name: "negative session total", operation: "createPaymentSession", input: { ...session, totalAmount: -1 }, field: "totalAmount", rule: "minimum" },
  { name: "negative promotion query amount", operation: "getPgCardPromotions", input: { channelKey: "channel-key-0001", amount: -1 }, field: "amount", rule: "minimum" },
  { name: "javascript: notice URL", operation: "payWithBillingKey", input: { ...billingKeyPayment, noticeUrls: ["javascript:alert(1)"] }, field: "noticeUrls[0]", rule: "pattern" },
  { name: "javascript: redirect URL", operation: "createPaymentSession", input: { ...session, redirectUrl: "javascript:alert(1)" }, field: "redirectUrl", rule: "pattern" },
  { name: "cancel reason of 1,001 characters", operation: "cancelPayment", input: { ...cancel, reason: "x".repeat(1001) }, field: "reason", rule: "maxLength" },
  { name: "customData of 4,001 characters", operation: "payWithBillingKey", input: { ...billingKeyPayment, customData: "x".repeat(4001) }, field: "customData", rule: "maxLength" },
];

/** The raw request the client would have sent: path parameters in the path, query parameters in the query, the rest as the JSON body. */
function wire(c: Case): { url: string; init: RequestInit } {
  const op = table[c.operation];
  const rest: Record<string, unknown> = { ...c.input };
  let path: string = op.path;
  for (const name of op.pathParams) {
    path = path.replace(`{${name}}`, encodeURIComponent(String(rest[name])));
    delete rest[name];
  }
  const query = new URLSearchParams();
  for (const name of op.queryParams) {
    if (rest[name] !== undefined) query.set(name, String(rest[name]));
    delete rest[name];
  }
  const url = `${baseUrl}${path}${query.size > 0 ? `?${query}` : ""}`;
  const headers = { authorization: `PortOne ${secret}`, "content-type": "application/json" };
  return { url, init: { method: op.method, headers, ...(op.body === "json" ? { body: JSON.stringify(rest) } : {}) } };
}

describe.each(cases)("$name", (c) => {
  it(`is rejected by the client (${c.field}, ${c.rule}) and nothing is sent`, async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const client = createPortOneClient({ secret, baseUrl, fetch }) as unknown as Record<string, (input: unknown) => Promise<{ data?: unknown; error?: unknown }>>;
    const result = await client[c.operation]!(c.input);
    expect(fetch).not.toHaveBeenCalled();
    expect(result.data).toBeUndefined();
    const error = result.error as { kind: string; message: string; issues: { field: string; rule: string }[] };
    expect(error.kind).toBe("validation");
    expect(error.issues).toContainEqual(expect.objectContaining({ field: c.field, rule: c.rule }));
    expect(error.message).toContain("nothing was sent");
  });

  it("is rejected by the spec too (the mock answers 422 naming the field)", async () => {
    const { url, init } = wire(c);
    const response = await fetch(url, init);
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { validation?: { location: string[] }[] };
    const locations = (problem.validation ?? []).map((v) => v.location.join("."));
    const leaf = c.field.replace(/\[(\d+)\]/g, ".$1").split(".").slice(-1)[0] as string;
    expect(locations.some((l) => l.split(".").includes(leaf)), locations.join(", ")).toBe(true);
  });
});

describe("control cases: what may pass does pass", () => {
  it("a partial cancel with amounts of zero and a 1,000-character reason passes the mock without violations", async () => {
    const { url, init } = wire({ name: "valid", operation: "cancelPayment", input: { ...cancel, amount: 6000, taxFreeAmount: 0, reason: "x".repeat(1000) }, field: "", rule: "" });
    const response = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), prefer: "code=200, example=success" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
  });

  it("a negative manual settlement (allowed by the provider) passes the mock", async () => {
    const { url, init } = wire({ name: "valid", operation: "createPlatformManualTransfer", input: { partnerId: "partner-0001", settlementAmount: -5000, settlementDate: "2026-03-01" }, field: "", rule: "" });
    const response = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), prefer: "code=200" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("sl-violations")).toBeNull();
  });
});
