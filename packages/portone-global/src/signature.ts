// `signature_hash`: Base64 (standard, padded) of HMAC-SHA256 keyed with the PortOne Secret over the
// signed fields as an application/x-www-form-urlencoded string, sorted by name and joined with `&`.
// The field lists come from the spec (`x-signature`, generated into `signatures`). WebCrypto only:
// Node ≥ 20, Deno, Bun, browsers and edge runtimes.
import { signatures, type SignatureRule } from "./generated/signatures.js";

/** A message the spec says is signed: the payment request, the payment redirect, two webhooks. */
export type SignedMessage = keyof typeof signatures;

/**
 * An amount as PortOne signs it: without trailing zeros (`100.00` → `"100"`, `100.25` → `"100.25"`),
 * never in exponent notation. Numbers use their shortest exact decimal form, as the Go, C#, Node
 * and PHP samples do; the Java and Python samples round to two decimals, so amounts with three or
 * more decimals may be signed differently by PortOne (the reference leaves this open).
 * Decimal strings are trimmed the same way; other strings are kept as they are.
 */
export function formatAmount(amount: number | string): string {
  if (typeof amount === "number") {
    if (!Number.isFinite(amount)) return String(amount);
    const plain = String(amount);
    if (!/e/i.test(plain)) return plain;
    if (Math.abs(amount) >= 1e21) return BigInt(amount).toString();
    return trimDecimal(amount.toFixed(20));
  }
  const text = amount.trim();
  return /^-?[0-9]+(\.[0-9]+)?$/.test(text) ? trimDecimal(text) : amount;
}

function trimDecimal(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

function signedValue(name: string, value: unknown): string {
  if (value === undefined || value === null) return "";
  if (name === "amount" && (typeof value === "number" || typeof value === "string")) return formatAmount(value);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

/**
 * The exact string that is signed for a message: the rule's fields, read from the payload (through
 * `fieldSources`, e.g. `client_key` ← `portone_key`), form-encoded (space → `+`, as five of the six
 * official samples do; the C# sample writes `%20`), sorted by name, joined with `&`. A missing field
 * is signed as empty.
 */
export function signatureMessage(message: SignedMessage, payload: Readonly<Record<string, unknown>>): string {
  const rule: SignatureRule = signatures[message];
  const params = new URLSearchParams();
  for (const name of [...rule.fields].sort()) {
    const source = rule.fieldSources[name] ?? name;
    params.append(name, signedValue(name, payload[source]));
  }
  return params.toString();
}

/** Base64 of HMAC-SHA256(secret, text). */
export async function hmacBase64(secret: string, text: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await globalThis.crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", key, encoder.encode(text)));
  let binary = "";
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The `signature_hash` of a message's payload. */
export async function computeSignature(secret: string, message: SignedMessage, payload: Readonly<Record<string, unknown>>): Promise<string> {
  return hmacBase64(secret, signatureMessage(message, payload));
}

/** The fields of a payment request that are signed. */
export interface PaymentRequestFields {
  /** The PortOne Key, signed as `client_key`. */
  readonly portone_key: string;
  readonly amount: number | string;
  readonly currency: string;
  readonly merchant_order_id: string;
  readonly success_url: string;
  readonly failure_url: string;
}

/** The `signature_hash` of a payment request (checkout or initiatePayment). */
export function signPaymentRequest(secret: string, request: PaymentRequestFields): Promise<string> {
  return computeSignature(secret, "InitiatePaymentRequest", { ...request });
}

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqual(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** Why a signature check failed. `invalid-secret`: the secret is not a non-empty string, so nothing could be checked. */
export type SignatureFailure = "missing-signature" | "mismatch" | "invalid-secret";

/**
 * Checks the `signature_hash` a payload carries. A `+` of the signature that a query-string decoder
 * turned into a space is put back first. A secret that is not a non-empty string is `invalid-secret`,
 * never a check that passes. Never throws for any payload.
 */
export async function checkSignature(
  secret: string,
  message: SignedMessage,
  payload: Readonly<Record<string, unknown>>,
): Promise<{ readonly valid: true } | { readonly valid: false; readonly reason: SignatureFailure }> {
  if (typeof secret !== "string" || secret.trim() === "") return { valid: false, reason: "invalid-secret" };
  if (typeof payload !== "object" || payload === null) return { valid: false, reason: "missing-signature" };
  const received = payload[signatures[message].field];
  if (typeof received !== "string" || received === "") return { valid: false, reason: "missing-signature" };
  const expected = await computeSignature(secret, message, payload);
  // Base64 has no spaces: a `+` that a query-string decoder turned into a space is put back.
  return timingSafeEqual(expected, received.trim().replace(/ /g, "+")) ? { valid: true } : { valid: false, reason: "mismatch" };
}
