import { PortOneErrorType, portOneErrorTypes, type PortOneErrorTypeInfo } from "./generated/error-types.js";

export { PortOneErrorType, portOneErrorTypes };
export type { PortOneErrorTypeInfo };

/** What `describePortOneError` returns for a `type` the spec does not know. */
export interface UnknownPortOneErrorType {
  readonly type: string;
  readonly known: false;
}

export type PortOneErrorDescription = (PortOneErrorTypeInfo & { readonly known: true }) | UnknownPortOneErrorType;

const hasOwn = Object.prototype.hasOwnProperty;

/** True when `value` is one of the V2 error `type` constants in the spec. Never throws. */
export function isPortOneErrorType(value: unknown): value is PortOneErrorType {
  return typeof value === "string" && hasOwn.call(portOneErrorTypes, value);
}

/**
 * Metadata of an error `type` (HTTP status, schema names, operations), or `{ known: false }` for
 * anything else. Accepts a `type` string or a whole error body. Never throws.
 */
export function describePortOneError(typeOrBody: unknown): PortOneErrorDescription {
  let type: unknown = typeOrBody;
  if (typeOrBody !== null && typeof typeOrBody === "object") {
    try {
      type = (typeOrBody as { type?: unknown }).type;
    } catch {
      type = undefined;
    }
  }
  if (isPortOneErrorType(type)) return { ...portOneErrorTypes[type], known: true };
  return { type: typeof type === "string" ? type : "", known: false };
}
