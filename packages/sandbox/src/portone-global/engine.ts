// PortOne Global transactions in memory: initiatePayment → Pending (the buyer is on the payment page) → the buyer
// pays or fails (`complete`, the control step standing in for the PSP's page) → Success or Failed, with the signed
// payment webhook it emits and the signed redirect back to success_url / failure_url → refunds (partial or full)
// while a refundable amount is left, each with its (unsigned) refund webhook. A Pending transaction left alone past
// `expiry_in_minutes` reads Expired. Payment links: created → paid or failed by the buyer on the hosted page
// (`payLink`, the control step) → a transaction of the link, the payment webhook and, once paid, the signed
// payment-link webhook. No I/O here: api.ts checks credentials, fields and signatures, and sandbox.ts delivers the webhooks.
import { createHmac } from "node:crypto";
import type { SandboxClock } from "../clock.js";
import { copy, entriesOf, numberOf, partOf, recordsOf, type SnapshotPart } from "../state.js";
import { failure, type GlobalFailure } from "./errors.js";

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Result<T> = Ok<T> | GlobalFailure;
const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

export type GlobalTransactionStatus = "Pending" | "Success" | "Failed" | "Expired";
/** What the buyer does on the payment page. */
export type GlobalOutcome = "Success" | "Failed";

/** The payment page's lifetime (`expiry_in_minutes` of the initiate answer). */
export const GLOBAL_EXPIRY_MINUTES = 15;

/** The signed field lists of specs/portone-global (`x-signature`), sorted. */
export const SIGNED_FIELDS = {
  InitiatePaymentRequest: { fields: ["amount", "client_key", "currency", "failure_url", "merchant_order_id", "success_url"], sources: { client_key: "portone_key" } },
  PaymentWebhook: {
    fields: ["amount", "channel_key", "channel_order_ref", "country_code", "currency", "merchant_order_ref", "method_name", "order_ref", "status"],
    sources: {},
  },
  PaymentRedirect: { fields: ["channel_order_ref", "merchant_order_ref", "order_ref", "status"], sources: {} },
  // The payload's camelCase `countryCode` is signed under the name `country_code`.
  PaymentLinkWebhook: { fields: ["amount", "country_code", "currency", "link_ref", "merchant_order_ref", "status"], sources: { country_code: "countryCode" } },
} as const satisfies Record<string, { fields: readonly string[]; sources: Readonly<Record<string, string>> }>;

/** An amount as PortOne signs it: shortest decimal form without trailing zeros, never in exponent notation. */
function signedAmount(value: number | string): string {
  const trim = (text: string) => (text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text);
  if (typeof value === "string") return /^-?\d+(\.\d+)?$/.test(value.trim()) ? trim(value.trim()) : value;
  const plain = String(value);
  return /e/i.test(plain) ? trim(value.toFixed(20)) : plain;
}

/**
 * `signature_hash`: base64 HMAC-SHA256 keyed with the PortOne Secret over the message's fields as a form-encoded
 * string (space → `+`), sorted by name; a missing field is signed as empty.
 */
export function globalSignature(secret: string, message: keyof typeof SIGNED_FIELDS, payload: Readonly<Record<string, unknown>>): string {
  const rule: { fields: readonly string[]; sources: Readonly<Record<string, string>> } = SIGNED_FIELDS[message];
  const params = new URLSearchParams();
  for (const name of rule.fields) {
    const value = payload[rule.sources[name] ?? name];
    const text =
      value === undefined || value === null ? ""
      : name === "amount" && (typeof value === "number" || typeof value === "string") ? signedAmount(value)
      : typeof value === "string" ? value
      : typeof value === "number" || typeof value === "boolean" ? String(value)
      : "";
    params.append(name, text);
  }
  return createHmac("sha256", secret).update(params.toString(), "utf8").digest("base64");
}

export interface InitiateFields {
  readonly merchant_order_id: string;
  readonly amount: number;
  readonly currency: string;
  readonly success_url: string;
  readonly failure_url: string;
  readonly environment: "sandbox" | "live";
  readonly pmt_channel: string;
  readonly pmt_method: string;
}

/** A transaction as transaction details answers it (`Transaction`). */
export interface GlobalTransactionDetails {
  readonly order_ref: string;
  readonly channel_order_ref?: string;
  readonly merchant_order_ref: string;
  readonly status: GlobalTransactionStatus;
  readonly status_code: string;
  readonly status_reason: string;
  readonly status_channel_reason: string;
  readonly user_message?: string;
  readonly amount: number;
  readonly currency: string;
  readonly country_code: string;
  readonly channel_key: string;
  readonly method_key: string;
  readonly method_name: string;
  readonly environment: "sandbox" | "live";
  readonly is_refund_allowed: boolean;
  readonly is_multi_refund_allowed: boolean;
  readonly created_at: string;
  /** The payment link the transaction was paid through. */
  readonly payment_link_ref?: string;
}

/** One refund (`RefundDetail`). */
export interface GlobalRefund {
  readonly refund_date: string;
  readonly refund_id: string;
  readonly psp_refund_id: string;
  readonly amount: number;
  readonly currency: string;
  readonly refund_status: "SUCCESS";
  readonly refund_type: "full" | "partial";
  readonly refund_reason?: string;
  readonly merchant_id: string;
}

/** A transaction's refunds as both refund operations answer them (`Refunds`). */
export interface GlobalRefunds {
  /** What is left to refund. */
  readonly amountToRefund: number;
  readonly refundDetails: readonly GlobalRefund[];
}

/** A transaction as the sandbox keeps it (the control API shows it). */
export interface GlobalTransaction {
  readonly details: GlobalTransactionDetails;
  /** Empty for a transaction of a payment link: the buyer stays on the hosted page, no redirect. */
  readonly success_url: string;
  readonly failure_url: string;
  readonly refunds: GlobalRefunds;
  readonly history: readonly { readonly at: string; readonly status: GlobalTransactionStatus; readonly what: string }[];
}

export type GlobalPaymentLinkStatus = "Created" | "Success" | "Deleted";

/** The fields of createPaymentLink once api.ts has checked them. */
export interface PaymentLinkFields {
  readonly amount: number;
  readonly currency: string;
  readonly merchant_order_ref?: string;
  readonly environment: "sandbox" | "live";
}

/** A payment link as the sandbox keeps it (the control API shows it). */
export interface GlobalPaymentLink {
  readonly payment_link_ref: string;
  readonly amount: number;
  readonly currency: string;
  readonly merchant_order_ref?: string;
  readonly environment: "sandbox" | "live";
  readonly status: GlobalPaymentLinkStatus;
  readonly created_at: string;
  /** The `order_ref` of each payment attempt made through it, oldest first. */
  readonly transactions: readonly string[];
}

/** How the buyer pays on a link's hosted page (the channel and method default to PORTONE_KR and PORTONE_KAKAOPAY). */
export interface PayLinkInput {
  readonly channel?: string;
  readonly method?: string;
}

/**
 * An event for sandbox.ts to deliver, unsigned: the payment webhook of a completed transaction and the payment-link
 * webhook (both signed there with the configured secret), the refund webhook (which PortOne Global does not sign).
 */
export type GlobalEvent =
  | { readonly kind: "payment"; readonly orderRef: string; readonly payload: Readonly<Record<string, unknown>> }
  | { readonly kind: "refund"; readonly orderRef: string; readonly payload: Readonly<Record<string, unknown>> }
  | { readonly kind: "paymentLink"; readonly linkRef: string; readonly payload: Readonly<Record<string, unknown>> };

/** A control step that cannot be done: unknown transaction or link, or one no longer open. */
export class CompleteError extends Error {
  readonly code: "TRANSACTION_NOT_FOUND" | "NOT_PENDING" | "LINK_NOT_FOUND" | "LINK_NOT_OPEN";
  constructor(code: CompleteError["code"], message: string) {
    super(message);
    this.name = "CompleteError";
    this.code = code;
  }
}

interface TransactionRecord {
  orderRef: string;
  /** The payment link it was paid through. */
  linkRef?: string;
  channelOrderRef: string;
  fields: InitiateFields;
  createdAt: number;
  status: "Pending" | "Success" | "Failed";
  completedAt?: number;
  refunds: GlobalRefund[];
  history: { at: string; status: GlobalTransactionStatus; what: string }[];
}

interface LinkRecord {
  readonly ref: string;
  readonly fields: PaymentLinkFields;
  readonly createdAt: number;
  status: GlobalPaymentLinkStatus;
  readonly attempts: TransactionRecord[];
}

export interface GlobalEngineOptions {
  readonly clock: SandboxClock;
  readonly merchantId: string;
  readonly emit: (event: GlobalEvent) => void;
}

const COUNTRY: Readonly<Record<string, string>> = { KRW: "KR", USD: "US", JPY: "JP", SGD: "SG", THB: "TH", VND: "VN", IDR: "ID", PHP: "PH", MYR: "MY" };

export class GlobalEngine {
  readonly #clock: SandboxClock;
  readonly #merchantId: string;
  readonly #emit: (event: GlobalEvent) => void;
  readonly #byRef = new Map<string, TransactionRecord>();
  readonly #byMerchantRef = new Map<string, TransactionRecord>();
  readonly #links = new Map<string, LinkRecord>();
  /** Merchant references taken by links: a transaction or another link cannot use them. */
  readonly #linkByMerchantRef = new Map<string, LinkRecord>();
  #seq = 0;
  #linkSeq = 0;

  constructor(options: GlobalEngineOptions) {
    this.#clock = options.clock;
    this.#merchantId = options.merchantId;
    this.#emit = options.emit;
  }

  /** A new Pending transaction. A merchant_order_id already used is 4001 (the order reference identifies it). */
  initiate(fields: InitiateFields): Result<{ orderRef: string; channelOrderRef: string }> {
    if (this.#byMerchantRef.has(fields.merchant_order_id) || this.#linkByMerchantRef.has(fields.merchant_order_id)) {
      return failure("4001", { message: `merchant_order_id ${fields.merchant_order_id} was already used` });
    }
    const rec = this.#newTransaction(fields);
    this.#byMerchantRef.set(fields.merchant_order_id, rec);
    this.#note(rec, "Pending", "initiated");
    return ok({ orderRef: rec.orderRef, channelOrderRef: rec.channelOrderRef });
  }

  #newTransaction(fields: InitiateFields, linkRef?: string): TransactionRecord {
    const n = ++this.#seq;
    const orderRef = `sbx${this.#clock.now().toString(36)}${String(n).padStart(6, "0")}`;
    const rec: TransactionRecord = {
      orderRef,
      ...(linkRef !== undefined && { linkRef }),
      channelOrderRef: `SBXPSP${String(n).padStart(8, "0")}`,
      fields,
      createdAt: this.#clock.now(),
      status: "Pending",
      refunds: [],
      history: [],
    };
    this.#byRef.set(orderRef, rec);
    return rec;
  }

  // ---------------------------------------------------------------------------------------- payment links

  /** A new link (Created). A merchant_order_ref already used by a link or a transaction is 4050. */
  createLink(fields: PaymentLinkFields): Result<{ ref: string }> {
    const mine = fields.merchant_order_ref;
    if (mine !== undefined && (this.#linkByMerchantRef.has(mine) || this.#byMerchantRef.has(mine))) return failure("4050");
    const ref = `sbxlink${this.#clock.now().toString(36)}${String(++this.#linkSeq).padStart(6, "0")}`;
    const rec: LinkRecord = { ref, fields, createdAt: this.#clock.now(), status: "Created", attempts: [] };
    this.#links.set(ref, rec);
    if (mine !== undefined) this.#linkByMerchantRef.set(mine, rec);
    return ok({ ref });
  }

  /** What getPaymentLinkStatus answers: the link's status and one entry per payment attempt (camelCase, as PortOne writes them). */
  linkStatus(ref: string): Result<{ status: GlobalPaymentLinkStatus; transactionsList: Record<string, string>[] }> {
    const link = this.#links.get(ref);
    if (!link) return failure("4083");
    const transactionsList = link.attempts.map((rec) => {
      const d = this.#details(rec);
      // The spec's example pairs "2000" with title-case "Success" here.
      return { order_ref: rec.orderRef, statusCode: d.status_code, statusReason: d.status === "Success" ? "Success" : d.status_reason };
    });
    return ok({ status: link.status, transactionsList });
  }

  /**
   * The buyer pays (Success) or fails (Failed) on a Created link's hosted page: a transaction of the link with its
   * payment webhook; once paid the link is Success and its signed payment-link webhook is emitted too.
   */
  payLink(ref: string, outcome: GlobalOutcome, input: PayLinkInput = {}): GlobalPaymentLink {
    const link = this.#links.get(ref);
    if (!link) throw new CompleteError("LINK_NOT_FOUND", `no PortOne Global payment link ${ref}`);
    if (outcome !== "Success" && outcome !== "Failed") throw new TypeError(`status: "Success" or "Failed", not ${String(outcome)}`);
    for (const key of ["channel", "method"] as const) {
      if (input[key] !== undefined && (typeof input[key] !== "string" || input[key] === "")) throw new TypeError(`${key}: a non-empty string`);
    }
    if (link.status !== "Created") throw new CompleteError("LINK_NOT_OPEN", `payment link ${ref} is ${link.status}, not Created`);
    const f = link.fields;
    const merchantRef = f.merchant_order_ref ?? ref;
    const rec = this.#newTransaction(
      { merchant_order_id: merchantRef, amount: f.amount, currency: f.currency, success_url: "", failure_url: "", environment: f.environment, pmt_channel: input.channel ?? "PORTONE_KR", pmt_method: input.method ?? "PORTONE_KAKAOPAY" },
      ref,
    );
    // The status by merchant reference follows the link's latest attempt.
    this.#byMerchantRef.set(merchantRef, rec);
    link.attempts.push(rec);
    this.#note(rec, "Pending", `opened from payment link ${ref}`);
    rec.status = outcome;
    rec.completedAt = this.#clock.now();
    this.#note(rec, outcome, outcome === "Success" ? "paid" : "failed");
    this.#emit({ kind: "payment", orderRef: rec.orderRef, payload: { ...this.#details(rec) } });
    if (outcome === "Success") {
      link.status = "Success";
      this.#emit({
        kind: "paymentLink",
        linkRef: ref,
        payload: { link_ref: ref, status: "Success", amount: f.amount, currency: f.currency, countryCode: COUNTRY[f.currency] ?? "KR", merchant_order_ref: f.merchant_order_ref ?? "" },
      });
    }
    return this.#linkView(link);
  }

  link(ref: string): GlobalPaymentLink | undefined {
    const link = this.#links.get(ref);
    return link && this.#linkView(link);
  }

  links(): GlobalPaymentLink[] {
    return [...this.#links.values()].map((link) => this.#linkView(link));
  }

  #linkView(link: LinkRecord): GlobalPaymentLink {
    const f = link.fields;
    return {
      payment_link_ref: link.ref,
      amount: f.amount,
      currency: f.currency,
      ...(f.merchant_order_ref !== undefined && { merchant_order_ref: f.merchant_order_ref }),
      environment: f.environment,
      status: link.status,
      created_at: new Date(link.createdAt).toISOString(),
      transactions: link.attempts.map((rec) => rec.orderRef),
    };
  }

  /** The buyer pays (Success) or fails (Failed) on the payment page; the payment webhook is emitted. */
  complete(orderRef: string, outcome: GlobalOutcome): GlobalTransaction {
    const rec = this.#byRef.get(orderRef);
    if (!rec) throw new CompleteError("TRANSACTION_NOT_FOUND", `no PortOne Global transaction ${orderRef}`);
    if (outcome !== "Success" && outcome !== "Failed") throw new TypeError(`status: "Success" or "Failed", not ${String(outcome)}`);
    const status = this.#status(rec);
    if (status !== "Pending") throw new CompleteError("NOT_PENDING", `transaction ${orderRef} is ${status}, not Pending`);
    rec.status = outcome;
    rec.completedAt = this.#clock.now();
    this.#note(rec, outcome, outcome === "Success" ? "paid" : "failed");
    this.#emit({ kind: "payment", orderRef, payload: { ...this.#details(rec) } });
    return this.#view(rec);
  }

  status(merchantOrderRef: string): Result<GlobalTransactionStatus> {
    const rec = this.#byMerchantRef.get(merchantOrderRef);
    return rec ? ok(this.#status(rec)) : failure("4042");
  }

  details(orderRef: string): Result<GlobalTransactionDetails> {
    const rec = this.#byRef.get(orderRef);
    return rec ? ok(this.#details(rec)) : failure("4042");
  }

  /**
   * Refunds a Success transaction. `partial` takes an `amount` above 0 and up to what is left (4001 without it,
   * 4041 above it); `full` refunds what is left (an `amount` other than that is 4041). Nothing left, or a
   * transaction not paid: 4070. An unknown reference: 4001 (createRefund declares no 404).
   */
  refund(orderRef: string, input: { readonly refund_type: "full" | "partial"; readonly amount?: number; readonly refund_reason?: string }): Result<GlobalRefunds> {
    const rec = this.#byRef.get(orderRef);
    if (!rec) return failure("4001", { message: `no transaction ${orderRef}` });
    if (rec.status !== "Success") return failure("4070");
    const left = this.#left(rec);
    if (left <= 0) return failure("4070", { message: "This transaction is already refunded in full." });
    let amount: number;
    if (input.refund_type === "partial") {
      if (input.amount === undefined || input.amount <= 0) return failure("4001", { message: "A partial refund needs an amount above 0." });
      if (input.amount > left) return failure("4041");
      amount = input.amount;
    } else {
      if (input.amount !== undefined && input.amount !== left) return failure("4041", { message: "A full refund is the whole refundable amount." });
      amount = left;
    }
    const n = rec.refunds.length + 1;
    const refund: GlobalRefund = {
      refund_date: this.#clock.iso(),
      refund_id: `${rec.orderRef}r${n}`,
      psp_refund_id: `${rec.channelOrderRef}R${n}`,
      amount,
      currency: rec.fields.currency,
      refund_status: "SUCCESS",
      refund_type: input.refund_type,
      ...(input.refund_reason !== undefined && { refund_reason: input.refund_reason }),
      merchant_id: this.#merchantId,
    };
    rec.refunds.push(refund);
    this.#note(rec, "Success", `refunded ${amount} (${input.refund_type})`);
    // The refund webhook (`RefundWebhook`): the refund with the transaction's reference, channel and method.
    const { refund_date: _date, ...fields } = refund;
    this.#emit({ kind: "refund", orderRef: rec.orderRef, payload: { ...fields, payment_txn_ref: rec.orderRef, payment_channel: rec.fields.pmt_channel, payment_method: rec.fields.pmt_method } });
    return ok(this.#refunds(rec));
  }

  refunds(orderRef: string): Result<GlobalRefunds> {
    const rec = this.#byRef.get(orderRef);
    return rec ? ok(this.#refunds(rec)) : failure("4001", { message: `no transaction ${orderRef}` });
  }

  /** The query PortOne sends the buyer back with (to success_url or failure_url), signed; undefined while Pending. */
  redirect(orderRef: string, secret: string): string | undefined {
    const rec = this.#byRef.get(orderRef);
    // A link's buyer stays on the hosted page: there is nowhere to send them back to.
    if (!rec || rec.status === "Pending" || rec.linkRef !== undefined) return undefined;
    const d = this.#details(rec);
    const params: Record<string, string> = {
      order_ref: d.order_ref,
      channel_order_ref: rec.channelOrderRef,
      merchant_order_ref: d.merchant_order_ref,
      status: d.status,
      status_code: d.status_code,
      status_reason: d.status_reason,
      status_channel_reason: d.status_channel_reason,
      amount: signedAmount(d.amount),
      currency: d.currency,
      channel_key: d.channel_key,
      method_key: d.method_key,
      method_name: d.method_name,
    };
    const url = new URL(rec.status === "Success" ? rec.fields.success_url : rec.fields.failure_url);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    url.searchParams.set("signature_hash", globalSignature(secret, "PaymentRedirect", params));
    return url.toString();
  }

  transaction(orderRef: string): GlobalTransaction | undefined {
    const rec = this.#byRef.get(orderRef);
    return rec && this.#view(rec);
  }

  list(): GlobalTransaction[] {
    return [...this.#byRef.values()].map((rec) => this.#view(rec));
  }

  /**
   * Every record of the engine as JSON, for a snapshot file: the transactions (with their refunds and history), the
   * payment links, and which transaction or link each merchant reference names — by reference, since a link's
   * attempts and the status by merchant reference are the same records as the transactions. To be serialised at once.
   */
  snapshot(): SnapshotPart {
    return {
      seq: this.#seq,
      linkSeq: this.#linkSeq,
      transactions: [...this.#byRef.values()],
      byMerchantRef: [...this.#byMerchantRef].map(([merchantRef, rec]) => [merchantRef, rec.orderRef]),
      links: [...this.#links.values()].map((link) => ({ ...link, attempts: link.attempts.map((rec) => rec.orderRef) })),
      linkByMerchantRef: [...this.#linkByMerchantRef].map(([merchantRef, link]) => [merchantRef, link.ref]),
    };
  }

  /** Replaces the state with a snapshot's. A reference to a transaction or link the snapshot lacks is refused. */
  restore(data: unknown): void {
    const state = copy(partOf(data, "global"));
    const seq = numberOf(state["seq"], "global.seq");
    const linkSeq = numberOf(state["linkSeq"], "global.linkSeq");
    const transactions = recordsOf<TransactionRecord>(state["transactions"], "global.transactions");
    const byRef = new Map(transactions.map((rec) => [rec.orderRef, rec]));
    const transaction = (orderRef: unknown, at: string) => {
      const rec = typeof orderRef === "string" ? byRef.get(orderRef) : undefined;
      if (!rec) throw new TypeError(`${at}: no transaction ${String(orderRef)} in the snapshot`);
      return rec;
    };
    const byMerchantRef = entriesOf<string>(state["byMerchantRef"], "global.byMerchantRef").map(
      ([merchantRef, orderRef]) => [merchantRef, transaction(orderRef, `global.byMerchantRef ${merchantRef}`)] as const,
    );
    const links = recordsOf<Omit<LinkRecord, "attempts"> & { attempts: unknown }>(state["links"], "global.links").map((link, i): LinkRecord => {
      if (!Array.isArray(link.attempts)) throw new TypeError(`global.links[${i}].attempts: not a list`);
      return { ...link, attempts: link.attempts.map((orderRef: unknown) => transaction(orderRef, `global.links[${i}].attempts`)) };
    });
    const linkByRef = new Map(links.map((link) => [link.ref, link]));
    const linkByMerchantRef = entriesOf<string>(state["linkByMerchantRef"], "global.linkByMerchantRef").map(([merchantRef, ref]) => {
      const link = linkByRef.get(ref);
      if (!link) throw new TypeError(`global.linkByMerchantRef ${merchantRef}: no payment link ${String(ref)} in the snapshot`);
      return [merchantRef, link] as const;
    });
    this.reset();
    this.#seq = seq;
    this.#linkSeq = linkSeq;
    for (const [orderRef, rec] of byRef) this.#byRef.set(orderRef, rec);
    for (const [merchantRef, rec] of byMerchantRef) this.#byMerchantRef.set(merchantRef, rec);
    for (const [ref, link] of linkByRef) this.#links.set(ref, link);
    for (const [merchantRef, link] of linkByMerchantRef) this.#linkByMerchantRef.set(merchantRef, link);
  }

  reset(): void {
    this.#byRef.clear();
    this.#byMerchantRef.clear();
    this.#links.clear();
    this.#linkByMerchantRef.clear();
  }

  #status(rec: TransactionRecord): GlobalTransactionStatus {
    if (rec.status === "Pending" && this.#clock.now() >= rec.createdAt + GLOBAL_EXPIRY_MINUTES * 60_000) return "Expired";
    return rec.status;
  }

  #left(rec: TransactionRecord): number {
    // In hundredths, so that 100.25 − 0.1 − … never drifts.
    const cents = Math.round(rec.fields.amount * 100) - rec.refunds.reduce((sum, r) => sum + Math.round(r.amount * 100), 0);
    return cents / 100;
  }

  #note(rec: TransactionRecord, status: GlobalTransactionStatus, what: string) {
    rec.history.push({ at: this.#clock.iso(), status, what });
  }

  #details(rec: TransactionRecord): GlobalTransactionDetails {
    const status = this.#status(rec);
    const f = rec.fields;
    // An Initiated/Pending transaction carries empty status strings, as in the spec's example.
    const outcome =
      status === "Success" ? { status_code: "2000", status_reason: "SUCCESS", status_channel_reason: "SUCCESS | Transaction is success", user_message: "Payment successful" }
      : status === "Failed" ? { status_code: "6014", status_reason: "INVALID_CARD_DECLINED_ERROR", status_channel_reason: "DECLINED | Card declined by issuer", user_message: "Your card was declined." }
      : { status_code: "", status_reason: "", status_channel_reason: "" };
    return {
      order_ref: rec.orderRef,
      ...(status !== "Pending" && status !== "Expired" && { channel_order_ref: rec.channelOrderRef }),
      merchant_order_ref: f.merchant_order_id,
      status,
      ...outcome,
      amount: f.amount,
      currency: f.currency,
      country_code: COUNTRY[f.currency] ?? "KR",
      channel_key: f.pmt_channel,
      method_key: f.pmt_method,
      method_name: f.pmt_method,
      environment: f.environment,
      is_refund_allowed: status === "Success" && this.#left(rec) > 0,
      is_multi_refund_allowed: status === "Success",
      created_at: new Date(rec.createdAt).toISOString(),
      ...(rec.linkRef !== undefined && { payment_link_ref: rec.linkRef }),
    };
  }

  #refunds(rec: TransactionRecord): GlobalRefunds {
    return { amountToRefund: this.#left(rec), refundDetails: rec.refunds.map((r) => ({ ...r })) };
  }

  #view(rec: TransactionRecord): GlobalTransaction {
    return {
      details: this.#details(rec),
      success_url: rec.fields.success_url,
      failure_url: rec.fields.failure_url,
      refunds: this.#refunds(rec),
      history: rec.history.map((h) => ({ ...h })),
    };
  }
}
