// Cash receipts in the sandbox, through our client on the in-process fetch: issueCashReceipt, getCashReceiptByPaymentId,
// getCashReceipts (filters, sort, pages) and cancelCashReceiptByPaymentId, each business error of the spec when its
// condition holds, and the receipt on the payment (Payment.cashReceipt, getPayments' cash-receipt filters). The
// customer's identity number is checked and never echoed. Every answer is validated against specs/portone. Before
// this change /cash-receipts and /payments/{id}/cash-receipt[/cancel] answered the sandbox's 501 "Not simulated".
import { createPortOneClient, type PortOneClient } from "@payspec/portone";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { specJudge, type SpecJudge } from "./spec.js";

const PHONE = "01098765432";
const MINUTE = 60_000;

let sb: Sandbox;
let judge: SpecJudge;
let client: PortOneClient;
let raw: typeof globalThis.fetch;
const auth = { authorization: "PortOne cr-api-secret" };
/** Every answer body, to show that the identity number never comes back. */
const bodies: string[] = [];

beforeAll(async () => {
  judge = await specJudge();
  sb = createSandbox({ portone: { secret: "cr-api-secret", storeId: "store-cr" }, clock: { start: "2026-03-01T00:00:00Z" } });
  const checked = judge.checked(sb.fetch);
  raw = async (input, init) => {
    const response = await checked(input, init);
    bodies.push(await response.clone().text());
    return response;
  };
  client = createPortOneClient({ secret: "cr-api-secret", baseUrl: "https://api.portone.io", fetch: raw });
});
beforeEach(() => {
  sb.reset();
  bodies.length = 0;
});
afterEach(() => {
  const found = judge.violations.splice(0);
  expect(found).toEqual([]);
  expect(bodies.filter((body) => body.includes(PHONE))).toEqual([]);
});
afterAll(() => sb?.close());

const apiCode = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

function receiptInput(paymentId: string, total = 33000, type: "PERSONAL" | "CORPORATE" = "PERSONAL") {
  return {
    paymentId,
    channelKey: "channel-key-cr",
    type,
    orderName: `주문 ${paymentId}`,
    currency: "KRW" as const,
    amount: { total, taxFree: 0 },
    customer: { identityNumber: PHONE, identityNumberType: "PHONE" as const, name: "김하늘" },
  };
}

describe("the cash receipt of a paid transfer: issue → read → on the payment → list → cancel", () => {
  it("issues, reads ISSUED on the receipt and on the payment, cancels to CANCELLED with the cancelled amount", async () => {
    sb.portone.pay({ paymentId: "order-cr-1", totalAmount: 33000, payMethod: "TRANSFER" });
    const issued = await client.issueCashReceipt(receiptInput("order-cr-1"));
    expect(issued.error).toBeUndefined();
    const summary = issued.data!.cashReceipt;
    expect(summary.issueNumber).toMatch(/^\d{9}$/);

    const receipt = (await client.getCashReceiptByPaymentId({ paymentId: "order-cr-1" })).data!;
    expect(receipt).toMatchObject({
      status: "ISSUED",
      paymentId: "order-cr-1",
      storeId: "store-cr",
      amount: 33000,
      taxFreeAmount: 0,
      vatAmount: 3000,
      currency: "KRW",
      isManual: true,
      type: "PERSONAL",
      issueNumber: summary.issueNumber,
      pgReceiptId: summary.pgReceiptId,
      url: summary.url,
      channel: { key: "channel-key-cr" },
    });
    const payment = (await client.getPayment({ paymentId: "order-cr-1" })).data!;
    expect(payment.status === "PAID" && payment.cashReceipt).toMatchObject({ status: "ISSUED", issueNumber: summary.issueNumber, totalAmount: 33000, type: "PERSONAL" });
    expect((await client.getCashReceipts()).data!.items.map((r) => r.paymentId)).toEqual(["order-cr-1"]);

    sb.clock.advance(MINUTE);
    const cancelled = await client.cancelCashReceiptByPaymentId({ paymentId: "order-cr-1" });
    expect(cancelled.error).toBeUndefined();
    expect(cancelled.data!.cancelledAmount).toBe(33000);
    // Sandbox time, a minute after the issue.
    const age = sb.clock.now() - Date.parse(cancelled.data!.cancelledAt);
    expect(age >= 0 && age < 5_000).toBe(true);
    const after = (await client.getCashReceiptByPaymentId({ paymentId: "order-cr-1" })).data!;
    expect(after).toMatchObject({ status: "CANCELLED", cancelledAt: cancelled.data!.cancelledAt, statusUpdatedAt: cancelled.data!.cancelledAt });
    const paymentAfter = (await client.getPayment({ paymentId: "order-cr-1" })).data!;
    expect(paymentAfter.status === "PAID" && paymentAfter.cashReceipt).toMatchObject({ status: "CANCELLED", cancelledAt: cancelled.data!.cancelledAt });
    // getPayments' cash-receipt filters see it.
    const ids = async (filter: object) => (await client.getPayments({ filter } as never)).data!.items.map((p) => p.id);
    expect(await ids({ cashReceiptStatus: "CANCELLED", cashReceiptType: "PERSONAL" })).toEqual(["order-cr-1"]);
    expect(await ids({ cashReceiptStatus: "ISSUED" })).toEqual([]);
    expect(await ids({ cashReceiptCancelledAtRange: { from: after.status === "CANCELLED" ? after.cancelledAt : "", until: sb.clock.iso() } })).toEqual(["order-cr-1"]);
  });

  it("issues for a paymentId PortOne does not know (a payment made outside it)", async () => {
    const issued = await client.issueCashReceipt(receiptInput("offline-20260301-0001", 15000, "CORPORATE"));
    expect(issued.error).toBeUndefined();
    expect((await client.getCashReceiptByPaymentId({ paymentId: "offline-20260301-0001" })).data).toMatchObject({ status: "ISSUED", type: "CORPORATE", amount: 15000 });
    expect(apiCode(await client.getPayment({ paymentId: "offline-20260301-0001" }))).toBe("PAYMENT_NOT_FOUND");
  });
});

describe("cash receipt errors", () => {
  it("CASH_RECEIPT_ALREADY_ISSUED (409) for a second issue, also once the first was cancelled", async () => {
    expect((await client.issueCashReceipt(receiptInput("dup-1"))).error).toBeUndefined();
    const again = await client.issueCashReceipt(receiptInput("dup-1", 1000));
    expect(again.error).toMatchObject({ kind: "api", httpStatus: 409, code: "CASH_RECEIPT_ALREADY_ISSUED" });
    await client.cancelCashReceiptByPaymentId({ paymentId: "dup-1" });
    expect(apiCode(await client.issueCashReceipt(receiptInput("dup-1")))).toBe("CASH_RECEIPT_ALREADY_ISSUED");
    expect((await client.getCashReceiptByPaymentId({ paymentId: "dup-1" })).data).toMatchObject({ status: "CANCELLED", amount: 33000 });
  });

  it("CASH_RECEIPT_NOT_FOUND (404) reading or cancelling a paymentId without a receipt", async () => {
    expect((await client.getCashReceiptByPaymentId({ paymentId: "none" })).error).toMatchObject({ httpStatus: 404, code: "CASH_RECEIPT_NOT_FOUND" });
    expect((await client.cancelCashReceiptByPaymentId({ paymentId: "none" })).error).toMatchObject({ httpStatus: 404, code: "CASH_RECEIPT_NOT_FOUND" });
  });

  it("CASH_RECEIPT_NOT_ISSUED (404) cancelling a receipt already cancelled", async () => {
    await client.issueCashReceipt(receiptInput("twice-1"));
    expect((await client.cancelCashReceiptByPaymentId({ paymentId: "twice-1" })).error).toBeUndefined();
    expect((await client.cancelCashReceiptByPaymentId({ paymentId: "twice-1" })).error).toMatchObject({ httpStatus: 404, code: "CASH_RECEIPT_NOT_ISSUED" });
  });

  it("INVALID_REQUEST without the customer's identity number, a type, or with parts above the total — never echoing the number", async () => {
    const input = receiptInput("bad-1");
    const bad = [
      { ...input, customer: { identityNumberType: "PHONE", name: "김하늘" } },
      { ...input, type: undefined },
      { ...input, type: "NO_RECEIPT" },
      { ...input, amount: { total: 1000, taxFree: 800, vat: 300 } },
      { ...input, customer: { ...input.customer, identityNumberType: "PASSPORT" } },
    ];
    for (const body of bad) {
      const response = await raw("https://api.portone.io/cash-receipts", { method: "POST", headers: auth, body: JSON.stringify(body) });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ type: "INVALID_REQUEST" });
    }
    expect(apiCode(await client.getCashReceiptByPaymentId({ paymentId: "bad-1" }))).toBe("CASH_RECEIPT_NOT_FOUND");
  });

  it("FORBIDDEN for another store, in the body, the query and filter.storeId", async () => {
    expect(apiCode(await client.issueCashReceipt({ ...receiptInput("store-1"), storeId: "store-other" }))).toBe("FORBIDDEN");
    expect(apiCode(await client.getCashReceiptByPaymentId({ paymentId: "store-1", storeId: "store-other" }))).toBe("FORBIDDEN");
    expect(apiCode(await client.cancelCashReceiptByPaymentId({ paymentId: "store-1", storeId: "store-other" }))).toBe("FORBIDDEN");
    expect(apiCode(await client.getCashReceipts({ filter: { storeId: "store-other" } }))).toBe("FORBIDDEN");
  });
});

describe("getCashReceipts", () => {
  it("lists newest first by issuedAt with the spec's PageInfo; filters by status, type, paymentId, the time field, PG and flags", async () => {
    const start = sb.clock.now();
    for (const [i, type] of (["PERSONAL", "CORPORATE", "PERSONAL"] as const).entries()) {
      await client.issueCashReceipt(receiptInput(`list-${i}`, 1000 * (i + 1), type));
      sb.clock.advance(MINUTE);
    }
    await client.cancelCashReceiptByPaymentId({ paymentId: "list-0" });
    const ids = async (input: object) => {
      const result = await client.getCashReceipts(input as never);
      expect(result.error).toBeUndefined();
      return result.data!.items.map((r) => r.paymentId);
    };
    expect(await ids({})).toEqual(["list-2", "list-1", "list-0"]);
    const page = (await client.getCashReceipts({ page: { number: 1, size: 2 } })).data!;
    expect(page.items.map((r) => r.paymentId)).toEqual(["list-0"]);
    expect(page.page).toEqual({ number: 1, size: 2, totalCount: 3 });
    expect(await ids({ sort: { by: "ISSUED_AT", order: "ASC" } })).toEqual(["list-0", "list-1", "list-2"]);
    // STATUS_UPDATED_AT: list-0 was cancelled last.
    expect(await ids({ sort: { by: "STATUS_UPDATED_AT" } })).toEqual(["list-0", "list-2", "list-1"]);

    expect(await ids({ filter: { statuses: ["CANCELLED"] } })).toEqual(["list-0"]);
    expect(await ids({ filter: { statuses: ["FAILED"] } })).toEqual([]);
    expect(await ids({ filter: { types: ["CORPORATE"] } })).toEqual(["list-1"]);
    expect(await ids({ filter: { paymentId: "list-2", orderName: "주문 list-2" } })).toEqual(["list-2"]);
    expect(await ids({ filter: { pgProviders: ["TOSSPAYMENTS"], pgCompanies: ["TOSSPAYMENTS"], version: "V2", isManual: true, isTest: true } })).toHaveLength(3);
    for (const filter of [{ isManual: false }, { isTest: false }, { version: "V1" }, { pgCompanies: ["KCP"] }]) {
      expect(await ids({ filter }), JSON.stringify(filter)).toEqual([]);
    }
    const at = (minutes: number) => new Date(start + minutes * MINUTE).toISOString();
    expect(await ids({ filter: { from: at(0.5), until: at(1.5) } })).toEqual(["list-1"]);
    expect(await ids({ filter: { timeRangeField: "CANCELLED_AT", from: at(2.5), until: at(3.5) } })).toEqual(["list-0"]);
    expect(await ids({ filter: { timeRangeField: "STATUS_UPDATED_AT", from: at(2.5), until: at(3.5) } })).toEqual(["list-0"]);
  });

  it("answers INVALID_REQUEST for a window that ends before it starts and for a type outside the enum", async () => {
    for (const body of [{ filter: { from: "2026-03-02T00:00:00Z", until: "2026-03-01T00:00:00Z" } }, { filter: { types: ["NO_RECEIPT"] } }]) {
      const response = await raw(`https://api.portone.io/cash-receipts?requestBody=${encodeURIComponent(JSON.stringify(body))}`, { headers: auth });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ type: "INVALID_REQUEST" });
    }
  });
});
