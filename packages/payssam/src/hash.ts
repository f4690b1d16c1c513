// The request `hash` (통신 암호 키): SHA-256, lowercase hex, over comma-joined fields.
// `three-part` operations (only /bill) use `billId,phone,price` when the request carries a phone
// and `billId,price` otherwise; `two-part` operations always use `billId,price`, even when the
// bill was sent with a phone (adding it there gives VALIDATION_002).
import type { HashRule } from "./generated/common.js";

export interface HashInput {
  readonly billId: string;
  readonly price: string;
  readonly phone?: string | undefined;
}

/** The string that is hashed for an operation's rule, or null when the rule has no hash. */
export function hashInput(rule: HashRule, input: HashInput): string | null {
  switch (rule) {
    case "three-part":
      return input.phone ? `${input.billId},${input.phone},${input.price}` : `${input.billId},${input.price}`;
    case "two-part":
      return `${input.billId},${input.price}`;
    default:
      return null;
  }
}

/** SHA-256 of a UTF-8 string as 64 lowercase hex characters (WebCrypto: Node ≥ 20, Deno, Bun, browsers). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  let hex = "";
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}

/** The `hash` value PaySsam expects for an operation's rule, or null when it takes none. */
export async function computeHash(rule: HashRule, input: HashInput): Promise<string | null> {
  const text = hashInput(rule, input);
  return text === null ? null : sha256Hex(text);
}
