// The four tasks of payspec.ts with the official SDK: read a payment, cancel part of it, list the paid
// payments page by page, verify a webhook. Errors are thrown, so each task catches and narrows them.
import { CancelPaymentError, GetPaymentError, PaymentClient } from "@portone/server-sdk/payment";
import * as Webhook from "@portone/server-sdk/webhook";

const client = PaymentClient({ secret: "api-secret-value" });

export async function paidAt(paymentId: string): Promise<string> {
  try {
    const payment = await client.getPayment({ paymentId });
    return payment.status === "PAID" ? payment.paidAt : String(payment.status);
  } catch (error) {
    if (error instanceof GetPaymentError && error.data.type === "PAYMENT_NOT_FOUND") return "missing";
    throw error;
  }
}

export async function refundPart(paymentId: string, amount: number): Promise<number | string> {
  try {
    const { cancellation } = await client.cancelPayment({ paymentId, amount, reason: "partial refund" });
    return cancellation.status === "SUCCEEDED" ? cancellation.totalAmount : String(cancellation.status);
  } catch (error) {
    if (!(error instanceof CancelPaymentError)) throw error;
    switch (error.data.type) {
      case "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT":
        return "too much";
      case "PG_PROVIDER":
        return `${error.data.pgCode}: ${error.data.pgMessage}`;
      default:
        return error.message;
    }
  }
}

export async function paidIds(): Promise<string[]> {
  const ids: string[] = [];
  for (let number = 0; ; number++) {
    const { items, page } = await client.getPayments({ page: { number, size: 100 }, filter: { status: ["PAID"] } });
    for (const payment of items) if (payment.status === "PAID") ids.push(payment.id);
    if ((number + 1) * 100 >= page.totalCount) return ids;
  }
}

export async function onWebhook(body: string, headers: Record<string, string>): Promise<string> {
  try {
    const webhook = await Webhook.verify("whsec_c2VjcmV0LXZhbHVl", body, headers);
    return "data" in webhook && webhook.type === "Transaction.Paid" ? webhook.data.paymentId : String(webhook.type);
  } catch (error) {
    if (error instanceof Webhook.WebhookVerificationError) return error.reason;
    throw error;
  }
}
