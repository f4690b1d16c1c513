// Four common PortOne Global tasks with @payspec/portone-global's client: read a transaction's status,
// refund it, create a payment link, verify a payment webhook. Calls return `{ data, error }`; errors
// narrow by `kind` and `code`. No official SDK exists: typecheck.mjs prints its ratios to the PortOne
// official program for scale.
import { createPortOneGlobalClient } from "@payspec/portone-global";
import { verifyPaymentWebhook } from "@payspec/portone-global/webhooks";

const client = createPortOneGlobalClient({ clientKey: "client-key-value", secretKey: "secret-key-value" });

export async function status(orderRef: string): Promise<string> {
  const { data, error } = await client.getTransactionStatus({ merchantOrderRef: orderRef });
  if (error) return error.kind === "api" && error.code === "4042" ? "missing" : error.message;
  return data.status === "Success" ? "paid" : data.status;
}

export async function refund(orderRef: string): Promise<string> {
  const { data, error } = await client.createRefund({ portone_order_ref: orderRef, refund_type: "full", environment: "live" });
  if (!error) return `${data.refundDetails.length} refunds`;
  if (error.kind !== "api") return error.message;
  switch (error.code) {
    case "4081":
      return "partial refunds not allowed";
    case "4041":
      return `${error.body.status_code}: ${error.body.status_reason}`;
    default:
      return error.message;
  }
}

export async function link(amount: number): Promise<string> {
  const { data, error } = await client.createPaymentLink({ amount, currency: "USD" }, { subMerchantKey: "sub-merchant" });
  return error ? error.message : data.payment_link;
}

export async function onWebhook(body: string): Promise<string> {
  const { data, error } = await verifyPaymentWebhook("secret-key-value", body);
  return error ? error.reason : String(data.status);
}
