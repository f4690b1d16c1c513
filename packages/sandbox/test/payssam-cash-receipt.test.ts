// PaySsam cash receipts in the sandbox (they answered the sandbox's 501 before): issue for a paid bill → the bill's
// read shows the receipt → read the history → cancel → issue again, through our client on the in-process fetch;
// then each misuse with the result code the sandbox answers for it (once each), raw where our client refuses the
// request before sending. Every answer is validated against specs/payssam, its result code included (the codes
// each operation lists in `x-result-codes`).
import { createHash } from "node:crypto";
import { createPaySsamClient, type PaySsamClient } from "@payspec/payssam";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { paySsamJudge, type PaySsamJudge } from "./payssam-spec.js";

const API_KEY = "receipt-payssam-key";
const envelope = { apiKey: API_KEY, member: "RECEIPT-MEMBER", merchant: "RECEIPT-MERCHANT" };
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

let sb: Sandbox;
let judge: PaySsamJudge;
let client: PaySsamClient;
let raw: typeof globalThis.fetch;

beforeAll(async () => {
  judge = await paySsamJudge({ codes: true });
  sb = createSandbox({
    payssam: { apiKey: API_KEY, member: "RECEIPT-MEMBER", merchants: ["RECEIPT-MERCHANT", "OTHER-MERCHANT"] },
    clock: { start: "2026-09-12T05:30:15Z" },
    webhooks: { fetch: async () => Response.json({ code: "0000" }) },
  });
  raw = judge.checked(sb.payssam.fetch);
  client = createPaySsamClient({ ...envelope, fetch: raw });
});
beforeEach(() => sb.reset());
afterEach(() => {
  expect(judge.violations.splice(0)).toEqual([]);
});
afterAll(() => sb?.close());

const code = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

async function post(path: string, body: unknown) {
  const response = await raw(`https://sandbox.paymint.co.kr/partner${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { code: string; message: string; data: unknown } };
}

/** A URL bill of 33,000 KRW, sent through the client; paid unless `paid` is false. */
async function bill(billId: string, paid = true) {
  const sent = await client.sendBill({ billId, sendType: "URL", productName: "10월 수강료", price: "33000", memberName: "이영희", callbackUrl: "https://app.example.kr/payssam/callback" });
  expect(sent.error).toBeUndefined();
  if (paid) sb.payssam.approve(billId, { payType: "BANK", issuer: "국민은행" });
}

const receipt = (billId: string) => ({ billId, price: "33000", supplyPrice: "30000", tax: "3000", issuanceNumber: "01012345678", trader: "0" as const });

describe("the result-code judge of these tests", () => {
  it("refuses a code the operation does not list, and takes one it lists", () => {
    const url = "https://sandbox.paymint.co.kr/partner/cash-receipt/issue";
    expect(judge.checkCode(url, JSON.stringify({ code: "BILL_002", data: null }))).not.toEqual([]);
    expect(judge.checkCode(url, JSON.stringify({ code: "PAYMENT_001", data: null }))).toEqual([]);
  });
});

describe("PaySsam cash receipts", () => {
  it("issue for a paid bill → the bill reads with it → history → cancel → issue again", async () => {
    await bill("CR-1");
    const issued = await client.issueCashReceipt(receipt("CR-1"));
    expect(issued.error).toBeUndefined();
    expect(issued.data).toMatchObject({ billId: "CR-1", member: "RECEIPT-MEMBER", merchant: "RECEIPT-MERCHANT", trader: "0", issuanceNumber: "01012345678" });
    expect(issued.data!.hash).toBe(sha("CR-1,33000"));
    const cashNum = issued.data!.apprCashNum!;
    expect(cashNum).toMatch(/^\d+$/);

    // The bill's read carries the active receipt (BillReadPortResponse's apprCash* fields).
    const read = await client.readBill({ billId: "CR-1" });
    expect(read.data).toMatchObject({ apprState: "F", apprCashNum: cashNum, apprCashTrader: "0", apprCashIssuanceNumber: "01012345678" });

    const history = await client.readCashReceipt({ billId: "CR-1", price: "33000" });
    expect(history.error).toBeUndefined();
    expect(history.data).toMatchObject({ billId: "CR-1", merchant: "RECEIPT-MERCHANT" });
    // As PaySsam's sandbox answers them: no billId in the items, apprDt in 12 digits (YYMMDDhhmmss, KST).
    expect(history.data!.info).toEqual([
      { apprPrice: "33000", apprSupplyPrice: "30000", apprTax: "3000", trader: "0", apprNum: cashNum, apprState: "F", apprDt: "260912143015", issuanceNumber: "01012345678" },
    ]);

    const cancelled = await client.cancelCashReceipt({ billId: "CR-1", price: "33000", trader: "0" });
    expect(cancelled.error).toBeUndefined();
    expect(cancelled.data).toMatchObject({ billId: "CR-1", hash: sha("CR-1,33000") });
    expect(cancelled.data!.apprCashNum).not.toBe(cashNum);
    const afterCancel = await client.readBill({ billId: "CR-1" });
    expect(afterCancel.data).not.toHaveProperty("apprCashNum");

    // A cancelled receipt may be issued again (to a business number this time).
    const again = await client.issueCashReceipt({ ...receipt("CR-1"), issuanceNumber: "1234567890", trader: "1" });
    expect(again.error).toBeUndefined();
    const states = (await client.readCashReceipt({ billId: "CR-1", price: "33000" })).data!.info!.map((i) => [i.apprState, i.trader]);
    expect(states).toEqual([
      ["F", "0"],
      ["C", "0"],
      ["F", "1"],
    ]);
    expect(sb.payssam.bill("CR-1")!.cashReceipts).toHaveLength(3);
  });

  it("a bill with no receipt reads an empty history", async () => {
    await bill("CR-EMPTY");
    const history = await client.readCashReceipt({ billId: "CR-EMPTY", price: "33000" });
    expect(history.data!.info).toEqual([]);
  });

  it("answers each misuse with its result code", async () => {
    await bill("CR-PAID");
    await bill("CR-UNPAID", false);
    await bill("CR-CANCELLED");
    expect((await client.cancelBill({ billId: "CR-CANCELLED", price: "33000", cancelReason: "환불" })).error).toBeUndefined();

    // Issue: no such bill (BILL_003), a bill of another sub-merchant (BILL_003: looked up per merchant), not paid or
    // cancelled (PAYMENT_001: the receipt cannot be issued), already issued (PAYMENT_001).
    expect(code(await client.issueCashReceipt(receipt("CR-NONE")))).toBe("BILL_003");
    const other = createPaySsamClient({ ...envelope, merchant: "OTHER-MERCHANT", fetch: raw });
    expect(code(await other.issueCashReceipt(receipt("CR-PAID")))).toBe("BILL_003");
    expect(code(await client.issueCashReceipt(receipt("CR-UNPAID")))).toBe("PAYMENT_001");
    expect(code(await client.issueCashReceipt(receipt("CR-CANCELLED")))).toBe("PAYMENT_001");
    expect((await client.issueCashReceipt(receipt("CR-PAID"))).error).toBeUndefined();
    expect(code(await client.issueCashReceipt(receipt("CR-PAID")))).toBe("PAYMENT_001");
    // A price other than the bill's, or a supply price and tax that do not add up to it: VALIDATION_001.
    await bill("CR-SUMS");
    expect(code(await client.issueCashReceipt({ ...receipt("CR-SUMS"), price: "33001" }))).toBe("VALIDATION_001");
    expect(code(await client.issueCashReceipt({ ...receipt("CR-SUMS"), tax: "3300" }))).toBe("VALIDATION_001");

    // What our client refuses before sending, raw: a wrong hash (VALIDATION_002), the three-part form with a phone
    // (VALIDATION_002 too: cash receipts are two-part), a billId over 20 (BILL_007), a price under 100 or no tax (VALIDATION_001).
    const body = (fields: Record<string, unknown>) => ({ ...envelope, cashReceipt: { ...receipt("CR-SUMS"), hash: sha("CR-SUMS,33000"), ...fields } });
    expect((await post("/cash-receipt/issue", body({ hash: sha("CR-SUMS,33001") }))).body.code).toBe("VALIDATION_002");
    expect((await post("/cash-receipt/issue", body({ hash: sha("CR-SUMS,01012345678,33000") }))).body.code).toBe("VALIDATION_002");
    expect((await post("/cash-receipt/issue", body({ billId: "X".repeat(21) }))).body.code).toBe("BILL_007");
    expect((await post("/cash-receipt/issue", body({ price: "99", hash: sha("CR-SUMS,99") }))).body.code).toBe("VALIDATION_001");
    expect((await post("/cash-receipt/issue", body({ tax: undefined }))).body.code).toBe("VALIDATION_001");
    const bad = await post("/cash-receipt/issue", { ...envelope, bill: body({}).cashReceipt });
    expect([bad.status, bad.body.code, bad.body.data]).toEqual([200, "VALIDATION_001", null]);

    // Cancel: no bill (BILL_003), no receipt issued (BILL_003: the receipt lookup fails), another trader than the receipt's (VALIDATION_001).
    expect(code(await client.cancelCashReceipt({ billId: "CR-NONE", price: "33000", trader: "0" }))).toBe("BILL_003");
    expect(code(await client.cancelCashReceipt({ billId: "CR-UNPAID", price: "33000", trader: "0" }))).toBe("BILL_003");
    expect(code(await client.cancelCashReceipt({ billId: "CR-PAID", price: "33000", trader: "1" }))).toBe("VALIDATION_001");
    expect((await client.cancelCashReceipt({ billId: "CR-PAID", price: "33000", trader: "0" })).error).toBeUndefined();
    expect(code(await client.cancelCashReceipt({ billId: "CR-PAID", price: "33000", trader: "0" }))).toBe("BILL_003");
    expect((await post("/cash-receipt/cancel", { ...envelope, cashReceipt: { billId: "CR-PAID", price: "33000", trader: "0", hash: sha("CR-PAID,33001") } })).body.code).toBe("VALIDATION_002");

    // Read: no bill (BILL_003), a price other than the bill's (VALIDATION_001), a wrong hash (VALIDATION_002).
    expect(code(await client.readCashReceipt({ billId: "CR-NONE", price: "33000" }))).toBe("BILL_003");
    expect(code(await client.readCashReceipt({ billId: "CR-PAID", price: "34000" }))).toBe("VALIDATION_001");
    expect((await post("/cash-receipt/read", { ...envelope, cashReceipt: { billId: "CR-PAID", price: "33000", hash: "0".repeat(64) } })).body.code).toBe("VALIDATION_002");

    // Nothing refused changed a receipt: CR-PAID has its one issue and one cancel.
    expect(sb.payssam.bill("CR-PAID")!.cashReceipts.map((i) => i.apprState)).toEqual(["F", "C"]);
    expect(sb.payssam.bill("CR-UNPAID")!.cashReceipts).toEqual([]);
  });
});
