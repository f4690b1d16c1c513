export {
  createPaySsamClient,
  type Method,
  type PaySsamApiError,
  type PaySsamClient,
  type PaySsamData,
  type PaySsamInput,
  type PaySsamResult,
} from "./client.js";
export {
  createPaySsamCore,
  PAYSSAM_SANDBOX_URL,
  type PaySsamCallOptions,
  type PaySsamClientOptions,
  type PaySsamCore,
  type PaySsamEnvelope,
  type UnrecognizedResultCode,
} from "./core.js";
export { createPaySsamFetchClient, type PaySsamFetchClient } from "./fetch-client.js";
export type { PaySsamMethods, PaySsamOperationTypes, PaySsamUnverifiedMethods } from "./generated/methods.js";
export type { OperationId, OperationResultCodes, Unrecognized } from "./generated/operations.js";
export { computeHash, hashInput, type HashInput } from "./hash.js";
// Every operation as a standalone function with its named types (`sendBill`, `SendBillInput`, …),
// also importable one category at a time from `@payspec/payssam/<category>`.
export * from "./generated/entries/auto-pay.js";
export * from "./generated/entries/bill.js";
export * from "./generated/entries/cash-receipt.js";
export * from "./generated/entries/point.js";
export * from "./generated/entries/sub-merchant.js";
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
  type ValidationIssue,
} from "@payspec/runtime";
export type { paths, components, webhooks } from "./generated/openapi.js";
// The catalogue (messages, conditions) lives in @payspec/payssam-errors: `describePaySsamResult(error.code)`.
export type { PaySsamResultCode } from "@payspec/payssam-errors";
