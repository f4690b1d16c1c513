// PortOne payments on the server API: pre-register, get, the list with its filter and page, and cancel (whole or in
// part, with the tax-free and VAT parts). The checkout steps that make a payment (the customer's part) are in
// checkout.ts, the billing-key charge in billing-keys.ts.
import { failure } from "./errors.js";
import { FieldReader, readCurrency, type Fields } from "./input.js";
import { readPage, within } from "./listing.js";
import {
  DAY_MS,
  emitTransaction,
  isPaidOrAfter,
  ok,
  recordHistory,
  setStatus,
  vatOf,
  type Cancellation,
  type PaymentRec,
  type PortOneState,
  type Result,
  type Schemas,
} from "./state.js";
import { paymentReceipt, paymentView, type PortOnePayment } from "./views.js";

const PAYMENT_STATUS_FILTER = ["READY", "PENDING", "VIRTUAL_ACCOUNT_ISSUED", "PAID", "FAILED", "PARTIAL_CANCELLED", "CANCELLED"] as const;
const METHOD_TYPES = {
  CARD: "PaymentMethodCard",
  TRANSFER: "PaymentMethodTransfer",
  VIRTUAL_ACCOUNT: "PaymentMethodVirtualAccount",
  GIFT_CERTIFICATE: "PaymentMethodGiftCertificate",
  MOBILE: "PaymentMethodMobile",
  EASY_PAY: "PaymentMethodEasyPay",
  CONVENIENCE_STORE: "PaymentMethodConvenienceStore",
  CRYPTO: "PaymentMethodCrypto",
} as const;
const TEXT_SEARCH_FIELDS = [
  "ALL", "PAYMENT_ID", "TX_ID", "SCHEDULE_ID", "FAIL_REASON", "CARD_ISSUER", "CARD_ACQUIRER", "CARD_BIN", "CARD_NUMBER",
  "CARD_APPROVAL_NUMBER", "CARD_RECEIPT_NAME", "CARD_INSTALLMENT", "TRANS_BANK", "VIRTUAL_ACCOUNT_HOLDER_NAME",
  "VIRTUAL_ACCOUNT_BANK", "VIRTUAL_ACCOUNT_NUMBER", "PG_MERCHANT_ID", "PG_TX_ID", "PG_RECEIPT_ID", "RECEIPT_APPROVAL_NUMBER",
  "PG_CANCELLATION_ID", "CANCEL_REASON", "ORDER_NAME", "CUSTOMER_NAME", "CUSTOMER_EMAIL", "CUSTOMER_PHONE_NUMBER",
  "CUSTOMER_ADDRESS", "CUSTOMER_ZIPCODE", "USER_AGENT", "BILLING_KEY", "PROMOTION_ID", "GIFT_CERTIFICATION_APPROVAL_NUMBER",
] as const;
/** getPayments: (number + 1) × size may not exceed 60,000 (the operation's description). */
const MAX_PAGE_WINDOW = 60_000;

/** POST /payments/{paymentId}/pre-register */
export function preRegisterPayment(state: PortOneState, paymentId: string, fields: Fields): Result<Record<string, never>> {
  const read = new FieldReader();
  const totalAmount = read.amount(fields["totalAmount"], "totalAmount");
  const taxFreeAmount = read.amount(fields["taxFreeAmount"], "taxFreeAmount");
  const currency = readCurrency(read, fields["currency"]);
  if (totalAmount !== undefined && taxFreeAmount !== undefined && taxFreeAmount > totalAmount) {
    read.problem("taxFreeAmount는 totalAmount보다 클 수 없습니다.");
  }
  const bad = read.failure();
  if (bad) return bad;
  const existing = state.payments.get(paymentId);
  if (existing && isPaidOrAfter(existing.status)) return failure("ALREADY_PAID");
  state.preRegistered.set(paymentId, { totalAmount, taxFreeAmount, currency });
  const amount = totalAmount === undefined ? "no amount" : `${totalAmount} ${currency ?? ""}`.trim();
  recordHistory(state, paymentId, { at: state.ctx.clock.iso(), status: "PRE_REGISTERED", detail: amount });
  return ok({});
}

/** GET /payments/{paymentId} */
export function getPayment(state: PortOneState, paymentId: string): Result<PortOnePayment> {
  const rec = state.payments.get(paymentId);
  return rec ? ok(paymentView(state, rec)) : failure("PAYMENT_NOT_FOUND");
}

/** GET /payments (GetPaymentsBody: page and filter). */
export function getPayments(state: PortOneState, fields: Fields): Result<Schemas["GetPaymentsResponse"]> {
  const read = new FieldReader();
  const { number, size } = readPage(read, fields);
  if ((number + 1) * size > MAX_PAGE_WINDOW) read.problem(`(page.number + 1) × page.size는 ${MAX_PAGE_WINDOW}을 넘을 수 없습니다.`);
  const filter = read.object(fields["filter"], "filter") ?? {};
  const { predicate, sortKey, descending } = paymentFilter(state, read, filter);
  const bad = read.failure();
  if (bad) return bad;
  const found = [...state.payments.values()].filter(predicate);
  found.sort((a, b) => {
    const order = Date.parse(sortKey(a)) - Date.parse(sortKey(b)) || a.seq - b.seq;
    return descending ? -order : order;
  });
  const items = found.slice(number * size, (number + 1) * size).map((rec) => paymentView(state, rec));
  return ok({ items, page: { number, size, totalCount: found.length } });
}

/** POST /payments/{paymentId}/cancel */
export function cancelPayment(state: PortOneState, paymentId: string, fields: Fields): Result<Schemas["CancelPaymentResponse"]> {
  const read = new FieldReader();
  const amount = read.amount(fields["amount"], "amount");
  const taxFreeAmount = read.amount(fields["taxFreeAmount"], "taxFreeAmount");
  const vatAmount = read.amount(fields["vatAmount"], "vatAmount");
  const currentCancellableAmount = read.amount(fields["currentCancellableAmount"], "currentCancellableAmount");
  const reason = read.string(fields["reason"], "reason", { required: true, maxLength: 1000 });
  read.oneOf(fields["requester"], "requester", ["CUSTOMER", "ADMIN"]);
  read.oneOf(fields["promotionDiscountRetainOption"], "promotionDiscountRetainOption", ["RETAIN", "RELEASE"]);
  read.object(fields["refundAccount"], "refundAccount");
  read.string(fields["refundEmail"], "refundEmail");
  const skipWebhook = read.boolean(fields["skipWebhook"], "skipWebhook");
  if (amount === 0) read.problem("amount: 취소 금액은 0보다 커야 합니다. (a cancellation amount must be above 0)");
  const bad = read.failure();
  if (bad) return bad;

  const rec = state.payments.get(paymentId);
  if (!rec) return failure("PAYMENT_NOT_FOUND");
  if (rec.status === "CANCELLED") return failure("PAYMENT_ALREADY_CANCELLED");
  if (rec.status !== "PAID" && rec.status !== "PARTIAL_CANCELLED") return failure("PAYMENT_NOT_PAID");

  const a = rec.amount;
  const cancellable = a.paid - a.cancelled;
  const cancellableTaxFree = a.taxFree - a.cancelledTaxFree;
  const cancellableTaxable = cancellable - cancellableTaxFree;
  const cancellableVat = a.vat - rec.cancelledVat;
  if (currentCancellableAmount !== undefined && currentCancellableAmount !== cancellable) return failure("CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN");

  // A full cancellation takes what is left, tax-free part included; a partial one is all taxable unless
  // taxFreeAmount says otherwise (CancelPaymentBody: "값을 입력하지 않으면 전액 과세 취소됩니다").
  const total = amount ?? cancellable;
  const taxFree = taxFreeAmount ?? (amount === undefined ? cancellableTaxFree : 0);
  if (total > cancellable) return failure("CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT");
  if (taxFree + (vatAmount ?? 0) > total) return failure("SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT");
  if (taxFree > cancellableTaxFree) return failure("CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT");
  const taxable = total - taxFree;
  if (taxable > cancellableTaxable) return failure("CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT");
  if (vatAmount !== undefined && vatAmount > cancellableVat) return failure("CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT");
  const vat = vatAmount ?? (taxable === cancellableTaxable ? cancellableVat : Math.min(vatOf(taxable), cancellableVat));

  const now = state.ctx.clock.iso();
  const cancellation: Cancellation = {
    status: "SUCCEEDED",
    id: globalThis.crypto.randomUUID(),
    pgCancellationId: `sandbox-cancel-${globalThis.crypto.randomUUID()}`,
    totalAmount: total,
    taxFreeAmount: taxFree,
    vatAmount: vat,
    reason: reason!,
    cancelledAt: now,
    requestedAt: now,
    trigger: "API",
  };
  a.cancelled += total;
  a.cancelledTaxFree += taxFree;
  rec.cancelledVat += vat;
  rec.cancellations.push(cancellation);
  rec.cancelledAt = now;
  const status = a.cancelled === a.paid ? "CANCELLED" : "PARTIAL_CANCELLED";
  setStatus(state, rec, status, now, `cancelled ${total}`);
  if (skipWebhook !== true) {
    emitTransaction(state, rec, status === "CANCELLED" ? "Transaction.Cancelled" : "Transaction.PartialCancelled", { cancellationId: cancellation.id });
  }
  return ok({ cancellation });
}

/** getPayments' `filter` (GetPaymentsBody.filter) read into a predicate on payments and the order of the list. */
function paymentFilter(state: PortOneState, read: FieldReader, f: Fields) {
  const storeId = read.string(f["storeId"], "filter.storeId");
  const merchantId = read.string(f["merchantId"], "filter.merchantId");
  const isTest = read.boolean(f["isTest"], "filter.isTest");
  const isEscrow = read.boolean(f["isEscrow"], "filter.isEscrow");
  const isScheduled = read.boolean(f["isScheduled"], "filter.isScheduled");
  const timestampType = read.oneOf(f["timestampType"], "filter.timestampType", ["CREATED_AT", "STATUS_CHANGED_AT"]) ?? "STATUS_CHANGED_AT";
  const now = state.ctx.clock.now();
  const until = read.dateTime(f["until"], "filter.until") ?? now;
  const from = read.dateTime(f["from"], "filter.from") ?? until - 90 * DAY_MS;
  const statuses = read.list(f["status"], "filter.status", PAYMENT_STATUS_FILTER)?.map((s) => (s === "PENDING" ? "PAY_PENDING" : s));
  const methods = read.list(f["methods"], "filter.methods", Object.keys(METHOD_TYPES) as (keyof typeof METHOD_TYPES)[])?.map((m) => METHOD_TYPES[m]);
  const pgProviders = read.list(f["pgProvider"], "filter.pgProvider", undefined);
  const sortBy = read.oneOf(f["sortBy"], "filter.sortBy", ["REQUESTED_AT", "STATUS_CHANGED_AT"]);
  const sortOrder = read.oneOf(f["sortOrder"], "filter.sortOrder", ["DESC", "ASC"]) ?? "DESC";
  const textSearch = Array.isArray(f["textSearch"])
    ? f["textSearch"].map((item, i) => {
        const entry = read.object(item, `filter.textSearch[${i}]`) ?? {};
        const field = read.oneOf(entry["field"], `filter.textSearch[${i}].field`, TEXT_SEARCH_FIELDS);
        const value = typeof entry["value"] === "string" ? entry["value"] : (read.problem(`filter.textSearch[${i}].value: 필수 입력 항목입니다. (required)`), "");
        return { field: field ?? "ALL", value };
      })
    : (f["textSearch"] !== undefined && read.problem("filter.textSearch: 배열이어야 합니다. (must be an array)"), []);
  // What the sandbox never records (escrow, gift certificates of a chosen type): a filter asking for it matches
  // no payment (isEscrow false matches every payment).
  const none = isEscrow === true || ["escrowStatus", "giftCertificateType"].some((name) => f[name] !== undefined && f[name] !== null);
  const receiptType = read.oneOf(f["cashReceiptType"], "filter.cashReceiptType", ["PERSONAL", "CORPORATE", "NO_RECEIPT"] as const);
  const receiptStatus = read.oneOf(f["cashReceiptStatus"], "filter.cashReceiptStatus", ["ISSUED", "CANCELLED"] as const);
  const range = (name: string) => {
    const given = read.object(f[name], `filter.${name}`);
    if (!given) return undefined;
    const from = read.dateTime(given["from"], `filter.${name}.from`);
    const until = read.dateTime(given["until"], `filter.${name}.until`);
    if (from === undefined || until === undefined) read.problem(`filter.${name}: from과 until은 필수입니다. (from and until are required)`);
    return { from: from ?? 0, until: until ?? 0 };
  };
  const issuedRange = range("cashReceiptIssuedAtRange");
  const cancelledRange = range("cashReceiptCancelledAtRange");
  const wantsReceipt = receiptType !== undefined || receiptStatus !== undefined || issuedRange !== undefined || cancelledRange !== undefined;
  const stamp = (rec: PaymentRec) => (timestampType === "CREATED_AT" ? rec.requestedAt : rec.statusChangedAt);
  const sortKey = (rec: PaymentRec) => (sortBy === "REQUESTED_AT" ? rec.requestedAt : sortBy === "STATUS_CHANGED_AT" ? rec.statusChangedAt : stamp(rec));
  const webhookStatus = f["webhookStatus"];
  const card = (rec: PaymentRec) => (rec.method?.type === "PaymentMethodCard" ? rec.method.card : undefined);
  const predicate = (rec: PaymentRec): boolean => {
    const t = Date.parse(stamp(rec));
    if (t < from || t > until) return false;
    if (none) return false;
    if (isScheduled !== undefined && (rec.scheduleId !== undefined) !== isScheduled) return false;
    if (wantsReceipt) {
      const receipt = isPaidOrAfter(rec.status) ? paymentReceipt(state, rec) : undefined;
      if (!receipt) return false;
      if (receiptType !== undefined && receipt.type !== receiptType) return false;
      if (receiptStatus !== undefined && receipt.status !== receiptStatus) return false;
      if (issuedRange && !within(issuedRange, receipt.issuedAt)) return false;
      if (cancelledRange && !within(cancelledRange, receipt.status === "CANCELLED" ? receipt.cancelledAt : undefined)) return false;
    }
    if (storeId !== undefined && rec.storeId !== storeId) return false;
    if (merchantId !== undefined && merchantId !== state.ctx.merchantId) return false;
    if (statuses && !statuses.includes(rec.status)) return false;
    if (methods && !(rec.method && (methods as string[]).includes(rec.method.type))) return false;
    if (pgProviders && !pgProviders.includes(rec.channel.pgProvider)) return false;
    // Every sandbox payment is a test payment of a V2 channel.
    if (isTest === false) return false;
    if (f["version"] !== undefined && f["version"] !== "V2") return false;
    if (f["currency"] !== undefined && f["currency"] !== rec.currency) return false;
    if (f["cardBrand"] !== undefined && card(rec)?.brand !== f["cardBrand"]) return false;
    if (f["cardType"] !== undefined && card(rec)?.type !== f["cardType"]) return false;
    if (f["cardOwnerType"] !== undefined && card(rec)?.ownerType !== f["cardOwnerType"]) return false;
    if (webhookStatus !== undefined && state.ctx.webhooksOf(rec.id).at(-1)?.status !== webhookStatus) return false;
    return textSearch.every(({ field, value }) => searchable(rec, field).some((text) => text.includes(value)));
  };
  return { predicate, sortKey, descending: sortOrder === "DESC" };
}

/** Every payment, oldest first. */
export function listPayments(state: PortOneState): PortOnePayment[] {
  return [...state.payments.values()].map((rec) => paymentView(state, rec));
}

/** The texts of a payment that a `textSearch` field looks in. */
function searchable(rec: PaymentRec, field: string): string[] {
  const method = rec.method;
  const card = method?.type === "PaymentMethodCard" ? method.card : undefined;
  const by: Record<string, (string | undefined)[]> = {
    PAYMENT_ID: [rec.id],
    TX_ID: [rec.transactionId],
    SCHEDULE_ID: [rec.scheduleId],
    BILLING_KEY: [rec.billingKey],
    FAIL_REASON: [rec.failure?.reason],
    CARD_BIN: [card?.bin],
    CARD_NUMBER: [card?.number],
    CARD_APPROVAL_NUMBER: [method?.type === "PaymentMethodCard" ? method.approvalNumber : undefined],
    VIRTUAL_ACCOUNT_HOLDER_NAME: [method?.type === "PaymentMethodVirtualAccount" ? method.remitteeName : undefined],
    VIRTUAL_ACCOUNT_NUMBER: [method?.type === "PaymentMethodVirtualAccount" ? method.accountNumber : undefined],
    PG_MERCHANT_ID: [rec.channel.pgMerchantId],
    PG_TX_ID: [rec.pgTxId],
    PG_CANCELLATION_ID: rec.cancellations.map((c) => c.pgCancellationId),
    CANCEL_REASON: rec.cancellations.map((c) => c.reason),
    ORDER_NAME: [rec.orderName],
    CUSTOMER_NAME: [rec.customer.name],
    CUSTOMER_EMAIL: [rec.customer.email],
    CUSTOMER_PHONE_NUMBER: [rec.customer.phoneNumber],
    CUSTOMER_ZIPCODE: [rec.customer.zipcode],
    GIFT_CERTIFICATION_APPROVAL_NUMBER: [method?.type === "PaymentMethodGiftCertificate" ? method.approvalNumber : undefined],
  };
  const texts = field === "ALL" ? Object.values(by).flat() : (by[field] ?? []);
  return texts.filter((t): t is string => typeof t === "string");
}
