import { createPortOneGlobalClient, createPortOneGlobalFetchClient } from "@payspec/portone-global";
import { verifyPaymentWebhook } from "@payspec/portone-global/webhooks";
import { createPortOneGlobalCore, createRefund, type CreateRefundResult } from "@payspec/portone-global/refund";

const client = createPortOneGlobalClient({ clientKey: "k", secretKey: "s" });
export async function run(): Promise<string | undefined> {
  const { data, error } = await client.getTransactionStatus({ merchantOrderRef: "A" });
  if (error) return error.kind === "api" ? error.code : error.message;
  const raw = await createPortOneGlobalFetchClient(client).GET("/api/refund/{portone_order_ref}", { params: { path: { portone_order_ref: "R" } } });
  const webhook = await verifyPaymentWebhook("s", "{}");
  return `${data.status} ${String(raw.data?.amountToRefund)} ${webhook.error?.reason ?? ""}`;
}

// One operation from its entry point, on the small core (issue 16): the smallest bundle.
const core = createPortOneGlobalCore({ clientKey: "k", secretKey: "s" });
export function refund(orderRef: string): Promise<CreateRefundResult> {
  return createRefund(core, { portone_order_ref: orderRef, refund_type: "full", environment: "live" });
}
