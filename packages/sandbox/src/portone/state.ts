// The PortOne sandbox's state: the records every domain module reads and writes (payments, pre-registrations,
// histories, billing keys, schedules, cash receipts), the store that holds them with the engine's context, its
// snapshot and restore, and the few steps several domains share (a status change, its history entry, its event).
import type { components } from "@payspec/portone";
import type { SandboxClock } from "../clock.js";
import { copy, entriesOf, numberOf, partOf, recordsOf, type SnapshotPart } from "../state.js";
import type { PortOneFailure } from "./errors.js";

export type Schemas = components["schemas"];
export type PaymentMethod = Schemas["PaymentMethod"];
export type Cancellation = Schemas["SucceededPaymentCancellation"];
export type Customer = Schemas["Customer"];
export type SelectedChannel = Schemas["SelectedChannel"];

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Result<T> = Ok<T> | PortOneFailure;
export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

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

export type Status = "READY" | "VIRTUAL_ACCOUNT_ISSUED" | "PAID" | "PARTIAL_CANCELLED" | "CANCELLED" | "FAILED";

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

export interface PaymentRec {
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

export interface KeyRec {
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
export interface KeyPayment {
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

/** The statuses the sandbox gives a schedule (never PENDING; the spec-shaped views are in views.ts). */
type ScheduleStatus = Exclude<Schemas["PaymentScheduleStatus"], "PENDING">;

export interface ScheduleRec {
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

export interface ReceiptRec {
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

export interface PreRegistration {
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
  readonly webhooksOf: (paymentId: string) => Schemas["PaymentWebhook"][];
}

/** What one PortOneEngine holds: its context and every record, for the domain modules' functions to work on. */
export interface PortOneState {
  readonly ctx: EngineContext;
  readonly payments: Map<string, PaymentRec>;
  readonly preRegistered: Map<string, PreRegistration>;
  /** Per paymentId, in order of first appearance; kept across re-opened transactions (a failed payment paid again). */
  readonly history: Map<string, PaymentHistoryEntry[]>;
  readonly billingKeys: Map<string, KeyRec>;
  readonly schedules: Map<string, ScheduleRec>;
  /** Cancels the clock timer of each schedule still SCHEDULED. */
  readonly timers: Map<string, () => void>;
  /** Cash receipts by paymentId (one per payment). */
  readonly receipts: Map<string, ReceiptRec>;
  /** The sequence that orders records of every kind (the last one given). */
  seq: number;
}

export function createState(ctx: EngineContext): PortOneState {
  return {
    ctx,
    payments: new Map(),
    preRegistered: new Map(),
    history: new Map(),
    billingKeys: new Map(),
    schedules: new Map(),
    timers: new Map(),
    receipts: new Map(),
    seq: 0,
  };
}

export function resetState(state: PortOneState): void {
  state.payments.clear();
  state.preRegistered.clear();
  state.history.clear();
  state.billingKeys.clear();
  for (const cancel of state.timers.values()) cancel();
  state.timers.clear();
  state.schedules.clear();
  state.receipts.clear();
}

/**
 * Every record of the engine as JSON (payments, pre-registrations, histories, billing keys, schedules, cash
 * receipts and the sequence that orders them), for a snapshot file; to be serialised at once (it shares the live
 * records). Nothing secret is in it: card numbers are kept masked and identity numbers not at all.
 */
export function snapshotState(state: PortOneState): SnapshotPart {
  return {
    seq: state.seq,
    payments: [...state.payments.values()],
    preRegistered: [...state.preRegistered],
    history: [...state.history],
    billingKeys: [...state.billingKeys.values()],
    schedules: [...state.schedules.values()],
    receipts: [...state.receipts.values()],
  };
}

/**
 * Replaces the state with a snapshot's; `resume` puts each schedule still SCHEDULED back on the clock (schedules.ts
 * owns the timers' task). A part that does not read back throws before anything is replaced.
 */
export function restoreState(state: PortOneState, data: unknown, resume: (rec: ScheduleRec) => void): void {
  const part = copy(partOf(data, "portone"));
  const seq = numberOf(part["seq"], "portone.seq");
  const payments = recordsOf<PaymentRec>(part["payments"], "portone.payments");
  const preRegistered = entriesOf<PreRegistration>(part["preRegistered"], "portone.preRegistered");
  const history = entriesOf<PaymentHistoryEntry[]>(part["history"], "portone.history");
  const billingKeys = recordsOf<KeyRec>(part["billingKeys"], "portone.billingKeys");
  const schedules = recordsOf<ScheduleRec>(part["schedules"], "portone.schedules");
  const receipts = recordsOf<ReceiptRec>(part["receipts"], "portone.receipts");
  resetState(state);
  state.seq = seq;
  for (const rec of payments) state.payments.set(rec.id, rec);
  for (const [paymentId, pre] of preRegistered) state.preRegistered.set(paymentId, pre);
  for (const [paymentId, entries] of history) state.history.set(paymentId, entries);
  for (const rec of billingKeys) state.billingKeys.set(rec.billingKey, rec);
  for (const rec of receipts) state.receipts.set(rec.paymentId, rec);
  for (const rec of schedules) {
    state.schedules.set(rec.id, rec);
    if (rec.status === "SCHEDULED") resume(rec);
  }
}

// ------------------------------------------------------------------------------------------ shared by the domains

export const DAY_MS = 86_400_000;
/** The sandbox channel's PG company (PgCompany of its pgProvider, TOSSPAYMENTS). */
export const SANDBOX_PG_COMPANY = "TOSSPAYMENTS";

/**
 * VAT of a taxable amount when none is given: one eleventh, rounded (the convention of Korean PGs for VAT-inclusive
 * prices; the reference only says it is "자동 계산" — computed automatically).
 */
export const vatOf = (taxable: number): number => Math.round(taxable / 11);

/** The sandbox's one channel (any channel key is taken as naming it). */
export const sandboxChannel = (channelKey: string | undefined): SelectedChannel => ({
  type: "TEST",
  id: "channel-id-payspec-sandbox",
  key: channelKey ?? "channel-key-payspec-sandbox",
  name: "payspec sandbox",
  pgProvider: "TOSSPAYMENTS",
  pgMerchantId: "payspec-sandbox",
});

export const isPaidOrAfter = (status: Status): boolean => status === "PAID" || status === "PARTIAL_CANCELLED" || status === "CANCELLED";

/** The schedule that holds `paymentId`: any but a revoked one. */
export function scheduleOf(state: PortOneState, paymentId: string): ScheduleRec | undefined {
  return [...state.schedules.values()].find((rec) => rec.paymentId === paymentId && rec.status !== "REVOKED");
}

export function setStatus(state: PortOneState, rec: PaymentRec, status: Status, now: string, detail?: string): void {
  rec.status = status;
  rec.statusChangedAt = now;
  rec.updatedAt = now;
  recordHistory(state, rec.id, { at: now, status, ...(detail !== undefined && { detail }) });
}

export function recordHistory(state: PortOneState, paymentId: string, entry: PaymentHistoryEntry): void {
  const list = state.history.get(paymentId);
  if (list) list.push(entry);
  else state.history.set(paymentId, [entry]);
}

export function emitTransaction(state: PortOneState, rec: PaymentRec, type: TransactionEvent, extra: { cancellationId?: string; trigger?: "VIRTUAL_ACCOUNT_DEPOSIT" } = {}): void {
  // An event follows the status change that raised it: the history's last entry names it.
  const history = state.history.get(rec.id);
  const last = history?.at(-1);
  if (history && last && last.event === undefined) history[history.length - 1] = { ...last, event: type };
  state.ctx.emit({ type, paymentId: rec.id, transactionId: rec.transactionId, storeId: rec.storeId, status: rec.status, ...extra });
}
