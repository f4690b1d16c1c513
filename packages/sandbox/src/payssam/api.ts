// PaySsam on its real paths (with or without the `/partner` prefix of its base URL): every operation is a POST of a
// JSON envelope `{ apiKey, member, merchant, bill }` (`cashReceipt` for cash receipts, no payload for the
// sub-merchant's balance), and every answer HTTP 200 with `{ code, message, data }`. The
// credentials, the fields and the request hash are checked as the provider does, each misuse answered with the
// result code of its catalogue. Faults come first, as for PortOne. PaySsam has no idempotency key.
import { createHash } from "node:crypto";
import { frontFault, type FaultQueue } from "../faults.js";
import { json, problem, sleep, type Exchange, type Handler, type Outcome } from "../exchange.js";
import type { AutoPayChargeFields, CashReceiptFields, PaySsamEngine, Result, SendFields } from "./engine.js";
import { failure, SUCCESS_MESSAGE, type PaySsamFailure } from "./errors.js";

export interface PaySsamApiContext {
  readonly apiKey: string;
  readonly member: string;
  readonly merchants: readonly string[];
  readonly engine: PaySsamEngine;
  readonly faults: FaultQueue;
}

type Fields = Record<string, unknown>;

interface Route {
  readonly operation: string;
  /** `partner`: only `{ apiKey }` (the partner's balance); `merchant`: the envelope with member and merchant. */
  readonly scope: "partner" | "merchant";
  /** Where the operation's fields are (`bill` unless said); `none`: the envelope alone. */
  readonly payload?: "bill" | "cashReceipt" | "none";
  run(input: { envelope: Fields; bill: Fields; merchant: string; origin: string }): Result<unknown>;
}

/** Paths of specs/payssam the sandbox does not simulate yet (sub-merchant mapping): a 501 that says so. */
const KNOWN_PATH = /^\/(partner\/auth\/mapping-status|auth\/mapping|read\/mapping)$/;
const BILL_ID_MAX = 20;
const PRICE = /^[1-9][0-9]{2,9}$/;

/** The request hash of a PaySsam rule: lowercase hex SHA-256 of `billId,phone,price` (three-part with a phone) or `billId,price`. */
export function paySsamHash(billId: string, price: string, phone?: string): string {
  const text = phone ? `${billId},${phone},${price}` : `${billId},${price}`;
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function payssamHandler(ctx: PaySsamApiContext): Handler {
  const { engine } = ctx;
  const routes: Record<string, Route> = {
    "/bill": {
      operation: "sendBill",
      scope: "merchant",
      run: ({ envelope, bill, merchant, origin }) => {
        const fields = sendFields(bill);
        if ("ok" in fields) return fields;
        // The three-part form when the request carries a phone, else two-part.
        if (bill["hash"] !== paySsamHash(fields.billId, fields.price, fields.phone)) return failure("VALIDATION_002");
        const sent = engine.send(merchant, fields);
        if (!sent.ok) return sent;
        const shortUrl = `${origin}/__sandbox/payssam/bills/${encodeURIComponent(fields.billId)}`;
        return success({ apiKey: envelope["apiKey"], member: envelope["member"], merchant, billId: fields.billId, hash: bill["hash"], shortUrl });
      },
    },
    "/bill/read": {
      operation: "readBill",
      scope: "merchant",
      run: ({ envelope, bill, merchant }) => {
        const billId = lookupId(bill);
        if (typeof billId !== "string") return billId;
        const read = engine.read(merchant, billId);
        return read.ok ? success({ apiKey: envelope["apiKey"], ...read.value }) : read;
      },
    },
    "/bill/resend": {
      operation: "resendBill",
      scope: "merchant",
      run: ({ envelope, bill, merchant }) => {
        const billId = lookupId(bill);
        if (typeof billId !== "string") return billId;
        const resent = engine.resend(merchant, billId);
        return resent.ok ? success({ apiKey: envelope["apiKey"], billId }) : resent;
      },
    },
    "/bill/destroy": {
      operation: "destroyBill",
      scope: "merchant",
      run: ({ envelope, bill, merchant }) => {
        const checked = hashed(bill);
        if ("ok" in checked) return checked;
        const destroyed = engine.destroy(merchant, checked.billId, checked.price);
        return destroyed.ok ? success({ apiKey: envelope["apiKey"], billId: checked.billId }) : destroyed;
      },
    },
    "/bill/cancel": {
      operation: "cancelBill",
      scope: "merchant",
      run: ({ envelope, bill, merchant }) => {
        const reason = bill["cancelReason"];
        if (typeof reason !== "string" || reason.length < 1 || reason.length > 20) return failure("VALIDATION_001");
        const checked = hashed(bill);
        if ("ok" in checked) return checked;
        const cancelled = engine.cancel(merchant, checked.billId, checked.price, reason);
        if (!cancelled.ok) return cancelled;
        return success({ apiKey: envelope["apiKey"], member: envelope["member"], merchant, hash: bill["hash"], ...cancelled.value });
      },
    },
    "/read/remain_count": {
      operation: "readPointBalance",
      scope: "partner",
      run: ({ origin }) => success({ balance: engine.points, chargeUrl: `${origin}/__sandbox/payssam/points` }),
    },
    "/read/merchant/remain_count": {
      operation: "readMerchantPointBalance",
      scope: "merchant",
      payload: "none",
      run: ({ merchant, origin }) =>
        success({
          balance: engine.merchantPoints(merchant),
          chargeUrl: engine.wallet === "merchant" ? `${origin}/__sandbox/payssam/merchants/${encodeURIComponent(merchant)}/points` : `${origin}/__sandbox/payssam/points`,
        }),
    },
    "/cash-receipt/issue": {
      operation: "issueCashReceipt",
      scope: "merchant",
      payload: "cashReceipt",
      run: ({ envelope, bill, merchant }) => {
        const checked = hashed(bill, "VALIDATION_001");
        if ("ok" in checked) return checked;
        const fields = receiptFields(checked, bill);
        if ("ok" in fields) return fields;
        const issued = engine.issueCashReceipt(merchant, fields);
        if (!issued.ok) return issued;
        const { billId, trader, issuanceNumber } = fields;
        return success({ apiKey: envelope["apiKey"], member: envelope["member"], merchant, billId, hash: bill["hash"], trader, apprCashNum: issued.value.apprCashNum, issuanceNumber });
      },
    },
    "/cash-receipt/cancel": {
      operation: "cancelCashReceipt",
      scope: "merchant",
      payload: "cashReceipt",
      run: ({ envelope, bill, merchant }) => {
        const checked = hashed(bill, "VALIDATION_001");
        if ("ok" in checked) return checked;
        const trader = bill["trader"];
        if (trader !== "0" && trader !== "1") return failure("VALIDATION_001");
        const cancelled = engine.cancelCashReceipt(merchant, checked.billId, checked.price, trader);
        if (!cancelled.ok) return cancelled;
        return success({ apiKey: envelope["apiKey"], member: envelope["member"], merchant, billId: checked.billId, hash: bill["hash"], apprCashNum: cancelled.value.apprCashNum });
      },
    },
    "/cash-receipt/read": {
      operation: "readCashReceipt",
      scope: "merchant",
      payload: "cashReceipt",
      run: ({ envelope, bill, merchant }) => {
        const checked = hashed(bill, "VALIDATION_001");
        if ("ok" in checked) return checked;
        const read = engine.readCashReceipts(merchant, checked.billId, checked.price);
        if (!read.ok) return read;
        // The items carry no billId: PaySsam's sandbox answers them so.
        return success({ apiKey: envelope["apiKey"], member: envelope["member"], merchant, billId: checked.billId, info: read.value });
      },
    },
    // Auto-pay (RP): PaySsam has not published these schemas. The sandbox reads their fields under `bill`, as the
    // other bill operations (`client.unverified.registerAutoPayMethod({ bill: { billId, phone } })`).
    "/rp/manage": {
      operation: "registerAutoPayMethod",
      scope: "merchant",
      run: ({ envelope, bill, merchant }) => {
        // A billId that cannot be a bill's names no card: VALIDATION_001 (BILL_007 is a code of billing).
        const billId = bill["billId"];
        const phone = bill["phone"];
        if (!isText(billId, BILL_ID_MAX) || !isPhone(phone)) return failure("VALIDATION_001");
        const registered = engine.registerAutoPay(merchant, billId, phone);
        return registered.ok ? success({ apiKey: envelope["apiKey"], member: envelope["member"], merchant, ...methodData(registered.value) }) : registered;
      },
    },
    "/rp/delete": {
      operation: "deleteAutoPayMethod",
      scope: "merchant",
      run: ({ envelope, bill, merchant }) => {
        const phone = bill["phone"];
        if (!isPhone(phone)) return failure("VALIDATION_001");
        const deleted = engine.deleteAutoPay(merchant, phone);
        return deleted.ok ? success({ apiKey: envelope["apiKey"], member: envelope["member"], merchant, phone }) : deleted;
      },
    },
    "/customer/pay-method": {
      operation: "readCustomerPayMethods",
      scope: "merchant",
      run: ({ envelope, bill, merchant }) => {
        const phone = bill["phone"];
        if (!isPhone(phone)) return failure("VALIDATION_001");
        return success({ apiKey: envelope["apiKey"], member: envelope["member"], merchant, phone, payMethods: engine.autoPayMethods(merchant, phone).map(methodData) });
      },
    },
    "/bill/rp": {
      operation: "chargeAutoPayBill",
      scope: "merchant",
      run: ({ envelope, bill, merchant }) => {
        const fields = chargeFields(bill);
        if ("ok" in fields) return fields;
        // The rule of every hashed bill request: three-part, as the request carries the phone.
        if (bill["hash"] !== paySsamHash(fields.billId, fields.price, fields.phone)) return failure("VALIDATION_002");
        const charged = engine.chargeAutoPay(merchant, fields);
        if (!charged.ok) return charged;
        return success({ apiKey: envelope["apiKey"], member: envelope["member"], merchant, hash: bill["hash"], ...charged.value });
      },
    },
  };

  return async (exchange, closing) => {
    // The base URL ends in `/partner` (https://sandbox.paymint.co.kr/partner): a client given it reaches the same paths.
    const path = exchange.url.pathname.replace(/^\/partner(?=\/)/, "");
    const route = routes[path];
    if (!route) {
      if (KNOWN_PATH.test(path)) return problem(501, "Not simulated", `${exchange.method} ${path} is a PaySsam operation the sandbox does not simulate yet`);
      return problem(404, "Not Found", `${exchange.method} ${path} is not a PaySsam path`);
    }
    if (exchange.method !== "POST") return problem(405, "Method Not Allowed", `PaySsam's ${path} takes POST only`, { allow: "POST" });

    const front = await frontFault(exchange, route.operation, ctx.faults, closing);
    if (front.outcome) return front.outcome;
    const fault = front.fault;
    if (fault?.latencyMs !== undefined && !(await sleep(fault.latencyMs, closing))) return { kind: "reset" };

    const result = handle(ctx, route, exchange);
    // Applied and committed: only the answer is lost.
    if (fault?.drop === "lost-answer") return { kind: "reset" };
    return envelope(result);
  };
}

function handle(ctx: PaySsamApiContext, route: Route, exchange: Exchange): Result<unknown> {
  let body: unknown;
  try {
    body = JSON.parse(exchange.text);
  } catch {
    return failure("VALIDATION_001");
  }
  if (!isRecord(body)) return failure("VALIDATION_001");
  const apiKey = body["apiKey"];
  if (typeof apiKey !== "string" || apiKey === "" || apiKey.length > 32) return failure("PARTNER_002");
  if (apiKey !== ctx.apiKey) return failure("PARTNER_003");
  const origin = exchange.url.origin;
  if (route.scope === "partner") return route.run({ envelope: body, bill: {}, merchant: "", origin });

  const { member, merchant } = body;
  if (!isCode(member) || !isCode(merchant)) return failure("VALIDATION_001");
  // A member or merchant the partner has no sub-merchant link for: PARTNER_004 (link not found).
  if (member !== ctx.member || !ctx.merchants.includes(merchant)) return failure("PARTNER_004");
  const key = route.payload ?? "bill";
  if (key === "none") return route.run({ envelope: body, bill: {}, merchant, origin });
  const bill = body[key];
  if (!isRecord(bill)) return failure("VALIDATION_001");
  return route.run({ envelope: body, bill, merchant, origin });
}

function envelope(result: Result<unknown>): Outcome {
  return json(200, result.ok ? { code: "0000", message: SUCCESS_MESSAGE, data: result.value } : { code: result.code, message: result.message, data: null });
}

const success = <T>(value: T): Result<T> => ({ ok: true, value });
const isRecord = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const isCode = (value: unknown): value is string => typeof value === "string" && value.length >= 1 && value.length <= 60;
const isText = (value: unknown, max: number): value is string => typeof value === "string" && value.length >= 1 && value.length <= max;
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);

/** The billId of a lookup: BILL_007 when longer than 20, VALIDATION_001 when missing or not a string. */
function lookupId(bill: Fields): string | PaySsamFailure {
  const billId = bill["billId"];
  if (typeof billId !== "string" || billId === "") return failure("VALIDATION_001");
  return billId.length > BILL_ID_MAX ? failure("BILL_007") : billId;
}

/** `price` checked as the spec says, PAYMENT_003 for a whole amount under 100. */
function checkPrice(price: unknown): string | PaySsamFailure {
  if (typeof price === "string" && /^\d{1,10}$/.test(price) && Number(price) < 100) return failure("PAYMENT_003");
  return typeof price === "string" && PRICE.test(price) ? price : failure("VALIDATION_001");
}

/**
 * The fields of destroy, cancel and the cash-receipt operations, with their two-part hash checked (VALIDATION_002
 * when it differs). A cash-receipt price under 100 is VALIDATION_001: it names no bill (PAYMENT_003 is a code of
 * billing, which those operations do not answer).
 */
function hashed(bill: Fields, small: "PAYMENT_003" | "VALIDATION_001" = "PAYMENT_003"): { billId: string; price: string } | PaySsamFailure {
  const billId = lookupId(bill);
  if (typeof billId !== "string") return billId;
  const price = checkPrice(bill["price"]);
  if (typeof price !== "string") return price.code === "PAYMENT_003" ? failure(small) : price;
  if (typeof bill["hash"] !== "string") return failure("VALIDATION_001");
  // Two-part even when the bill was sent with a phone: the three-part form here is VALIDATION_002, as on PaySsam.
  if (bill["hash"] !== paySsamHash(billId, price)) return failure("VALIDATION_002");
  return { billId, price };
}

/** The fields of `/bill`, in the order of the catalogue's specific codes (BILL_008, BILL_007, PAYMENT_003) then VALIDATION_001. */
function sendFields(bill: Fields): SendFields | PaySsamFailure {
  const sendType = bill["sendType"];
  if (sendType === undefined || sendType === null || sendType === "") return failure("BILL_008");
  if (sendType !== "TALK" && sendType !== "URL") return failure("VALIDATION_001");
  const billId = lookupId(bill);
  if (typeof billId !== "string") return billId;
  const price = checkPrice(bill["price"]);
  if (typeof price !== "string") return price;
  const { productName, memberName, phone, callbackUrl, billIssuer, message, expireDt, hash } = bill;
  const valid =
    isText(productName, 1000) &&
    isText(memberName, 1000) &&
    (sendType === "TALK" ? typeof phone === "string" && /^[0-9]+$/.test(phone) : optional(phone, (p) => typeof p === "string" && /^[0-9]+$/.test(p))) &&
    isUrl(callbackUrl) &&
    optional(bill["pageRedirectUrl"], isUrl) &&
    optional(billIssuer, (v) => typeof v === "string" && v.length <= 50) &&
    optional(message, (v) => typeof v === "string" && v.length <= 1000) &&
    optional(expireDt, isDate) &&
    typeof hash === "string";
  if (!valid) return failure("VALIDATION_001");
  return {
    billId,
    sendType,
    productName,
    price,
    memberName,
    ...(typeof phone === "string" && { phone }),
    callbackUrl,
    ...(typeof billIssuer === "string" && { billIssuer }),
    ...(typeof message === "string" && { message }),
    ...(typeof expireDt === "string" && { expireDt }),
  };
}

const isPhone = (value: unknown): value is string => typeof value === "string" && /^[0-9]{1,20}$/.test(value);
const KRW = /^(0|[1-9][0-9]{0,9})$/;

/** The fields of `/cash-receipt/issue` beyond the hashed pair; the supply price and tax are required (as PaySsam's sandbox found). */
function receiptFields(checked: { billId: string; price: string }, bill: Fields): CashReceiptFields | PaySsamFailure {
  const { supplyPrice, tax, issuanceNumber, trader } = bill;
  if (typeof supplyPrice !== "string" || !KRW.test(supplyPrice) || typeof tax !== "string" || !KRW.test(tax)) return failure("VALIDATION_001");
  if (!isText(issuanceNumber, 30) || (trader !== "0" && trader !== "1")) return failure("VALIDATION_001");
  return { ...checked, supplyPrice, tax, issuanceNumber, trader };
}

/** The fields of `/bill/rp`: those of a bill (`/bill`) that a charge needs, the phone naming the stored method. */
function chargeFields(bill: Fields): AutoPayChargeFields | PaySsamFailure {
  const billId = lookupId(bill);
  if (typeof billId !== "string") return billId;
  const price = checkPrice(bill["price"]);
  if (typeof price !== "string") return price;
  const { phone, productName, memberName, callbackUrl, message, hash } = bill;
  const valid = isPhone(phone) && isText(productName, 1000) && isText(memberName, 1000) && isUrl(callbackUrl) && optional(message, (v) => typeof v === "string" && v.length <= 1000) && typeof hash === "string";
  if (!valid) return failure("VALIDATION_001");
  return { billId, phone, productName, price, memberName, callbackUrl, ...(typeof message === "string" && { message }) };
}

/** A stored method as the auto-pay answers show it (the card masked as its approval showed it). */
const methodData = (m: { phone: string; billId: string; apprPayType: string; apprIssuer: string; apprIssuerNum: string; registeredAt: string }) => ({
  phone: m.phone,
  billId: m.billId,
  apprPayType: m.apprPayType,
  apprIssuer: m.apprIssuer,
  apprIssuerNum: m.apprIssuerNum,
  registeredAt: m.registeredAt,
});

function isUrl(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 2048 || !/^https?:\/\//.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** `YYYY-MM-DD` naming a day that exists. */
function isDate(value: unknown): boolean {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
