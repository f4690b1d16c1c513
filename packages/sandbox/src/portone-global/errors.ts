// PortOne Global status codes as specs/portone-global words them (its examples and `x-status-codes`). An error is
// the envelope `{ message, status_code, status_reason, is_success: false }` with the HTTP status the spec declares
// for that code on the operation; a success of an enveloped operation is `{ content, message, status_code: "2000",
// status_reason: "SUCCESS" }`.

export interface GlobalFailure {
  readonly ok: false;
  readonly http: number;
  readonly code: GlobalErrorCode;
  readonly reason: string;
  readonly message: string;
}

/** The codes the sandbox answers: HTTP status, `status_reason` and the spec example's message. */
const CATALOGUE = {
  "4001": [400, "INVALID_REQUEST", "One or more request fields are missing or invalid."],
  "4010": [401, "INVALID_UNAUTHORISED_TRANSACTION_ERROR", "The PortOne key is missing or invalid."],
  "4011": [401, "INVALID_UNAUTHORISED_TRANSACTION_SIGNATURE_ERROR", "The signature hash does not match the request parameters."],
  "4016": [401, "MERCHANT_NOT_FOUND", "No merchant exists for this PortOne key."],
  "4034": [400, "INVALID_ENVIRONMENT", "The environment must be sandbox or live and match the channel's configuration."],
  "4041": [400, "INVALID_AMOUNT", "The refund amount exceeds the refundable amount."],
  "4042": [404, "DATA_NOT_FOUND", "No transaction found for this order reference."],
  "4050": [400, "INVALID_LINK_MERCHANT_ORDER_REF", "The merchant order reference of the link is invalid or already used."],
  "4054": [401, "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR", "The JWT Token or header is invalid or expired!"],
  "4070": [400, "INVALID_PAYMENT_REQUEST_REFUND_NOT_ALLOWED", "This transaction cannot be refunded."],
  "4083": [404, "INVALID_PAYMENT_LINK_REF", "No payment link found for this reference."],
  "4099": [401, "INVALID_UNAUTHORISED_PORTONE_SECRET_ERROR", "The PortOne secret does not match the key."],
} as const satisfies Record<string, readonly [number, string, string]>;

export type GlobalErrorCode = keyof typeof CATALOGUE;

export const SUCCESS_CODE = "2000";
export const SUCCESS_REASON = "SUCCESS";

/** A failure with the catalogue's words; `message` replaces the default one where the sandbox knows more. */
export function failure(code: GlobalErrorCode, overrides: { readonly message?: string; readonly reason?: string } = {}): GlobalFailure {
  const [http, reason, message] = CATALOGUE[code];
  return { ok: false, http, code, reason: overrides.reason ?? reason, message: overrides.message ?? message };
}
