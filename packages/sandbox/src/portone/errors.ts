// PortOne V2 business errors as specs/portone declares them: the `type`, the fixed HTTP status of its schema
// (`x-error-status`) and the message of the spec's example. The tests validate every error body the sandbox sends
// against the operation's response schema for that status.

export interface PortOneErrorBody {
  readonly type: string;
  readonly message: string;
  /** PG_PROVIDER only: the PG's own code and message. */
  readonly pgCode?: string;
  readonly pgMessage?: string;
}

export interface PortOneFailure {
  readonly ok: false;
  readonly status: number;
  readonly body: PortOneErrorBody;
}

const CATALOGUE = {
  INVALID_REQUEST: [400, "요청된 입력 정보가 유효하지 않습니다."],
  UNAUTHORIZED: [401, "인증 정보가 올바르지 않습니다."],
  FORBIDDEN: [403, "해당 상점에 대한 접근 권한이 없습니다."],
  PAYMENT_NOT_FOUND: [404, "결제 건이 존재하지 않습니다."],
  ALREADY_PAID: [409, "결제가 이미 완료되었습니다."],
  PAYMENT_NOT_PAID: [409, "결제가 완료되지 않았습니다."],
  PAYMENT_ALREADY_CANCELLED: [409, "결제가 이미 취소되었습니다."],
  CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN: [409, "currentCancellableAmount가 실제 취소 가능 잔액과 일치하지 않습니다."],
  CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT: [409, "결제 취소 금액이 취소 가능 금액을 초과합니다."],
  CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT: [409, "취소 과세 금액이 취소 가능한 과세 금액을 초과합니다."],
  CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT: [409, "취소 면세 금액이 취소 가능한 면세 금액을 초과합니다."],
  SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT: [409, "면세 금액 등 하위 항목들의 합이 전체 취소 금액을 초과합니다."],
  SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT: [409, "면세 금액 등 하위 항목들의 합이 전체 결제 금액을 초과합니다."],
  BILLING_KEY_NOT_FOUND: [404, "빌링키가 존재하지 않습니다."],
  BILLING_KEY_ALREADY_DELETED: [409, "이미 삭제된 빌링키입니다."],
  PAYMENT_SCHEDULE_NOT_FOUND: [404, "결제 예약건이 존재하지 않습니다."],
  PAYMENT_SCHEDULE_ALREADY_EXISTS: [409, "해당 결제 건 아이디로 결제 예약건이 이미 존재합니다."],
  PAYMENT_SCHEDULE_ALREADY_PROCESSED: [409, "이미 처리된 결제 예약건입니다."],
  PAYMENT_SCHEDULE_ALREADY_REVOKED: [409, "이미 취소된 결제 예약건입니다."],
  ALREADY_PAID_OR_WAITING: [409, "이미 결제가 완료되었거나 대기 중인 결제 건입니다."],
  CASH_RECEIPT_ALREADY_ISSUED: [409, "이미 현금영수증이 발급된 결제 건입니다."],
  CASH_RECEIPT_NOT_FOUND: [404, "현금영수증이 존재하지 않습니다."],
  CASH_RECEIPT_NOT_ISSUED: [404, "발급 완료 상태가 아닌 현금영수증입니다."],
  PG_PROVIDER: [502, "PG사에서 오류를 전달했습니다."],
  /**
   * Not in the operation definitions of the reference: PortOne's idempotency guide names it for a repeat of a
   * request that is still being processed. The spec's 409 unions do not list it; clients see an unrecognised code.
   */
  IDEMPOTENCY_OUTSTANDING_REQUEST: [409, "같은 멱등 키를 가진 요청이 아직 처리 중입니다."],
} as const satisfies Record<string, readonly [number, string]>;

export type PortOneErrorType = keyof typeof CATALOGUE;

/** A business error of the catalogue; `message` replaces the spec example's message where the sandbox says more. */
export function failure(type: PortOneErrorType, message?: string): PortOneFailure {
  const [status, text] = CATALOGUE[type];
  return { ok: false, status, body: { type, message: message ?? text } };
}

/** PG_PROVIDER (502): the PG refused, with its code and message (PgProviderError requires both). */
export function pgFailure(pgCode: string, pgMessage: string): PortOneFailure {
  const base = failure("PG_PROVIDER");
  return { ...base, body: { ...base.body, pgCode, pgMessage } };
}

/** `INVALID_REQUEST` naming what is wrong with the input. */
export const invalid = (message: string): PortOneFailure => failure("INVALID_REQUEST", message);
