export {
  createPortOneGlobalClient,
  createPortOneGlobalFetchClient,
  PORTONE_GLOBAL_URL,
  type Method,
  type PortOneGlobalApiError,
  type PortOneGlobalCallOptions,
  type PortOneGlobalClient,
  type PortOneGlobalClientOptions,
  type PortOneGlobalData,
  type PortOneGlobalErrorBody,
  type PortOneGlobalFetchClient,
  type PortOneGlobalInput,
  type PortOneGlobalPaths,
  type PortOneGlobalResult,
  type Unrecognized,
} from "./client.js";
export type { OperationId, StatusCodes } from "./generated/operations.js";
export type { PortOneGlobalMethods } from "./generated/methods.js";
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
