// The four tasks of official.ts with @payspec/portone's standalone functions, imported from the payment
// entry point on the small core (the form that bundles only what it uses). Lists are read page by page
// as in official.ts.
import { cancelPayment, createPortOneCore, getPayment, getPayments } from "@payspec/portone/payment";
import { verifyWebhook } from "@payspec/portone/webhooks";

const portone = createPortOneCore({ secret: "api-secret-value" });

export async function paidAt(paymentId: string): Promise<string> {
  const { data, error } = await getPayment(portone, { paymentId });
  if (error) return error.kind === "api" && error.code === "PAYMENT_NOT_FOUND" ? "missing" : error.message;
  return data.status === "PAID" ? data.paidAt : String(data.status);
}

export async function refundPart(paymentId: string, amount: number): Promise<number | string> {
  const { data, error } = await cancelPayment(portone, { paymentId, amount, reason: "partial refund" });
  if (!error) return data.cancellation.status === "SUCCEEDED" ? data.cancellation.totalAmount : String(data.cancellation.status);
  if (error.kind !== "api") return error.message;
  switch (error.code) {
    case "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT":
      return "too much";
    case "PG_PROVIDER":
      return `${error.body.pgCode}: ${error.body.pgMessage}`;
    default:
      return error.message;
  }
}

export async function paidIds(): Promise<string[]> {
  const ids: string[] = [];
  for (let number = 0; ; number++) {
    const { data, error } = await getPayments(portone, { page: { number, size: 100 }, filter: { status: ["PAID"] } });
    if (error) throw error;
    for (const payment of data.items) if (payment.status === "PAID") ids.push(payment.id);
    if ((number + 1) * 100 >= data.page.totalCount) return ids;
  }
}

export async function onWebhook(body: string, headers: Record<string, string>): Promise<string> {
  const { data, error } = await verifyWebhook(body, headers, "whsec_c2VjcmV0LXZhbHVl");
  if (error) return error.reason;
  if (data.version !== "2024-04-25") return data.version;
  return data.payload.type === "Transaction.Paid" ? data.payload.data.paymentId : data.payload.type;
}
