import type { PortOneGlobalStatus } from "@payspec/portone-errors/global";
import { PaySpecError, PaySpecValidationError } from "@payspec/runtime";


/** The input broke a rule of the spec; nothing was sent. `field`, `rule` and `issues` say which. */
export class PortOneGlobalValidationError extends PaySpecValidationError {}

/**
 * PortOne answered with a status other than success: an error envelope (`status_code` 4xxx, …) with
 * any HTTP status, a 2xx envelope whose code is not a success, or `is_success: false`.
 */
export class PortOneGlobalStatusError extends PaySpecError {
  readonly kind = "status";
  /** The parsed status: `known` (a code of the page; narrow `code` by it), `unknown` or `absent`. */
  readonly status: PortOneGlobalStatus;
  /** The code as sent (`"4010"`), or undefined when the body carried none. */
  readonly code: string | undefined;
  /** HTTP status of the response. */
  readonly httpStatus: number;
  /** `message` as sent, free text. */
  readonly serverMessage: string | undefined;
  /** The whole body, with secrets redacted. */
  readonly body: Readonly<Record<string, unknown>>;
  constructor(operation: string, httpStatus: number, status: PortOneGlobalStatus, body: Readonly<Record<string, unknown>>) {
    const code = status.kind === "absent" ? undefined : status.code;
    const what = [code ?? "no status code", status.reason].filter(Boolean).join(" ");
    super(operation, `${operation}: PortOne Global answered ${what} (HTTP ${httpStatus})${status.message ? `: ${status.message}` : ""}`);
    this.status = status;
    this.code = code;
    this.httpStatus = httpStatus;
    this.serverMessage = status.message;
    this.body = body;
  }
}

/** A non-2xx HTTP status without a status envelope (a proxy page, an empty 5xx, …). */
export class PortOneGlobalHttpError extends PaySpecError {
  readonly kind = "http";
  readonly status: number;
  /** First 500 characters of the body, secrets redacted. */
  readonly bodySnippet: string;
  constructor(operation: string, status: number, bodySnippet: string) {
    super(operation, `${operation}: HTTP ${status} from PortOne Global`);
    this.status = status;
    this.bodySnippet = bodySnippet;
  }
}

export type InvalidResponseReason = "empty" | "not-json" | "not-object" | "not-envelope";

/** A 2xx body that is empty, not JSON, not an object, or an envelope without `status_code`. */
export class PortOneGlobalInvalidResponseError extends PaySpecError {
  readonly kind = "invalid-response";
  readonly reason: InvalidResponseReason;
  readonly status: number;
  readonly bodySnippet: string;
  constructor(operation: string, reason: InvalidResponseReason, status: number, bodySnippet: string) {
    const what = { empty: "an empty body", "not-json": "a body that is not JSON", "not-object": "JSON that is not an object", "not-envelope": "a body without status_code" }[reason];
    super(operation, `${operation}: PortOne Global sent ${what} (HTTP ${status}); the outcome is unknown`);
    this.reason = reason;
    this.status = status;
    this.bodySnippet = bodySnippet;
  }
}

/** No response within `timeoutMs`. The request may or may not have been processed. */
export class PortOneGlobalTimeoutError extends PaySpecError {
  readonly kind = "timeout";
  readonly timeoutMs: number;
  constructor(operation: string, timeoutMs: number) {
    super(operation, `${operation}: no response from PortOne Global within ${timeoutMs} ms; the outcome is unknown`);
    this.timeoutMs = timeoutMs;
  }
}

/** The request could not be sent or the connection failed (DNS, refused, reset, aborted by the caller). */
export class PortOneGlobalNetworkError extends PaySpecError {
  readonly kind = "network";
  constructor(operation: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : "unknown failure";
    super(operation, `${operation}: network error talking to PortOne Global: ${detail}`, { cause });
  }
}

/** Every error a client call can return. Switch on `kind`. */
export type PortOneGlobalError =
  | PortOneGlobalValidationError
  | PortOneGlobalStatusError
  | PortOneGlobalHttpError
  | PortOneGlobalInvalidResponseError
  | PortOneGlobalTimeoutError
  | PortOneGlobalNetworkError;
