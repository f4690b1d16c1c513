export {
  createPortOneGlobalClient,
  PORTONE_GLOBAL_URL,
  type PortOneGlobalClient,
  type PortOneGlobalClientOptions,
  type PortOneGlobalData,
  type PortOneGlobalInput,
  type PortOneGlobalRequestOptions,
  type PortOneGlobalResult,
} from "./client.js";
export {
  PortOneGlobalHttpError,
  PortOneGlobalInvalidResponseError,
  PortOneGlobalNetworkError,
  PortOneGlobalStatusError,
  PortOneGlobalTimeoutError,
  PortOneGlobalValidationError,
  type InvalidResponseReason,
  type PortOneGlobalError,
} from "./errors.js";
export {
  parseRefundWebhook,
  PortOneGlobalInboundError,
  verifyPaymentLinkWebhook,
  verifyPaymentRedirect,
  verifyPaymentWebhook,
  type InboundFailure,
  type InboundResult,
  type PaymentLinkWebhookPayload,
  type PaymentRedirectParams,
  type PaymentWebhookPayload,
  type RedirectInput,
  type RefundWebhookPayload,
} from "./inbound.js";
export { signPortOneGlobalJwt, type PortOneGlobalJwtClaims } from "./jwt.js";
export {
  checkSignature,
  computeSignature,
  formatAmount,
  signatureMessage,
  signPaymentRequest,
  type PaymentRequestFields,
  type SignatureFailure,
  type SignedMessage,
} from "./signature.js";
export type { ValidationIssue } from "@payspec/runtime";
export type { components, paths, webhooks } from "./generated/openapi.js";
export {
  parseStatus,
  PortOneGlobalSeries,
  PortOneGlobalSeriesCode,
  PortOneGlobalStatusCode,
  seriesOf,
  statusNamesOf,
  type PortOneGlobalStatus,
} from "@payspec/portone-errors/global";
