// PaySsam result codes as specs/payssam's catalogue (`PaySsamResultCode`, "에러 코드 v2") words them. Every answer,
// success or business error, is HTTP 200 with the envelope `{ code, message, data }`; `data` is null on an error.

export interface PaySsamFailure {
  readonly ok: false;
  readonly code: PaySsamErrorCode;
  readonly message: string;
}

/** The codes the sandbox answers, with the catalogue's message. */
const CATALOGUE = {
  PARTNER_002: "apiKey 정보를 확인할 수 없습니다.",
  PARTNER_003: "정상적인 파트너가 아닙니다.",
  PARTNER_004: "찾을 수 없는 하위사업장 연동 정보입니다.",
  VALIDATION_001: "정상적이지 않은 데이터입니다. 연동규격서를 확인하시기 바랍니다.",
  VALIDATION_002: "정상적이지 않은 데이터입니다. 해싱값을 확인하시기 바랍니다.",
  PAYMENT_001: "결제를 처리 할 수 없습니다",
  PAYMENT_003: "100원 이상 청구할 수 있습니다.",
  PAYMENT_004: "비정상적인 VAN 입니다.",
  BILL_001: "이미 사용된 billId 입니다.",
  BILL_002: "기 취소된 청구서 입니다.",
  BILL_003: "청구서를 찾을 수 없습니다.",
  BILL_004: "결제카드를 조회할 수 없습니다.",
  BILL_006: "청구서 발송이 가능한 상태가 아닙니다.",
  BILL_007: "billId는 20자 이하여야 합니다.",
  BILL_008: "sendType은 필수값입니다. (TALK 또는 URL)",
  POINT_001: "포인트가 부족합니다",
} as const satisfies Record<string, string>;

export type PaySsamErrorCode = keyof typeof CATALOGUE;

export const SUCCESS_MESSAGE = "성공하였습니다.";

export function failure(code: PaySsamErrorCode): PaySsamFailure {
  return { ok: false, code, message: CATALOGUE[code] };
}
