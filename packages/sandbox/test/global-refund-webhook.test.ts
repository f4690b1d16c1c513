// PortOne Global's refund webhook in the sandbox (none was sent before): each refund POSTs the `RefundWebhook` of
// specs/portone-global to the webhook URL — unsigned, as PortOne Global documents it (no signature field, no
// header), so the app takes it with `parseRefundWebhook` and re-reads the refunds — is in the delivery log, is
// re-sent on the sandbox clock while the app answers non-2xx, and can be redelivered by hand. Through our client
// on the in-process fetch; every answer and webhook body is validated against the spec.
import { createPortOneGlobalClient, type PortOneGlobalClient } from "@payspec/portone-global";
import { parseRefundWebhook, verifyPaymentWebhook } from "@payspec/portone-global/webhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { globalJudge, type GlobalJudge } from "./global-spec.js";

const KEY = "refund-hook-key";
const SECRET = "refund-hook-secret";
const HOOK = "https://shop.example/webhooks/portone-global";

let sb: Sandbox;
let judge: GlobalJudge;
let client: PortOneGlobalClient;
const hooks: { headers: Headers; body: string }[] = [];
/** The app's next answers (then 200). */
const script: number[] = [];

beforeAll(async () => {
  judge = await globalJudge();
  sb = createSandbox({
    global: { clientKey: KEY, secretKey: SECRET, merchantId: "2077", webhook: { url: HOOK } },
    webhooks: {
      fetch: async (_input, init) => {
        hooks.push({ headers: new Headers(init?.headers), body: String(init?.body) });
        return new Response("", { status: script.shift() ?? 200 });
      },
    },
  });
  client = createPortOneGlobalClient({ clientKey: KEY, secretKey: SECRET, fetch: judge.checked(sb.global.fetch) });
});
beforeEach(() => {
  sb.reset();
  sb.global.setWebhook({ url: HOOK });
  hooks.length = 0;
  script.length = 0;
});
afterEach(() => {
  expect(judge.violations.splice(0)).toEqual([]);
});
afterAll(() => sb?.close());

const code = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

/** A paid transaction of 30,000 KRW; its payment webhook is delivered and forgotten. */
async function paid(merchantOrderId: string) {
  const started = await client.initiatePayment({
    merchant_order_id: merchantOrderId,
    amount: 30000,
    currency: "KRW",
    success_url: "https://shop.example/ok",
    failure_url: "https://shop.example/ko",
    environment: "sandbox",
    pmt_channel: "PORTONE_KR",
    pmt_method: "PORTONE_KAKAOPAY",
  });
  const orderRef = started.data!.order_ref!;
  sb.global.complete(orderRef, "Success");
  await sb.settled();
  hooks.length = 0;
  return orderRef;
}

const refundDeliveries = () => sb.deliveries.filter((d) => d.event === "refund");

describe("PortOne Global refund webhooks", () => {
  it("each refund sends its refund webhook: unsigned, in the spec's form, parsed by parseRefundWebhook", async () => {
    const orderRef = await paid("RH-1");
    const partial = await client.createRefund({ portone_order_ref: orderRef, refund_type: "partial", amount: 12000, environment: "sandbox", refund_reason: "One item returned" });
    expect(partial.error).toBeUndefined();
    await sb.settled();
    expect(hooks).toHaveLength(1);
    const refund = partial.data!.refundDetails![0]!;

    const parsed = await parseRefundWebhook(hooks[0]!.body);
    expect(parsed.error).toBeUndefined();
    expect(parsed.data).toEqual({
      refund_id: refund.refund_id,
      psp_refund_id: refund.psp_refund_id,
      amount: 12000,
      currency: "KRW",
      refund_status: "SUCCESS",
      refund_type: "partial",
      refund_reason: "One item returned",
      merchant_id: "2077",
      payment_txn_ref: orderRef,
      payment_channel: "PORTONE_KR",
      payment_method: "PORTONE_KAKAOPAY",
    });
    expect(judge.checkWebhook(hooks[0]!.body, "refund")).toEqual([]);
    // Unsigned: no signature field and no signature header, so a payment-webhook verifier refuses it.
    expect(hooks[0]!.body).not.toContain("signature_hash");
    expect(hooks[0]!.headers.get("webhook-signature")).toBeNull();
    expect((await verifyPaymentWebhook(SECRET, hooks[0]!.body)).error?.kind).toBe("inbound");
    expect(hooks[0]!.headers.get("content-type")).toBe("application/json");

    expect(refundDeliveries().map((d) => [d.provider, d.subject, d.url, d.state, d.meta["refundStatus"]])).toEqual([["portone-global", orderRef, HOOK, "succeeded", "SUCCESS"]]);

    // The full refund of the rest sends the second; a refused refund (nothing left: 4070) sends none.
    expect((await client.createRefund({ portone_order_ref: orderRef, refund_type: "full", environment: "sandbox" })).error).toBeUndefined();
    expect(code(await client.createRefund({ portone_order_ref: orderRef, refund_type: "full", environment: "sandbox" }))).toBe("4070");
    await sb.settled();
    expect(refundDeliveries().map((d) => JSON.parse(d.body) as { refund_type: string; amount: number }).map((b) => [b.refund_type, b.amount])).toEqual([
      ["partial", 12000],
      ["full", 18000],
    ]);
  });

  it("is re-sent on the sandbox clock while the app answers non-2xx, and redelivered by hand", async () => {
    const orderRef = await paid("RH-2");
    script.push(500, 503);
    expect((await client.createRefund({ portone_order_ref: orderRef, refund_type: "full", environment: "sandbox" })).error).toBeUndefined();
    await sb.settled();
    const [delivery] = refundDeliveries();
    expect(delivery).toMatchObject({ state: "pending" });
    expect(delivery!.attempts.map((a) => [a.trigger, a.status])).toEqual([["event", 500]]);

    // The sandbox's default schedule (PortOne Global documents none): the first re-send after a minute.
    sb.clock.advance(60_000);
    await sb.settled();
    sb.clock.advance(4 * 60_000);
    await sb.settled();
    const after = refundDeliveries()[0]!;
    expect(after.state).toBe("succeeded");
    expect(after.attempts.map((a) => [a.trigger, a.status])).toEqual([
      ["event", 500],
      ["retry", 503],
      ["retry", 200],
    ]);
    // The same body every time.
    expect(new Set(hooks.map((h) => h.body))).toEqual(new Set([delivery!.body]));

    // By hand, also over the control API.
    const manual = await sb.redeliver(after.id);
    expect(manual).toMatchObject({ trigger: "manual", status: 200, ok: true });
    const overHttp = await sb.global.fetch(`https://api.portone.cloud/__sandbox/deliveries/${after.id}/redeliver`, { method: "POST" });
    expect(overHttp.status).toBe(200);
    expect(refundDeliveries()[0]!.attempts).toHaveLength(5);
    expect(hooks).toHaveLength(5);
  });

  it("sends nothing when no webhook URL is set", async () => {
    const orderRef = await paid("RH-3");
    sb.global.setWebhook(undefined);
    expect((await client.createRefund({ portone_order_ref: orderRef, refund_type: "partial", amount: 1000, environment: "sandbox" })).error).toBeUndefined();
    await sb.settled();
    expect(refundDeliveries()).toEqual([]);
    expect(hooks).toEqual([]);
  });
});
