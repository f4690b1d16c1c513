// PortOne payment schedules: create, get, list and revoke, and their run on the sandbox clock — when it reaches a
// schedule's timeToPay, the schedule charges its billing key as payWithBillingKey does (billing-keys.ts `charge`).
import { failure } from "./errors.js";
import { FieldReader, type Fields } from "./input.js";
import { onePage, readPage, readSort, readWindow, within } from "./listing.js";
import { charge, readKeyPayment } from "./billing-keys.js";
import { isPaidOrAfter, ok, scheduleOf, type PortOneState, type Result, type ScheduleRec, type Schemas } from "./state.js";
import { scheduleView, type PortOnePaymentSchedule } from "./views.js";

const SCHEDULE_STATUSES = ["SCHEDULED", "STARTED", "SUCCEEDED", "FAILED", "REVOKED", "PENDING"] as const;

/** POST /payments/{paymentId}/schedule: a billing-key payment that runs when the sandbox clock reaches timeToPay. */
export function createPaymentSchedule(state: PortOneState, paymentId: string, fields: Fields): Result<Schemas["CreatePaymentScheduleResponse"]> {
  const read = new FieldReader();
  const payment = read.object(fields["payment"], "payment");
  if (payment === undefined) read.problem("payment: 필수 입력 항목입니다. (required)");
  const input = payment && readKeyPayment(read, payment, "payment.");
  const noticeUrls = payment && read.list(payment["noticeUrls"], "payment.noticeUrls", undefined);
  if (noticeUrls?.some((url) => !/^https?:\/\//.test(url) || url.length > 2048)) read.problem("payment.noticeUrls: http(s) URL이어야 합니다. (must be http(s) URLs)");
  const products = payment && readProducts(read, payment["products"]);
  const now = state.ctx.clock.now();
  const timeToPay = read.dateTime(fields["timeToPay"], "timeToPay");
  if (fields["timeToPay"] === undefined || fields["timeToPay"] === null) read.problem("timeToPay: 필수 입력 항목입니다. (required)");
  // The spec's example: a time that is not in the future is refused (the sandbox does not pay at once instead).
  else if (timeToPay !== undefined && timeToPay <= now) read.problem("timeToPay: 현재 시점 이후여야 합니다. (must be after the sandbox's now)");
  const bad = read.failure();
  if (bad || input === undefined || timeToPay === undefined) return bad ?? failure("INVALID_REQUEST");

  const key = state.billingKeys.get(input.billingKey);
  if (!key) return failure("BILLING_KEY_NOT_FOUND");
  if (key.status === "DELETED") return failure("BILLING_KEY_ALREADY_DELETED");
  const existing = state.payments.get(paymentId);
  if (existing && (isPaidOrAfter(existing.status) || existing.status === "VIRTUAL_ACCOUNT_ISSUED")) return failure("ALREADY_PAID_OR_WAITING");
  if (scheduleOf(state, paymentId)) return failure("PAYMENT_SCHEDULE_ALREADY_EXISTS");
  if (input.taxFree + (input.vat ?? 0) > input.total) return failure("SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT");

  const rec: ScheduleRec = {
    seq: ++state.seq,
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
  state.schedules.set(rec.id, rec);
  state.timers.set(rec.id, state.ctx.clock.schedule(timeToPay, () => execute(state, rec)));
  return ok({ schedule: { id: rec.id } });
}

/** GET /payment-schedules/{paymentScheduleId} */
export function getPaymentSchedule(state: PortOneState, scheduleId: string): Result<PortOnePaymentSchedule> {
  const rec = state.schedules.get(scheduleId);
  return rec ? ok(scheduleView(state, rec)) : failure("PAYMENT_SCHEDULE_NOT_FOUND");
}

/** GET /payment-schedules (GetPaymentSchedulesBody): the window is on timeToPay, so future ones need `until`. */
export function getPaymentSchedules(state: PortOneState, fields: Fields): Result<Schemas["GetPaymentSchedulesResponse"]> {
  const read = new FieldReader();
  const page = readPage(read, fields);
  const sort = readSort(read, fields, ["CREATED_AT", "TIME_TO_PAY", "COMPLETED_AT", "STATUS_TIMESTAMP"] as const, "TIME_TO_PAY");
  const f = read.object(fields["filter"], "filter") ?? {};
  const storeId = read.string(f["storeId"], "filter.storeId");
  const billingKey = read.string(f["billingKey"], "filter.billingKey");
  const window = readWindow(read, f, state.ctx.clock.now());
  const statuses = read.list(f["status"], "filter.status", SCHEDULE_STATUSES);
  const isForTest = read.boolean(f["isForTest"], "filter.isForTest");
  const bad = read.failure();
  if (bad) return bad;

  const found = [...state.schedules.values()].filter(
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
  return ok(onePage(found, key, sort.descending, page, (rec) => scheduleView(state, rec)));
}

/**
 * DELETE /payment-schedules: by ids (which must then be the given key's, if one is given) or every SCHEDULED one
 * of a billing key. All or nothing: one id that cannot be revoked refuses the whole request.
 */
export function revokePaymentSchedules(state: PortOneState, fields: Fields): Result<Schemas["RevokePaymentSchedulesResponse"]> {
  const read = new FieldReader();
  const billingKey = read.string(fields["billingKey"], "billingKey");
  const ids = read.list(fields["scheduleIds"], "scheduleIds", undefined);
  if (billingKey === undefined && (ids === undefined || ids.length === 0)) read.problem("billingKey, scheduleIds 중 하나 이상은 필수로 입력해야 합니다.");
  const bad = read.failure();
  if (bad) return bad;

  if (billingKey !== undefined) {
    const key = state.billingKeys.get(billingKey);
    if (!key) return failure("BILLING_KEY_NOT_FOUND");
    if (key.status === "DELETED") return failure("BILLING_KEY_ALREADY_DELETED");
  }
  let targets: ScheduleRec[];
  if (ids && ids.length > 0) {
    targets = [];
    for (const id of new Set(ids)) {
      const rec = state.schedules.get(id);
      // The reference says a schedule of another billing key fails the request without naming the error: it is
      // not found among that key's schedules.
      if (!rec || (billingKey !== undefined && rec.payment.billingKey !== billingKey)) return failure("PAYMENT_SCHEDULE_NOT_FOUND");
      if (rec.status === "REVOKED") return failure("PAYMENT_SCHEDULE_ALREADY_REVOKED");
      if (rec.status !== "SCHEDULED") return failure("PAYMENT_SCHEDULE_ALREADY_PROCESSED");
      targets.push(rec);
    }
  } else {
    targets = [...state.schedules.values()].filter((rec) => rec.payment.billingKey === billingKey && rec.status === "SCHEDULED");
  }
  const now = state.ctx.clock.iso();
  for (const rec of targets) {
    rec.status = "REVOKED";
    rec.revokedAt = now;
    state.timers.get(rec.id)?.();
    state.timers.delete(rec.id);
  }
  return ok({ revokedScheduleIds: targets.map((rec) => rec.id), revokedAt: now });
}

/** Every payment schedule as getPaymentSchedule answers it, newest first (what the dashboard lists). */
export function listSchedules(state: PortOneState): PortOnePaymentSchedule[] {
  return [...state.schedules.values()].sort((a, b) => b.seq - a.seq).map((rec) => scheduleView(state, rec));
}

/**
 * A schedule whose time came (the clock's timer): STARTED, then the charge, then SUCCEEDED or FAILED. A paymentId
 * paid meanwhile at checkout is not charged again: the schedule FAILS and the payment stays as it is.
 */
function execute(state: PortOneState, rec: ScheduleRec): void {
  state.timers.delete(rec.id);
  if (rec.status !== "SCHEDULED") return;
  const now = state.ctx.clock.iso();
  rec.status = "STARTED";
  rec.startedAt = now;
  const key = state.billingKeys.get(rec.payment.billingKey);
  const existing = state.payments.get(rec.paymentId);
  const taken = existing !== undefined && (isPaidOrAfter(existing.status) || existing.status === "VIRTUAL_ACCOUNT_ISSUED");
  const paid = key !== undefined && !taken && charge(state, rec.paymentId, key, rec.payment, { skipWebhook: false, scheduleId: rec.id }).status === "PAID";
  rec.status = paid ? "SUCCEEDED" : "FAILED";
  rec.completedAt = now;
}

/**
 * Puts a schedule still SCHEDULED back on the clock at its `timeToPay` (a restored snapshot's): one that came due
 * while the sandbox was down runs at once, as when wall time catches up with it.
 */
export function resumeSchedule(state: PortOneState, rec: ScheduleRec): void {
  state.timers.set(rec.id, state.ctx.clock.schedule(Date.parse(rec.timeToPay), () => execute(state, rec)));
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
