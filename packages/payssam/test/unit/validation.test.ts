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
    fetch.mockResolvedValueOnce(new Response(JSON.stringify({ code: "0000", message: "성공하였습니다.", data: {} })));
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
