export {
  createPortOneClient,
  createPortOneFetchClient,
  type Method,
  type OperationErrors,
  type OperationId,
  type PortOneApiError,
  type PortOneClient,
  type PortOneData,
  type PortOneFetchClient,
  type PortOneInput,
  type PortOneResult,
} from "./client.js";
// The core with token mode: the package's main entry carries everything.
export { createPortOneCore } from "./token-mode.js";
export { PORTONE_API_URL, type PortOneCallOptions, type PortOneClientOptions, type PortOneCore, type UnrecognizedErrorBody } from "./core.js";
export { paginate, pagination, type PaginateOptions, type PaginateSignatures, type PaginatedOperationId, type PaginationInfo, type PortOneCallError, type PortOneListItem, type PortOnePages } from "./paginate.js";
export type { Unrecognized } from "./generated/common.js";
export type { PortOneMethods, PortOneOperationTypes } from "./generated/methods.js";
export type { components, operations, paths } from "./generated/openapi.js";
// Every operation as a standalone function with its named types (`getPayment`, `GetPaymentInput`, …),
// also importable one category at a time from `@payspec/portone/<category>`.
export * from "./generated/entries/auth.js";
export * from "./generated/entries/b2b.js";
export * from "./generated/entries/billing-key.js";
export * from "./generated/entries/cash-receipt.js";
export * from "./generated/entries/checkout-profile.js";
export * from "./generated/entries/common.js";
export * from "./generated/entries/identity-verification.js";
export * from "./generated/entries/payment-schedule.js";
export * from "./generated/entries/payment-session.js";
export * from "./generated/entries/payment.js";
export * from "./generated/entries/pg-specific.js";
export * from "./generated/entries/platform.js";
export * from "./generated/entries/promotion.js";
export * from "./generated/entries/reconciliation.js";
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
  type RetryOptions,
  type TransportEvent,
} from "@payspec/runtime";
