// PaySsam bills in memory: send → W (unpaid) → the customer pays (`approve`, the control step standing in for
// Paymint's payment page) → F, and the approval sync it emits → cancel → C; destroy an unpaid bill → D; resend.
// A paid bill's cash receipt (issue → F, cancel → C, read the history); auto-pay (RP): the card that paid a bill
// stored for the customer's phone, charged at once into a new paid bill, deleted. 쌤포인트 go down per KakaoTalk
// send, from the partner's wallet or the sub-merchant's (the contract's choice). No I/O here: api.ts checks
// credentials, fields and the hash, and sandbox.ts turns the approval events into callbacks to the bill's `callbackUrl`.
import type { SandboxClock } from "../clock.js";
import { copy, entriesOf, numberOf, partOf, recordsOf, type SnapshotPart } from "../state.js";
import { failure, type PaySsamFailure } from "./errors.js";

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Result<T> = Ok<T> | PaySsamFailure;
const ok = <T>(value: T): Ok<T> => ({ ok: true, value });

/** `apprState`: F paid, W unpaid, C cancelled, D destroyed. */
export type ApprovalState = "F" | "W" | "C" | "D";

/** The price of one KakaoTalk send in 쌤포인트 (quoted by the provider's guidance, confidence medium). */
export const POINTS_PER_TALK = 55;

/** A bill as `/bill/read` answers it (`BillReadPortResponse`: every value a string). */
export interface PaySsamBillRead {
  readonly billId: string;
  readonly apprState: ApprovalState;
  readonly apprPayType?: string;
  readonly apprCardType?: string;
  readonly apprDt?: string;
  readonly apprOriginDt?: string;
  readonly apprPrice?: string;
  readonly apprIssuer?: string;
  readonly apprIssuerCd?: string;
  readonly apprIssuerNum?: string;
  readonly apprNum?: string;
  readonly apprOriginNum?: string;
  readonly apprMonthly?: string;
  /** The active cash receipt's approval number, trader and issuance number (while one is issued). */
  readonly apprCashNum?: string;
  readonly apprCashTrader?: "0" | "1";
  readonly apprCashIssuanceNumber?: string;
}

/** One issue (F) or cancel (C) of a bill's cash receipt, as `/cash-receipt/read` lists it (`CashReceiptHistoryItem`). */
export interface PaySsamCashReceiptItem {
  readonly apprPrice: string;
  readonly apprSupplyPrice: string;
  readonly apprTax: string;
  readonly trader: "0" | "1";
  readonly apprNum: string;
  readonly apprState: "F" | "C";
  /** `YYMMDDhhmmss` (KST): the 12 digits PaySsam's sandbox answers, not the 14 its documentation names. */
  readonly apprDt: string;
  readonly issuanceNumber: string;
}

/** The fields of `/cash-receipt/issue` once api.ts has checked them. */
export interface CashReceiptFields {
  readonly billId: string;
  readonly price: string;
  readonly supplyPrice: string;
  readonly tax: string;
  readonly issuanceNumber: string;
  readonly trader: "0" | "1";
}

/** A customer's stored auto-pay (RP) method: the card that paid `billId`, kept for the customer's phone. */
export interface PaySsamAutoPayMethod {
  readonly merchant: string;
  readonly phone: string;
  /** The paid bill whose card was stored. */
  readonly billId: string;
  readonly apprPayType: string;
  readonly apprIssuer: string;
  /** Masked, as the approval shows it: the sandbox never has a full card number. */
  readonly apprIssuerNum: string;
  readonly registeredAt: string;
}

/** The fields of `/bill/rp` once api.ts has checked them: a bill charged to the phone's stored method. */
export interface AutoPayChargeFields {
  readonly billId: string;
  readonly phone: string;
  readonly productName: string;
  readonly price: string;
  readonly memberName: string;
  readonly callbackUrl: string;
  readonly message?: string;
}

/** Who pays for KakaoTalk sends: the partner's one wallet (파트너 일괄 관리) or each sub-merchant's (사업장 개별 관리). */
export type PaySsamWallet = "partner" | "merchant";

/** A bill as the sandbox keeps it, with what was sent and its history (the control API and the dashboard show it). */
export interface PaySsamBill {
  readonly billId: string;
  readonly merchant: string;
  /** `RP`: charged to a stored auto-pay method (`/bill/rp`), paid at once and never delivered. */
  readonly sendType: "TALK" | "URL" | "RP";
  readonly productName: string;
  readonly price: string;
  readonly memberName: string;
  readonly phone?: string;
  readonly callbackUrl: string;
  readonly billIssuer?: string;
  readonly message?: string;
  readonly expireDt?: string;
  readonly apprState: ApprovalState;
  /** The cash receipt's issues and cancels, oldest first. */
  readonly cashReceipts: readonly PaySsamCashReceiptItem[];
  /** How many times it was delivered (the send and each resend). */
  readonly sends: number;
  readonly createdAt: string;
  readonly history: readonly { readonly at: string; readonly state: ApprovalState; readonly what: string }[];
  /** What `/bill/read` answers for it. */
  readonly read: PaySsamBillRead;
}

/** How the customer pays on Paymint's page (the sandbox's checkout step). */
export interface ApproveInput {
  /** `apprPayType` (default `CARD_VAN`). */
  readonly payType?: string;
  /** `apprIssuer` (default 현대카드: the sandbox takes only Hyundai, KB Kookmin and Shinhan cards). */
  readonly issuer?: string;
  /** Instalment months (default 0, lump sum). */
  readonly monthly?: number;
}

/** The approval of a bill, as the approval-sync callback carries it (`ApprovalSyncPayload`). */
export interface ApprovalEvent {
  readonly billId: string;
  readonly callbackUrl: string;
  readonly payload: PaySsamBillRead & { readonly apprState: "F" };
}

/** A control step that the bill's state does not allow (approve a bill that is not W, an unknown bill). */
export class ApproveError extends Error {
  readonly code: "BILL_NOT_FOUND" | "NOT_UNPAID" | "EXPIRED";
  constructor(code: ApproveError["code"], message: string) {
    super(message);
    this.name = "ApproveError";
    this.code = code;
  }
}

/** The fields of `/bill` once api.ts has checked them. */
export interface SendFields {
  readonly billId: string;
  readonly sendType: "TALK" | "URL";
  readonly productName: string;
  readonly price: string;
  readonly memberName: string;
  readonly phone?: string;
  readonly callbackUrl: string;
  readonly billIssuer?: string;
  readonly message?: string;
  readonly expireDt?: string;
}

interface BillRecord {
  readonly send: Omit<SendFields, "sendType"> & { readonly sendType: PaySsamBill["sendType"] };
  readonly merchant: string;
  state: ApprovalState;
  sends: number;
  readonly createdAt: number;
  history: { at: string; state: ApprovalState; what: string }[];
  approval: Omit<PaySsamBillRead, "billId" | "apprState"> | undefined;
  cancel: { apprNum: string; apprOriginNum: string; apprCancelDt: string } | undefined;
  cashReceipts: PaySsamCashReceiptItem[];
}

export interface PaySsamEngineOptions {
  readonly clock: SandboxClock;
  /** 쌤포인트 at the start (and after `reset`). */
  readonly points: number;
  /** Whose wallet a KakaoTalk send draws on (default the partner's); each sub-merchant's starts with `points` too. */
  readonly wallet?: PaySsamWallet;
  readonly emit: (event: ApprovalEvent) => void;
}

/** The card pay types a stored auto-pay method can come from (an offline card or cash, a bank transfer cannot be charged again). */
const STORABLE_PAY_TYPES = new Set(["CARD_VAN", "KEYIN"]);

/** `YYYYMMDDhhmmss` in Korea Standard Time (UTC+9, no daylight saving), as PaySsam writes times. */
export function kst(ms: number): string {
  return new Date(ms + 9 * 60 * 60_000).toISOString().replace(/\D/g, "").slice(0, 14);
}

export class PaySsamEngine {
  readonly #clock: SandboxClock;
  readonly #emit: (event: ApprovalEvent) => void;
  readonly #initialPoints: number;
  readonly #bills = new Map<string, BillRecord>();
  /** Stored auto-pay methods by merchant and phone. */
  readonly #autoPay = new Map<string, PaySsamAutoPayMethod>();
  readonly #wallet: PaySsamWallet;
  /** Sub-merchant wallets (wallet `merchant`): absent until first touched, then `initialPoints`. */
  readonly #merchantPoints = new Map<string, number>();
  #points: number;
  #approvalSeq = 30_000_000;
  #cashSeq = 128_000_000;

  constructor(options: PaySsamEngineOptions) {
    this.#clock = options.clock;
    this.#emit = options.emit;
    this.#initialPoints = options.points;
    this.#points = options.points;
    this.#wallet = options.wallet ?? "partner";
    if (this.#wallet !== "partner" && this.#wallet !== "merchant") throw new TypeError(`payssam wallet must be "partner" or "merchant", not ${String(this.#wallet)}`);
  }

  get wallet(): PaySsamWallet {
    return this.#wallet;
  }

  get points(): number {
    return this.#points;
  }

  set points(value: number) {
    this.#points = checkPoints(value);
  }

  /** What `/read/merchant/remain_count` answers: the sub-merchant's own wallet, or the partner's that pays for it. */
  merchantPoints(merchant: string): number {
    return this.#wallet === "merchant" ? (this.#merchantPoints.get(merchant) ?? this.#initialPoints) : this.#points;
  }

  setMerchantPoints(merchant: string, value: number): void {
    if (this.#wallet !== "merchant") throw new TypeError("the sub-merchant wallets exist only with payssam wallet \"merchant\"; set the partner's points instead");
    this.#merchantPoints.set(merchant, checkPoints(value));
  }

  /** Takes one KakaoTalk send from the wallet that pays for `merchant`; false when it holds too few points. */
  #debit(merchant: string): boolean {
    const left = this.merchantPoints(merchant);
    if (left < POINTS_PER_TALK) return false;
    if (this.#wallet === "merchant") this.#merchantPoints.set(merchant, left - POINTS_PER_TALK);
    else this.#points -= POINTS_PER_TALK;
    return true;
  }

  send(merchant: string, fields: SendFields): Result<{ billId: string }> {
    if (this.#bills.has(fields.billId)) return failure("BILL_001");
    if (fields.sendType === "TALK" && !this.#debit(merchant)) return failure("POINT_001");
    const rec: BillRecord = {
      send: fields,
      merchant,
      state: "W",
      sends: 1,
      createdAt: this.#clock.now(),
      history: [],
      approval: undefined,
      cancel: undefined,
      cashReceipts: [],
    };
    this.#note(rec, `sent (${fields.sendType})`);
    this.#bills.set(fields.billId, rec);
    return ok({ billId: fields.billId });
  }

  read(merchant: string, billId: string): Result<PaySsamBillRead> {
    const rec = this.#find(merchant, billId);
    return rec ? ok(this.#read(rec)) : failure("BILL_003");
  }

  resend(merchant: string, billId: string): Result<{ billId: string }> {
    const rec = this.#find(merchant, billId);
    if (!rec) return failure("BILL_003");
    if (rec.state !== "W") return failure("BILL_006");
    if (rec.send.sendType === "TALK" && !this.#debit(merchant)) return failure("POINT_001");
    rec.sends++;
    this.#note(rec, "resent");
    return ok({ billId });
  }

  /**
   * Voids an unpaid bill. A paid, cancelled or destroyed one is BILL_002 (the catalogue's "not in a state for it";
   * PaySsam names no code of its own for destroying a paid bill). A price other than the bill's is VALIDATION_001.
   */
  destroy(merchant: string, billId: string, price: string): Result<{ billId: string }> {
    const rec = this.#find(merchant, billId);
    if (!rec) return failure("BILL_003");
    if (price !== rec.send.price) return failure("VALIDATION_001");
    if (rec.state !== "W") return failure("BILL_002");
    rec.state = "D";
    this.#note(rec, "destroyed");
    return ok({ billId });
  }

  /** Cancels a paid bill in full. Not paid (W, D) or already cancelled (C): BILL_002. */
  cancel(merchant: string, billId: string, price: string, reason: string): Result<{ billId: string; apprNum: string; apprOriginNum: string; apprCancelDt: string }> {
    const rec = this.#find(merchant, billId);
    if (!rec) return failure("BILL_003");
    if (price !== rec.send.price) return failure("VALIDATION_001");
    if (rec.state !== "F" || !rec.approval?.apprNum) return failure("BILL_002");
    rec.state = "C";
    rec.cancel = { apprNum: this.#nextApproval(), apprOriginNum: rec.approval.apprNum, apprCancelDt: kst(this.#clock.now()) };
    this.#note(rec, `cancelled: ${reason}`);
    return ok({ billId, ...rec.cancel });
  }

  /** The customer pays the bill on Paymint's page: W → F, and the approval sync goes to its `callbackUrl`. */
  approve(billId: string, input: ApproveInput = {}): PaySsamBill {
    const rec = this.#bills.get(billId);
    if (!rec) throw new ApproveError("BILL_NOT_FOUND", `no PaySsam bill ${billId}`);
    if (rec.state !== "W") throw new ApproveError("NOT_UNPAID", `bill ${billId} is ${rec.state}, not W (unpaid)`);
    const today = kst(this.#clock.now()).slice(0, 8);
    if (rec.send.expireDt !== undefined && rec.send.expireDt.replace(/-/g, "") < today) {
      throw new ApproveError("EXPIRED", `bill ${billId} expired after ${rec.send.expireDt}`);
    }
    if (input.monthly !== undefined && (!Number.isInteger(input.monthly) || input.monthly < 0 || input.monthly > 36)) {
      throw new TypeError("monthly: instalment months from 0 to 36");
    }
    for (const key of ["payType", "issuer"] as const) {
      if (input[key] !== undefined && (typeof input[key] !== "string" || input[key] === "")) throw new TypeError(`${key}: a non-empty string`);
    }
    this.#pay(rec, { payType: input.payType ?? "CARD_VAN", issuer: input.issuer ?? "현대카드", issuerNum: "9490-61**-****-1234", monthly: input.monthly ?? 0 }, "paid");
    return this.#view(rec);
  }

  /** W → F with an approval, and the approval sync to the bill's `callbackUrl`. */
  #pay(rec: BillRecord, how: { payType: string; issuer: string; issuerNum: string; monthly: number }, what: string) {
    rec.state = "F";
    rec.approval = {
      apprPayType: how.payType,
      apprCardType: "신용",
      apprDt: kst(this.#clock.now()),
      apprPrice: rec.send.price,
      apprIssuer: how.issuer,
      apprIssuerNum: how.issuerNum,
      apprNum: this.#nextApproval(),
      apprMonthly: String(how.monthly),
    };
    this.#note(rec, what);
    this.#emit({ billId: rec.send.billId, callbackUrl: rec.send.callbackUrl, payload: { ...this.#read(rec), apprState: "F" } });
  }

  // ---------------------------------------------------------------------------------------- cash receipts
  //
  // PaySsam names only three codes for these operations (BILL_003 lookup failed, PAYMENT_001 issuance failed,
  // PAYMENT_002 cancel failed) and none for the misuses: the sandbox answers a receipt for a bill that is not
  // paid, or one already issued, with PAYMENT_001 (the issuance cannot be made), a cancel with no receipt issued
  // with BILL_003 (the catalogue's "현금영수증 단건 조회 실패"), and a price or trader other than the bill's or
  // the receipt's, or a supply price and tax that do not add up to the price, with VALIDATION_001.

  issueCashReceipt(merchant: string, fields: CashReceiptFields): Result<{ apprCashNum: string }> {
    const rec = this.#find(merchant, fields.billId);
    if (!rec) return failure("BILL_003");
    if (fields.price !== rec.send.price || Number(fields.supplyPrice) + Number(fields.tax) !== Number(fields.price)) return failure("VALIDATION_001");
    if (rec.state !== "F" || activeReceipt(rec)) return failure("PAYMENT_001");
    const item: PaySsamCashReceiptItem = {
      apprPrice: fields.price,
      apprSupplyPrice: fields.supplyPrice,
      apprTax: fields.tax,
      trader: fields.trader,
      apprNum: this.#nextCash(),
      apprState: "F",
      apprDt: kst(this.#clock.now()).slice(2),
      issuanceNumber: fields.issuanceNumber,
    };
    rec.cashReceipts.push(item);
    this.#note(rec, `cash receipt ${item.apprNum} issued`);
    return ok({ apprCashNum: item.apprNum });
  }

  cancelCashReceipt(merchant: string, billId: string, price: string, trader: "0" | "1"): Result<{ apprCashNum: string }> {
    const rec = this.#find(merchant, billId);
    if (!rec) return failure("BILL_003");
    if (price !== rec.send.price) return failure("VALIDATION_001");
    const active = activeReceipt(rec);
    if (!active) return failure("BILL_003");
    if (trader !== active.trader) return failure("VALIDATION_001");
    const item: PaySsamCashReceiptItem = { ...active, apprNum: this.#nextCash(), apprState: "C", apprDt: kst(this.#clock.now()).slice(2) };
    rec.cashReceipts.push(item);
    this.#note(rec, `cash receipt ${active.apprNum} cancelled`);
    return ok({ apprCashNum: item.apprNum });
  }

  /** The receipt history of a bill; empty for a bill that never had one. */
  readCashReceipts(merchant: string, billId: string, price: string): Result<readonly PaySsamCashReceiptItem[]> {
    const rec = this.#find(merchant, billId);
    if (!rec) return failure("BILL_003");
    if (price !== rec.send.price) return failure("VALIDATION_001");
    return ok(rec.cashReceipts.map((item) => ({ ...item })));
  }

  // ---------------------------------------------------------------------------------------- auto-pay (RP)
  //
  // PaySsam publishes only the paths and purposes. The sandbox keys a stored method by the customer's phone (its
  // developer guide ties auto-pay to the phone) and takes it from a bill the customer paid by card; the codes are
  // those the spec infers for these operations: BILL_004 (결제카드를 조회할 수 없습니다) when there is no card to
  // store or charge, PAYMENT_004 (결제수단 사용 불가) for a bill paid by a method that cannot be stored.

  registerAutoPay(merchant: string, billId: string, phone: string): Result<PaySsamAutoPayMethod> {
    const rec = this.#find(merchant, billId);
    if (!rec || rec.state !== "F" || !rec.approval) return failure("BILL_004");
    if (!STORABLE_PAY_TYPES.has(rec.approval.apprPayType ?? "")) return failure("PAYMENT_004");
    const method: PaySsamAutoPayMethod = {
      merchant,
      phone,
      billId,
      apprPayType: rec.approval.apprPayType!,
      apprIssuer: rec.approval.apprIssuer ?? "",
      apprIssuerNum: rec.approval.apprIssuerNum ?? "",
      registeredAt: kst(this.#clock.now()),
    };
    // One method per customer: registering again replaces it (PaySsam names no "already registered" code).
    this.#autoPay.set(autoPayKey(merchant, phone), method);
    return ok({ ...method });
  }

  deleteAutoPay(merchant: string, phone: string): Result<PaySsamAutoPayMethod> {
    const key = autoPayKey(merchant, phone);
    const method = this.#autoPay.get(key);
    if (!method) return failure("BILL_004");
    this.#autoPay.delete(key);
    return ok({ ...method });
  }

  autoPayMethods(merchant: string, phone?: string): PaySsamAutoPayMethod[] {
    return [...this.#autoPay.values()].filter((m) => m.merchant === merchant && (phone === undefined || m.phone === phone)).map((m) => ({ ...m }));
  }

  /** Charges the phone's stored method at once: a new bill, paid (F), whose approval sync goes to `callbackUrl`. No KakaoTalk, no points. */
  chargeAutoPay(merchant: string, fields: AutoPayChargeFields): Result<PaySsamBillRead> {
    if (this.#bills.has(fields.billId)) return failure("BILL_001");
    const method = this.#autoPay.get(autoPayKey(merchant, fields.phone));
    if (!method) return failure("BILL_004");
    const rec: BillRecord = {
      send: { ...fields, sendType: "RP" },
      merchant,
      state: "W",
      sends: 0,
      createdAt: this.#clock.now(),
      history: [],
      approval: undefined,
      cancel: undefined,
      cashReceipts: [],
    };
    this.#bills.set(fields.billId, rec);
    this.#pay(rec, { payType: method.apprPayType, issuer: method.apprIssuer, issuerNum: method.apprIssuerNum, monthly: 0 }, `charged to the auto-pay method of bill ${method.billId}`);
    return ok(this.#read(rec));
  }

  bill(billId: string): PaySsamBill | undefined {
    const rec = this.#bills.get(billId);
    return rec && this.#view(rec);
  }

  list(): PaySsamBill[] {
    return [...this.#bills.values()].map((rec) => this.#view(rec));
  }

  /**
   * Every record of the engine as JSON (bills with their history and cash receipts, auto-pay methods, the partner's
   * and each sub-merchant's 쌤포인트, the approval and cash-receipt number sequences), for a snapshot file; to be
   * serialised at once (it shares the live records). Both wallets are kept: which one pays is configuration (`wallet`).
   */
  snapshot(): SnapshotPart {
    return {
      points: this.#points,
      merchantPoints: [...this.#merchantPoints],
      approvalSeq: this.#approvalSeq,
      cashSeq: this.#cashSeq,
      bills: [...this.#bills.values()],
      autoPay: [...this.#autoPay.values()],
    };
  }

  /** Replaces the state with a snapshot's. */
  restore(data: unknown): void {
    const state = copy(partOf(data, "payssam"));
    const points = numberOf(state["points"], "payssam.points");
    const merchantPoints = entriesOf<number>(state["merchantPoints"], "payssam.merchantPoints");
    merchantPoints.forEach(([merchant, value]) => numberOf(value, `payssam.merchantPoints ${merchant}`));
    const approvalSeq = numberOf(state["approvalSeq"], "payssam.approvalSeq");
    const cashSeq = numberOf(state["cashSeq"], "payssam.cashSeq");
    const bills = recordsOf<BillRecord>(state["bills"], "payssam.bills");
    bills.forEach((rec, i) => partOf(rec.send, `payssam.bills[${i}].send`));
    const autoPay = recordsOf<PaySsamAutoPayMethod>(state["autoPay"], "payssam.autoPay");
    this.reset();
    this.#points = points;
    for (const [merchant, value] of merchantPoints) this.#merchantPoints.set(merchant, value);
    this.#approvalSeq = approvalSeq;
    this.#cashSeq = cashSeq;
    for (const rec of bills) this.#bills.set(rec.send.billId, rec);
    for (const method of autoPay) this.#autoPay.set(autoPayKey(method.merchant, method.phone), method);
  }

  reset(): void {
    this.#bills.clear();
    this.#autoPay.clear();
    this.#merchantPoints.clear();
    this.#points = this.#initialPoints;
  }

  /** A bill of another merchant of the partner is not found, as PaySsam looks bills up per sub-merchant. */
  #find(merchant: string, billId: string): BillRecord | undefined {
    const rec = this.#bills.get(billId);
    return rec?.merchant === merchant ? rec : undefined;
  }

  #nextApproval(): string {
    return String(++this.#approvalSeq);
  }

  #nextCash(): string {
    return String(++this.#cashSeq);
  }

  #note(rec: BillRecord, what: string) {
    rec.history.push({ at: this.#clock.iso(), state: rec.state, what });
  }

  #read(rec: BillRecord): PaySsamBillRead {
    const receipt = activeReceipt(rec);
    const base = {
      billId: rec.send.billId,
      apprState: rec.state,
      ...(receipt && { apprCashNum: receipt.apprNum, apprCashTrader: receipt.trader, apprCashIssuanceNumber: receipt.issuanceNumber }),
    };
    if (rec.state === "C" && rec.approval && rec.cancel) {
      // A cancelled bill reads as its cancel transaction, with the approval it cancelled as the origin.
      return { ...base, ...rec.approval, apprNum: rec.cancel.apprNum, apprDt: rec.cancel.apprCancelDt, apprOriginNum: rec.cancel.apprOriginNum, apprOriginDt: rec.approval.apprDt! };
    }
    return { ...base, ...rec.approval };
  }

  #view(rec: BillRecord): PaySsamBill {
    const s = rec.send;
    return {
      billId: s.billId,
      merchant: rec.merchant,
      sendType: s.sendType,
      productName: s.productName,
      price: s.price,
      memberName: s.memberName,
      ...(s.phone !== undefined && { phone: s.phone }),
      callbackUrl: s.callbackUrl,
      ...(s.billIssuer !== undefined && { billIssuer: s.billIssuer }),
      ...(s.message !== undefined && { message: s.message }),
      ...(s.expireDt !== undefined && { expireDt: s.expireDt }),
      apprState: rec.state,
      cashReceipts: rec.cashReceipts.map((item) => ({ ...item })),
      sends: rec.sends,
      createdAt: new Date(rec.createdAt).toISOString(),
      history: rec.history.map((h) => ({ ...h })),
      read: this.#read(rec),
    };
  }
}

function checkPoints(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`payssam points must be a whole number ≥ 0, not ${String(value)}`);
  return value;
}

const autoPayKey = (merchant: string, phone: string) => `${merchant}\u0000${phone}`;

/** The issued receipt not cancelled since, if any: the last history item when it is an issue. */
function activeReceipt(rec: BillRecord): PaySsamCashReceiptItem | undefined {
  const last = rec.cashReceipts.at(-1);
  return last?.apprState === "F" ? last : undefined;
}
