import { describe, expect, it, vi } from "vitest";
import { createPaySsamClient, type PaySsamValidationError } from "../../src/index.js";

const fetch = vi.fn<typeof globalThis.fetch>();
const client = createPaySsamClient({ apiKey: "k", member: "m", merchant: "c", fetch });
const bill = {
  billId: "1024",
  sendType: "TALK" as const,
  productName: "수강료",
  price: "45000",
  memberName: "홍길동",
  phone: "01012345678",
  callbackUrl: "https://partner.example.kr/cb",
};

async function validationError(promise: Promise<{ ok: boolean; error?: unknown }>) {
  const result = await promise;
  expect(result.ok).toBe(false);
  const error = result.error as PaySsamValidationError;
  expect(error.kind).toBe("validation");
  return error;
}

describe("validation messages name the field and the rule", () => {
  it("billId too long", async () => {
    const error = await validationError(client.sendBill({ ...bill, billId: "x".repeat(21) }));
    expect(error.field).toBe("bill.billId");
    expect(error.rule).toBe("maxLength");
    expect(error.message).toBe("sendBill: bill.billId must be at most 20 characters; nothing was sent");
  });

  it("price below the minimum", async () => {
    const error = await validationError(client.sendBill({ ...bill, price: "99" }));
    expect(error.field).toBe("bill.price");
    expect(error.message).toMatch(/^sendBill: bill\.price must match \^\[1-9\]\[0-9\]\{2,9\}\$/);
  });

  it("sendType outside TALK | URL", async () => {
    const error = await validationError(client.sendBill({ ...bill, sendType: "SMS" as never }));
    expect(error.message).toBe('sendBill: bill.sendType must be one of "TALK", "URL"; nothing was sent');
  });

  it("phone required for TALK, but not for URL", async () => {
    const { phone: _phone, ...noPhone } = bill;
    const error = await validationError(client.sendBill(noPhone));
    expect(error.field).toBe("bill.phone");
    expect(error.message).toContain('bill.phone is required when bill.sendType is "TALK"');
    fetch.mockResolvedValueOnce(new Response(JSON.stringify({ code: "0000", message: "성공하였습니다.", data: {} })));
    const url = await client.sendBill({ ...noPhone, sendType: "URL" });
    expect(url.ok).toBe(true);
  });

  it("lists every broken rule, first one in the message", async () => {
    const error = await validationError(client.sendBill({ ...bill, billId: "", price: "abc" }));
    expect(error.issues.map((i) => i.field)).toEqual(["bill.billId", "bill.price"]);
    expect(error.message).toContain("(and 1 more: bill.price)");
  });

  it("businessNumber must be exactly 10 digits", async () => {
    const error = await validationError(
      client.requestSubMerchantMapping({ businessNumber: "123-45-6789", callbackUrl: "https://x.kr/cb", redirectUrl: "https://x.kr" }),
    );
    expect(error.field).toBe("businessNumber");
    expect(error.rule).toBe("pattern");
  });

  it("trader must be \"0\" or \"1\"", async () => {
    const error = await validationError(
      client.issueCashReceipt({ billId: "1", price: "1000", supplyPrice: "909", tax: "91", issuanceNumber: "01012345678", trader: "2" as never }),
    );
    expect(error.field).toBe("cashReceipt.trader");
  });

  it("nothing was sent for any of them", () => {
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
