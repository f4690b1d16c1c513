export {
  createPaySsamClient,
  PAYSSAM_SANDBOX_URL,
  type Method,
  type PaySsamApiError,
  type PaySsamCallOptions,
  type PaySsamClient,
  type PaySsamClientOptions,
  type PaySsamData,
  type PaySsamEnvelope,
  type PaySsamInput,
  type PaySsamResult,
  type UnrecognizedResultCode,
} from "./client.js";
export { createPaySsamFetchClient, type PaySsamFetchClient } from "./fetch-client.js";
export type { PaySsamMethods, PaySsamUnverifiedMethods } from "./generated/methods.js";
export type { OperationId, OperationResultCodes, Unrecognized } from "./generated/operations.js";
export { computeHash, hashInput, type HashInput } from "./hash.js";
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
