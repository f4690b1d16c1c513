// PortOne cash receipts: issue (for any paymentId, one for good), get, list with its filter, and cancel. A payment's
// receipt also shows in getPayment (views.ts `paymentReceipt`) and in getPayments' filter (payments.ts).
import { failure } from "./errors.js";
import { FieldReader, readCurrency, type Fields } from "./input.js";
import { onePage, readPage, readSort, readWindow, within } from "./listing.js";
import { ok, SANDBOX_PG_COMPANY, sandboxChannel, vatOf, type PortOneState, type ReceiptRec, type Result, type Schemas } from "./state.js";
import { receiptView, type PortOneCashReceipt } from "./views.js";

const RECEIPT_TIMES = ["ISSUED_AT", "CANCELLED_AT", "STATUS_UPDATED_AT"] as const;

/** POST /cash-receipts: a receipt for any paymentId (PortOne issues them for payments made outside it too). */
export function issueCashReceipt(state: PortOneState, fields: Fields): Result<Schemas["IssueCashReceiptResponse"]> {
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
  if (state.receipts.has(paymentId)) return failure("CASH_RECEIPT_ALREADY_ISSUED");

  const now = state.ctx.clock.iso();
  const rec: ReceiptRec = {
    seq: ++state.seq,
    paymentId,
    storeId: typeof fields["storeId"] === "string" ? fields["storeId"] : state.ctx.storeId,
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
  state.receipts.set(paymentId, rec);
  return ok({ cashReceipt: { issueNumber: rec.issueNumber, url: rec.url, pgReceiptId: rec.pgReceiptId } });
}

/** GET /payments/{paymentId}/cash-receipt */
export function getCashReceiptByPaymentId(state: PortOneState, paymentId: string): Result<PortOneCashReceipt> {
  const rec = state.receipts.get(paymentId);
  return rec ? ok(receiptView(state, rec)) : failure("CASH_RECEIPT_NOT_FOUND");
}

/** POST /payments/{paymentId}/cash-receipt/cancel: the whole receipt; a cancelled one is CASH_RECEIPT_NOT_ISSUED. */
export function cancelCashReceiptByPaymentId(state: PortOneState, paymentId: string): Result<Schemas["CancelCashReceiptResponse"]> {
  const rec = state.receipts.get(paymentId);
  if (!rec) return failure("CASH_RECEIPT_NOT_FOUND");
  if (rec.status !== "ISSUED") return failure("CASH_RECEIPT_NOT_ISSUED");
  const now = state.ctx.clock.iso();
  rec.status = "CANCELLED";
  rec.cancelledAt = now;
  rec.statusUpdatedAt = now;
  return ok({ cancelledAmount: rec.amount, cancelledAt: now });
}

/** GET /cash-receipts (GetCashReceiptsBody: page, sort and filter). */
export function getCashReceipts(state: PortOneState, fields: Fields): Result<Schemas["GetCashReceiptsResponse"]> {
  const read = new FieldReader();
  const page = readPage(read, fields);
  const sort = readSort(read, fields, RECEIPT_TIMES, "ISSUED_AT");
  const f = read.object(fields["filter"], "filter") ?? {};
  const storeId = read.string(f["storeId"], "filter.storeId");
  const timeField = read.oneOf(f["timeRangeField"], "filter.timeRangeField", RECEIPT_TIMES) ?? "ISSUED_AT";
  const window = readWindow(read, f, state.ctx.clock.now());
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
  const found = [...state.receipts.values()].filter(
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
  return ok(onePage(found, (rec) => time(rec, sort.by), sort.descending, page, (rec) => receiptView(state, rec)));
}
