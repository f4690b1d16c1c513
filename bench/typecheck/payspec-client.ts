// The four tasks of official.ts with @payspec/portone's client: read a payment, cancel part of it, list
// the paid payments, verify a webhook. Calls return `{ data, error }`; errors narrow by `kind` and `code`.
import { createPortOneClient, paginate } from "@payspec/portone";
import { verifyWebhook } from "@payspec/portone/webhooks";

const client = createPortOneClient({ secret: "api-secret-value" });

export async function paidAt(paymentId: string): Promise<string> {
  const { data, error } = await client.getPayment({ paymentId });
  if (error) return error.kind === "api" && error.code === "PAYMENT_NOT_FOUND" ? "missing" : error.message;
  return data.status === "PAID" ? data.paidAt : String(data.status);
}

export async function refundPart(paymentId: string, amount: number): Promise<number | string> {
  const { data, error } = await client.cancelPayment({ paymentId, amount, reason: "partial refund" });
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
  const pages = paginate(client, "getPayments", { page: { size: 100 }, filter: { status: ["PAID"] } });
  for await (const payment of pages) if (payment.status === "PAID") ids.push(payment.id);
  if (pages.error) throw pages.error;
  return ids;
}

export async function onWebhook(body: string, headers: Record<string, string>): Promise<string> {
  const { data, error } = await verifyWebhook(body, headers, "whsec_c2VjcmV0LXZhbHVl");
  if (error) return error.reason;
  if (data.version !== "2024-04-25") return data.version;
  return data.payload.type === "Transaction.Paid" ? data.payload.data.paymentId : data.payload.type;
}
