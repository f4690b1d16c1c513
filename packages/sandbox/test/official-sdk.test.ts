// PortOne's own server SDK runs the scenario's reads and writes against the in-process fetch, installed as the global
// fetch (the SDK has no fetch option). It sends JSON writes without a content type (fetch makes them text/plain),
// which PortOne accepts and so does the sandbox. Its webhook verifier accepts the sandbox's signatures.
import { PortOneClient, PortOneError, Webhook } from "@portone/server-sdk";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { specJudge, type SpecJudge } from "./spec.js";

const SECRET = "official-sdk-api-secret";
const WEBHOOK_SECRET = `whsec_${Buffer.from("official sdk webhook key").toString("base64")}`;

let sb: Sandbox;
let judge: SpecJudge;
const delivered: { type: string; data: unknown }[] = [];
const sentContentTypes: (string | null)[] = [];

beforeAll(async () => {
  judge = await specJudge();
  // The app's webhook handler, in process: the official SDK's verifier decides.
  const app = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = await request.text();
    judge.checkWebhook(body);
    const headers = Object.fromEntries(request.headers);
    const webhook = await Webhook.verify(WEBHOOK_SECRET.slice("whsec_".length), body, headers);
    delivered.push(webhook as { type: string; data: unknown });
    return new Response("ok");
  };
  sb = createSandbox({ portone: { secret: SECRET, webhook: { url: "https://app.example/webhooks", secret: WEBHOOK_SECRET } }, webhooks: { fetch: app } });
  const checked = judge.checked(sb.fetch);
  vi.stubGlobal("fetch", (input: RequestInfo | URL, init?: RequestInit) => {
    sentContentTypes.push(new Request(input, init).headers.get("content-type"));
    return checked(input, init);
  });
});
afterEach(() => sb.settled());
afterAll(async () => {
  vi.unstubAllGlobals();
  await sb?.close();
});

describe("@portone/server-sdk against the in-process fetch", () => {
  it("pre-registers, reads the paid payment, cancels in part and in full, lists, and gets the spec's error bodies", async () => {
    const portone = PortOneClient({ secret: SECRET });
    const paymentId = "order-official-sdk-1";

    await expect(portone.payment.preRegisterPayment({ paymentId, totalAmount: 20000, currency: "KRW" })).resolves.toEqual({});
    sb.portone.pay({ paymentId, payMethod: "EASY_PAY", orderName: "공식 SDK 주문" });

    const paid = await portone.payment.getPayment({ paymentId });
    expect(paid.status).toBe("PAID");

    const partial = await portone.payment.cancelPayment({ paymentId, amount: 5000, reason: "부분 취소" });
    expect(partial.cancellation.status).toBe("SUCCEEDED");

    const over = await portone.payment.cancelPayment({ paymentId, amount: 15001, reason: "초과" }).catch((e: unknown) => e);
    expect(over).toBeInstanceOf(PortOneError);
    expect((over as { data: { type: string } }).data.type).toBe("CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT");

    const full = await portone.payment.cancelPayment({ paymentId, reason: "전액 취소", currentCancellableAmount: 15000 });
    expect(full.cancellation).toMatchObject({ status: "SUCCEEDED", totalAmount: 15000 });

    const listed = await portone.payment.getPayments({ page: { number: 0, size: 5 }, filter: { status: ["CANCELLED"], textSearch: [{ field: "ORDER_NAME", value: "공식 SDK" }] } });
    expect(listed.items).toEqual([expect.objectContaining({ id: paymentId, status: "CANCELLED" })]);

    const missing = await portone.payment.getPayment({ paymentId: "order-nobody" }).catch((e: unknown) => e);
    expect((missing as { data: { type: string } }).data.type).toBe("PAYMENT_NOT_FOUND");

    const wrongSecret = await PortOneClient({ secret: "not-the-sandbox-secret" }).payment.getPayment({ paymentId }).catch((e: unknown) => e);
    expect((wrongSecret as { data: { type: string } }).data.type).toBe("UNAUTHORIZED");

    // The writes went out as text/plain (no content type of their own) and were accepted.
    expect(sentContentTypes.filter((t) => t?.startsWith("text/plain"))).toHaveLength(4);
    await sb.settled();
    expect(delivered.map((w) => w.type)).toEqual(["Transaction.Paid", "Transaction.PartialCancelled", "Transaction.Cancelled"]);
    expect(judge.violations).toEqual([]);
    expect(judge.counted.responses).toBe(8);
  });
});
