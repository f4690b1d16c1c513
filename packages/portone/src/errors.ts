import { PaySpecError, PaySpecValidationError } from "@payspec/runtime";
import type { OperationErrors, Unrecognized } from "./generated/operations.js";

export type { Unrecognized };

/** A documented error body, as PortOne sent it, plus where it came from. */
export type PortOneApiError<E> = E & {
  readonly kind: "api";
  /** HTTP status of the response. */
  readonly httpStatus: number;
};

/**
 * An error body whose `type` the spec does not document for the operation (PortOne may add types at
 * any time): every field as received, typed as unknown.
 */
export interface PortOneUnrecognizedError {
  readonly kind: "api";
  readonly type: Unrecognized;
  readonly message?: string;
  readonly httpStatus: number;
  readonly [field: string]: unknown;
}

abstract class PortOneTransportErrorBase extends PaySpecError {
  abstract override readonly kind: "timeout" | "network" | "http" | "invalid-response";
  /** Transport errors have no `type`: `switch (error.type)` sends them to `case undefined`. */
  readonly type?: undefined;
}

/** No response within the timeout. A write may or may not have been applied. */
export class PortOneTimeoutError extends PortOneTransportErrorBase {
  readonly kind = "timeout";
  readonly timeoutMs: number;
  constructor(operation: string, timeoutMs: number) {
    super(operation, `${operation}: no response from PortOne within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** The connection failed or the caller aborted. */
export class PortOneNetworkError extends PortOneTransportErrorBase {
  readonly kind = "network";
  constructor(operation: string, cause: unknown) {
    super(operation, `${operation}: network error talking to PortOne: ${cause instanceof Error ? cause.message : "unknown failure"}`, { cause });
  }
}

/** A non-2xx response whose body is not a PortOne error object (an HTML page from a proxy, a bare 502, ...). */
export class PortOneHttpError extends PortOneTransportErrorBase {
  readonly kind = "http";
  readonly httpStatus: number;
  /** First 500 characters of the body. */
  readonly bodySnippet: string;
  constructor(operation: string, httpStatus: number, bodySnippet: string) {
    super(operation, `${operation}: HTTP ${httpStatus} from PortOne without an error object`);
    this.httpStatus = httpStatus;
    this.bodySnippet = bodySnippet;
  }
}

/** A 2xx response whose body is not JSON (or empty where data was expected). */
export class PortOneInvalidResponseError extends PortOneTransportErrorBase {
  readonly kind = "invalid-response";
  readonly httpStatus: number;
  readonly bodySnippet: string;
  constructor(operation: string, httpStatus: number, bodySnippet: string) {
    super(operation, `${operation}: PortOne answered HTTP ${httpStatus} with a body that is not JSON`);
    this.httpStatus = httpStatus;
    this.bodySnippet = bodySnippet;
  }
}

export type PortOneTransportError = PortOneTimeoutError | PortOneNetworkError | PortOneHttpError | PortOneInvalidResponseError;

/** A path parameter was missing or empty; nothing was sent. `field`, `rule` and `issues` say which. */
export class PortOneValidationError extends PaySpecValidationError {
  /** Validation errors have no `type`: `switch (error.type)` sends them to `case undefined`. */
  readonly type?: undefined;
}

/** Everything an operation can return as `error`: its documented union, an unrecognized type, or a transport failure. */
export type PortOneError<K extends keyof OperationErrors> =
  | PortOneApiError<OperationErrors[K]>
  | PortOneUnrecognizedError
  | PortOneTransportError
  | PortOneValidationError;
