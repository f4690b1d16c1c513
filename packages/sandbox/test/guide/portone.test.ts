import { createPortOneClient } from "@payspec/portone";
import { verifyWebhook } from "@payspec/portone/webhooks";
import { createSandbox } from "@payspec/sandbox";
import { expect, it, onTestFinished } from "vitest";

const WEBHOOK_SECRET = "whsec_c2FuZGJveC1ndWlkZS13ZWJob29rLWtleQ=="; // your webhook endpoint's secret
const events: string[] = [];

// Your app's webhook route (e.g. POST /webhooks/portone): verify the signature over the raw body, then act.
async function handlePortOneWebhook(request: Request): Promise<Response> {
  const { data, error } = await verifyWebhook(await request.text(), request.headers, WEBHOOK_SECRET);
  if (error) return new Response(error.reason, { status: 400 });
  if (data.version === "2024-04-25") events.push(data.payload.type); // then re-read the payment: getPayment
  return new Response("ok");
}

it("PortOne: pre-register → pay → Transaction.Paid verified → PAID → partial cancel", async () => {
  const sb = createSandbox({
    portone: { webhook: { url: "https://app.example/webhooks/portone", secret: WEBHOOK_SECRET } },
    webhooks: { fetch: (url, init) => handlePortOneWebhook(new Request(url, init)) }, // webhooks reach your handler in process
  });
  onTestFinished(() => sb.close());
  const portone = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });

  expect((await portone.preRegisterPayment({ paymentId: "order-1", totalAmount: 39000, currency: "KRW" })).error).toBeUndefined();
  sb.portone.pay({ paymentId: "order-1", payMethod: "CARD" }); // the customer pays (the browser SDK's part)
  await sb.settled(); // every webhook attempt has finished
  expect(events).toEqual(["Transaction.Paid"]);

  const paid = await portone.getPayment({ paymentId: "order-1" });
  expect(paid.data?.status).toBe("PAID");

  const cancelled = await portone.cancelPayment({ paymentId: "order-1", amount: 6000, reason: "드립백 품절" });
  expect(cancelled.data?.cancellation.totalAmount).toBe(6000);
  const after = await portone.getPayment({ paymentId: "order-1" });
  expect(after.data?.status).toBe("PARTIAL_CANCELLED");
  await sb.settled();
  expect(events).toEqual(["Transaction.Paid", "Transaction.PartialCancelled"]);
});
