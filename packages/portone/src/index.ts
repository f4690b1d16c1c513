export {
  createPortOneClient,
  createPortOneFetchClient,
  PORTONE_API_URL,
  type Method,
  type OperationErrors,
  type OperationId,
  type PortOneApiError,
  type PortOneCallOptions,
  type PortOneClient,
  type PortOneClientOptions,
  type PortOneData,
  type PortOneFetchClient,
  type PortOneInput,
  type PortOneResult,
  type UnrecognizedErrorBody,
} from "./client.js";
export { paginate, pagination, type PaginateOptions, type PaginatedOperationId, type PaginationInfo, type PortOneCallError, type PortOneListItem, type PortOnePages } from "./paginate.js";
export type { Unrecognized } from "./generated/operations.js";
export type { PortOneMethods } from "./generated/methods.js";
export type { components, operations, paths } from "./generated/openapi.js";
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
