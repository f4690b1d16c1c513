export {
  createPaySsamClient,
  PAYSSAM_SANDBOX_URL,
  type PaySsamClient,
  type PaySsamClientOptions,
  type PaySsamData,
  type PaySsamInput,
  type PaySsamRequestOptions,
  type PaySsamResult,
} from "./client.js";
export {
  PaySsamHttpError,
  PaySsamInvalidResponseError,
  PaySsamNetworkError,
  PaySsamResultError,
  PaySsamTimeoutError,
  PaySsamValidationError,
  type PaySsamEnvelope,
  type PaySsamError,
  type PaySsamFailureCode,
  type PaySsamResultFailure,
  type UnknownResultCode,
} from "./errors.js";
export { approvalSyncReply, parseApprovalSync, PaySsamCallbackError, type ApprovalSyncPayload, type ParseResult } from "./callbacks.js";
export { computeHash, hashInput, type HashInput } from "./hash.js";
export type { ValidationIssue } from "@payspec/runtime";
export type { paths, components, webhooks } from "./generated/openapi.js";
export { PaySsamResultCode, describePaySsamResult, isPaySsamResultCode } from "@payspec/payssam-errors";
