// The acceptance scenario through our public client, over a real server on 127.0.0.1: pre-register → the customer
// pays → Transaction.Paid reaches the app's handler and passes `verifyWebhook` → getPayment says PAID → a partial
// cancel shrinks the cancellable amount → an over-cancel is the spec's error → a full cancel → CANCELLED. Every
// answer of the sandbox and every webhook body is validated against specs/portone.
import { createPortOneClient, type PortOneClient } from "@payspec/portone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../src/index.js";
import { startReceiver, type Receiver } from "./receiver.js";
import { specJudge, type SpecJudge } from "./spec.js";

const WEBHOOK_SECRET = `whsec_${Buffer.from("scenario webhook key 0123456789").toString("base64")}`;

let sb: RunningSandbox;
let receiver: Receiver;
let judge: SpecJudge;
let client: PortOneClient;

beforeAll(async () => {
  judge = await specJudge();
  receiver = await startReceiver(WEBHOOK_SECRET);
  sb = await startSandbox({ portone: { secret: "scenario-api-secret", webhook: { url: receiver.url, secret: WEBHOOK_SECRET } } });
  client = createPortOneClient({ secret: "scenario-api-secret", baseUrl: sb.url, fetch: judge.checked(globalThis.fetch) });
});

afterAll(async () => {
  await sb?.close();
  await receiver?.close();
});

/** The verified payload of the n-th webhook the app received (failing the test when it did not verify). */
function verified(n: number) {
  const got = receiver.received[n];
  expect(got, `webhook #${n + 1} was not received`).toBeDefined();
  expect(got!.verification.error).toBeUndefined();
  judge.checkWebhook(got!.body);
  const data = got!.verification.data!;
  expect(data.version).toBe("2024-04-25");
  return data.payload as { type: string; timestamp: string; data: Record<string, string> };
}

describe("the PortOne V2 lifecycle through createPortOneClient against startSandbox", () => {
  it("pre-register → pay → Transaction.Paid verified by the app → PAID → partial cancel → over-cancel refused → full cancel → CANCELLED", async () => {
    const paymentId = "order-scenario-0001";
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const pre = await client.preRegisterPayment({ paymentId, totalAmount: 39000, taxFreeAmount: 0, currency: "KRW" });
    expect(pre.error).toBeUndefined();
    expect(pre.data).toEqual({});

    // The checkout step, through the control API of the running server (the browser SDK's part).
    const checkout = await fetch(`${sb.url}/__sandbox/portone/payments/${paymentId}/pay`, {
      method: "POST",
      body: JSON.stringify({ orderName: "유기농 원두 1kg", payMethod: "CARD", customer: { name: "홍길동" } }),
    });
    expect(checkout.status).toBe(200);
    expect(((await checkout.json()) as { status: string }).status).toBe("PAID");

    await sb.settled();
    const paid = verified(0);
    expect(paid.type).toBe("Transaction.Paid");
    expect(paid.data).toMatchObject({ paymentId, storeId: sb.portone.storeId });

    const got = await client.getPayment({ paymentId });
    expect(got.error).toBeUndefined();
    const payment = got.data!;
    expect(payment.status).toBe("PAID");
    if (payment.status !== "PAID") return;
    expect(payment.transactionId).toBe(paid.data["transactionId"]);
    expect(payment.amount).toMatchObject({ total: 39000, taxFree: 0, vat: 3545, supply: 35455, paid: 39000, cancelled: 0 });
    expect(payment.orderName).toBe("유기농 원두 1kg");
    expect(payment.webhooks?.[0]).toMatchObject({ status: "SUCCEEDED", paymentStatus: "PAID", currentExecutionCount: 1 });

    const partial = await client.cancelPayment({ paymentId, amount: 6000, reason: "드립백 품절로 인한 부분 취소", currentCancellableAmount: 39000 });
    expect(partial.error).toBeUndefined();
    expect(partial.data!.cancellation).toMatchObject({ status: "SUCCEEDED", totalAmount: 6000, taxFreeAmount: 0, vatAmount: 545, trigger: "API" });

    const afterPartial = (await client.getPayment({ paymentId })).data!;
    expect(afterPartial.status).toBe("PARTIAL_CANCELLED");
    if (afterPartial.status !== "PARTIAL_CANCELLED") return;
    // The cancellable amount shrinks: paid − cancelled.
    expect(afterPartial.amount.paid - afterPartial.amount.cancelled).toBe(33000);

    const over = await client.cancelPayment({ paymentId, amount: 33001, reason: "초과 취소" });
    expect(over.data).toBeUndefined();
    expect(over.error?.kind).toBe("api");
    if (over.error?.kind !== "api") return;
    expect(over.error.code).toBe("CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT");
    expect(over.error.httpStatus).toBe(409);

    const stale = await client.cancelPayment({ paymentId, reason: "잔액 불일치", currentCancellableAmount: 39000 });
    expect(stale.error?.kind === "api" && stale.error.code).toBe("CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN");

    const full = await client.cancelPayment({ paymentId, reason: "고객 요청 전액 취소", currentCancellableAmount: 33000 });
    expect(full.error).toBeUndefined();
    // The last cancellation takes the VAT that is left, so that the cancellations add up to the payment's VAT.
    expect(full.data!.cancellation).toMatchObject({ totalAmount: 33000, vatAmount: 3000 });

    const cancelled = (await client.getPayment({ paymentId })).data!;
    expect(cancelled.status).toBe("CANCELLED");
    if (cancelled.status !== "CANCELLED") return;
    expect(cancelled.amount).toMatchObject({ paid: 39000, cancelled: 39000 });
    expect(cancelled.cancellations.map((c) => c.totalAmount)).toEqual([6000, 33000]);

    const again = await client.cancelPayment({ paymentId, reason: "한 번 더" });
    expect(again.error?.kind === "api" && again.error.code).toBe("PAYMENT_ALREADY_CANCELLED");

    await sb.settled();
    expect(receiver.received).toHaveLength(3);
    const partialEvent = verified(1);
    const fullEvent = verified(2);
    expect(partialEvent).toMatchObject({ type: "Transaction.PartialCancelled", data: { paymentId, cancellationId: partial.data!.cancellation.id } });
    expect(fullEvent).toMatchObject({ type: "Transaction.Cancelled", data: { paymentId, cancellationId: full.data!.cancellation.id } });
    expect(sb.deliveries.map((d) => [d.event, d.state, d.attempts.length])).toEqual([
      ["Transaction.Paid", "succeeded", 1],
      ["Transaction.PartialCancelled", "succeeded", 1],
      ["Transaction.Cancelled", "succeeded", 1],
    ]);

    const listed = await client.getPayments({ filter: { status: ["CANCELLED"] }, page: { number: 0, size: 10 } });
    expect(listed.data?.items.map((p) => p.id)).toEqual([paymentId]);
    expect(listed.data?.page).toEqual({ number: 0, size: 10, totalCount: 1 });

    expect(judge.violations).toEqual([]);
    expect(judge.counted).toEqual({ responses: 10, webhooks: 3 });
  });
});
