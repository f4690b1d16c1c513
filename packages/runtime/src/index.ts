export { checkBaseUrl, checkHeaders, checkKnownKeys, checkPathValue, checkSecret, checkTimeout, MAX_TIMEOUT_MS, MIN_SECRET_LENGTH, RESERVED_HEADERS } from "./checks.js";
export { carried, carrier, createCore, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS, type CommonCallOptions, type CommonClientOptions, type Core, type CoreConfig } from "./client.js";
export {
  PaySpecAbortedError,
  PaySpecApiError,
  PaySpecError,
  PaySpecHttpError,
  PaySpecInboundError,
  PaySpecInvalidResponseError,
  PaySpecNetworkError,
  PaySpecTimeoutError,
  PaySpecValidationError,
  type ErrorKind,
  type InboundResult,
  type InvalidResponseReason,
  type PaySpecCallError,
  type PaySpecResult,
  type PaySpecTransportError,
  type Provider,
} from "./errors.js";
export { serialise } from "./json.js";
export type { OperationInfo } from "./operation.js";
export { isSensitiveField, MAX_JSON_DEPTH, personalData, redact, redactText, redactWith, scrubError, sensitiveValues, snippet, type PersonalData } from "./redact.js";
export { decideRetry, normaliseRetry, parseRetryAfter, type AttemptOutcome, type RetryOptions, type RetryPolicy } from "./retry.js";
export { createTransport, transportFetch, type OutgoingRequest, type Received, type Transport, type TransportConfig, type TransportEvent } from "./transport.js";
export {
  ALL_KEYWORDS,
  allOfKeyword,
  anyOfKeyword,
  dateFormat,
  dateTimeFormat,
  ifKeyword,
  isCalendarDate,
  issuesOf,
  oneOfKeyword,
  patternKeyword,
  uriFormat,
  validate,
  validateWith,
  type KeywordCheck,
  type Keywords,
  type RequestSchema,
  type SchemaTable,
  type ValidationIssue,
  type Walk,
} from "./validate.js";
export {
  checkShape,
  isProblem,
  MAX_SHAPE_DEPTH,
  nestedDeeperThan,
  parseJson,
  unexpectedShape,
  type JsonParseFailure,
  type JsonType,
  type ParsedJson,
  type ResponseShape,
  type ShapeIssue,
  type ShapeTable,
} from "./response.js";
