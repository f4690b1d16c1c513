// The customer's part of a PortOne payment, which the browser SDK plays against the real PortOne: the payment window
// opened, then paid, failed, or a virtual account issued and deposited into. The sandbox's control API and the
// dashboard call these; a step the payment's state does not allow throws a CheckoutError (answered 409).
import {
  DAY_MS,
  emitTransaction,
  isPaidOrAfter,
  recordHistory,
  sandboxChannel,
  setStatus,
  vatOf,
  type Customer,
  type PaymentHistoryEntry,
  type PaymentMethod,
  type PaymentRec,
  type PortOneState,
  type Schemas,
} from "./state.js";
import { paymentView, type PortOnePayment } from "./views.js";

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

/** The customer pays in the payment window: PAID (or FAILED when the amount differs from the pre-registered one). */
export function pay(state: PortOneState, input: CheckoutInput): PortOnePayment {
  const payMethod = input.payMethod ?? "CARD";
  if (!PAY_METHODS.includes(payMethod)) {
    throw new CheckoutError("INVALID_INPUT", `payMethod must be one of ${PAY_METHODS.join(", ")} (virtual accounts: issueVirtualAccount)`);
  }
  const { rec, mismatch } = open(state, input, () => methodOf(payMethod, input.customer));
  if (mismatch) return failed(state, rec, { reason: mismatch, pgCode: "SANDBOX_PRE_REGISTERED_MISMATCH" });
  const now = state.ctx.clock.iso();
  rec.paidAt = now;
  rec.amount.paid = rec.amount.total - rec.amount.discount;
  setStatus(state, rec, "PAID", now);
  emitTransaction(state, rec, "Transaction.Paid");
  return paymentView(state, rec);
}

/** The payment fails in the window (declined card, customer gave up, …): FAILED and Transaction.Failed. */
export function fail(state: PortOneState, input: FailInput): PortOnePayment {
  const { rec } = open(state, input, () => (input.payMethod ? methodOf(input.payMethod, input.customer) : undefined));
  return failed(state, rec, {
    reason: input.reason ?? "결제가 실패했습니다. (sandbox)",
    ...(input.pgCode !== undefined && { pgCode: input.pgCode }),
    ...(input.pgMessage !== undefined && { pgMessage: input.pgMessage }),
  });
}

/** A virtual account is issued for the payment: VIRTUAL_ACCOUNT_ISSUED and Transaction.VirtualAccountIssued. */
export function issueVirtualAccount(state: PortOneState, input: VirtualAccountInput): PortOnePayment {
  const issuedAt = state.ctx.clock.now();
  const expiresAt = input.expiresAt === undefined ? issuedAt + 3 * DAY_MS : Date.parse(input.expiresAt);
  if (!Number.isFinite(expiresAt) || expiresAt <= issuedAt) throw new CheckoutError("INVALID_INPUT", "expiresAt must be a date-time after the sandbox's now");
  const { rec, mismatch } = open(state, input, () => ({
    type: "PaymentMethodVirtualAccount",
    bank: input.bank ?? "SHINHAN",
    accountNumber: `5621${String(Math.floor(Math.random() * 1e10)).padStart(10, "0")}`,
    accountType: "NORMAL",
    remitteeName: input.remitteeName ?? "payspec sandbox",
    ...(input.customer?.name !== undefined && { remitterName: input.customer.name }),
    expiredAt: new Date(expiresAt).toISOString(),
    issuedAt: new Date(issuedAt).toISOString(),
  }));
  if (mismatch) return failed(state, rec, { reason: mismatch, pgCode: "SANDBOX_PRE_REGISTERED_MISMATCH" });
  rec.depositDeadline = expiresAt;
  setStatus(state, rec, "VIRTUAL_ACCOUNT_ISSUED", state.ctx.clock.iso());
  emitTransaction(state, rec, "Transaction.VirtualAccountIssued");
  return paymentView(state, rec);
}

/** The customer deposits into the issued virtual account: PAID and Transaction.Paid (trigger VIRTUAL_ACCOUNT_DEPOSIT). */
export function deposit(state: PortOneState, input: DepositInput): PortOnePayment {
  const rec = state.payments.get(input.paymentId);
  if (!rec || rec.status !== "VIRTUAL_ACCOUNT_ISSUED") {
    throw new CheckoutError("NOT_WAITING_FOR_DEPOSIT", `payment ${input.paymentId} has no issued virtual account waiting for a deposit`);
  }
  if (rec.depositDeadline !== undefined && state.ctx.clock.now() > rec.depositDeadline) {
    throw new CheckoutError("VIRTUAL_ACCOUNT_EXPIRED", `the virtual account of ${input.paymentId} expired at ${new Date(rec.depositDeadline).toISOString()}`);
  }
  const due = rec.amount.total - rec.amount.discount;
  if (input.amount !== undefined && input.amount !== due) {
    throw new CheckoutError("DEPOSIT_AMOUNT_MISMATCH", `the amount due is ${due}; the sandbox takes deposits of exactly that amount`);
  }
  const now = state.ctx.clock.iso();
  rec.paidAt = now;
  rec.amount.paid = due;
  setStatus(state, rec, "PAID", now);
  emitTransaction(state, rec, "Transaction.Paid", { trigger: "VIRTUAL_ACCOUNT_DEPOSIT" });
  return paymentView(state, rec);
}

/** Every paymentId pre-registered or opened, oldest first, with its history. */
export function listCheckouts(state: PortOneState): PortOneCheckout[] {
  return [...state.history.keys()].map((paymentId) => {
    const rec = state.payments.get(paymentId);
    const pre = state.preRegistered.get(paymentId);
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
      ...(rec && { payment: paymentView(state, rec) }),
      history: [...(state.history.get(paymentId) ?? [])],
    };
  });
}

/**
 * Opens (or re-opens) the payment window for `input.paymentId`: a new transaction on a new or READY/FAILED payment.
 * Returns why the input does not match the pre-registration, if it does not.
 */
function open(state: PortOneState, input: CheckoutInput, method: () => PaymentMethod | undefined): { rec: PaymentRec; mismatch: string | undefined } {
  if (typeof input?.paymentId !== "string" || input.paymentId === "") throw new CheckoutError("INVALID_INPUT", "paymentId is required");
  const storeId = input.storeId ?? state.ctx.storeId;
  if (storeId !== state.ctx.storeId) throw new CheckoutError("INVALID_INPUT", `storeId ${storeId} is not the sandbox's store (${state.ctx.storeId})`);
  checkTexts(input);
  const existing = state.payments.get(input.paymentId);
  if (existing && isPaidOrAfter(existing.status)) throw new CheckoutError("ALREADY_PAID", `payment ${input.paymentId} is already ${existing.status}`);
  if (existing?.status === "VIRTUAL_ACCOUNT_ISSUED") {
    throw new CheckoutError("VIRTUAL_ACCOUNT_ISSUED", `payment ${input.paymentId} waits for a deposit into its virtual account (use deposit)`);
  }
  const pre = state.preRegistered.get(input.paymentId);
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
  const now = state.ctx.clock.iso();
  const chosen = method();
  const rec: PaymentRec = {
    seq: existing?.seq ?? ++state.seq,
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
  state.payments.set(rec.id, rec);
  recordHistory(state, rec.id, { at: now, status: "READY", detail: `checkout opened: ${totalAmount} ${currency}` });
  return { rec, mismatch };
}

function failed(state: PortOneState, rec: PaymentRec, why: Schemas["PaymentFailure"]): PortOnePayment {
  const now = state.ctx.clock.iso();
  rec.failedAt = now;
  rec.failure = why;
  setStatus(state, rec, "FAILED", now, why.reason);
  emitTransaction(state, rec, "Transaction.Failed");
  return paymentView(state, rec);
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

const CUSTOMER_TEXTS = ["id", "name", "birthYear", "birthMonth", "birthDay", "email", "phoneNumber", "zipcode"] as const;
const GENDERS = ["MALE", "FEMALE", "OTHER"];

/**
 * The text fields of a checkout as the spec's Payment has them: a wrong type here (a JavaScript caller in process,
 * a JSON body on the control API) would otherwise become a payment the spec does not allow, which a client then
 * refuses as an invalid response far from the mistake.
 */
function checkTexts(input: CheckoutInput): void {
  const refuse = (field: string, what: string) => {
    throw new CheckoutError("INVALID_INPUT", `${field} must be ${what}`);
  };
  for (const field of ["orderName", "customData", "channelKey", "storeId"] as const) {
    if (input[field] !== undefined && typeof input[field] !== "string") refuse(field, "a string");
  }
  if (input.currency !== undefined && !(typeof input.currency === "string" && /^[A-Z]{3}$/.test(input.currency))) refuse("currency", "a currency code such as KRW");
  const customer: unknown = input.customer;
  if (customer === undefined) return;
  if (typeof customer !== "object" || customer === null || Array.isArray(customer)) return refuse("customer", "an object");
  const fields = customer as Record<string, unknown>;
  for (const field of CUSTOMER_TEXTS) if (fields[field] !== undefined && typeof fields[field] !== "string") refuse(`customer.${field}`, "a string");
  if (fields["gender"] !== undefined && !GENDERS.includes(fields["gender"] as string)) refuse("customer.gender", `one of ${GENDERS.join(", ")}`);
  const address = fields["address"];
  if (address !== undefined) {
    const parts = address as Record<string, unknown>;
    const separated = parts?.["type"] === "SEPARATED";
    if (
      typeof address !== "object" || address === null || typeof parts["oneLine"] !== "string" || (parts["type"] !== "ONE_LINE" && !separated) ||
      (separated && (typeof parts["addressLine1"] !== "string" || typeof parts["addressLine2"] !== "string"))
    ) {
      refuse("customer.address", 'the spec\'s Address: type "ONE_LINE" with oneLine, or "SEPARATED" with oneLine, addressLine1 and addressLine2 (strings)');
    }
  }
}
