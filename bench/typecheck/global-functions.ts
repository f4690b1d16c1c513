// The four tasks of global-client.ts with @payspec/portone-global's standalone functions, imported from
// the payment, refund and payment-link entry points on the small core (the form that bundles only what it uses).
import { createPortOneGlobalCore, getTransactionStatus } from "@payspec/portone-global/payment";
import { createPaymentLink } from "@payspec/portone-global/payment-link";
import { createRefund } from "@payspec/portone-global/refund";
import { verifyPaymentWebhook } from "@payspec/portone-global/webhooks";

const global = createPortOneGlobalCore({ clientKey: "client-key-value", secretKey: "secret-key-value" });

export async function status(orderRef: string): Promise<string> {
  const { data, error } = await getTransactionStatus(global, { merchantOrderRef: orderRef });
  if (error) return error.kind === "api" && error.code === "4042" ? "missing" : error.message;
  return data.status === "Success" ? "paid" : data.status;
}

export async function refund(orderRef: string): Promise<string> {
  const { data, error } = await createRefund(global, { portone_order_ref: orderRef, refund_type: "full", environment: "live" });
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
  const { data, error } = await createPaymentLink(global, { amount, currency: "USD" }, { subMerchantKey: "sub-merchant" });
  return error ? error.message : data.payment_link;
}

export async function onWebhook(body: string): Promise<string> {
  const { data, error } = await verifyPaymentWebhook("secret-key-value", body);
  return error ? error.reason : String(data.status);
}
