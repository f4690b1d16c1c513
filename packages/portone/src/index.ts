export {
  createPortOneClient,
  PORTONE_API_URL,
  type OperationErrors,
  type OperationId,
  type PortOneClient,
  type PortOneClientOptions,
  type PortOneData,
  type PortOneInput,
  type PortOneRequestOptions,
  type PortOneResult,
} from "./client.js";
export {
  PortOneHttpError,
  PortOneInvalidResponseError,
  PortOneNetworkError,
  PortOneTimeoutError,
  PortOneValidationError,
  type PortOneApiError,
  type PortOneError,
  type PortOneTransportError,
  type PortOneUnrecognizedError,
  type Unrecognized,
} from "./errors.js";
export type { RetryOptions } from "./retry.js";
export type { components, operations, paths } from "./generated/openapi.js";
