// PortOne V2 payments in memory: what the operations and the checkout step do to them, and the business errors of
// specs/portone when their condition holds. No I/O here: api.ts reads requests and writes answers, and the events
// this emits become webhooks in sandbox.ts.
import type { components } from "@payspec/portone";
import type { SandboxClock } from "../clock.js";
import { failure, pgFailure, type PortOneFailure } from "./errors.js";
import { FieldReader, type Fields } from "./input.js";
import { onePage, readPage, readSort, readWindow, within } from "./listing.js";
import { copy, entriesOf, numberOf, partOf, recordsOf, type SnapshotPart } from "../state.js";

type Schemas = components["schemas"];
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

/**
 * The declining test card: a billing key issued for this number is declined on every charge (payWithBillingKey
 * answers PG_PROVIDER, a scheduled payment FAILS), so that an app can try its failure path. Any other number pays.
 */
export const DECLINED_CARD_NUMBER = "4000000000000002";
type PaymentMethod = Schemas["PaymentMethod"];
type Cancellation = Schemas["SucceededPaymentCancellation"];
type Customer = Schemas["Customer"];
type SelectedChannel = Schemas["SelectedChannel"];

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Result<T> = Ok<T> | PortOneFailure;
const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

/** How the customer pays at checkout: the browser SDK's `payMethod` values (virtual accounts: `issueVirtualAccount`). */
export type PayMethod = "CARD" | "TRANSFER" | "MOBILE" | "GIFT_CERTIFICATE" | "EASY_PAY" | "CONVENIENCE_STORE" | "CRYPTO";
const PAY_METHODS: readonly PayMethod[] = ["CARD", "TRANSFER", "MOBILE", "GIFT_CERTIFICATE", "EASY_PAY", "CONVENIENCE_STORE", "CRYPTO"];

/** What the customer does in the payment window, named as in PortOne's browser SDK (`requestPayment`). */
export interface CheckoutInput {
  readonly paymentId: string;
  /** The amount the window was opened with; defaults to the pre-registered amount. */
  readonly totalAmount?: number;
  readonly taxFreeAmount?: number;
  /** Default: (totalAmount − taxFreeAmount) / 11, rounded. */
  readonly vatAmount?: number;
  /** Default: the pre-registered currency, else KRW. */
  readonly currency?: string;
  readonly orderName?: string;
  /** Default `CARD`. */
  readonly payMethod?: PayMethod;
  readonly customer?: Customer;
  readonly customData?: string;
  readonly channelKey?: string;
  readonly storeId?: string;
}

export interface FailInput extends CheckoutInput {
  /** Why the payment failed (`failure.reason`). */
  readonly reason?: string;
  readonly pgCode?: string;
  readonly pgMessage?: string;
}

export interface VirtualAccountInput extends Omit<CheckoutInput, "payMethod"> {
  /** Default `SHINHAN`. */
  readonly bank?: Schemas["Bank"];
  /** Default 72 hours after issue (sandbox time). */
  readonly expiresAt?: string;
  readonly remitteeName?: string;
}

export interface DepositInput {
  readonly paymentId: string;
  /** Default: the amount due. Another amount is refused (the sandbox does not model partial deposits). */
  readonly amount?: number;
}

export type TransactionEvent =
  | "Transaction.Paid"
  | "Transaction.Failed"
  | "Transaction.VirtualAccountIssued"
  | "Transaction.PartialCancelled"
  | "Transaction.Cancelled";

export interface PaymentEvent {
  readonly type: TransactionEvent;
  readonly paymentId: string;
  readonly transactionId: string;
  readonly storeId: string;
  readonly cancellationId?: string;
  /** The payment's status once the event happened (PaymentWebhook.paymentStatus). */
  readonly status: string;
  /** PaymentWebhook.trigger when the event has one. */
  readonly trigger?: "VIRTUAL_ACCOUNT_DEPOSIT";
}

/** A billing key event: its webhook's `data` is `{ storeId, billingKey }` (WebhookBillingKeyIssued / …Deleted). */
export interface BillingKeyEvent {
  readonly type: "BillingKey.Issued" | "BillingKey.Deleted";
  readonly billingKey: string;
  readonly storeId: string;
}

/**
 * The webhook body of a billing key event (payload version 2024-04-25), for the delivery code to sign and send:
 * `{ type, timestamp, data: { storeId, billingKey } }`.
 */
export function billingKeyWebhookBody(event: BillingKeyEvent, timestamp: string): string {
  return JSON.stringify({ type: event.type, timestamp, data: { storeId: event.storeId, billingKey: event.billingKey } });
}

/** One step in the life of a paymentId, for the dashboard: a status reached, and the event it sent if any. */
export interface PaymentHistoryEntry {
  /** Sandbox time. */
  readonly at: string;
  /** The payment's status, or `PRE_REGISTERED` for a pre-registration (not a PortOne status: nothing exists yet). */
  readonly status: string;
  /** The webhook event it raised (absent: none, e.g. a cancel with `skipWebhook`). */
  readonly event?: TransactionEvent;
  readonly detail?: string;
}

/** A paymentId as the dashboard shows it: pre-registered only, or a payment, with its history. */
export interface PortOneCheckout {
  readonly paymentId: string;
  /** The payment's status, or `PRE_REGISTERED` while only a pre-registration exists. */
  readonly status: PortOnePayment["status"] | "PRE_REGISTERED";
  readonly preRegistered?: { readonly totalAmount?: number; readonly taxFreeAmount?: number; readonly currency?: string };
  readonly payment?: PortOnePayment;
  readonly history: readonly PaymentHistoryEntry[];
}

/** A control action the state does not allow (paying a paid payment, …): the control API answers 409 with it. */
export class CheckoutError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "CheckoutError";
    this.code = code;
  }
}

type Status = "READY" | "VIRTUAL_ACCOUNT_ISSUED" | "PAID" | "PARTIAL_CANCELLED" | "CANCELLED" | "FAILED";

interface Amounts {
  total: number;
  taxFree: number;
  vat: number;
  supply: number;
  discount: number;
  paid: number;
  cancelled: number;
  cancelledTaxFree: number;
}

interface Rec {
  seq: number;
  id: string;
  transactionId: string;
  storeId: string;
  status: Status;
  requestedAt: string;
  updatedAt: string;
  statusChangedAt: string;
  orderName: string;
  currency: string;
  customer: Customer;
  customData: string | undefined;
  method: PaymentMethod | undefined;
  channel: SelectedChannel;
  amount: Amounts;
  /** VAT already cancelled: the last cancellation takes what is left, so that the parts add up. */
  cancelledVat: number;
  pgTxId: string;
  paidAt: string | undefined;
  failedAt: string | undefined;
  failure: Schemas["PaymentFailure"] | undefined;
  cancelledAt: string | undefined;
  cancellations: Cancellation[];
  /** Sandbox time a virtual account stops taking deposits. */
  depositDeadline: number | undefined;
  /** The billing key a payWithBillingKey payment was charged to. */
  billingKey: string | undefined;
  /** The schedule that made the payment (Payment.scheduleId). */
  scheduleId: string | undefined;
}

interface KeyRec {
  readonly seq: number;
  readonly billingKey: string;
  readonly storeId: string;
  status: "ISSUED" | "DELETED";
  /** The card as the provider shows it: masked number and BIN, never the credential. */
  readonly card: Schemas["Card"];
  readonly channel: SelectedChannel;
  readonly customer: Customer;
  readonly customData: string | undefined;
  readonly requestedAt: string;
  readonly issuedAt: string;
  deletedAt: string | undefined;
  /** Issued for DECLINED_CARD_NUMBER: every charge is declined (the number itself is not kept). */
  readonly declines: boolean;
}

/** A billing-key payment as payWithBillingKey and createPaymentSchedule's `payment` take it, read and checked. */
interface KeyPayment {
  readonly billingKey: string;
  readonly orderName: string;
  readonly total: number;
  readonly taxFree: number;
  readonly vat: number | undefined;
  readonly currency: string;
  readonly channelKey: string | undefined;
  readonly customer: Customer;
  readonly customData: string | undefined;
  readonly installmentMonth: number | undefined;
}

type ScheduleStatus = PortOnePaymentSchedule["status"];

interface ScheduleRec {
  readonly seq: number;
  readonly id: string;
  readonly storeId: string;
  readonly paymentId: string;
  readonly payment: KeyPayment;
  readonly noticeUrls: string[] | undefined;
  readonly products: Schemas["PaymentProduct"][] | undefined;
  readonly createdAt: string;
  readonly timeToPay: string;
  status: ScheduleStatus;
  startedAt: string | undefined;
  completedAt: string | undefined;
  revokedAt: string | undefined;
}

interface ReceiptRec {
  readonly seq: number;
  readonly paymentId: string;
  readonly storeId: string;
  readonly channel: SelectedChannel;
  readonly type: Schemas["CashReceiptType"];
  readonly amount: number;
  readonly taxFree: number;
  readonly vat: number;
  readonly currency: string;
  readonly orderName: string;
  readonly pgReceiptId: string;
  readonly issueNumber: string;
  readonly url: string;
  readonly issuedAt: string;
  status: "ISSUED" | "CANCELLED";
  cancelledAt: string | undefined;
  statusUpdatedAt: string;
}

interface PreRegistration {
  readonly totalAmount: number | undefined;
  readonly taxFreeAmount: number | undefined;
  readonly currency: string | undefined;
}

export interface EngineContext {
  readonly clock: SandboxClock;
  readonly storeId: string;
  readonly merchantId: string;
  readonly emit: (event: PaymentEvent) => void;
  /**
   * BillingKey.Issued / BillingKey.Deleted, for the webhook delivery. Optional: without it billing keys work and
   * send no webhook (the payment events above keep their own `emit`).
   */
  readonly emitBillingKey?: (event: BillingKeyEvent) => void;
  /** The delivery records of a payment's webhooks (Payment.webhooks). */
  readonly webhooksOf: (paymentId: string) => PortOnePaymentWebhook[];
}

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
const DAY_MS = 86_400_000;
const SCHEDULE_STATUSES = ["SCHEDULED", "STARTED", "SUCCEEDED", "FAILED", "REVOKED", "PENDING"] as const;
const BILLING_KEY_TIMES = ["REQUESTED_AT", "ISSUED_AT", "DELETED_AT", "STATUS_TIMESTAMP"] as const;
const BILLING_KEY_SEARCH_FIELDS = [
  "CARD_BIN", "CARD_NUMBER", "PG_MERCHANT_ID", "CUSTOMER_NAME", "CUSTOMER_EMAIL", "CUSTOMER_PHONE_NUMBER", "CUSTOMER_ADDRESS",
  "CUSTOMER_ZIPCODE", "USER_AGENT", "BILLING_KEY", "CHANNEL_GROUP_NAME",
] as const;
const RECEIPT_TIMES = ["ISSUED_AT", "CANCELLED_AT", "STATUS_UPDATED_AT"] as const;
/** The sandbox channel's PG company (PgCompany of its pgProvider, TOSSPAYMENTS). */
const SANDBOX_PG_COMPANY = "TOSSPAYMENTS";
/** getPayments: (number + 1) × size may not exceed 60,000 (the operation's description). */
const MAX_PAGE_WINDOW = 60_000;

/**
 * VAT of a taxable amount when none is given: one eleventh, rounded (the convention of Korean PGs for VAT-inclusive
 * prices; the reference only says it is "자동 계산" — computed automatically).
 */
const vatOf = (taxable: number) => Math.round(taxable / 11);

export class PortOneEngine {
  readonly #ctx: EngineContext;
  readonly #payments = new Map<string, Rec>();
  readonly #preRegistered = new Map<string, PreRegistration>();
  /** Per paymentId, in order of first appearance; kept across re-opened transactions (a failed payment paid again). */
  readonly #history = new Map<string, PaymentHistoryEntry[]>();
  readonly #billingKeys = new Map<string, KeyRec>();
  readonly #schedules = new Map<string, ScheduleRec>();
  /** Cancels the clock timer of each schedule still SCHEDULED. */
  readonly #timers = new Map<string, () => void>();
  /** Cash receipts by paymentId (one per payment). */
  readonly #receipts = new Map<string, ReceiptRec>();
  #seq = 0;

  constructor(ctx: EngineContext) {
    this.#ctx = ctx;
  }

  reset(): void {
    this.#payments.clear();
    this.#preRegistered.clear();
    this.#history.clear();
    this.#billingKeys.clear();
    for (const cancel of this.#timers.values()) cancel();
    this.#timers.clear();
    this.#schedules.clear();
    this.#receipts.clear();
  }

  /**
   * Every record of the engine as JSON (payments, pre-registrations, histories, billing keys, schedules, cash
   * receipts and the sequence that orders them), for a snapshot file; to be serialised at once (it shares the live
   * records). Nothing secret is in it: card numbers are kept masked and identity numbers not at all.
   */
  snapshot(): SnapshotPart {
    return {
      seq: this.#seq,
      payments: [...this.#payments.values()],
      preRegistered: [...this.#preRegistered],
      history: [...this.#history],
      billingKeys: [...this.#billingKeys.values()],
      schedules: [...this.#schedules.values()],
      receipts: [...this.#receipts.values()],
    };
  }

  /**
   * Replaces the state with a snapshot's. A schedule still SCHEDULED is put back on the clock at its `timeToPay`:
   * one that came due while the sandbox was down runs at once, as when wall time catches up with it.
   */
  restore(data: unknown): void {
    const state = copy(partOf(data, "portone"));
    const seq = numberOf(state["seq"], "portone.seq");
    const payments = recordsOf<Rec>(state["payments"], "portone.payments");
    const preRegistered = entriesOf<PreRegistration>(state["preRegistered"], "portone.preRegistered");
    const history = entriesOf<PaymentHistoryEntry[]>(state["history"], "portone.history");
    const billingKeys = recordsOf<KeyRec>(state["billingKeys"], "portone.billingKeys");
    const schedules = recordsOf<ScheduleRec>(state["schedules"], "portone.schedules");
    const receipts = recordsOf<ReceiptRec>(state["receipts"], "portone.receipts");
    this.reset();
    this.#seq = seq;
    for (const rec of payments) this.#payments.set(rec.id, rec);
    for (const [paymentId, pre] of preRegistered) this.#preRegistered.set(paymentId, pre);
    for (const [paymentId, entries] of history) this.#history.set(paymentId, entries);
    for (const rec of billingKeys) this.#billingKeys.set(rec.billingKey, rec);
    for (const rec of receipts) this.#receipts.set(rec.paymentId, rec);
    for (const rec of schedules) {
      this.#schedules.set(rec.id, rec);
      if (rec.status === "SCHEDULED") this.#timers.set(rec.id, this.#ctx.clock.schedule(Date.parse(rec.timeToPay), () => this.#execute(rec)));
    }
  }

  // ------------------------------------------------------------------------------------------ operations

  /** POST /payments/{paymentId}/pre-register */
  preRegisterPayment(paymentId: string, fields: Fields): Result<Record<string, never>> {
    const read = new FieldReader();
    const totalAmount = read.amount(fields["totalAmount"], "totalAmount");
    const taxFreeAmount = read.amount(fields["taxFreeAmount"], "taxFreeAmount");
    const currency = readCurrency(read, fields["currency"]);
    if (totalAmount !== undefined && taxFreeAmount !== undefined && taxFreeAmount > totalAmount) {
      read.problem("taxFreeAmount는 totalAmount보다 클 수 없습니다.");
    }
    const bad = read.failure();
    if (bad) return bad;
    const existing = this.#payments.get(paymentId);
    if (existing && isPaidOrAfter(existing.status)) return failure("ALREADY_PAID");
    this.#preRegistered.set(paymentId, { totalAmount, taxFreeAmount, currency });
    const amount = totalAmount === undefined ? "no amount" : `${totalAmount} ${currency ?? ""}`.trim();
    this.#record(paymentId, { at: this.#ctx.clock.iso(), status: "PRE_REGISTERED", detail: amount });
    return ok({});
  }

  /** GET /payments/{paymentId} */
  getPayment(paymentId: string): Result<PortOnePayment> {
    const rec = this.#payments.get(paymentId);
    return rec ? ok(this.#view(rec)) : failure("PAYMENT_NOT_FOUND");
  }

  /** GET /payments (GetPaymentsBody: page and filter). */
  getPayments(fields: Fields): Result<Schemas["GetPaymentsResponse"]> {
    const read = new FieldReader();
    const page = read.object(fields["page"], "page") ?? {};
    const number = read.integer(page["number"], "page.number", 0) ?? 0;
    const size = read.integer(page["size"], "page.size", 1) ?? 10;
    if ((number + 1) * size > MAX_PAGE_WINDOW) read.problem(`(page.number + 1) × page.size는 ${MAX_PAGE_WINDOW}을 넘을 수 없습니다.`);
    const filter = read.object(fields["filter"], "filter") ?? {};
    const { predicate, sortKey, descending } = this.#filter(read, filter);
    const bad = read.failure();
    if (bad) return bad;
    const found = [...this.#payments.values()].filter(predicate);
    found.sort((a, b) => {
      const order = Date.parse(sortKey(a)) - Date.parse(sortKey(b)) || a.seq - b.seq;
      return descending ? -order : order;
    });
    const items = found.slice(number * size, (number + 1) * size).map((rec) => this.#view(rec));
    return ok({ items, page: { number, size, totalCount: found.length } });
  }

  /** POST /payments/{paymentId}/cancel */
  cancelPayment(paymentId: string, fields: Fields): Result<Schemas["CancelPaymentResponse"]> {
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

    const rec = this.#payments.get(paymentId);
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

    const now = this.#ctx.clock.iso();
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
    this.#setStatus(rec, status, now, `cancelled ${total}`);
    if (skipWebhook !== true) {
      this.#emit(rec, status === "CANCELLED" ? "Transaction.Cancelled" : "Transaction.PartialCancelled", { cancellationId: cancellation.id });
    }
    return ok({ cancellation });
  }

  // ------------------------------------------------------------------------------------------ billing keys

  /** POST /billing-keys: a key from card credentials. The card is kept masked; the credential is never stored. */
  issueBillingKey(fields: Fields): Result<Schemas["IssueBillingKeyResponse"]> {
    const read = new FieldReader();
    const method = read.object(fields["method"], "method");
    if (method === undefined) read.problem("method: 필수 입력 항목입니다. (required)");
    const card = method && read.object(method["card"], "method.card");
    if (method && card === undefined) read.problem("method.card: 필수 입력 항목입니다. (required: the sandbox issues card billing keys)");
    const credential = card && read.object(card["credential"], "method.card.credential");
    if (card && credential === undefined) read.problem("method.card.credential: 필수 입력 항목입니다. (required)");
    let digits: string | undefined;
    if (credential) {
      // Never echo a credential value in a message: only say which field is wrong.
      const number = read.string(credential["number"], "method.card.credential.number", { required: true });
      if (number !== undefined && !/^\d{13,19}$/.test(number)) read.problem("method.card.credential.number: 13~19자리 숫자여야 합니다. (13 to 19 digits)");
      else digits = number;
      const year = read.string(credential["expiryYear"], "method.card.credential.expiryYear", { required: true });
      if (year !== undefined && !/^\d{2}$/.test(year)) read.problem("method.card.credential.expiryYear: 2자리 숫자여야 합니다. (2 digits)");
      const month = read.string(credential["expiryMonth"], "method.card.credential.expiryMonth", { required: true });
      if (month !== undefined && !/^(0[1-9]|1[0-2])$/.test(month)) read.problem("method.card.credential.expiryMonth: 01~12여야 합니다. (01 to 12)");
      read.string(credential["birthOrBusinessRegistrationNumber"], "method.card.credential.birthOrBusinessRegistrationNumber");
      read.string(credential["passwordTwoDigits"], "method.card.credential.passwordTwoDigits");
    }
    const channelKey = read.string(fields["channelKey"], "channelKey");
    const channelGroupId = read.string(fields["channelGroupId"], "channelGroupId");
    if (channelKey === undefined && channelGroupId === undefined) read.problem("channelKey 또는 channelGroupId 중 하나는 필수입니다. (channelKey or channelGroupId is required)");
    const customer = readCustomer(read, fields["customer"]);
    const customData = read.string(fields["customData"], "customData", { maxLength: 4000 });
    read.object(fields["bypass"], "bypass");
    read.list(fields["noticeUrls"], "noticeUrls", undefined);
    const skipWebhook = read.boolean(fields["skipWebhook"], "skipWebhook");
    const bad = read.failure();
    if (bad || digits === undefined) return bad ?? failure("INVALID_REQUEST");

    const now = this.#ctx.clock.iso();
    const channel = sandboxChannel(channelKey);
    const rec: KeyRec = {
      seq: ++this.#seq,
      billingKey: `billing-key-${globalThis.crypto.randomUUID()}`,
      storeId: typeof fields["storeId"] === "string" ? fields["storeId"] : this.#ctx.storeId,
      status: "ISSUED",
      card: {
        brand: "LOCAL",
        type: "CREDIT",
        ownerType: "PERSONAL",
        bin: digits.slice(0, 6),
        number: `${digits.slice(0, 6)}${"*".repeat(digits.length - 10)}${digits.slice(-4)}`,
        name: "payspec 테스트 카드",
      },
      channel,
      customer,
      customData,
      requestedAt: now,
      issuedAt: now,
      deletedAt: undefined,
      declines: digits === DECLINED_CARD_NUMBER,
    };
    this.#billingKeys.set(rec.billingKey, rec);
    if (skipWebhook !== true) this.#ctx.emitBillingKey?.({ type: "BillingKey.Issued", billingKey: rec.billingKey, storeId: rec.storeId });
    return ok({ billingKeyInfo: { billingKey: rec.billingKey, channels: [channel], issuedAt: now } });
  }

  /** GET /billing-keys/{billingKey}: an issued or a deleted key. */
  getBillingKeyInfo(billingKey: string): Result<PortOneBillingKey> {
    const rec = this.#billingKeys.get(billingKey);
    return rec ? ok(this.#keyView(rec)) : failure("BILLING_KEY_NOT_FOUND");
  }

  /** DELETE /billing-keys/{billingKey} (its inputs are query parameters, hence text). */
  deleteBillingKey(billingKey: string, params: Fields): Result<Schemas["DeleteBillingKeyResponse"]> {
    const read = new FieldReader();
    read.string(params["reason"], "reason");
    read.oneOf(params["requester"], "requester", ["CUSTOMER", "ADMIN"]);
    const skipWebhook = read.oneOf(params["skipWebhook"], "skipWebhook", ["true", "false"]);
    const bad = read.failure();
    if (bad) return bad;
    const rec = this.#billingKeys.get(billingKey);
    if (!rec) return failure("BILLING_KEY_NOT_FOUND");
    if (rec.status === "DELETED") return failure("BILLING_KEY_ALREADY_DELETED");
    // The spec: a key with a payment still scheduled on it cannot be deleted (revoke the schedules first).
    if ([...this.#schedules.values()].some((s) => s.payment.billingKey === billingKey && s.status === "SCHEDULED")) {
      return failure("PAYMENT_SCHEDULE_ALREADY_EXISTS", "해당 빌링키로 예약된 결제 건이 존재합니다.");
    }
    const now = this.#ctx.clock.iso();
    rec.status = "DELETED";
    rec.deletedAt = now;
    if (skipWebhook !== "true") this.#ctx.emitBillingKey?.({ type: "BillingKey.Deleted", billingKey: rec.billingKey, storeId: rec.storeId });
    return ok({ deletedAt: now });
  }

  /** POST /payments/{paymentId}/billing-key: charges the key at once, a PAID payment and Transaction.Paid. */
  payWithBillingKey(paymentId: string, fields: Fields): Result<Schemas["PayWithBillingKeyResponse"]> {
    const read = new FieldReader();
    const input = readKeyPayment(read, fields, "");
    const skipWebhook = read.boolean(fields["skipWebhook"], "skipWebhook");
    const bad = read.failure();
    if (bad || input === undefined) return bad ?? failure("INVALID_REQUEST");

    const key = this.#billingKeys.get(input.billingKey);
    if (!key) return failure("BILLING_KEY_NOT_FOUND");
    if (key.status === "DELETED") return failure("BILLING_KEY_ALREADY_DELETED");
    const existing = this.#payments.get(paymentId);
    if (existing && isPaidOrAfter(existing.status)) return failure("ALREADY_PAID");
    if (existing?.status === "VIRTUAL_ACCOUNT_ISSUED") return failure("INVALID_REQUEST", "가상계좌 입금을 기다리는 결제 건입니다. (the payment waits for a virtual-account deposit)");
    if (this.#scheduleOf(paymentId)) return failure("PAYMENT_SCHEDULE_ALREADY_EXISTS");
    if (input.taxFree + (input.vat ?? 0) > input.total) return failure("SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT");

    const rec = this.#charge(paymentId, key, input, { skipWebhook: skipWebhook === true, scheduleId: undefined });
    // A declined charge leaves a FAILED payment (and Transaction.Failed) and answers the PG's refusal.
    if (rec.status === "FAILED") return pgFailure(rec.failure?.pgCode ?? "SANDBOX_DECLINED", rec.failure?.pgMessage ?? "declined");
    return ok({ payment: { pgTxId: rec.pgTxId, paidAt: rec.paidAt! } });
  }

  /** GET /billing-keys (GetBillingKeyInfosBody: page, sort and filter). */
  getBillingKeyInfos(fields: Fields): Result<Schemas["GetBillingKeyInfosResponse"]> {
    const read = new FieldReader();
    const page = readPage(read, fields);
    const sort = readSort(read, fields, BILLING_KEY_TIMES, "REQUESTED_AT");
    const f = read.object(fields["filter"], "filter") ?? {};
    const storeId = read.string(f["storeId"], "filter.storeId");
    // The reference names no default for timeRangeField: the sort's default, REQUESTED_AT.
    const timeField = read.oneOf(f["timeRangeField"], "filter.timeRangeField", BILLING_KEY_TIMES) ?? "REQUESTED_AT";
    const window = readWindow(read, f, this.#ctx.clock.now());
    const statuses = read.list(f["status"], "filter.status", ["ISSUED", "DELETED"] as const);
    const channelGroupIds = read.list(f["channelGroupIds"], "filter.channelGroupIds", undefined);
    const customerId = read.string(f["customerId"], "filter.customerId");
    const platformType = read.oneOf(f["platformType"], "filter.platformType", ["SDK_MOBILE", "SDK_PC", "API"] as const);
    const search = read.object(f["textSearch"], "filter.textSearch");
    const searchField = search && read.oneOf(search["field"], "filter.textSearch.field", BILLING_KEY_SEARCH_FIELDS);
    const searchValue = search && read.string(search["value"], "filter.textSearch.value", { required: true });
    if (search && search["field"] === undefined) read.problem("filter.textSearch.field: 필수 입력 항목입니다. (required)");
    const pgProviders = read.list(f["pgProviders"], "filter.pgProviders", undefined);
    const pgCompanies = read.list(f["pgCompanies"], "filter.pgCompanies", undefined);
    const methods = read.list(f["methods"], "filter.methods", ["CARD", "MOBILE", "EASY_PAY", "TRANSFER"] as const);
    const version = read.oneOf(f["version"], "filter.version", ["V1", "V2"] as const);
    const bad = read.failure();
    if (bad) return bad;

    const time = (rec: KeyRec, field: (typeof BILLING_KEY_TIMES)[number]) =>
      field === "REQUESTED_AT" ? rec.requestedAt : field === "ISSUED_AT" ? rec.issuedAt : field === "DELETED_AT" ? rec.deletedAt : (rec.deletedAt ?? rec.issuedAt);
    const found = [...this.#billingKeys.values()].filter((rec) => {
      if (!within(window, time(rec, timeField))) return false;
      if (storeId !== undefined && rec.storeId !== storeId) return false;
      if (statuses && !statuses.includes(rec.status)) return false;
      // Sandbox keys are card keys of the one test channel, issued through the API, on V2, with no channel group.
      if (channelGroupIds && channelGroupIds.length > 0) return false;
      if (customerId !== undefined && rec.customer.id !== customerId) return false;
      if (platformType !== undefined && platformType !== "API") return false;
      if (pgProviders && pgProviders.length > 0 && !pgProviders.includes(rec.channel.pgProvider)) return false;
      if (pgCompanies && pgCompanies.length > 0 && !pgCompanies.includes(SANDBOX_PG_COMPANY)) return false;
      if (methods && methods.length > 0 && !methods.includes("CARD")) return false;
      if (version === "V1") return false;
      if (searchField !== undefined && searchValue !== undefined) return keySearchable(rec, searchField).some((text) => text.includes(searchValue));
      return true;
    });
    return ok(onePage(found, (rec) => time(rec, sort.by), sort.descending, page, (rec) => this.#keyView(rec)));
  }

  // ------------------------------------------------------------------------------------------ payment schedules

  /** POST /payments/{paymentId}/schedule: a billing-key payment that runs when the sandbox clock reaches timeToPay. */
  createPaymentSchedule(paymentId: string, fields: Fields): Result<Schemas["CreatePaymentScheduleResponse"]> {
    const read = new FieldReader();
    const payment = read.object(fields["payment"], "payment");
    if (payment === undefined) read.problem("payment: 필수 입력 항목입니다. (required)");
    const input = payment && readKeyPayment(read, payment, "payment.");
    const noticeUrls = payment && read.list(payment["noticeUrls"], "payment.noticeUrls", undefined);
    if (noticeUrls?.some((url) => !/^https?:\/\//.test(url) || url.length > 2048)) read.problem("payment.noticeUrls: http(s) URL이어야 합니다. (must be http(s) URLs)");
    const products = payment && readProducts(read, payment["products"]);
    const now = this.#ctx.clock.now();
    const timeToPay = read.dateTime(fields["timeToPay"], "timeToPay");
    if (fields["timeToPay"] === undefined || fields["timeToPay"] === null) read.problem("timeToPay: 필수 입력 항목입니다. (required)");
    // The spec's example: a time that is not in the future is refused (the sandbox does not pay at once instead).
    else if (timeToPay !== undefined && timeToPay <= now) read.problem("timeToPay: 현재 시점 이후여야 합니다. (must be after the sandbox's now)");
    const bad = read.failure();
    if (bad || input === undefined || timeToPay === undefined) return bad ?? failure("INVALID_REQUEST");

    const key = this.#billingKeys.get(input.billingKey);
    if (!key) return failure("BILLING_KEY_NOT_FOUND");
    if (key.status === "DELETED") return failure("BILLING_KEY_ALREADY_DELETED");
    const existing = this.#payments.get(paymentId);
    if (existing && (isPaidOrAfter(existing.status) || existing.status === "VIRTUAL_ACCOUNT_ISSUED")) return failure("ALREADY_PAID_OR_WAITING");
    if (this.#scheduleOf(paymentId)) return failure("PAYMENT_SCHEDULE_ALREADY_EXISTS");
    if (input.taxFree + (input.vat ?? 0) > input.total) return failure("SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT");

    const rec: ScheduleRec = {
      seq: ++this.#seq,
      id: globalThis.crypto.randomUUID(),
      storeId: key.storeId,
      paymentId,
      payment: input,
      noticeUrls: noticeUrls && noticeUrls.length > 0 ? noticeUrls : undefined,
      products,
      createdAt: new Date(now).toISOString(),
      timeToPay: new Date(timeToPay).toISOString(),
      status: "SCHEDULED",
      startedAt: undefined,
      completedAt: undefined,
      revokedAt: undefined,
    };
    this.#schedules.set(rec.id, rec);
    this.#timers.set(rec.id, this.#ctx.clock.schedule(timeToPay, () => this.#execute(rec)));
    return ok({ schedule: { id: rec.id } });
  }

  /** GET /payment-schedules/{paymentScheduleId} */
  getPaymentSchedule(scheduleId: string): Result<PortOnePaymentSchedule> {
    const rec = this.#schedules.get(scheduleId);
    return rec ? ok(this.#scheduleView(rec)) : failure("PAYMENT_SCHEDULE_NOT_FOUND");
  }

  /** GET /payment-schedules (GetPaymentSchedulesBody): the window is on timeToPay, so future ones need `until`. */
  getPaymentSchedules(fields: Fields): Result<Schemas["GetPaymentSchedulesResponse"]> {
    const read = new FieldReader();
    const page = readPage(read, fields);
    const sort = readSort(read, fields, ["CREATED_AT", "TIME_TO_PAY", "COMPLETED_AT", "STATUS_TIMESTAMP"] as const, "TIME_TO_PAY");
    const f = read.object(fields["filter"], "filter") ?? {};
    const storeId = read.string(f["storeId"], "filter.storeId");
    const billingKey = read.string(f["billingKey"], "filter.billingKey");
    const window = readWindow(read, f, this.#ctx.clock.now());
    const statuses = read.list(f["status"], "filter.status", SCHEDULE_STATUSES);
    const isForTest = read.boolean(f["isForTest"], "filter.isForTest");
    const bad = read.failure();
    if (bad) return bad;

    const found = [...this.#schedules.values()].filter(
      (rec) =>
        within(window, rec.timeToPay) &&
        (storeId === undefined || rec.storeId === storeId) &&
        (billingKey === undefined || rec.payment.billingKey === billingKey) &&
        (statuses === undefined || statuses.length === 0 || (statuses as string[]).includes(rec.status)) &&
        // Every sandbox schedule is a test one.
        isForTest !== false,
    );
    const key = (rec: ScheduleRec) =>
      sort.by === "CREATED_AT" ? rec.createdAt
      : sort.by === "TIME_TO_PAY" ? rec.timeToPay
      : sort.by === "COMPLETED_AT" ? rec.completedAt
      : (rec.revokedAt ?? rec.completedAt ?? rec.timeToPay);
    return ok(onePage(found, key, sort.descending, page, (rec) => this.#scheduleView(rec)));
  }

  /**
   * DELETE /payment-schedules: by ids (which must then be the given key's, if one is given) or every SCHEDULED one
   * of a billing key. All or nothing: one id that cannot be revoked refuses the whole request.
   */
  revokePaymentSchedules(fields: Fields): Result<Schemas["RevokePaymentSchedulesResponse"]> {
    const read = new FieldReader();
    const billingKey = read.string(fields["billingKey"], "billingKey");
    const ids = read.list(fields["scheduleIds"], "scheduleIds", undefined);
    if (billingKey === undefined && (ids === undefined || ids.length === 0)) read.problem("billingKey, scheduleIds 중 하나 이상은 필수로 입력해야 합니다.");
    const bad = read.failure();
    if (bad) return bad;

    if (billingKey !== undefined) {
      const key = this.#billingKeys.get(billingKey);
      if (!key) return failure("BILLING_KEY_NOT_FOUND");
      if (key.status === "DELETED") return failure("BILLING_KEY_ALREADY_DELETED");
    }
    let targets: ScheduleRec[];
    if (ids && ids.length > 0) {
      targets = [];
      for (const id of new Set(ids)) {
        const rec = this.#schedules.get(id);
        // The reference says a schedule of another billing key fails the request without naming the error: it is
        // not found among that key's schedules.
        if (!rec || (billingKey !== undefined && rec.payment.billingKey !== billingKey)) return failure("PAYMENT_SCHEDULE_NOT_FOUND");
        if (rec.status === "REVOKED") return failure("PAYMENT_SCHEDULE_ALREADY_REVOKED");
        if (rec.status !== "SCHEDULED") return failure("PAYMENT_SCHEDULE_ALREADY_PROCESSED");
        targets.push(rec);
      }
    } else {
      targets = [...this.#schedules.values()].filter((rec) => rec.payment.billingKey === billingKey && rec.status === "SCHEDULED");
    }
    const now = this.#ctx.clock.iso();
    for (const rec of targets) {
      rec.status = "REVOKED";
      rec.revokedAt = now;
      this.#timers.get(rec.id)?.();
      this.#timers.delete(rec.id);
    }
    return ok({ revokedScheduleIds: targets.map((rec) => rec.id), revokedAt: now });
  }

  // ------------------------------------------------------------------------------------------ cash receipts

  /** POST /cash-receipts: a receipt for any paymentId (PortOne issues them for payments made outside it too). */
  issueCashReceipt(fields: Fields): Result<Schemas["IssueCashReceiptResponse"]> {
    const read = new FieldReader();
    const paymentId = read.string(fields["paymentId"], "paymentId", { required: true });
    const channelKey = read.string(fields["channelKey"], "channelKey", { required: true });
    const type = read.oneOf(fields["type"], "type", ["PERSONAL", "CORPORATE"] as const);
    if (fields["type"] === undefined || fields["type"] === null) read.problem("type: 필수 입력 항목입니다. (required)");
    const orderName = read.string(fields["orderName"], "orderName", { required: true, maxLength: 1000 });
    const currency = readCurrency(read, fields["currency"]);
    if (fields["currency"] === undefined || fields["currency"] === null) read.problem("currency: 필수 입력 항목입니다. (required)");
    const amount = read.object(fields["amount"], "amount");
    if (amount === undefined) read.problem("amount: 필수 입력 항목입니다. (required)");
    const total = amount && read.amount(amount["total"], "amount.total");
    if (amount && (amount["total"] === undefined || amount["total"] === null)) read.problem("amount.total: 필수 입력 항목입니다. (required)");
    const taxFree = (amount && read.amount(amount["taxFree"], "amount.taxFree")) ?? 0;
    const vatGiven = amount && read.amount(amount["vat"], "amount.vat");
    read.oneOf(fields["productType"], "productType", ["PHYSICAL", "DIGITAL"] as const);
    // The customer's identity number (a phone, card or business number) is checked, never kept nor echoed.
    const customer = read.object(fields["customer"], "customer");
    if (customer === undefined) read.problem("customer: 필수 입력 항목입니다. (required)");
    if (customer) {
      read.string(customer["identityNumber"], "customer.identityNumber", { required: true });
      read.oneOf(customer["identityNumberType"], "customer.identityNumberType", ["PHONE", "CARD", "BUSINESS"] as const);
      read.string(customer["name"], "customer.name", { maxLength: 1000 });
      read.string(customer["email"], "customer.email");
      read.string(customer["phoneNumber"], "customer.phoneNumber");
    }
    read.dateTime(fields["paidAt"], "paidAt");
    read.string(fields["businessRegistrationNumber"], "businessRegistrationNumber");
    read.oneOf(fields["paymentMethod"], "paymentMethod", ["TRANSFER", "VIRTUAL_ACCOUNT"] as const);
    // The operation declares no SUM_OF_PARTS error: parts above the total are an invalid input.
    if (total !== undefined && taxFree + (vatGiven ?? 0) > total) read.problem("amount: 면세액과 부가세의 합이 총 금액을 넘을 수 없습니다. (taxFree + vat must not exceed total)");
    const bad = read.failure();
    if (bad || paymentId === undefined || channelKey === undefined || type === undefined || orderName === undefined || currency === undefined || total === undefined) {
      return bad ?? failure("INVALID_REQUEST");
    }
    // One receipt per payment: a cancelled one is not issued again (the reference does not say it may be).
    if (this.#receipts.has(paymentId)) return failure("CASH_RECEIPT_ALREADY_ISSUED");

    const now = this.#ctx.clock.iso();
    const rec: ReceiptRec = {
      seq: ++this.#seq,
      paymentId,
      storeId: typeof fields["storeId"] === "string" ? fields["storeId"] : this.#ctx.storeId,
      channel: sandboxChannel(channelKey),
      type,
      amount: total,
      taxFree,
      vat: vatGiven ?? vatOf(total - taxFree),
      currency,
      orderName,
      pgReceiptId: `sandbox-receipt-${globalThis.crypto.randomUUID()}`,
      issueNumber: String(Math.floor(Math.random() * 1e9)).padStart(9, "0"),
      url: `https://payspec-sandbox.invalid/cash-receipts/${encodeURIComponent(paymentId)}`,
      issuedAt: now,
      status: "ISSUED",
      cancelledAt: undefined,
      statusUpdatedAt: now,
    };
    this.#receipts.set(paymentId, rec);
    return ok({ cashReceipt: { issueNumber: rec.issueNumber, url: rec.url, pgReceiptId: rec.pgReceiptId } });
  }

  /** GET /payments/{paymentId}/cash-receipt */
  getCashReceiptByPaymentId(paymentId: string): Result<PortOneCashReceipt> {
    const rec = this.#receipts.get(paymentId);
    return rec ? ok(this.#receiptView(rec)) : failure("CASH_RECEIPT_NOT_FOUND");
  }

  /** POST /payments/{paymentId}/cash-receipt/cancel: the whole receipt; a cancelled one is CASH_RECEIPT_NOT_ISSUED. */
  cancelCashReceiptByPaymentId(paymentId: string): Result<Schemas["CancelCashReceiptResponse"]> {
    const rec = this.#receipts.get(paymentId);
    if (!rec) return failure("CASH_RECEIPT_NOT_FOUND");
    if (rec.status !== "ISSUED") return failure("CASH_RECEIPT_NOT_ISSUED");
    const now = this.#ctx.clock.iso();
    rec.status = "CANCELLED";
    rec.cancelledAt = now;
    rec.statusUpdatedAt = now;
    return ok({ cancelledAmount: rec.amount, cancelledAt: now });
  }

  /** GET /cash-receipts (GetCashReceiptsBody: page, sort and filter). */
  getCashReceipts(fields: Fields): Result<Schemas["GetCashReceiptsResponse"]> {
    const read = new FieldReader();
    const page = readPage(read, fields);
    const sort = readSort(read, fields, RECEIPT_TIMES, "ISSUED_AT");
    const f = read.object(fields["filter"], "filter") ?? {};
    const storeId = read.string(f["storeId"], "filter.storeId");
    const timeField = read.oneOf(f["timeRangeField"], "filter.timeRangeField", RECEIPT_TIMES) ?? "ISSUED_AT";
    const window = readWindow(read, f, this.#ctx.clock.now());
    const paymentId = read.string(f["paymentId"], "filter.paymentId");
    const isTest = read.boolean(f["isTest"], "filter.isTest");
    const orderName = read.string(f["orderName"], "filter.orderName", { maxLength: 1000 });
    const statuses = read.list(f["statuses"], "filter.statuses", ["ISSUED", "CANCELLED", "FAILED"] as const);
    const isManual = read.boolean(f["isManual"], "filter.isManual");
    const pgReceiptId = read.string(f["pgReceiptId"], "filter.pgReceiptId");
    const pgMerchantId = read.string(f["pgMerchantId"], "filter.pgMerchantId");
    const pgProviders = read.list(f["pgProviders"], "filter.pgProviders", undefined);
    const pgCompanies = read.list(f["pgCompanies"], "filter.pgCompanies", undefined);
    const version = read.oneOf(f["version"], "filter.version", ["V1", "V2"] as const);
    const types = read.list(f["types"], "filter.types", ["PERSONAL", "CORPORATE"] as const);
    const bad = read.failure();
    if (bad) return bad;

    const time = (rec: ReceiptRec, field: (typeof RECEIPT_TIMES)[number]) =>
      field === "ISSUED_AT" ? rec.issuedAt : field === "CANCELLED_AT" ? rec.cancelledAt : rec.statusUpdatedAt;
    const found = [...this.#receipts.values()].filter(
      (rec) =>
        within(window, time(rec, timeField)) &&
        (storeId === undefined || rec.storeId === storeId) &&
        (paymentId === undefined || rec.paymentId === paymentId) &&
        // Every sandbox receipt is a test one, issued by hand (issueCashReceipt), on V2; none ever fails.
        isTest !== false &&
        isManual !== false &&
        version !== "V1" &&
        (orderName === undefined || rec.orderName === orderName) &&
        (statuses === undefined || statuses.length === 0 || (statuses as string[]).includes(rec.status)) &&
        (pgReceiptId === undefined || rec.pgReceiptId === pgReceiptId) &&
        (pgMerchantId === undefined || rec.channel.pgMerchantId === pgMerchantId) &&
        (pgProviders === undefined || pgProviders.length === 0 || pgProviders.includes(rec.channel.pgProvider)) &&
        (pgCompanies === undefined || pgCompanies.length === 0 || pgCompanies.includes(SANDBOX_PG_COMPANY)) &&
        (types === undefined || types.length === 0 || (types as string[]).includes(rec.type)),
    );
    return ok(onePage(found, (rec) => time(rec, sort.by), sort.descending, page, (rec) => this.#receiptView(rec)));
  }

  /** Every payment schedule as getPaymentSchedule answers it, newest first (what the dashboard lists). */
  schedules(): PortOnePaymentSchedule[] {
    return [...this.#schedules.values()].sort((a, b) => b.seq - a.seq).map((rec) => this.#scheduleView(rec));
  }

  /** Every billing key, oldest first. */
  billingKeys(): PortOneBillingKey[] {
    return [...this.#billingKeys.values()].map((rec) => this.#keyView(rec));
  }

  // ------------------------------------------------------------------------------------------ checkout (control)

  /** The customer pays in the payment window: PAID (or FAILED when the amount differs from the pre-registered one). */
  pay(input: CheckoutInput): PortOnePayment {
    const payMethod = input.payMethod ?? "CARD";
    if (!PAY_METHODS.includes(payMethod)) {
      throw new CheckoutError("INVALID_INPUT", `payMethod must be one of ${PAY_METHODS.join(", ")} (virtual accounts: issueVirtualAccount)`);
    }
    const { rec, mismatch } = this.#open(input, () => methodOf(payMethod, input.customer));
    if (mismatch) return this.#failed(rec, { reason: mismatch, pgCode: "SANDBOX_PRE_REGISTERED_MISMATCH" });
    const now = this.#ctx.clock.iso();
    rec.paidAt = now;
    rec.amount.paid = rec.amount.total - rec.amount.discount;
    this.#setStatus(rec, "PAID", now);
    this.#emit(rec, "Transaction.Paid");
    return this.#view(rec);
  }

  /** The payment fails in the window (declined card, customer gave up, …): FAILED and Transaction.Failed. */
  fail(input: FailInput): PortOnePayment {
    const { rec } = this.#open(input, () => (input.payMethod ? methodOf(input.payMethod, input.customer) : undefined));
    return this.#failed(rec, {
      reason: input.reason ?? "결제가 실패했습니다. (sandbox)",
      ...(input.pgCode !== undefined && { pgCode: input.pgCode }),
      ...(input.pgMessage !== undefined && { pgMessage: input.pgMessage }),
    });
  }

  /** A virtual account is issued for the payment: VIRTUAL_ACCOUNT_ISSUED and Transaction.VirtualAccountIssued. */
  issueVirtualAccount(input: VirtualAccountInput): PortOnePayment {
    const issuedAt = this.#ctx.clock.now();
    const expiresAt = input.expiresAt === undefined ? issuedAt + 3 * DAY_MS : Date.parse(input.expiresAt);
    if (!Number.isFinite(expiresAt) || expiresAt <= issuedAt) throw new CheckoutError("INVALID_INPUT", "expiresAt must be a date-time after the sandbox's now");
    const { rec, mismatch } = this.#open(input, () => ({
      type: "PaymentMethodVirtualAccount",
      bank: input.bank ?? "SHINHAN",
      accountNumber: `5621${String(Math.floor(Math.random() * 1e10)).padStart(10, "0")}`,
      accountType: "NORMAL",
      remitteeName: input.remitteeName ?? "payspec sandbox",
      ...(input.customer?.name !== undefined && { remitterName: input.customer.name }),
      expiredAt: new Date(expiresAt).toISOString(),
      issuedAt: new Date(issuedAt).toISOString(),
    }));
    if (mismatch) return this.#failed(rec, { reason: mismatch, pgCode: "SANDBOX_PRE_REGISTERED_MISMATCH" });
    rec.depositDeadline = expiresAt;
    this.#setStatus(rec, "VIRTUAL_ACCOUNT_ISSUED", this.#ctx.clock.iso());
    this.#emit(rec, "Transaction.VirtualAccountIssued");
    return this.#view(rec);
  }

  /** The customer deposits into the issued virtual account: PAID and Transaction.Paid (trigger VIRTUAL_ACCOUNT_DEPOSIT). */
  deposit(input: DepositInput): PortOnePayment {
    const rec = this.#payments.get(input.paymentId);
    if (!rec || rec.status !== "VIRTUAL_ACCOUNT_ISSUED") {
      throw new CheckoutError("NOT_WAITING_FOR_DEPOSIT", `payment ${input.paymentId} has no issued virtual account waiting for a deposit`);
    }
    if (rec.depositDeadline !== undefined && this.#ctx.clock.now() > rec.depositDeadline) {
      throw new CheckoutError("VIRTUAL_ACCOUNT_EXPIRED", `the virtual account of ${input.paymentId} expired at ${new Date(rec.depositDeadline).toISOString()}`);
    }
    const due = rec.amount.total - rec.amount.discount;
    if (input.amount !== undefined && input.amount !== due) {
      throw new CheckoutError("DEPOSIT_AMOUNT_MISMATCH", `the amount due is ${due}; the sandbox takes deposits of exactly that amount`);
    }
    const now = this.#ctx.clock.iso();
    rec.paidAt = now;
    rec.amount.paid = due;
    this.#setStatus(rec, "PAID", now);
    this.#emit(rec, "Transaction.Paid", { trigger: "VIRTUAL_ACCOUNT_DEPOSIT" });
    return this.#view(rec);
  }

  /** Every paymentId pre-registered or opened, oldest first, with its history. */
  checkouts(): PortOneCheckout[] {
    return [...this.#history.keys()].map((paymentId) => {
      const rec = this.#payments.get(paymentId);
      const pre = this.#preRegistered.get(paymentId);
      return {
        paymentId,
        status: rec ? rec.status : "PRE_REGISTERED",
        ...(pre && {
          preRegistered: {
            ...(pre.totalAmount !== undefined && { totalAmount: pre.totalAmount }),
            ...(pre.taxFreeAmount !== undefined && { taxFreeAmount: pre.taxFreeAmount }),
            ...(pre.currency !== undefined && { currency: pre.currency }),
          },
        }),
        ...(rec && { payment: this.#view(rec) }),
        history: [...(this.#history.get(paymentId) ?? [])],
      };
    });
  }

  /** Every payment, oldest first. */
  list(): PortOnePayment[] {
    return [...this.#payments.values()].map((rec) => this.#view(rec));
  }

  // ------------------------------------------------------------------------------------------ internals

  /**
   * Opens (or re-opens) the payment window for `input.paymentId`: a new transaction on a new or READY/FAILED payment.
   * Returns why the input does not match the pre-registration, if it does not.
   */
  #open(input: CheckoutInput, method: () => PaymentMethod | undefined): { rec: Rec; mismatch: string | undefined } {
    if (typeof input?.paymentId !== "string" || input.paymentId === "") throw new CheckoutError("INVALID_INPUT", "paymentId is required");
    const storeId = input.storeId ?? this.#ctx.storeId;
    if (storeId !== this.#ctx.storeId) throw new CheckoutError("INVALID_INPUT", `storeId ${storeId} is not the sandbox's store (${this.#ctx.storeId})`);
    const existing = this.#payments.get(input.paymentId);
    if (existing && isPaidOrAfter(existing.status)) throw new CheckoutError("ALREADY_PAID", `payment ${input.paymentId} is already ${existing.status}`);
    if (existing?.status === "VIRTUAL_ACCOUNT_ISSUED") {
      throw new CheckoutError("VIRTUAL_ACCOUNT_ISSUED", `payment ${input.paymentId} waits for a deposit into its virtual account (use deposit)`);
    }
    const pre = this.#preRegistered.get(input.paymentId);
    const totalAmount = input.totalAmount ?? pre?.totalAmount;
    if (totalAmount === undefined) throw new CheckoutError("INVALID_INPUT", "totalAmount is required (nothing was pre-registered for this paymentId)");
    for (const [name, value] of [["totalAmount", totalAmount], ["taxFreeAmount", input.taxFreeAmount], ["vatAmount", input.vatAmount]] as const) {
      if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0)) throw new CheckoutError("INVALID_INPUT", `${name} must be a whole number ≥ 0`);
    }
    const taxFree = input.taxFreeAmount ?? pre?.taxFreeAmount ?? 0;
    if (taxFree > totalAmount) throw new CheckoutError("INVALID_INPUT", "taxFreeAmount must not exceed totalAmount");
    const currency = input.currency ?? pre?.currency ?? "KRW";
    const vat = input.vatAmount ?? vatOf(totalAmount - taxFree);
    if (vat > totalAmount - taxFree) throw new CheckoutError("INVALID_INPUT", "vatAmount must not exceed the taxable amount");

    let mismatch: string | undefined;
    if (pre) {
      if (pre.totalAmount !== undefined && pre.totalAmount !== totalAmount) mismatch = `사전 등록된 결제 금액(${pre.totalAmount})과 요청 금액(${totalAmount})이 일치하지 않습니다.`;
      else if (pre.taxFreeAmount !== undefined && pre.taxFreeAmount !== taxFree) mismatch = `사전 등록된 면세 금액(${pre.taxFreeAmount})과 요청 면세 금액(${taxFree})이 일치하지 않습니다.`;
      else if (pre.currency !== undefined && pre.currency !== currency) mismatch = `사전 등록된 통화(${pre.currency})와 요청 통화(${currency})가 일치하지 않습니다.`;
    }
    const now = this.#ctx.clock.iso();
    const chosen = method();
    const rec: Rec = {
      seq: existing?.seq ?? ++this.#seq,
      id: input.paymentId,
      transactionId: globalThis.crypto.randomUUID(),
      storeId,
      status: "READY",
      requestedAt: now,
      updatedAt: now,
      statusChangedAt: now,
      orderName: input.orderName ?? existing?.orderName ?? "payspec sandbox order",
      currency,
      customer: { ...input.customer },
      customData: input.customData,
      method: chosen,
      channel: sandboxChannel(input.channelKey),
      amount: { total: totalAmount, taxFree, vat, supply: totalAmount - taxFree - vat, discount: 0, paid: 0, cancelled: 0, cancelledTaxFree: 0 },
      cancelledVat: 0,
      pgTxId: `sandbox-tx-${globalThis.crypto.randomUUID()}`,
      paidAt: undefined,
      failedAt: undefined,
      failure: undefined,
      cancelledAt: undefined,
      cancellations: [],
      depositDeadline: undefined,
      billingKey: undefined,
      scheduleId: undefined,
    };
    this.#payments.set(rec.id, rec);
    this.#record(rec.id, { at: now, status: "READY", detail: `checkout opened: ${totalAmount} ${currency}` });
    return { rec, mismatch };
  }

  /**
   * Charges a billing key for `paymentId` (payWithBillingKey, or a schedule when its time comes): a PAID payment
   * and Transaction.Paid, or — for the declining test card — a FAILED one and Transaction.Failed. The caller has
   * checked the key (a key cannot be deleted while a schedule waits on it), the paymentId and the amounts.
   */
  #charge(paymentId: string, key: KeyRec, input: KeyPayment, options: { skipWebhook: boolean; scheduleId: string | undefined }): Rec {
    const now = this.#ctx.clock.iso();
    const existing = this.#payments.get(paymentId);
    const vat = input.vat ?? vatOf(input.total - input.taxFree);
    const why: Schemas["PaymentFailure"] | undefined = key.declines
      ? { reason: "카드 승인이 거절되었습니다. (the sandbox's declining test card)", pgCode: "SANDBOX_CARD_DECLINED", pgMessage: "승인 거절 (payspec sandbox test card)" }
      : undefined;
    const rec: Rec = {
      seq: existing?.seq ?? ++this.#seq,
      id: paymentId,
      transactionId: globalThis.crypto.randomUUID(),
      storeId: key.storeId,
      status: why ? "FAILED" : "PAID",
      requestedAt: now,
      updatedAt: now,
      statusChangedAt: now,
      orderName: input.orderName,
      currency: input.currency,
      // The key's customer, overridden field by field by the one of the payment.
      customer: { ...key.customer, ...input.customer },
      customData: input.customData,
      method: {
        type: "PaymentMethodCard",
        card: key.card,
        approvalNumber: String(Math.floor(Math.random() * 1e8)).padStart(8, "0"),
        installment: { month: input.installmentMonth ?? 0, isInterestFree: false },
      },
      channel: sandboxChannel(input.channelKey ?? key.channel.key),
      amount: { total: input.total, taxFree: input.taxFree, vat, supply: input.total - input.taxFree - vat, discount: 0, paid: why ? 0 : input.total, cancelled: 0, cancelledTaxFree: 0 },
      cancelledVat: 0,
      pgTxId: `sandbox-tx-${globalThis.crypto.randomUUID()}`,
      paidAt: why ? undefined : now,
      failedAt: why ? now : undefined,
      failure: why,
      cancelledAt: undefined,
      cancellations: [],
      depositDeadline: undefined,
      billingKey: key.billingKey,
      scheduleId: options.scheduleId,
    };
    this.#payments.set(paymentId, rec);
    const what = options.scheduleId === undefined ? "billing key payment" : "scheduled payment";
    this.#record(paymentId, { at: now, status: rec.status, detail: why ? `${what} declined: ${why.reason}` : `${what}: ${input.total} ${input.currency}` });
    if (!options.skipWebhook) this.#emit(rec, why ? "Transaction.Failed" : "Transaction.Paid");
    return rec;
  }

  /**
   * A schedule whose time came (the clock's timer): STARTED, then the charge, then SUCCEEDED or FAILED. A paymentId
   * paid meanwhile at checkout is not charged again: the schedule FAILS and the payment stays as it is.
   */
  #execute(rec: ScheduleRec): void {
    this.#timers.delete(rec.id);
    if (rec.status !== "SCHEDULED") return;
    const now = this.#ctx.clock.iso();
    rec.status = "STARTED";
    rec.startedAt = now;
    const key = this.#billingKeys.get(rec.payment.billingKey);
    const existing = this.#payments.get(rec.paymentId);
    const taken = existing !== undefined && (isPaidOrAfter(existing.status) || existing.status === "VIRTUAL_ACCOUNT_ISSUED");
    const paid = key !== undefined && !taken && this.#charge(rec.paymentId, key, rec.payment, { skipWebhook: false, scheduleId: rec.id }).status === "PAID";
    rec.status = paid ? "SUCCEEDED" : "FAILED";
    rec.completedAt = now;
  }

  /** The schedule that holds `paymentId`: any but a revoked one. */
  #scheduleOf(paymentId: string): ScheduleRec | undefined {
    return [...this.#schedules.values()].find((rec) => rec.paymentId === paymentId && rec.status !== "REVOKED");
  }

  #scheduleView(rec: ScheduleRec): PortOnePaymentSchedule {
    const p = rec.payment;
    const common = {
      id: rec.id,
      merchantId: this.#ctx.merchantId,
      storeId: rec.storeId,
      paymentId: rec.paymentId,
      billingKey: p.billingKey,
      orderName: p.orderName,
      isCulturalExpense: false,
      isEscrow: false,
      customer: { ...(this.#billingKeys.get(p.billingKey)?.customer ?? {}), ...p.customer },
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

  #receiptView(rec: ReceiptRec): PortOneCashReceipt {
    const common = {
      merchantId: this.#ctx.merchantId,
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
  #paymentReceipt(rec: Rec): Schemas["IssuedPaymentCashReceipt"] | Schemas["CancelledPaymentCashReceipt"] | undefined {
    const receipt = this.#receipts.get(rec.id);
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

  #failed(rec: Rec, why: Schemas["PaymentFailure"]): PortOnePayment {
    const now = this.#ctx.clock.iso();
    rec.failedAt = now;
    rec.failure = why;
    this.#setStatus(rec, "FAILED", now, why.reason);
    this.#emit(rec, "Transaction.Failed");
    return this.#view(rec);
  }

  #setStatus(rec: Rec, status: Status, now: string, detail?: string) {
    rec.status = status;
    rec.statusChangedAt = now;
    rec.updatedAt = now;
    this.#record(rec.id, { at: now, status, ...(detail !== undefined && { detail }) });
  }

  #record(paymentId: string, entry: PaymentHistoryEntry) {
    const list = this.#history.get(paymentId);
    if (list) list.push(entry);
    else this.#history.set(paymentId, [entry]);
  }

  #emit(rec: Rec, type: TransactionEvent, extra: { cancellationId?: string; trigger?: "VIRTUAL_ACCOUNT_DEPOSIT" } = {}) {
    // An event follows the status change that raised it: the history's last entry names it.
    const history = this.#history.get(rec.id);
    const last = history?.at(-1);
    if (history && last && last.event === undefined) history[history.length - 1] = { ...last, event: type };
    this.#ctx.emit({ type, paymentId: rec.id, transactionId: rec.transactionId, storeId: rec.storeId, status: rec.status, ...extra });
  }

  #filter(read: FieldReader, f: Fields) {
    const storeId = read.string(f["storeId"], "filter.storeId");
    const merchantId = read.string(f["merchantId"], "filter.merchantId");
    const isTest = read.boolean(f["isTest"], "filter.isTest");
    const isEscrow = read.boolean(f["isEscrow"], "filter.isEscrow");
    const isScheduled = read.boolean(f["isScheduled"], "filter.isScheduled");
    const timestampType = read.oneOf(f["timestampType"], "filter.timestampType", ["CREATED_AT", "STATUS_CHANGED_AT"]) ?? "STATUS_CHANGED_AT";
    const now = this.#ctx.clock.now();
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
    const stamp = (rec: Rec) => (timestampType === "CREATED_AT" ? rec.requestedAt : rec.statusChangedAt);
    const sortKey = (rec: Rec) => (sortBy === "REQUESTED_AT" ? rec.requestedAt : sortBy === "STATUS_CHANGED_AT" ? rec.statusChangedAt : stamp(rec));
    const webhookStatus = f["webhookStatus"];
    const card = (rec: Rec) => (rec.method?.type === "PaymentMethodCard" ? rec.method.card : undefined);
    const predicate = (rec: Rec): boolean => {
      const t = Date.parse(stamp(rec));
      if (t < from || t > until) return false;
      if (none) return false;
      if (isScheduled !== undefined && (rec.scheduleId !== undefined) !== isScheduled) return false;
      if (wantsReceipt) {
        const receipt = isPaidOrAfter(rec.status) ? this.#paymentReceipt(rec) : undefined;
        if (!receipt) return false;
        if (receiptType !== undefined && receipt.type !== receiptType) return false;
        if (receiptStatus !== undefined && receipt.status !== receiptStatus) return false;
        if (issuedRange && !within(issuedRange, receipt.issuedAt)) return false;
        if (cancelledRange && !within(cancelledRange, receipt.status === "CANCELLED" ? receipt.cancelledAt : undefined)) return false;
      }
      if (storeId !== undefined && rec.storeId !== storeId) return false;
      if (merchantId !== undefined && merchantId !== this.#ctx.merchantId) return false;
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
      if (webhookStatus !== undefined && this.#ctx.webhooksOf(rec.id).at(-1)?.status !== webhookStatus) return false;
      return textSearch.every(({ field, value }) => searchable(rec, field).some((text) => text.includes(value)));
    };
    return { predicate, sortKey, descending: sortOrder === "DESC" };
  }

  #keyView(rec: KeyRec): PortOneBillingKey {
    const common = {
      billingKey: rec.billingKey,
      merchantId: this.#ctx.merchantId,
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

  #view(rec: Rec): PortOnePayment {
    const webhooks = this.#ctx.webhooksOf(rec.id);
    const common = {
      id: rec.id,
      transactionId: rec.transactionId,
      merchantId: this.#ctx.merchantId,
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
    const receipt = this.#paymentReceipt(rec);
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
}

/** The sandbox's one channel (any channel key is taken as naming it). */
const sandboxChannel = (channelKey: string | undefined): SelectedChannel => ({
  type: "TEST",
  id: "channel-id-payspec-sandbox",
  key: channelKey ?? "channel-key-payspec-sandbox",
  name: "payspec sandbox",
  pgProvider: "TOSSPAYMENTS",
  pgMerchantId: "payspec-sandbox",
});

/** CustomerInput (a name given whole or in parts) as the Customer the provider answers with. */
function readCustomer(read: FieldReader, value: unknown, at = "customer"): Customer {
  const input = read.object(value, at) ?? {};
  const name = read.object(input["name"], `${at}.name`);
  const separated = name && read.object(name["separated"], `${at}.name.separated`);
  // The reference does not say how a separated name is joined in Customer.name: family name first, a space between.
  const parts = separated && [read.string(separated["last"], `${at}.name.separated.last`, { required: true }), read.string(separated["first"], `${at}.name.separated.first`, { required: true })];
  const full = (name && read.string(name["full"], `${at}.name.full`, { maxLength: 1000 })) ?? parts?.filter((p) => p !== undefined).join(" ");
  const text = (field: string) => read.string(input[field], `${at}.${field}`);
  const customer: Record<string, string> = {};
  for (const field of ["id", "birthYear", "birthMonth", "birthDay", "email", "phoneNumber"] as const) {
    const v = text(field);
    if (v !== undefined) customer[field] = v;
  }
  if (full) customer["name"] = full;
  return customer;
}

/** A billing-key payment input (payWithBillingKey's body, createPaymentSchedule's `payment`); `at` prefixes field names. */
function readKeyPayment(read: FieldReader, fields: Fields, at: string): KeyPayment | undefined {
  const billingKey = read.string(fields["billingKey"], `${at}billingKey`, { required: true });
  const orderName = read.string(fields["orderName"], `${at}orderName`, { required: true, maxLength: 1000 });
  const amount = read.object(fields["amount"], `${at}amount`);
  if (amount === undefined) read.problem(`${at}amount: 필수 입력 항목입니다. (required)`);
  const total = amount && read.amount(amount["total"], `${at}amount.total`);
  if (amount && (amount["total"] === undefined || amount["total"] === null)) read.problem(`${at}amount.total: 필수 입력 항목입니다. (required)`);
  const taxFree = amount && read.amount(amount["taxFree"], `${at}amount.taxFree`);
  const vat = amount && read.amount(amount["vat"], `${at}amount.vat`);
  const currency = readCurrency(read, fields["currency"], `${at}currency`);
  if (fields["currency"] === undefined || fields["currency"] === null) read.problem(`${at}currency: 필수 입력 항목입니다. (required)`);
  const channelKey = read.string(fields["channelKey"], `${at}channelKey`);
  const customer = readCustomer(read, fields["customer"], `${at}customer`);
  const customData = read.string(fields["customData"], `${at}customData`, { maxLength: 4000 });
  const installmentMonth = read.integer(fields["installmentMonth"], `${at}installmentMonth`, 0);
  if (billingKey === undefined || orderName === undefined || total === undefined || currency === undefined) return undefined;
  return { billingKey, orderName, total, taxFree: taxFree ?? 0, vat, currency, channelKey, customer, customData, installmentMonth };
}

/** `payment.products` (PaymentProduct: id, name, amount and quantity required). */
function readProducts(read: FieldReader, value: unknown): Schemas["PaymentProduct"][] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    read.problem("payment.products: 배열이어야 합니다. (must be an array)");
    return undefined;
  }
  const products: Schemas["PaymentProduct"][] = [];
  value.forEach((item, i) => {
    const at = `payment.products[${i}]`;
    const p = read.object(item, at) ?? {};
    const id = read.string(p["id"], `${at}.id`, { required: true });
    const name = read.string(p["name"], `${at}.name`, { required: true, maxLength: 1000 });
    const tag = read.string(p["tag"], `${at}.tag`, { maxLength: 1000 });
    const code = read.string(p["code"], `${at}.code`);
    const amount = read.amount(p["amount"], `${at}.amount`);
    const quantity = read.integer(p["quantity"], `${at}.quantity`, 0);
    const link = read.string(p["link"], `${at}.link`);
    if (link !== undefined && !/^https?:\/\//.test(link)) read.problem(`${at}.link: http(s) URL이어야 합니다. (must be an http(s) URL)`);
    if (amount === undefined || quantity === undefined) read.problem(`${at}: amount와 quantity는 필수입니다. (amount and quantity are required)`);
    if (id !== undefined && name !== undefined && amount !== undefined && quantity !== undefined) {
      products.push({ id, name, amount, quantity, ...(tag !== undefined && { tag }), ...(code !== undefined && { code }), ...(link !== undefined && { link }) });
    }
  });
  return products;
}

/** The texts of a billing key that a `textSearch` field looks in (fields the sandbox does not record find nothing). */
function keySearchable(rec: KeyRec, field: string): string[] {
  const by: Record<string, (string | undefined)[]> = {
    CARD_BIN: [rec.card.bin],
    CARD_NUMBER: [rec.card.number],
    PG_MERCHANT_ID: [rec.channel.pgMerchantId],
    CUSTOMER_NAME: [rec.customer.name],
    CUSTOMER_EMAIL: [rec.customer.email],
    CUSTOMER_PHONE_NUMBER: [rec.customer.phoneNumber],
    CUSTOMER_ZIPCODE: [rec.customer.zipcode],
    BILLING_KEY: [rec.billingKey],
  };
  return (by[field] ?? []).filter((t): t is string => typeof t === "string");
}

const isPaidOrAfter = (status: Status) => status === "PAID" || status === "PARTIAL_CANCELLED" || status === "CANCELLED";

function readCurrency(read: FieldReader, value: unknown, name = "currency"): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !/^[A-Z]{3}$/.test(value)) {
    read.problem(`${name}: ISO 4217 통화 코드여야 합니다. (must be an ISO 4217 currency code)`);
    return undefined;
  }
  return value;
}

function methodOf(payMethod: PayMethod, customer: Customer | undefined): PaymentMethod {
  const approvalNumber = String(Math.floor(Math.random() * 1e8)).padStart(8, "0");
  switch (payMethod) {
    case "CARD":
      return {
        type: "PaymentMethodCard",
        card: { brand: "LOCAL", type: "CREDIT", ownerType: "PERSONAL", bin: "53275012", number: "53275012****1234", name: "payspec 테스트 카드" },
        approvalNumber,
        installment: { month: 0, isInterestFree: false },
      };
    case "TRANSFER":
      return { type: "PaymentMethodTransfer", bank: "SHINHAN" };
    case "MOBILE":
      return { type: "PaymentMethodMobile", phoneNumber: customer?.phoneNumber ?? "01000000000" };
    case "GIFT_CERTIFICATE":
      return { type: "PaymentMethodGiftCertificate", giftCertificateType: "CULTURELAND", approvalNumber };
    case "EASY_PAY":
      return { type: "PaymentMethodEasyPay", provider: "KAKAOPAY", easyPayMethod: { type: "PaymentMethodEasyPayMethodCharge" } };
    case "CONVENIENCE_STORE":
      return { type: "PaymentMethodConvenienceStore", convenienceStoreBrand: "LAWSON", confirmationNumber: approvalNumber };
    case "CRYPTO":
      return { type: "PaymentMethodCrypto" };
  }
}

/** The texts of a payment that a `textSearch` field looks in. */
function searchable(rec: Rec, field: string): string[] {
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
