import { createPortOneClient } from "@payspec/portone";
import { verifyWebhook } from "@payspec/portone/webhooks";

const client = createPortOneClient({ secret: "s" });
export async function run(body: string, headers: Record<string, string>): Promise<string> {
  const { data, error } = await client.getPayment({ paymentId: "p" });
  if (error) return error.kind === "api" && error.code === "PAYMENT_NOT_FOUND" ? "missing" : error.message;
  const hook = await verifyWebhook(body, headers, "whsec_c2VjcmV0");
  return hook.error ? hook.error.reason : String(data.status);
}
