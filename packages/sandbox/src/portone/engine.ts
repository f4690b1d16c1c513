// PortOne V2 payments in memory: what the operations and the checkout step do to them, and the business errors of
// specs/portone when their condition holds. No I/O here: api.ts reads requests and writes answers, and the events
// this emits become webhooks in sandbox.ts.
//
// This is the facade that api.ts, sandbox.ts and the dashboard use: one state (state.ts) and, by PortOne's
// categories, the modules that work on it — payments.ts, checkout.ts (the customer's part), billing-keys.ts,
// schedules.ts, cash-receipts.ts — with views.ts for the spec-shaped answers.
import type { SnapshotPart } from "../state.js";
import type { Fields } from "./input.js";
import { createState, resetState, restoreState, snapshotState, type EngineContext, type PortOneState, type Result, type Schemas } from "./state.js";
import type { PortOneBillingKey, PortOneCashReceipt, PortOnePayment, PortOnePaymentSchedule } from "./views.js";
import * as payments from "./payments.js";
import * as checkout from "./checkout.js";
import * as billingKeys from "./billing-keys.js";
import * as schedules from "./schedules.js";
import * as cashReceipts from "./cash-receipts.js";
import type { CheckoutInput, DepositInput, FailInput, PortOneCheckout, VirtualAccountInput } from "./checkout.js";

export { billingKeyWebhookBody, DECLINED_CARD_NUMBER } from "./billing-keys.js";
export { CheckoutError, type CheckoutInput, type DepositInput, type FailInput, type PayMethod, type PortOneCheckout, type VirtualAccountInput } from "./checkout.js";
export type { BillingKeyEvent, EngineContext, Ok, PaymentEvent, PaymentHistoryEntry, Result, TransactionEvent } from "./state.js";
export type { PortOneBillingKey, PortOneCashReceipt, PortOnePayment, PortOnePaymentSchedule, PortOnePaymentWebhook } from "./views.js";

export class PortOneEngine {
  readonly #state: PortOneState;

  constructor(ctx: EngineContext) {
    this.#state = createState(ctx);
  }

  reset(): void {
    resetState(this.#state);
  }

  /** Every record as JSON, for a snapshot file (state.ts `snapshotState`). */
  snapshot(): SnapshotPart {
    return snapshotState(this.#state);
  }

  /** Replaces the state with a snapshot's; each schedule still SCHEDULED goes back on the clock (`resumeSchedule`). */
  restore(data: unknown): void {
    restoreState(this.#state, data, (rec) => schedules.resumeSchedule(this.#state, rec));
  }

  // ------------------------------------------------------------------------------------------ payments

  preRegisterPayment(paymentId: string, fields: Fields): Result<Record<string, never>> {
    return payments.preRegisterPayment(this.#state, paymentId, fields);
  }

  getPayment(paymentId: string): Result<PortOnePayment> {
    return payments.getPayment(this.#state, paymentId);
  }

  getPayments(fields: Fields): Result<Schemas["GetPaymentsResponse"]> {
    return payments.getPayments(this.#state, fields);
  }

  cancelPayment(paymentId: string, fields: Fields): Result<Schemas["CancelPaymentResponse"]> {
    return payments.cancelPayment(this.#state, paymentId, fields);
  }

  /** Every payment, oldest first. */
  list(): PortOnePayment[] {
    return payments.listPayments(this.#state);
  }

  // ------------------------------------------------------------------------------------------ billing keys

  issueBillingKey(fields: Fields): Result<Schemas["IssueBillingKeyResponse"]> {
    return billingKeys.issueBillingKey(this.#state, fields);
  }

  getBillingKeyInfo(billingKey: string): Result<PortOneBillingKey> {
    return billingKeys.getBillingKeyInfo(this.#state, billingKey);
  }

  deleteBillingKey(billingKey: string, params: Fields): Result<Schemas["DeleteBillingKeyResponse"]> {
    return billingKeys.deleteBillingKey(this.#state, billingKey, params);
  }

  payWithBillingKey(paymentId: string, fields: Fields): Result<Schemas["PayWithBillingKeyResponse"]> {
    return billingKeys.payWithBillingKey(this.#state, paymentId, fields);
  }

  getBillingKeyInfos(fields: Fields): Result<Schemas["GetBillingKeyInfosResponse"]> {
    return billingKeys.getBillingKeyInfos(this.#state, fields);
  }

  /** Every billing key, oldest first. */
  billingKeys(): PortOneBillingKey[] {
    return billingKeys.listBillingKeys(this.#state);
  }

  // ------------------------------------------------------------------------------------------ payment schedules

  createPaymentSchedule(paymentId: string, fields: Fields): Result<Schemas["CreatePaymentScheduleResponse"]> {
    return schedules.createPaymentSchedule(this.#state, paymentId, fields);
  }

  getPaymentSchedule(scheduleId: string): Result<PortOnePaymentSchedule> {
    return schedules.getPaymentSchedule(this.#state, scheduleId);
  }

  getPaymentSchedules(fields: Fields): Result<Schemas["GetPaymentSchedulesResponse"]> {
    return schedules.getPaymentSchedules(this.#state, fields);
  }

  revokePaymentSchedules(fields: Fields): Result<Schemas["RevokePaymentSchedulesResponse"]> {
    return schedules.revokePaymentSchedules(this.#state, fields);
  }

  /** Every payment schedule, newest first (what the dashboard lists). */
  schedules(): PortOnePaymentSchedule[] {
    return schedules.listSchedules(this.#state);
  }

  // ------------------------------------------------------------------------------------------ cash receipts

  issueCashReceipt(fields: Fields): Result<Schemas["IssueCashReceiptResponse"]> {
    return cashReceipts.issueCashReceipt(this.#state, fields);
  }

  getCashReceiptByPaymentId(paymentId: string): Result<PortOneCashReceipt> {
    return cashReceipts.getCashReceiptByPaymentId(this.#state, paymentId);
  }

  cancelCashReceiptByPaymentId(paymentId: string): Result<Schemas["CancelCashReceiptResponse"]> {
    return cashReceipts.cancelCashReceiptByPaymentId(this.#state, paymentId);
  }

  getCashReceipts(fields: Fields): Result<Schemas["GetCashReceiptsResponse"]> {
    return cashReceipts.getCashReceipts(this.#state, fields);
  }

  // ------------------------------------------------------------------------------------------ checkout (control)

  pay(input: CheckoutInput): PortOnePayment {
    return checkout.pay(this.#state, input);
  }

  fail(input: FailInput): PortOnePayment {
    return checkout.fail(this.#state, input);
  }

  issueVirtualAccount(input: VirtualAccountInput): PortOnePayment {
    return checkout.issueVirtualAccount(this.#state, input);
  }

  deposit(input: DepositInput): PortOnePayment {
    return checkout.deposit(this.#state, input);
  }

  /** Every paymentId pre-registered or opened, oldest first, with its history. */
  checkouts(): PortOneCheckout[] {
    return checkout.listCheckouts(this.#state);
  }
}
