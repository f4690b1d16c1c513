import type { PaySsamResultCode } from "@payspec/payssam-errors";
import { PaySpecError, PaySpecValidationError } from "@payspec/runtime";

/** The response envelope as received (with the API key redacted). */
export interface PaySsamEnvelope {
  readonly code: string;
  readonly message?: string;
  /** Alternate message key: the provider's prose docs use `msg`, its schema and sandbox use `message`. */
  readonly msg?: string;
  readonly data?: unknown;
  readonly [key: string]: unknown;
}

/** A code that is not in the published catalogue, kept as received. */
export type UnknownResultCode = string & { readonly __unknownPaySsamResultCode: true };

/** Result codes other than success. */
export type PaySsamFailureCode = Exclude<PaySsamResultCode, "0000">;


/** The input broke a rule of the spec; nothing was sent. `field`, `rule` and `issues` say which. */
export class PaySsamValidationError extends PaySpecValidationError {}

interface ResultErrorFields {
  readonly status: number;
  readonly message: string;
  readonly publishedMessage: string | undefined;
  readonly envelope: PaySsamEnvelope;
}

/** PaySsam answered with a result code other than `0000` (business errors come with HTTP 200). */
export class PaySsamResultError extends PaySpecError {
  readonly kind = "result";
  /** The code as received. Narrow with `known` to get `PaySsamResultCode`. */
  readonly code: PaySsamFailureCode | UnknownResultCode;
  /** Whether the code is in the published catalogue. */
  readonly known: boolean;
  /** The message sent by the server (`message`, or `msg`), or the published one when absent. */
  readonly serverMessage: string;
  /** The catalogue's message for a known code. */
  readonly publishedMessage: string | undefined;
  /** HTTP status (200 for business errors). */
  readonly status: number;
  /** The whole envelope, with the API key redacted. */
  readonly envelope: PaySsamEnvelope;
  constructor(operation: string, code: string, known: boolean, fields: ResultErrorFields) {
    super(operation, `${operation}: PaySsam answered ${code}: ${fields.message}`);
    this.code = code as PaySsamFailureCode | UnknownResultCode;
    this.known = known;
    this.serverMessage = fields.message;
    this.publishedMessage = fields.publishedMessage;
    this.status = fields.status;
    this.envelope = fields.envelope;
  }
}

/** The typed view of a result error: known codes narrow by `code`, unknown ones stay opaque. */
type ResultErrorBase = Omit<PaySsamResultError, "known" | "code" | "publishedMessage">;
export type PaySsamResultFailure =
  | (ResultErrorBase & { readonly known: true; readonly code: PaySsamFailureCode; readonly publishedMessage: string })
  | (ResultErrorBase & { readonly known: false; readonly code: UnknownResultCode; readonly publishedMessage: undefined });

/** A non-200 HTTP status (the provider documents 400 and 404; proxies may send 5xx pages). */
export class PaySsamHttpError extends PaySpecError {
  readonly kind = "http";
  readonly status: number;
  /** First 500 characters of the body, API key redacted. */
  readonly bodySnippet: string;
  constructor(operation: string, status: number, bodySnippet: string) {
    super(operation, `${operation}: HTTP ${status} from PaySsam`);
    this.status = status;
    this.bodySnippet = bodySnippet;
  }
}

/** The body was empty, not JSON, or JSON without a result `code`. The outcome is unknown. */
export class PaySsamInvalidResponseError extends PaySpecError {
  readonly kind = "invalid-response";
  readonly reason: "empty" | "not-json" | "not-envelope";
  readonly status: number;
  readonly bodySnippet: string;
  constructor(operation: string, reason: "empty" | "not-json" | "not-envelope", status: number, bodySnippet: string) {
    const what = { empty: "an empty body", "not-json": "a body that is not JSON", "not-envelope": "JSON without a result code" }[reason];
    super(operation, `${operation}: PaySsam sent ${what} (HTTP ${status}); the outcome is unknown, re-check with readBill`);
    this.reason = reason;
    this.status = status;
    this.bodySnippet = bodySnippet;
  }
}

/** No response within `timeoutMs`. The request may or may not have been processed. */
export class PaySsamTimeoutError extends PaySpecError {
  readonly kind = "timeout";
  readonly timeoutMs: number;
  constructor(operation: string, timeoutMs: number) {
    super(operation, `${operation}: no response from PaySsam within ${timeoutMs} ms; the outcome is unknown`);
    this.timeoutMs = timeoutMs;
  }
}

/** The request could not be sent or the connection failed (DNS, refused, reset, aborted by the caller). */
export class PaySsamNetworkError extends PaySpecError {
  readonly kind = "network";
  constructor(operation: string, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : "unknown failure";
    super(operation, `${operation}: network error talking to PaySsam: ${detail}`, { cause });
  }
}

/** Every error a client call can return. Switch on `kind`. */
export type PaySsamError =
  | PaySsamValidationError
  | PaySsamResultFailure
  | PaySsamHttpError
  | PaySsamInvalidResponseError
  | PaySsamTimeoutError
  | PaySsamNetworkError;
