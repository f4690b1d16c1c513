// The spec-shaped views of the PortOne records: what getPayment, getBillingKeyInfo, getPaymentSchedule and
// getCashReceiptByPaymentId answer (and the lists, and the dashboard), made from the records of state.ts.
import { vatOf, type KeyRec, type PaymentRec, type PortOneState, type ReceiptRec, type ScheduleRec, type Schemas } from "./state.js";

/** A payment as the sandbox makes it: one of the seven cases of the spec's `Payment` (never the open "unrecognised" one). */
export type PortOnePayment =
  | Schemas["CancelledPayment"]
  | Schemas["FailedPayment"]
  | Schemas["PaidPayment"]
  | Schemas["PartialCancelledPayment"]
  | Schemas["PayPendingPayment"]
  | Schemas["ReadyPayment"]
  | Schemas["VirtualAccountIssuedPayment"];
export type PortOnePaymentWebhook = Schemas["PaymentWebhook"];
/** A billing key as getBillingKeyInfo answers it: issued, or deleted. */
export type PortOneBillingKey = Schemas["IssuedBillingKeyInfo"] | Schemas["DeletedBillingKeyInfo"];
/** A payment schedule as getPaymentSchedule answers it (the sandbox never leaves one STARTED or PENDING). */
export type PortOnePaymentSchedule =
  | Schemas["ScheduledPaymentSchedule"]
  | Schemas["StartedPaymentSchedule"]
  | Schemas["SucceededPaymentSchedule"]
  | Schemas["FailedPaymentSchedule"]
  | Schemas["RevokedPaymentSchedule"];
/** A cash receipt as getCashReceiptByPaymentId answers it (issued, or cancelled: the sandbox's PG never fails one). */
export type PortOneCashReceipt = Schemas["IssuedCashReceipt"] | Schemas["CancelledCashReceipt"];

/** A payment as one case of the spec's `Payment` union, with its webhooks' delivery records and its cash receipt. */
function buildPaymentView(state: PortOneState, rec: PaymentRec): PortOnePayment {
  const webhooks = state.ctx.webhooksOf(rec.id);
  const common = {
    id: rec.id,
    transactionId: rec.transactionId,
    merchantId: state.ctx.merchantId,
    storeId: rec.storeId,
    ...(rec.method && { method: rec.method }),
    channel: rec.channel,
    version: "V2" as const,
    ...(webhooks.length > 0 && { webhooks }),
    requestedAt: rec.requestedAt,
    updatedAt: rec.updatedAt,
    statusChangedAt: rec.statusChangedAt,
    orderName: rec.orderName,
    amount: { ...rec.amount },
    currency: rec.currency as Schemas["Currency"],
    customer: rec.customer,
    origin: { platformType: "API" as const, ipAddress: "127.0.0.1" },
    ...(rec.customData !== undefined && { customData: rec.customData }),
    ...(rec.billingKey !== undefined && { billingKey: rec.billingKey }),
    ...(rec.scheduleId !== undefined && { scheduleId: rec.scheduleId }),
  };
  const cancellations = rec.cancellations.map((c) => ({ ...c }));
  const receipt = buildPaymentReceipt(state, rec);
  const cashReceipt = receipt && { cashReceipt: receipt };
  switch (rec.status) {
    case "READY":
      return { status: "READY", ...common };
    case "VIRTUAL_ACCOUNT_ISSUED":
      return { status: "VIRTUAL_ACCOUNT_ISSUED", ...common, pgTxId: rec.pgTxId };
    case "PAID":
      return { status: "PAID", ...common, paidAt: rec.paidAt!, pgTxId: rec.pgTxId, disputes: [], ...cashReceipt };
    case "PARTIAL_CANCELLED":
      return { status: "PARTIAL_CANCELLED", ...common, paidAt: rec.paidAt!, pgTxId: rec.pgTxId, cancellations, cancelledAt: rec.cancelledAt!, ...cashReceipt };
    case "CANCELLED":
      return { status: "CANCELLED", ...common, paidAt: rec.paidAt!, pgTxId: rec.pgTxId, cancellations, cancelledAt: rec.cancelledAt!, ...cashReceipt };
    case "FAILED":
      return { status: "FAILED", ...common, failedAt: rec.failedAt!, failure: rec.failure ?? {} };
  }
}

function buildKeyView(state: PortOneState, rec: KeyRec): PortOneBillingKey {
  const common = {
    billingKey: rec.billingKey,
    merchantId: state.ctx.merchantId,
    storeId: rec.storeId,
    methods: [{ type: "BillingKeyPaymentMethodCard" as const, card: { ...rec.card } }],
    channels: [rec.channel],
    customer: { ...rec.customer },
    ...(rec.customData !== undefined && { customData: rec.customData }),
    requestedAt: rec.requestedAt,
    issuedAt: rec.issuedAt,
  };
  return rec.status === "DELETED" ? { status: "DELETED", ...common, deletedAt: rec.deletedAt! } : { status: "ISSUED", ...common };
}

function buildScheduleView(state: PortOneState, rec: ScheduleRec): PortOnePaymentSchedule {
  const p = rec.payment;
  const common = {
    id: rec.id,
    merchantId: state.ctx.merchantId,
    storeId: rec.storeId,
    paymentId: rec.paymentId,
    billingKey: p.billingKey,
    orderName: p.orderName,
    isCulturalExpense: false,
    isEscrow: false,
    customer: { ...(state.billingKeys.get(p.billingKey)?.customer ?? {}), ...p.customer },
    customData: p.customData ?? "",
    totalAmount: p.total,
    taxFreeAmount: p.taxFree,
    vatAmount: p.vat ?? vatOf(p.total - p.taxFree),
    currency: p.currency as Schemas["Currency"],
    installmentMonth: p.installmentMonth ?? 0,
    ...(rec.noticeUrls && { noticeUrls: [...rec.noticeUrls] }),
    ...(rec.products && { products: rec.products.map((item) => ({ ...item })) }),
    createdAt: rec.createdAt,
    timeToPay: rec.timeToPay,
  };
  switch (rec.status) {
    case "SCHEDULED":
      return { status: "SCHEDULED", ...common };
    case "STARTED":
      return { status: "STARTED", ...common, startedAt: rec.startedAt! };
    case "SUCCEEDED":
      return { status: "SUCCEEDED", ...common, startedAt: rec.startedAt!, completedAt: rec.completedAt! };
    case "FAILED":
      return { status: "FAILED", ...common, startedAt: rec.startedAt!, completedAt: rec.completedAt! };
    case "REVOKED":
      return { status: "REVOKED", ...common, revokedAt: rec.revokedAt! };
  }
}

function buildReceiptView(state: PortOneState, rec: ReceiptRec): PortOneCashReceipt {
  const common = {
    merchantId: state.ctx.merchantId,
    storeId: rec.storeId,
    paymentId: rec.paymentId,
    channel: rec.channel,
    amount: rec.amount,
    taxFreeAmount: rec.taxFree,
    vatAmount: rec.vat,
    currency: rec.currency as Schemas["Currency"],
    orderName: rec.orderName,
    isManual: true,
    type: rec.type,
    pgReceiptId: rec.pgReceiptId,
    issueNumber: rec.issueNumber,
    url: rec.url,
    issuedAt: rec.issuedAt,
    statusUpdatedAt: rec.statusUpdatedAt,
  };
  return rec.status === "CANCELLED" ? { status: "CANCELLED", ...common, cancelledAt: rec.cancelledAt! } : { status: "ISSUED", ...common };
}

/** A payment's cash receipt as Payment.cashReceipt shows it. */
function buildPaymentReceipt(state: PortOneState, rec: PaymentRec): Schemas["IssuedPaymentCashReceipt"] | Schemas["CancelledPaymentCashReceipt"] | undefined {
  const receipt = state.receipts.get(rec.id);
  if (!receipt || receipt.storeId !== rec.storeId) return undefined;
  const common = {
    type: receipt.type,
    pgReceiptId: receipt.pgReceiptId,
    issueNumber: receipt.issueNumber,
    totalAmount: receipt.amount,
    taxFreeAmount: receipt.taxFree,
    currency: receipt.currency as Schemas["Currency"],
    url: receipt.url,
    issuedAt: receipt.issuedAt,
  };
  return receipt.status === "CANCELLED" ? { status: "CANCELLED", ...common, cancelledAt: receipt.cancelledAt! } : { status: "ISSUED", ...common };
}

// What the views hand out is a copy: the records' own objects (customer, method, channel, …) never leave the
// engine, so a caller that changes what `sb.portone.pay()` returned in process cannot change the sandbox's state.
export const paymentView = (state: PortOneState, rec: PaymentRec): PortOnePayment => structuredClone(buildPaymentView(state, rec));
export const keyView = (state: PortOneState, rec: KeyRec): PortOneBillingKey => structuredClone(buildKeyView(state, rec));
export const scheduleView = (state: PortOneState, rec: ScheduleRec): PortOnePaymentSchedule => structuredClone(buildScheduleView(state, rec));
export const receiptView = (state: PortOneState, rec: ReceiptRec): PortOneCashReceipt => structuredClone(buildReceiptView(state, rec));
export const paymentReceipt = (state: PortOneState, rec: PaymentRec): Schemas["IssuedPaymentCashReceipt"] | Schemas["CancelledPaymentCashReceipt"] | undefined => structuredClone(buildPaymentReceipt(state, rec));
