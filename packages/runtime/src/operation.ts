// The one shape of a generated operation row, for every provider: readable data, not packed flags.
// Each provider's generator emits `operations: { [operationId]: OperationInfo & {its extras} }`.
import type { PersonalData } from "./redact.js";
import type { ResponseShape } from "./response.js";
import type { Keywords, RequestSchema } from "./validate.js";

export interface OperationInfo {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path template, e.g. `/payments/{paymentId}`. */
  readonly path: string;
  /** Names of the path parameters, in template order. */
  readonly pathParams: readonly string[];
  /** Names of the query parameters (besides a JSON `requestBody` query parameter). */
  readonly queryParams: readonly string[];
  /** Where the JSON input goes: the request body, the `requestBody` query parameter, or nowhere. */
  readonly body: "json" | "query" | "none";
  /** A read: safe to send again (retried on transient failures when retries are on). */
  readonly read: boolean;
  /** The schema of the whole input the client checks before sending (path, query and body fields), or null. */
  readonly input: RequestSchema | null;
  /**
   * The checkers of the keywords beyond the core ones that `input` uses (`pattern`, formats, unions,
   * conditions), named by the generator so that a bundle carries only those; absent when it uses none.
   */
  readonly keywords?: Keywords;
  /**
   * Present when the input may hold card data, personal numbers or billing keys (a field so named, or
   * an object open to any field): their values are hidden from what the call hands back, and their
   * fields in an error body. Absent, the call's bundle does not carry the scan.
   */
  readonly personal?: PersonalData;
  /**
   * What a success (2xx) JSON body must have before it is `data` (required fields, their JSON types,
   * the union case), usually a `$ref` into the package's `outputs` table; null when the operation
   * answers no JSON. For an enveloped answer it is the shape of the payload (PaySsam `data`,
   * PortOne Global `content`).
   */
  readonly output: ResponseShape | null;
}
