import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { describe, expect, it, vi } from "vitest";
import { createPaySsamClient, type PaySpecValidationError } from "../../src/index.js";

const fetch = vi.fn<typeof globalThis.fetch>();
const client = createPaySsamClient({ apiKey: "test-api-key", member: "m", merchant: "c", fetch });
const bill = {
  billId: "1024",
  sendType: "TALK" as const,
  productName: "수강료",
  price: "45000",
  memberName: "홍길동",
  phone: "01012345678",
  callbackUrl: "https://partner.example.kr/cb",
};

async function validationError(promise: Promise<{ error?: unknown }>) {
  const result = await promise;
  const error = result.error as PaySpecValidationError;
  expect(error.kind).toBe("validation");
  return error;
}

describe("validation messages name the field and the rule", () => {
  it("billId too long", async () => {
    const error = await validationError(client.sendBill({ ...bill, billId: "x".repeat(21) }));
    expect(error.field).toBe("billId");
    expect(error.rule).toBe("maxLength");
    expect(error.message).toBe("sendBill: billId must be at most 20 characters; nothing was sent");
  });

  it("price below the minimum: the message says what is expected", async () => {
    const error = await validationError(client.sendBill({ ...bill, price: "99" }));
    expect(error.field).toBe("price");
    expect(error.message).toBe("sendBill: price must match ^[1-9][0-9]{2,9}$ (Amount in KRW as a digit string); nothing was sent");
  });

  it("sendType outside TALK | URL", async () => {
    const error = await validationError(client.sendBill({ ...bill, sendType: "SMS" as never }));
    expect(error.message).toBe('sendBill: sendType must be one of "TALK", "URL"; nothing was sent');
  });

  it("phone required for TALK, but not for URL", async () => {
    const { phone: _phone, ...noPhone } = bill;
    const error = await validationError(client.sendBill(noPhone));
    expect(error.field).toBe("phone");
    expect(error.message).toContain('phone is required when sendType is "TALK"');
    fetch.mockResolvedValueOnce(new Response(JSON.stringify({ code: "0000", message: "성공하였습니다.", data: { billId: "1024", shortUrl: "https://payssam.kr/s/1" } })));
    const url = await client.sendBill({ ...noPhone, sendType: "URL" });
    expect(url.error).toBeUndefined();
  });

  it("lists every broken rule, first one in the message; no complaint about the hash the client could not compute", async () => {
    const error = await validationError(client.sendBill({ ...bill, billId: "", price: "abc" }));
    expect(error.issues.map((i) => i.field)).toEqual(["billId", "price"]);
    expect(error.message).toContain("(and 1 more: price)");
    const missing = await validationError(client.destroyBill({ billId: "1" } as never));
    expect(missing.issues.map((i) => i.field)).toEqual(["price"]);
  });

  it("businessNumber must be exactly 10 digits", async () => {
    const error = await validationError(
      client.requestSubMerchantMapping({ businessNumber: "123-45-6789", callbackUrl: "https://x.kr/cb", redirectUrl: "https://x.kr" }),
    );
    expect(error.field).toBe("businessNumber");
    expect(error.rule).toBe("pattern");
    expect(error.message).toContain("(Business registration number (사업자등록번호))");
  });

  it('trader must be "0" or "1"', async () => {
    const error = await validationError(
      client.issueCashReceipt({ billId: "1", price: "1000", supplyPrice: "909", tax: "91", issuanceNumber: "01012345678", trader: "2" as never }),
    );
    expect(error.field).toBe("trader");
  });

  it("nothing was sent for any of them", () => {
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

// Input rules a payment library owns (issue 15, item 6): each row was sent to Paymint before the spec said
// otherwise. Same rows, same shape as PortOne's and Global's (test/unit/client.test.ts there).
describe("input rules a payment library owns: refused before sending", () => {
  const mapping = { businessNumber: "1234567890", callbackUrl: "https://x.kr/cb", redirectUrl: "https://x.kr" };
  const receipt = { billId: "1", price: "1000", supplyPrice: "909", tax: "91", issuanceNumber: "01012345678", trader: "0" as const };
  const rows: [string, "sendBill" | "requestSubMerchantMapping" | "issueCashReceipt", Record<string, unknown>, string, string][] = [
    ["a javascript: callbackUrl", "sendBill", { ...bill, callbackUrl: "javascript:alert(1)" }, "callbackUrl", "pattern"],
    ["a data: pageRedirectUrl", "sendBill", { ...bill, pageRedirectUrl: "data:text/html,<script>alert(1)</script>" }, "pageRedirectUrl", "pattern"],
    ["an ftp: callbackUrl", "sendBill", { ...bill, callbackUrl: "ftp://partner.example.kr/cb" }, "callbackUrl", "pattern"],
    ["a javascript: mapping callbackUrl", "requestSubMerchantMapping", { ...mapping, callbackUrl: "javascript:alert(1)" }, "callbackUrl", "pattern"],
    ["a javascript: mapping redirectUrl", "requestSubMerchantMapping", { ...mapping, redirectUrl: "javascript:alert(1)" }, "redirectUrl", "pattern"],
    ["a 6 MB (UTF-8) productName", "sendBill", { ...bill, productName: "가".repeat(2_000_000) }, "productName", "maxLength"],
    ["a memberName of 1,001 characters", "sendBill", { ...bill, memberName: "x".repeat(1001) }, "memberName", "maxLength"],
    ["a message of 1,001 characters", "sendBill", { ...bill, message: "x".repeat(1001) }, "message", "maxLength"],
    ["a billIssuer of 51 characters (the provider's limit is 50)", "sendBill", { ...bill, billIssuer: "x".repeat(51) }, "billIssuer", "maxLength"],
    ["an issuanceNumber of 31 characters", "issueCashReceipt", { ...receipt, issuanceNumber: "1".repeat(31) }, "issuanceNumber", "maxLength"],
  ];
  it.each(rows)("%s", async (_name, operation, input, field, rule) => {
    const counting = vi.fn<typeof globalThis.fetch>();
    const strict = createPaySsamClient({ apiKey: "test-api-key", member: "m", merchant: "c", fetch: counting });
    const call = strict[operation] as (input: unknown) => Promise<{ data?: unknown; error?: unknown }>;
    const result = await call(input);
    expect(result.data).toBeUndefined();
    const error = result.error as PaySpecValidationError;
    expect(error.kind).toBe("validation");
    expect(error.issues).toContainEqual(expect.objectContaining({ field, rule }));
    expect(error.message).toContain(field);
    expect(counting).not.toHaveBeenCalled();
  });

  // Needs the runtime's calendar check for `format: date` (the lead's change): today's check lets
  // Date.parse roll 2026-02-30 over to 2 March.
  it("an expireDt that does not exist (2026-02-30)", async () => {
    const counting = vi.fn<typeof globalThis.fetch>();
    const strict = createPaySsamClient({ apiKey: "test-api-key", member: "m", merchant: "c", fetch: counting });
    const error = (await strict.sendBill({ ...bill, expireDt: "2026-02-30" })).error as PaySpecValidationError;
    expect(error?.kind).toBe("validation");
    expect(error.issues).toContainEqual(expect.objectContaining({ field: "expireDt", rule: "format" }));
    expect(counting).not.toHaveBeenCalled();
  });

  it("the limits leave ordinary input alone: a 2026-02-28 expiry, http and https URLs, 1,000-character text", async () => {
    const { fetch: ok, requests } = fakeFetch(() => json({ code: "0000", message: "성공하였습니다.", data: { billId: "1024", shortUrl: "https://x" } }));
    const strict = createPaySsamClient({ apiKey: "test-api-key", member: "m", merchant: "c", fetch: ok });
    const result = await strict.sendBill({
      ...bill,
      expireDt: "2026-02-28",
      callbackUrl: "http://partner.example.kr/cb",
      pageRedirectUrl: "https://partner.example.kr/done",
      productName: "가".repeat(1000),
      billIssuer: "x".repeat(50),
    });
    expect(result.error).toBeUndefined();
    expect(requests).toHaveLength(1);
  });
});
