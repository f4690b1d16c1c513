export {
  createPortOneGlobalClient,
  type Method,
  type PortOneGlobalApiError,
  type PortOneGlobalClient,
  type PortOneGlobalData,
  type PortOneGlobalInput,
  type PortOneGlobalResult,
} from "./client.js";
export {
  createPortOneGlobalCore,
  PORTONE_GLOBAL_URL,
  type PortOneGlobalCallOptions,
  type PortOneGlobalClientOptions,
  type PortOneGlobalCore,
  type PortOneGlobalErrorBody,
  type Unrecognized,
} from "./core.js";
export { createPortOneGlobalFetchClient, type PortOneGlobalFetchClient, type PortOneGlobalPaths } from "./fetch-client.js";
export type { OperationId, StatusCodes } from "./generated/operations.js";
export type { PortOneGlobalMethods, PortOneGlobalOperationTypes } from "./generated/methods.js";
// Every operation as a standalone function with its named types (`createRefund`, `CreateRefundInput`, …),
// also importable one category at a time from `@payspec/portone-global/<category>`.
export * from "./generated/entries/auth.js";
export * from "./generated/entries/payment.js";
export * from "./generated/entries/payment-link.js";
export * from "./generated/entries/refund.js";
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
export {
  PaySpecAbortedError,
  PaySpecApiError,
  PaySpecError,
  PaySpecHttpError,
  PaySpecInvalidResponseError,
  PaySpecNetworkError,
  PaySpecTimeoutError,
  PaySpecValidationError,
  type PaySpecCallError,
  type PaySpecResult,
  type TransportEvent,
  type ValidationIssue,
} from "@payspec/runtime";
export type { components, paths, webhooks } from "./generated/openapi.js";
