// One error family for every payspec client. A call never throws: it resolves to
// `{ data, error, response }`, and `error` is one of the classes below, discriminated by `kind`.
// Every one is an `Error` (stack, `cause`, `instanceof`) carrying the provider and operation.
import type { ValidationIssue } from "./validate.js";

/** The providers payspec has clients for. */
export type Provider = "portone" | "payssam" | "portone-global";

/** Every `kind` an error can have. */
export type ErrorKind = "validation" | "api" | "http" | "invalid-response" | "timeout" | "network" | "aborted" | "inbound";

interface ErrorContext {
  readonly provider: Provider;
  /** operationId of the call (or the inbound check) that failed. */
  readonly operation: string;
}

/**
 * Base of every error a payspec client returns. Each class writes out its `name` rather than reading
 * `constructor.name`, which a minifier renames (a bundled validation error was named `O`).
 */
export abstract class PaySpecError extends Error {
  abstract readonly kind: ErrorKind;
  readonly provider: Provider;
  readonly operation: string;
  constructor(context: ErrorContext, message: string, options?: { cause?: unknown }) {
    super(`${context.operation}: ${message}`, options);
    this.provider = context.provider;
    this.operation = context.operation;
  }
}

/** The input broke a rule of the spec (or of the client's options); nothing was sent. */
export class PaySpecValidationError extends PaySpecError {
  override readonly name = "PaySpecValidationError";
  readonly kind = "validation";
  /** Dotted path of the first offending field, e.g. `bill.price` or `options.timeoutMs`. */
  readonly field: string;
  /** The schema keyword that failed first (`maxLength`, `pattern`, `required`, `type`, ...). */
  readonly rule: string;
  /** Every broken rule. Messages never contain the offending value. */
  readonly issues: readonly ValidationIssue[];
  constructor(context: ErrorContext, issues: readonly ValidationIssue[]) {
    const first = issues[0] ?? { field: "input", rule: "unknown", message: "input is invalid" };
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more: ${issues.slice(1, 6).map((i) => i.field).join(", ")})` : "";
    super(context, `${first.message}${more}; nothing was sent`);
    this.field = first.field;
    this.rule = first.rule;
    this.issues = issues;
  }
}

/**
 * The provider answered with a business error: PortOne's error `type`, a PaySsam result code other
 * than `0000`, a PortOne Global status code other than success. `code` carries it for every provider;
 * narrow on it (`switch (error.code)`) to get the typed `body`.
 */
// `out`: both parameters are only read (readonly fields), so they are covariant. Written out, the compiler takes
// the variance as declared instead of measuring it with marker instantiations in every consumer program that
// compares two errors (destructuring `{ data, error }` and narrowing does): 16 of the 21 instantiations of a
// `getPayment` call with the error narrowed.
export class PaySpecApiError<out Code extends string = string, out Body = Readonly<Record<string, unknown>>> extends PaySpecError {
  override readonly name = "PaySpecApiError";
  readonly kind = "api";
  /** The provider's code, as received. */
  readonly code: Code;
  /** HTTP status of the response (PaySsam sends business errors with 200). */
  readonly httpStatus: number;
  /** The provider's message, if it sent one. */
  readonly serverMessage: string | undefined;
  /** The whole error body as received, with secrets redacted. */
  readonly body: Body;
  constructor(context: ErrorContext, fields: { code: Code; httpStatus: number; serverMessage: string | undefined; body: Body }) {
    super(context, `${context.provider} answered ${fields.code} (HTTP ${fields.httpStatus})${fields.serverMessage ? `: ${fields.serverMessage}` : ""}`);
    this.code = fields.code;
    this.httpStatus = fields.httpStatus;
    this.serverMessage = fields.serverMessage;
    this.body = fields.body;
  }
}

/** A non-2xx response without a recognisable business error (a proxy page, a bare 502, a redirect that was not followed). */
export class PaySpecHttpError extends PaySpecError {
  override readonly name = "PaySpecHttpError";
  readonly kind = "http";
  readonly httpStatus: number;
  /** First 500 characters of the body, secrets redacted. */
  readonly bodySnippet: string;
  constructor(context: ErrorContext, httpStatus: number, bodySnippet: string, detail = "without a recognisable error body") {
    super(context, `HTTP ${httpStatus} from ${context.provider} ${detail}`);
    this.httpStatus = httpStatus;
    this.bodySnippet = bodySnippet;
  }
}

/** Why a response could not be used. */
export type InvalidResponseReason =
  | "empty"
  | "not-json"
  | "not-object"
  | "not-envelope"
  | "too-large"
  | "too-deep"
  | "truncated"
  | "unexpected-shape"
  | "contradictory"
  | "inconsistent-page";

/** A success status whose body is not what the spec promises. The outcome of a write is unknown. */
export class PaySpecInvalidResponseError extends PaySpecError {
  override readonly name = "PaySpecInvalidResponseError";
  readonly kind = "invalid-response";
  readonly reason: InvalidResponseReason;
  readonly httpStatus: number;
  readonly bodySnippet: string;
  constructor(context: ErrorContext, reason: InvalidResponseReason, httpStatus: number, bodySnippet: string) {
    super(context, `${context.provider} answered HTTP ${httpStatus} with ${REASONS[reason]}; the outcome is unknown`);
    this.reason = reason;
    this.httpStatus = httpStatus;
    this.bodySnippet = bodySnippet;
  }
}
const REASONS: Record<InvalidResponseReason, string> = {
  empty: "an empty body",
  "not-json": "a body that is not JSON",
  "not-object": "JSON that is not an object",
  "not-envelope": "JSON without the expected envelope",
  "too-large": "a body larger than maxResponseBytes",
  "too-deep": "JSON nested deeper than a client can process",
  "unexpected-shape": "a body without a field the spec requires for success, or with a field of the wrong type",
  contradictory: "a body whose own success signal says it failed",
  "inconsistent-page": "a page that is not the one requested or contradicts the pages before it",
  truncated: "a body that ended early",
};

/** No complete response within the timeout; the request was aborted. A write may or may not have been applied. */
export class PaySpecTimeoutError extends PaySpecError {
  override readonly name = "PaySpecTimeoutError";
  readonly kind = "timeout";
  readonly timeoutMs: number;
  constructor(context: ErrorContext, timeoutMs: number) {
    super(context, `no complete response from ${context.provider} within ${timeoutMs} ms; the request was aborted`);
    this.timeoutMs = timeoutMs;
  }
}

/** The connection failed (DNS, refused, reset). A write may or may not have been applied. */
export class PaySpecNetworkError extends PaySpecError {
  override readonly name = "PaySpecNetworkError";
  readonly kind = "network";
  constructor(context: ErrorContext, cause: unknown) {
    super(context, `network error talking to ${context.provider}: ${cause instanceof Error ? cause.message : "unknown failure"}`, { cause });
  }
}

/** The caller's `signal` aborted the call. */
export class PaySpecAbortedError extends PaySpecError {
  override readonly name = "PaySpecAbortedError";
  readonly kind = "aborted";
  constructor(context: ErrorContext, cause?: unknown) {
    super(context, "aborted by the caller's signal", cause === undefined ? undefined : { cause });
  }
}

/** An inbound message (webhook, callback, redirect) failed verification or parsing. `reason` says why. */
// `out` for the same reason as PaySpecApiError's (declared covariant, not measured per program).
export class PaySpecInboundError<out Reason extends string = string> extends PaySpecError {
  override readonly name = "PaySpecInboundError";
  readonly kind = "inbound";
  readonly reason: Reason;
  constructor(context: ErrorContext, reason: Reason, message: string) {
    super(context, message);
    this.reason = reason;
  }
}

/** Every transport-level error, the same for all providers. */
export type PaySpecTransportError = PaySpecHttpError | PaySpecInvalidResponseError | PaySpecTimeoutError | PaySpecNetworkError | PaySpecAbortedError;

/**
 * What a call's `error` can be: a validation error, the operation's API errors (`Api`), or a
 * transport error. Switch on `kind`.
 */
export type PaySpecCallError<Api extends PaySpecApiError<string, unknown> = PaySpecApiError> = PaySpecValidationError | Api | PaySpecTransportError;

/**
 * The result of every client call, in openapi-fetch's shape: exactly one of `data` and `error`.
 * `response` is there whenever an HTTP response arrived.
 */
export type PaySpecResult<Data, Api extends PaySpecApiError<string, unknown> = PaySpecApiError> =
  | { readonly data: Data; readonly error?: undefined; readonly response: Response }
  | { readonly data?: undefined; readonly error: PaySpecCallError<Api>; readonly response?: Response };

/** The result of an inbound check (webhook, callback, redirect): the parsed payload or an inbound error. */
export type InboundResult<Data, Reason extends string = string> =
  | { readonly data: Data; readonly error?: undefined }
  | { readonly data?: undefined; readonly error: PaySpecInboundError<Reason> };
