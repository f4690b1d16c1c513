import {
  PaySsamResultCode,
  PaySsamResultFamily,
  paySsamResultCodes,
  type PaySsamResultCodeInfo,
} from "./generated/result-codes.js";

export { PaySsamResultCode, PaySsamResultFamily, paySsamResultCodes };
export type { PaySsamResultCodeInfo };

/** A code the catalogue does not know (the provider added one, or the response is odd). */
export interface UnknownPaySsamResult {
  readonly code: string;
  readonly known: false;
  /** Unknown codes are never treated as success. */
  readonly success: false;
}

/** What `describePaySsamResult` returns: catalogue data for a known code, a marker otherwise. */
export type PaySsamResultDescription = (PaySsamResultCodeInfo & { readonly known: true }) | UnknownPaySsamResult;

const hasOwn = Object.prototype.hasOwnProperty;

/** True when `value` is one of the published result codes. Never throws. */
export function isPaySsamResultCode(value: unknown): value is PaySsamResultCode {
  return typeof value === "string" && hasOwn.call(paySsamResultCodes, value);
}

/**
 * Catalogue data for any value: the published message, condition, family and success flag for
 * a known code; `{ known: false }` for anything else (including non-strings). Never throws.
 */
export function describePaySsamResult(code: unknown): PaySsamResultDescription {
  if (isPaySsamResultCode(code)) return { ...paySsamResultCodes[code], known: true };
  return { code: typeof code === "string" ? code : printable(code), known: false, success: false };
}

function printable(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "[unprintable]";
  }
}

/** True only for `"0000"`. */
export function isPaySsamSuccess(code: unknown): code is typeof PaySsamResultCode.SUCCESS {
  return code === PaySsamResultCode.SUCCESS;
}
