// PaySsam bills in memory: send → W (unpaid) → the customer pays (`approve`, the control step standing in for
// Paymint's payment page) → F, and the approval sync it emits → cancel → C; destroy an unpaid bill → D; resend.
// 쌤포인트 go down per KakaoTalk send. No I/O here: api.ts checks credentials, fields and the hash, and sandbox.ts
// turns the approval events into callbacks to the bill's `callbackUrl`.
import type { SandboxClock } from "../clock.js";
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
}

/** A bill as the sandbox keeps it, with what was sent and its history (the control API and the dashboard show it). */
export interface PaySsamBill {
  readonly billId: string;
  readonly merchant: string;
  readonly sendType: "TALK" | "URL";
  readonly productName: string;
  readonly price: string;
  readonly memberName: string;
  readonly phone?: string;
  readonly callbackUrl: string;
  readonly billIssuer?: string;
  readonly message?: string;
  readonly expireDt?: string;
  readonly apprState: ApprovalState;
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
  readonly send: SendFields;
  readonly merchant: string;
  state: ApprovalState;
  sends: number;
  readonly createdAt: number;
  history: { at: string; state: ApprovalState; what: string }[];
  approval: Omit<PaySsamBillRead, "billId" | "apprState"> | undefined;
  cancel: { apprNum: string; apprOriginNum: string; apprCancelDt: string } | undefined;
}

export interface PaySsamEngineOptions {
  readonly clock: SandboxClock;
  /** 쌤포인트 at the start (and after `reset`). */
  readonly points: number;
  readonly emit: (event: ApprovalEvent) => void;
}

/** `YYYYMMDDhhmmss` in Korea Standard Time (UTC+9, no daylight saving), as PaySsam writes times. */
export function kst(ms: number): string {
  return new Date(ms + 9 * 60 * 60_000).toISOString().replace(/\D/g, "").slice(0, 14);
}

export class PaySsamEngine {
  readonly #clock: SandboxClock;
  readonly #emit: (event: ApprovalEvent) => void;
  readonly #initialPoints: number;
  readonly #bills = new Map<string, BillRecord>();
  #points: number;
  #approvalSeq = 30_000_000;

  constructor(options: PaySsamEngineOptions) {
    this.#clock = options.clock;
    this.#emit = options.emit;
    this.#initialPoints = options.points;
    this.#points = options.points;
  }

  get points(): number {
    return this.#points;
  }

  set points(value: number) {
    if (!Number.isInteger(value) || value < 0) throw new TypeError(`payssam points must be a whole number ≥ 0, not ${String(value)}`);
    this.#points = value;
  }

  send(merchant: string, fields: SendFields): Result<{ billId: string }> {
    if (this.#bills.has(fields.billId)) return failure("BILL_001");
    if (fields.sendType === "TALK" && this.#points < POINTS_PER_TALK) return failure("POINT_001");
    if (fields.sendType === "TALK") this.#points -= POINTS_PER_TALK;
    const rec: BillRecord = {
      send: fields,
      merchant,
      state: "W",
      sends: 1,
      createdAt: this.#clock.now(),
      history: [],
      approval: undefined,
      cancel: undefined,
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
    if (rec.send.sendType === "TALK") {
      if (this.#points < POINTS_PER_TALK) return failure("POINT_001");
      this.#points -= POINTS_PER_TALK;
    }
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
    rec.state = "F";
    rec.approval = {
      apprPayType: input.payType ?? "CARD_VAN",
      apprCardType: "신용",
      apprDt: kst(this.#clock.now()),
      apprPrice: rec.send.price,
      apprIssuer: input.issuer ?? "현대카드",
      apprIssuerNum: "9490-61**-****-1234",
      apprNum: this.#nextApproval(),
      apprMonthly: String(input.monthly ?? 0),
    };
    this.#note(rec, "paid");
    this.#emit({ billId, callbackUrl: rec.send.callbackUrl, payload: { ...this.#read(rec), apprState: "F" } });
    return this.#view(rec);
  }

  bill(billId: string): PaySsamBill | undefined {
    const rec = this.#bills.get(billId);
    return rec && this.#view(rec);
  }

  list(): PaySsamBill[] {
    return [...this.#bills.values()].map((rec) => this.#view(rec));
  }

  reset(): void {
    this.#bills.clear();
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

  #note(rec: BillRecord, what: string) {
    rec.history.push({ at: this.#clock.iso(), state: rec.state, what });
  }

  #read(rec: BillRecord): PaySsamBillRead {
    const base = { billId: rec.send.billId, apprState: rec.state };
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
      sends: rec.sends,
      createdAt: new Date(rec.createdAt).toISOString(),
      history: rec.history.map((h) => ({ ...h })),
      read: this.#read(rec),
    };
  }
}
