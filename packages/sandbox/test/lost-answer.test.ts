// "Applied, but the answer was lost": the sandbox commits the cancel, then drops the connection. Our client (retries
// on) sent the write with an Idempotency-Key and sends it again with the same key after the network error; the
// sandbox answers the stored result, so the payment is cancelled exactly once. The two counterfactuals show what the
// fault does without the key: the client reports `network` (outcome unknown) although the cancel was applied.
import { createPortOneClient, type TransportEvent } from "@payspec/portone";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../src/index.js";
import { specJudge, type SpecJudge } from "./spec.js";

let sb: RunningSandbox;
let judge: SpecJudge;

beforeAll(async () => {
  judge = await specJudge();
  sb = await startSandbox();
});
afterAll(() => sb?.close());
beforeEach(() => sb.reset());

function paidPayment(paymentId: string) {
  sb.portone.pay({ paymentId, totalAmount: 10_000, payMethod: "CARD" });
}

describe("a cancel whose answer was lost", () => {
  it("retried by our client with its Idempotency-Key, cancels exactly once and hands back the first answer", async () => {
    paidPayment("order-lost-1");
    const events: TransportEvent[] = [];
    const client = createPortOneClient({
      secret: sb.portone.secret,
      baseUrl: sb.url,
      retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 },
      onEvent: (event) => events.push(event),
      fetch: judge.checked(globalThis.fetch),
    });
    sb.faults.inject({ operation: "cancelPayment", fault: "lost-answer" });

    const result = await client.cancelPayment({ paymentId: "order-lost-1", amount: 1000, reason: "부분 환불" });

    expect(result.error).toBeUndefined();
    expect(result.data!.cancellation.totalAmount).toBe(1000);
    expect(result.response!.headers.get("x-sandbox-idempotent-replay")).toBe("true");
    // Two attempts: the first ended in a network error after the change was committed.
    const attempts = events.filter((e) => e.type === "request" && e.operation === "cancelPayment");
    expect(attempts).toHaveLength(2);
    expect(events.find((e) => e.type === "error")?.type).toBe("error");
    const keys = attempts.map((e) => (e.type === "request" ? e.headers["Idempotency-Key"] : undefined));
    expect(keys[0]).toMatch(/^".{16,}"$/);
    expect(keys[1]).toBe(keys[0]);

    const payment = sb.portone.payment("order-lost-1")!;
    expect(payment.status).toBe("PARTIAL_CANCELLED");
    if (payment.status !== "PARTIAL_CANCELLED") return;
    expect(payment.cancellations).toHaveLength(1);
    expect(payment.cancellations[0]!.id).toBe(result.data!.cancellation.id);
    expect(payment.amount.cancelled).toBe(1000);
    expect(judge.violations).toEqual([]);
  });

  it("without retries the client reports `network` (outcome unknown), and the cancel was applied all the same", async () => {
    paidPayment("order-lost-2");
    const client = createPortOneClient({ secret: sb.portone.secret, baseUrl: sb.url });
    sb.faults.inject({ operation: "cancelPayment", fault: "lost-answer" });

    const result = await client.cancelPayment({ paymentId: "order-lost-2", amount: 1000, reason: "부분 환불" });

    expect(result.error?.kind).toBe("network");
    expect(sb.portone.payment("order-lost-2")!.amount.cancelled).toBe(1000);
  });

  it("a blind resend without the key would cancel twice: the key, not the fault, is what makes the retry safe", async () => {
    paidPayment("order-lost-3");
    const client = createPortOneClient({ secret: sb.portone.secret, baseUrl: sb.url });
    sb.faults.inject({ operation: "cancelPayment", fault: "lost-answer" });

    const first = await client.cancelPayment({ paymentId: "order-lost-3", amount: 1000, reason: "부분 환불" });
    const resent = await client.cancelPayment({ paymentId: "order-lost-3", amount: 1000, reason: "부분 환불" });

    expect(first.error?.kind).toBe("network");
    expect(resent.error).toBeUndefined();
    expect(sb.portone.payment("order-lost-3")!.amount.cancelled).toBe(2000);
  });
});
