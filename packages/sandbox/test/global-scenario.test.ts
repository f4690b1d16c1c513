// The PortOne Global lifecycle through our public client, over real servers on 127.0.0.1: initiatePayment (signed
// by the client) → status Pending → the buyer pays (sb.global.complete) → the payment webhook reaches the app's
// handler, which verifies it with `verifyPaymentWebhook` → status Success, details with the outcome → partial
// refund → listRefunds shows it → over-refund is 4041 → full refund of the rest. The redirect back to success_url
// is verified with `verifyPaymentRedirect`. Every answer, webhook body and redirect query is validated against
// specs/portone-global, and the webhook is recorded in the shared delivery log.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { createPortOneGlobalClient, type PortOneGlobalClient } from "@payspec/portone-global";
import { parseRefundWebhook, verifyPaymentRedirect, verifyPaymentWebhook, type PortOneGlobalInboundResult, type PaymentWebhookPayload } from "@payspec/portone-global/webhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../src/index.js";
import { globalJudge, type GlobalJudge } from "./global-spec.js";

const CLIENT_KEY = "scenario-global-key";
const SECRET_KEY = "scenario-global-secret";

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly verified: PortOneGlobalInboundResult<PaymentWebhookPayload>;
}

/** The app's webhook handler: verifies each payment webhook with the PortOne Secret, 200 when valid, 400 when not. */
async function startApp(secret: string) {
  const received: Received[] = [];
  const refunds: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      // Refund webhooks (unsigned) come to the same URL: taken with parseRefundWebhook and kept apart.
      if (body.includes('"refund_id"')) {
        void parseRefundWebhook(body).then((parsed) => {
          refunds.push(body);
          res.writeHead(parsed.error ? 400 : 200, { "content-type": "text/plain" }).end(parsed.error ? "refused" : "ok");
        });
        return;
      }
      void verifyPaymentWebhook(secret, body).then((verified) => {
        received.push({ headers: req.headers, body, verified });
        res.writeHead(verified.error ? 400 : 200, { "content-type": "text/plain" }).end(verified.error ? "refused" : "ok");
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/portone-global`,
    received,
    refunds,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let sb: RunningSandbox;
let app: Awaited<ReturnType<typeof startApp>>;
let judge: GlobalJudge;
let client: PortOneGlobalClient;

beforeAll(async () => {
  judge = await globalJudge();
  app = await startApp(SECRET_KEY);
  sb = await startSandbox({ global: { clientKey: CLIENT_KEY, secretKey: SECRET_KEY, webhook: { url: app.url } } });
  client = createPortOneGlobalClient({ clientKey: CLIENT_KEY, secretKey: SECRET_KEY, baseUrl: sb.global.url, fetch: judge.checked(globalThis.fetch) });
});

afterAll(async () => {
  await sb?.close();
  await app?.close();
});

const code = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

const order = (merchantOrderId: string, amount = 15000) => ({
  merchant_order_id: merchantOrderId,
  amount,
  currency: "KRW",
  success_url: "https://shop.example/pay/success",
  failure_url: "https://shop.example/pay/failure",
  environment: "sandbox" as const,
  pmt_channel: "PORTONE_KR",
  pmt_method: "PORTONE_KAKAOPAY",
});

describe("the PortOne Global lifecycle through createPortOneGlobalClient against startSandbox", () => {
  it("initiate → Pending → complete → webhook verified by the app → Success → partial refund → listRefunds → full refund", async () => {
    expect(sb.global.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set([sb.url, sb.payssam.url, sb.global.url]).size).toBe(3);

    const started = await client.initiatePayment(order("GL-ORDER-1"));
    expect(started.error).toBeUndefined();
    const orderRef = started.data!.order_ref!;
    expect(started.data).toMatchObject({ is_success: true, merchant_order_ref: "GL-ORDER-1", expiry_in_minutes: 15 });
    expect(started.data!.redirect_url).toBe(`${sb.global.url}/__sandbox/portone-global/transactions/${orderRef}`);

    const pending = await client.getTransactionStatus({ merchantOrderRef: "GL-ORDER-1" });
    expect(pending.error).toBeUndefined();
    expect(pending.data).toEqual({ status: "Pending" });
    const pendingDetails = await client.getTransactionDetails({ order_ref: orderRef });
    expect(pendingDetails.data).toMatchObject({ order_ref: orderRef, status: "Pending", status_code: "", amount: 15000, currency: "KRW" });
    // No redirect before the buyer is done.
    expect(sb.global.redirectUrl(orderRef)).toBeUndefined();
    // Refunding an unpaid transaction: 4070.
    expect(code(await client.createRefund({ portone_order_ref: orderRef, refund_type: "full", environment: "sandbox" }))).toBe("4070");

    // The buyer pays on the payment page (the control step; also POST …/transactions/<order_ref>/complete).
    const page = await fetch(started.data!.redirect_url!);
    expect(((await page.json()) as { details: { status: string } }).details.status).toBe("Pending");
    const complete = await fetch(`${sb.global.url}/__sandbox/portone-global/transactions/${orderRef}/complete`, { method: "POST", body: JSON.stringify({ status: "Success" }) });
    expect(complete.status).toBe(200);

    await sb.settled();
    expect(app.received).toHaveLength(1);
    const webhook = app.received[0]!;
    expect(webhook.verified.error).toBeUndefined();
    expect(webhook.headers["content-type"]).toBe("application/json");
    // Signed in the body only: no Standard Webhooks headers.
    expect(webhook.headers["webhook-signature"]).toBeUndefined();
    expect(judge.checkWebhook(webhook.body)).toEqual([]);
    expect(webhook.verified.data).toMatchObject({ order_ref: orderRef, merchant_order_ref: "GL-ORDER-1", status: "Success", status_code: "2000", amount: 15000, currency: "KRW" });
    expect(sb.deliveries.map((d) => [d.provider, d.event, d.subject, d.url, d.state, d.attempts.length])).toEqual([
      ["portone-global", "payment", orderRef, app.url, "succeeded", 1],
    ]);
    // The same webhook signed with another secret is refused by the app's verifier.
    expect((await verifyPaymentWebhook("another-secret", webhook.body)).error?.reason).toBe("mismatch");

    const paid = await client.getTransactionStatus({ merchantOrderRef: "GL-ORDER-1" });
    expect(paid.data).toEqual({ status: "Success" });
    const details = await client.getTransactionDetails({ order_ref: orderRef });
    expect(details.data).toMatchObject({ status: "Success", status_code: "2000", status_reason: "SUCCESS", channel_order_ref: webhook.verified.data!.channel_order_ref, is_refund_allowed: true });

    // The redirect back to success_url is signed: verifyPaymentRedirect accepts it.
    const redirect = sb.global.redirectUrl(orderRef)!;
    expect(redirect.startsWith("https://shop.example/pay/success?")).toBe(true);
    expect(judge.checkRedirect(redirect)).toEqual([]);
    const verifiedRedirect = await verifyPaymentRedirect(SECRET_KEY, redirect);
    expect(verifiedRedirect.error).toBeUndefined();
    expect(verifiedRedirect.data).toMatchObject({ order_ref: orderRef, merchant_order_ref: "GL-ORDER-1", status: "Success", amount: "15000", currency: "KRW" });
    // Altered (another status), the redirect is refused.
    const altered = new URL(redirect);
    altered.searchParams.set("status", "Failed");
    expect((await verifyPaymentRedirect(SECRET_KEY, altered)).error?.reason).toBe("mismatch");

    const partial = await client.createRefund({ portone_order_ref: orderRef, refund_type: "partial", amount: 5000, environment: "sandbox", refund_reason: "Item returned" });
    expect(partial.error).toBeUndefined();
    expect(partial.data!.amountToRefund).toBe(10000);
    expect(partial.data!.refundDetails).toHaveLength(1);
    expect(partial.data!.refundDetails![0]).toMatchObject({ amount: 5000, currency: "KRW", refund_type: "partial", refund_status: "SUCCESS", refund_reason: "Item returned" });

    const listed = await client.listRefunds({ portone_order_ref: orderRef });
    expect(listed.error).toBeUndefined();
    expect(listed.data).toEqual(partial.data);

    // More than is left: 4041; a partial refund without an amount: 4001.
    expect(code(await client.createRefund({ portone_order_ref: orderRef, refund_type: "partial", amount: 10001, environment: "sandbox" }))).toBe("4041");
    expect(code(await client.createRefund({ portone_order_ref: orderRef, refund_type: "partial", environment: "sandbox" }))).toBe("4001");
    const full = await client.createRefund({ portone_order_ref: orderRef, refund_type: "full", environment: "sandbox" });
    expect(full.data).toMatchObject({ amountToRefund: 0 });
    expect(full.data!.refundDetails!.map((r) => [r.refund_type, r.amount])).toEqual([
      ["partial", 5000],
      ["full", 10000],
    ]);
    // Nothing left: 4070.
    expect(code(await client.createRefund({ portone_order_ref: orderRef, refund_type: "partial", amount: 1, environment: "sandbox" }))).toBe("4070");
    expect(sb.global.transaction(orderRef)?.history.map((h) => h.what)).toEqual(["initiated", "paid", "refunded 5000 (partial)", "refunded 10000 (full)"]);
    // Each refund sent its refund webhook (global-refund-webhook.test.ts has the details).
    await sb.settled();
    expect(app.refunds.map((body) => (JSON.parse(body) as { amount: number }).amount)).toEqual([5000, 10000]);

    expect(judge.violations).toEqual([]);
    expect(judge.counted).toEqual({ responses: 12, webhooks: 1, redirects: 1 });
  });

  it("a failed payment: webhook with status Failed, redirect to failure_url, no refund allowed", async () => {
    const started = await client.initiatePayment(order("GL-ORDER-FAIL"));
    const orderRef = started.data!.order_ref!;
    const before = app.received.length;
    sb.global.complete(orderRef, "Failed");
    await sb.settled();
    const webhook = app.received[before]!;
    expect(webhook.verified.error).toBeUndefined();
    expect(webhook.verified.data).toMatchObject({ order_ref: orderRef, status: "Failed", status_code: "6014", is_refund_allowed: false });
    expect((await client.getTransactionStatus({ merchantOrderRef: "GL-ORDER-FAIL" })).data).toEqual({ status: "Failed" });
    const redirect = sb.global.redirectUrl(orderRef)!;
    expect(redirect.startsWith("https://shop.example/pay/failure?")).toBe(true);
    expect((await verifyPaymentRedirect(SECRET_KEY, redirect)).data).toMatchObject({ status: "Failed" });
    expect(code(await client.createRefund({ portone_order_ref: orderRef, refund_type: "full", environment: "sandbox" }))).toBe("4070");
    // A finished transaction cannot be completed again.
    expect(() => sb.global.complete(orderRef, "Success")).toThrow(/not Pending/);
    expect(judge.violations).toEqual([]);
  });

  it("a Pending transaction reads Expired once the sandbox clock passes expiry_in_minutes", async () => {
    const started = await client.initiatePayment(order("GL-ORDER-EXP"));
    sb.clock.advance(15 * 60_000);
    expect((await client.getTransactionStatus({ merchantOrderRef: "GL-ORDER-EXP" })).data).toEqual({ status: "Expired" });
    expect(() => sb.global.complete(started.data!.order_ref!, "Success")).toThrow(/Expired/);
    expect(judge.violations).toEqual([]);
  });
});
