import { createPortOneClient } from "@payspec/portone";
import { cancelPayment, createPortOneCore, type CancelPaymentResult } from "@payspec/portone/payment";
import { verifyWebhook } from "@payspec/portone/webhooks";

const client = createPortOneClient({ secret: "s" });
export async function run(body: string, headers: Record<string, string>): Promise<string> {
  const { data, error } = await client.getPayment({ paymentId: "p" });
  if (error) return error.kind === "api" && error.code === "PAYMENT_NOT_FOUND" ? "missing" : error.message;
  const hook = await verifyWebhook(body, headers, "whsec_c2VjcmV0");
  return hook.error ? hook.error.reason : String(data.status);
}

// One operation from its entry point, on the small core (issue 16): the smallest bundle.
const core = createPortOneCore({ secret: "s" });
export function refund(paymentId: string, amount: number): Promise<CancelPaymentResult> {
  return cancelPayment(core, { paymentId, amount, reason: "partial refund" });
}
