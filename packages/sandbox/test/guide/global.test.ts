import { createPortOneGlobalClient } from "@payspec/portone-global";
import { parseRefundWebhook, verifyPaymentWebhook } from "@payspec/portone-global/webhooks";
import { createSandbox } from "@payspec/sandbox";
import { expect, it, onTestFinished } from "vitest";

const PORTONE_SECRET = "global-guide-secret"; // your PortOne Secret: it signs requests and verifies webhooks
const events: string[] = [];

// Your app's webhook route. A payment webhook carries its signature_hash in the body; a refund webhook is unsigned
// (PortOne Global documents no signature for it): take it as a hint and re-read the refunds before acting.
async function handleGlobalWebhook(request: Request): Promise<Response> {
  const body = await request.text();
  const refund = await parseRefundWebhook(body);
  if (refund.data) {
    events.push(`refund hint for ${refund.data.payment_txn_ref}`);
    return new Response("ok");
  }
  const { data, error } = await verifyPaymentWebhook(PORTONE_SECRET, body);
  if (error) return new Response(error.reason, { status: 400 });
  events.push(`${data.merchant_order_ref} ${data.status}`);
  return new Response("ok");
}

it("PortOne Global: initiate → complete → signed webhook verified → Success → partial refund", async () => {
  const sb = createSandbox({
    global: { secretKey: PORTONE_SECRET, webhook: { url: "https://app.example/webhooks/portone-global" } },
    webhooks: { fetch: (url, init) => handleGlobalWebhook(new Request(url, init)) },
  });
  onTestFinished(() => sb.close());
  const global = createPortOneGlobalClient({ clientKey: sb.global.clientKey, secretKey: PORTONE_SECRET, fetch: sb.global.fetch });

  const started = await global.initiatePayment({
    merchant_order_id: "ORDER-1", amount: 15000, currency: "KRW", environment: "sandbox",
    success_url: "https://app.example/ok", failure_url: "https://app.example/ko", pmt_channel: "PORTONE_KR", pmt_method: "PORTONE_KAKAOPAY",
  });
  const orderRef = started.data?.order_ref ?? "";
  expect((await global.getTransactionStatus({ merchantOrderRef: "ORDER-1" })).data?.status).toBe("Pending");

  sb.global.complete(orderRef, "Success"); // the buyer pays on the payment page
  await sb.settled();
  expect(events).toEqual(["ORDER-1 Success"]);
  expect((await global.getTransactionStatus({ merchantOrderRef: "ORDER-1" })).data?.status).toBe("Success");

  const refund = await global.createRefund({ portone_order_ref: orderRef, refund_type: "partial", amount: 5000, environment: "sandbox" });
  expect(refund.data?.amountToRefund).toBe(10000);
  await sb.settled();
  expect(events).toEqual(["ORDER-1 Success", `refund hint for ${orderRef}`]);
  expect((await global.listRefunds({ portone_order_ref: orderRef })).data?.refundDetails).toHaveLength(1);
});
