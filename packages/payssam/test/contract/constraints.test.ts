// The same rule on both sides: each invalid input is rejected by the client before anything is
// sent, and the same body sent raw to Prism is rejected by the spec (HTTP 422).
import { describe, expect, inject, it, vi } from "vitest";
import { computeHash, createPaySsamClient, type PaySsamClient } from "../../src/index.js";

const baseUrl = inject("payssamMockUrl");
const credentials = { apiKey: "payspec-contract-key", member: "PAYSPEC-MEMBER", merchant: "PAYSPEC-MERCHANT" };

const bill = {
  billId: "PS20261122001",
  sendType: "TALK",
  productName: "11월 수강료",
  price: "45000",
  memberName: "홍길동",
  phone: "01012345678",
  callbackUrl: "https://partner.example.kr/payssam/callback",
};

interface Case {
  readonly name: string;
  readonly operation: "sendBill" | "cancelBill" | "requestSubMerchantMapping";
  readonly path: string;
  readonly input: Record<string, unknown>;
  readonly field: string;
  readonly rule: string;
}

const cases: Case[] = [
  { name: "billId longer than 20", operation: "sendBill", path: "/bill", input: { ...bill, billId: "B".repeat(21) }, field: "billId", rule: "maxLength" },
  { name: "empty billId", operation: "sendBill", path: "/bill", input: { ...bill, billId: "" }, field: "billId", rule: "minLength" },
  { name: "price below 100 KRW", operation: "sendBill", path: "/bill", input: { ...bill, price: "99" }, field: "price", rule: "pattern" },
  { name: "price with a separator", operation: "sendBill", path: "/bill", input: { ...bill, price: "1,000" }, field: "price", rule: "pattern" },
  { name: "price of 11 digits", operation: "sendBill", path: "/bill", input: { ...bill, price: "10000000000" }, field: "price", rule: "pattern" },
  { name: "sendType SMS", operation: "sendBill", path: "/bill", input: { ...bill, sendType: "SMS" }, field: "sendType", rule: "enum" },
  { name: "TALK without phone", operation: "sendBill", path: "/bill", input: { ...bill, phone: undefined }, field: "phone", rule: "required" },
  { name: "expireDt not YYYY-MM-DD", operation: "sendBill", path: "/bill", input: { ...bill, expireDt: "20261231" }, field: "expireDt", rule: "pattern" },
  { name: "cancel without cancelReason", operation: "cancelBill", path: "/bill/cancel", input: { billId: "PS20261122001", price: "45000" }, field: "cancelReason", rule: "required" },
  // Input rules a payment library owns (issue 15, item 6).
  { name: "javascript: callbackUrl", operation: "sendBill", path: "/bill", input: { ...bill, callbackUrl: "javascript:alert(1)" }, field: "callbackUrl", rule: "pattern" },
  { name: "data: pageRedirectUrl", operation: "sendBill", path: "/bill", input: { ...bill, pageRedirectUrl: "data:text/html,x" }, field: "pageRedirectUrl", rule: "pattern" },
  { name: "productName of 1,001 characters", operation: "sendBill", path: "/bill", input: { ...bill, productName: "x".repeat(1001) }, field: "productName", rule: "maxLength" },
  { name: "message of 1,001 characters", operation: "sendBill", path: "/bill", input: { ...bill, message: "x".repeat(1001) }, field: "message", rule: "maxLength" },
  { name: "billIssuer of 51 characters", operation: "sendBill", path: "/bill", input: { ...bill, billIssuer: "x".repeat(51) }, field: "billIssuer", rule: "maxLength" },
  {
    name: "javascript: mapping callbackUrl",
    operation: "requestSubMerchantMapping",
    path: "/auth/mapping",
    input: { businessNumber: "1234567890", callbackUrl: "javascript:alert(1)", redirectUrl: "https://partner.example.kr/done" },
    field: "callbackUrl",
    rule: "pattern",
  },
  {
    name: "businessNumber of 9 digits",
    operation: "requestSubMerchantMapping",
    path: "/auth/mapping",
    input: { businessNumber: "123456789", callbackUrl: "https://partner.example.kr/payssam/mapping", redirectUrl: "https://partner.example.kr/done" },
    field: "businessNumber",
    rule: "pattern",
  },
];

function wireBody(c: Case, hash: string | null): Record<string, unknown> {
  if (c.operation === "requestSubMerchantMapping") {
    return { apiKey: credentials.apiKey, memberId: credentials.member, merchantId: credentials.merchant, ...c.input };
  }
  return { ...credentials, bill: { ...c.input, ...(hash ? { hash } : {}) } };
}

describe.each(cases)("$name", (c) => {
  it(`is rejected by the client (${c.field}, ${c.rule}) and nothing is sent`, async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const client = createPaySsamClient({ ...credentials, baseUrl, fetch });
    const call = client[c.operation] as unknown as PaySsamClient["cancelBill"];
    const result = await call(c.input as never);
    expect(fetch).not.toHaveBeenCalled();
    expect(result.data).toBeUndefined();
    expect(result.error?.kind).toBe("validation");
    const error = result.error as unknown as { field: string; rule: string; message: string; issues: { field: string; rule: string }[] };
    expect(error.issues).toContainEqual(expect.objectContaining({ field: c.field, rule: c.rule }));
    expect(error.message).toContain(c.field);
    expect(error.message).toContain("nothing was sent");
  });

  it("is rejected by the spec too (Prism answers 422)", async () => {
    const billId = c.input["billId"];
    const price = c.input["price"];
    const phone = c.operation === "sendBill" ? c.input["phone"] : undefined;
    const hash =
      typeof billId === "string" && typeof price === "string"
        ? await computeHash(c.operation === "sendBill" ? "three-part" : "two-part", {
            billId,
            price,
            phone: typeof phone === "string" ? phone : undefined,
          })
        : null;
    const response = await fetch(`${baseUrl}${c.path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(wireBody(c, hash)),
    });
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { validation?: { location: string[] }[] };
    const locations = (problem.validation ?? []).map((v) => v.location.join("."));
    const leaf = c.field.split(".").pop() as string;
    expect(locations.some((l) => l.includes(leaf) || (c.rule === "required" && l.length > 0))).toBe(true);
  });
});

// The client side of this row needs the runtime's calendar check for `format: date` (the lead's change):
// today's check lets Date.parse roll 2026-02-30 over to 2 March. Prism's date format is already strict.
describe("expireDt 2026-02-30 (a day that does not exist)", () => {
  const input = { ...bill, expireDt: "2026-02-30" };

  it("is rejected by the client (expireDt, format) and nothing is sent", async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const result = await createPaySsamClient({ ...credentials, baseUrl, fetch }).sendBill(input as never);
    expect(fetch).not.toHaveBeenCalled();
    expect(result.error?.kind).toBe("validation");
    expect((result.error as unknown as { issues: { field: string; rule: string }[] }).issues).toContainEqual(expect.objectContaining({ field: "expireDt", rule: "format" }));
  });

  it("is rejected by the spec too (Prism answers 422)", async () => {
    const hash = await computeHash("three-part", input);
    const response = await fetch(`${baseUrl}/bill`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...credentials, bill: { ...input, hash } }) });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("expireDt");
  });
});

it("a valid bill passes both sides (control case)", async () => {
  const hash = await computeHash("three-part", bill);
  const response = await fetch(`${baseUrl}/bill`, {
    method: "POST",
    headers: { "content-type": "application/json", prefer: "example=success" },
    body: JSON.stringify({ ...credentials, bill: { ...bill, hash } }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get("sl-violations")).toBeNull();
});
