// PortOne billing keys: issue (from card credentials, kept masked), get, list with its filter, delete, and the
// charge of a key — at once (payWithBillingKey) or when a schedule's time comes (schedules.ts calls `charge`).
import { failure, pgFailure } from "./errors.js";
import { FieldReader, readCurrency, type Fields } from "./input.js";
import { onePage, readPage, readSort, readWindow, within } from "./listing.js";
import {
  emitTransaction,
  isPaidOrAfter,
  ok,
  recordHistory,
  SANDBOX_PG_COMPANY,
  sandboxChannel,
  scheduleOf,
  vatOf,
  type BillingKeyEvent,
  type Customer,
  type KeyPayment,
  type KeyRec,
  type PaymentRec,
  type PortOneState,
  type Result,
  type Schemas,
} from "./state.js";
import { keyView, type PortOneBillingKey } from "./views.js";

/**
 * The declining test card: a billing key issued for this number is declined on every charge (payWithBillingKey
 * answers PG_PROVIDER, a scheduled payment FAILS), so that an app can try its failure path. Any other number pays.
 */
export const DECLINED_CARD_NUMBER = "4000000000000002";
const BILLING_KEY_TIMES = ["REQUESTED_AT", "ISSUED_AT", "DELETED_AT", "STATUS_TIMESTAMP"] as const;
const BILLING_KEY_SEARCH_FIELDS = [
  "CARD_BIN", "CARD_NUMBER", "PG_MERCHANT_ID", "CUSTOMER_NAME", "CUSTOMER_EMAIL", "CUSTOMER_PHONE_NUMBER", "CUSTOMER_ADDRESS",
  "CUSTOMER_ZIPCODE", "USER_AGENT", "BILLING_KEY", "CHANNEL_GROUP_NAME",
] as const;

/**
 * The webhook body of a billing key event (payload version 2024-04-25), for the delivery code to sign and send:
 * `{ type, timestamp, data: { storeId, billingKey } }`.
 */
export function billingKeyWebhookBody(event: BillingKeyEvent, timestamp: string): string {
  return JSON.stringify({ type: event.type, timestamp, data: { storeId: event.storeId, billingKey: event.billingKey } });
}

/** POST /billing-keys: a key from card credentials. The card is kept masked; the credential is never stored. */
export function issueBillingKey(state: PortOneState, fields: Fields): Result<Schemas["IssueBillingKeyResponse"]> {
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

  const now = state.ctx.clock.iso();
  const channel = sandboxChannel(channelKey);
  const rec: KeyRec = {
    seq: ++state.seq,
    billingKey: `billing-key-${globalThis.crypto.randomUUID()}`,
    storeId: typeof fields["storeId"] === "string" ? fields["storeId"] : state.ctx.storeId,
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
  state.billingKeys.set(rec.billingKey, rec);
  if (skipWebhook !== true) state.ctx.emitBillingKey?.({ type: "BillingKey.Issued", billingKey: rec.billingKey, storeId: rec.storeId });
  return ok({ billingKeyInfo: { billingKey: rec.billingKey, channels: [channel], issuedAt: now } });
}

/** GET /billing-keys/{billingKey}: an issued or a deleted key. */
export function getBillingKeyInfo(state: PortOneState, billingKey: string): Result<PortOneBillingKey> {
  const rec = state.billingKeys.get(billingKey);
  return rec ? ok(keyView(state, rec)) : failure("BILLING_KEY_NOT_FOUND");
}

/** DELETE /billing-keys/{billingKey} (its inputs are query parameters, hence text). */
export function deleteBillingKey(state: PortOneState, billingKey: string, params: Fields): Result<Schemas["DeleteBillingKeyResponse"]> {
  const read = new FieldReader();
  read.string(params["reason"], "reason");
  read.oneOf(params["requester"], "requester", ["CUSTOMER", "ADMIN"]);
  const skipWebhook = read.oneOf(params["skipWebhook"], "skipWebhook", ["true", "false"]);
  const bad = read.failure();
  if (bad) return bad;
  const rec = state.billingKeys.get(billingKey);
  if (!rec) return failure("BILLING_KEY_NOT_FOUND");
  if (rec.status === "DELETED") return failure("BILLING_KEY_ALREADY_DELETED");
  // The spec: a key with a payment still scheduled on it cannot be deleted (revoke the schedules first).
  if ([...state.schedules.values()].some((s) => s.payment.billingKey === billingKey && s.status === "SCHEDULED")) {
    return failure("PAYMENT_SCHEDULE_ALREADY_EXISTS", "해당 빌링키로 예약된 결제 건이 존재합니다.");
  }
  const now = state.ctx.clock.iso();
  rec.status = "DELETED";
  rec.deletedAt = now;
  if (skipWebhook !== "true") state.ctx.emitBillingKey?.({ type: "BillingKey.Deleted", billingKey: rec.billingKey, storeId: rec.storeId });
  return ok({ deletedAt: now });
}

/** POST /payments/{paymentId}/billing-key: charges the key at once, a PAID payment and Transaction.Paid. */
export function payWithBillingKey(state: PortOneState, paymentId: string, fields: Fields): Result<Schemas["PayWithBillingKeyResponse"]> {
  const read = new FieldReader();
  const input = readKeyPayment(read, fields, "");
  const skipWebhook = read.boolean(fields["skipWebhook"], "skipWebhook");
  const bad = read.failure();
  if (bad || input === undefined) return bad ?? failure("INVALID_REQUEST");

  const key = state.billingKeys.get(input.billingKey);
  if (!key) return failure("BILLING_KEY_NOT_FOUND");
  if (key.status === "DELETED") return failure("BILLING_KEY_ALREADY_DELETED");
  const existing = state.payments.get(paymentId);
  if (existing && isPaidOrAfter(existing.status)) return failure("ALREADY_PAID");
  if (existing?.status === "VIRTUAL_ACCOUNT_ISSUED") return failure("INVALID_REQUEST", "가상계좌 입금을 기다리는 결제 건입니다. (the payment waits for a virtual-account deposit)");
  if (scheduleOf(state, paymentId)) return failure("PAYMENT_SCHEDULE_ALREADY_EXISTS");
  if (input.taxFree + (input.vat ?? 0) > input.total) return failure("SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT");

  const rec = charge(state, paymentId, key, input, { skipWebhook: skipWebhook === true, scheduleId: undefined });
  // A declined charge leaves a FAILED payment (and Transaction.Failed) and answers the PG's refusal.
  if (rec.status === "FAILED") return pgFailure(rec.failure?.pgCode ?? "SANDBOX_DECLINED", rec.failure?.pgMessage ?? "declined");
  return ok({ payment: { pgTxId: rec.pgTxId, paidAt: rec.paidAt! } });
}

/** GET /billing-keys (GetBillingKeyInfosBody: page, sort and filter). */
export function getBillingKeyInfos(state: PortOneState, fields: Fields): Result<Schemas["GetBillingKeyInfosResponse"]> {
  const read = new FieldReader();
  const page = readPage(read, fields);
  const sort = readSort(read, fields, BILLING_KEY_TIMES, "REQUESTED_AT");
  const f = read.object(fields["filter"], "filter") ?? {};
  const storeId = read.string(f["storeId"], "filter.storeId");
  // The reference names no default for timeRangeField: the sort's default, REQUESTED_AT.
  const timeField = read.oneOf(f["timeRangeField"], "filter.timeRangeField", BILLING_KEY_TIMES) ?? "REQUESTED_AT";
  const window = readWindow(read, f, state.ctx.clock.now());
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
  const found = [...state.billingKeys.values()].filter((rec) => {
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
  return ok(onePage(found, (rec) => time(rec, sort.by), sort.descending, page, (rec) => keyView(state, rec)));
}

/** Every billing key, oldest first. */
export function listBillingKeys(state: PortOneState): PortOneBillingKey[] {
  return [...state.billingKeys.values()].map((rec) => keyView(state, rec));
}

/**
 * Charges a billing key for `paymentId` (payWithBillingKey, or a schedule when its time comes): a PAID payment
 * and Transaction.Paid, or — for the declining test card — a FAILED one and Transaction.Failed. The caller has
 * checked the key (a key cannot be deleted while a schedule waits on it), the paymentId and the amounts.
 */
export function charge(state: PortOneState, paymentId: string, key: KeyRec, input: KeyPayment, options: { skipWebhook: boolean; scheduleId: string | undefined }): PaymentRec {
  const now = state.ctx.clock.iso();
  const existing = state.payments.get(paymentId);
  const vat = input.vat ?? vatOf(input.total - input.taxFree);
  const why: Schemas["PaymentFailure"] | undefined = key.declines
    ? { reason: "카드 승인이 거절되었습니다. (the sandbox's declining test card)", pgCode: "SANDBOX_CARD_DECLINED", pgMessage: "승인 거절 (payspec sandbox test card)" }
    : undefined;
  const rec: PaymentRec = {
    seq: existing?.seq ?? ++state.seq,
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
  state.payments.set(paymentId, rec);
  const what = options.scheduleId === undefined ? "billing key payment" : "scheduled payment";
  recordHistory(state, paymentId, { at: now, status: rec.status, detail: why ? `${what} declined: ${why.reason}` : `${what}: ${input.total} ${input.currency}` });
  if (!options.skipWebhook) emitTransaction(state, rec, why ? "Transaction.Failed" : "Transaction.Paid");
  return rec;
}

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
export function readKeyPayment(read: FieldReader, fields: Fields, at: string): KeyPayment | undefined {
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
