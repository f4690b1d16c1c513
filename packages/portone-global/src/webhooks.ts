// `@payspec/portone-global/webhooks`: what PortOne sends to the merchant — the payment redirect
// (query of success_url / failure_url) and the webhooks. Signed messages are checked against
// `signature_hash` over the spec's field list; every payload is checked against its schema.
// Results are the runtime's `InboundResult`; nothing here throws.
import { PaySpecInboundError, validate, type InboundResult } from "@payspec/runtime";
import { inbound, inboundSchemas } from "./generated/inbound.js";
import type { components } from "./generated/components.js";
import { checkSignature } from "./signature.js";

type Open<T> = T & { readonly [extra: string]: unknown };
/** A payment webhook body; fields the spec does not list are kept as sent. */
export type PaymentWebhookPayload = Open<components["schemas"]["PaymentWebhook"]>;
/** A payment-link webhook body (note camelCase `countryCode`, signed as `country_code`). */
export type PaymentLinkWebhookPayload = Open<components["schemas"]["PaymentLinkWebhook"]>;
/** A refund webhook body. It carries no signature: re-read the refund with `listRefunds` before acting. */
export type RefundWebhookPayload = Open<components["schemas"]["RefundWebhook"]>;
/** The signed query parameters of a payment redirect, all strings. */
export type PaymentRedirectParams = Open<components["schemas"]["PaymentRedirect"]>;

/**
 * Why an inbound message was refused. `invalid-secret` and `invalid-body` are the argument checks
 * every payspec inbound verifier shares (same names in `@payspec/portone/webhooks` and
 * `@payspec/payssam/webhooks`), as is `not-json`.
 */
export type PortOneGlobalInboundReason = "not-json" | "invalid-payload" | "missing-signature" | "mismatch" | "invalid-secret" | "invalid-body";
export type PortOneGlobalInboundResult<T> = InboundResult<T, PortOneGlobalInboundReason>;

/** A redirect's query: a URL, a query string, `URLSearchParams`, or a framework's parsed query object. */
export type RedirectInput = string | URL | URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

const MESSAGES: Record<PortOneGlobalInboundReason, string> = {
  "not-json": "is not JSON",
  "invalid-payload": "is invalid",
  "missing-signature": "carries no signature_hash",
  mismatch: "has a signature_hash that does not match its fields (wrong secret, or the payload was altered)",
  "invalid-secret": "cannot be checked: the PortOne Secret must be a non-empty string (is its environment variable set?)",
  "invalid-body": "was not passed as a body: give the raw request body (string or bytes) or the JSON object it parses to",
};

type Name = keyof typeof inbound;
/** The messages the spec signs. Only the refund webhook is unsigned, and it has its own code path (`parseRefundWebhook`). */
type SignedName = { [K in Name]: (typeof inbound)[K]["signature"] extends null ? never : K }[Name];
const OPERATIONS: Record<Name, string> = { payment: "paymentWebhook", refund: "refundWebhook", paymentLink: "paymentLinkWebhook", paymentRedirect: "paymentRedirect" };

function refuse<T>(name: Name, reason: PortOneGlobalInboundReason, detail = ""): PortOneGlobalInboundResult<T> {
  return { error: new PaySpecInboundError({ provider: "portone-global", operation: OPERATIONS[name] }, reason, `the message ${MESSAGES[reason]}${detail}`) };
}

/** What a value is, for a message: its type, never its content (it may be a secret). */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/** Why the secret cannot be used, or undefined: a missing secret is refused, never a skipped check. */
function secretProblem(secret: unknown): string | undefined {
  if (typeof secret !== "string") return ` (got ${typeName(secret)})`;
  if (secret.trim() === "") return " (got an empty string)";
  return undefined;
}

/** Schema problems that make a payload unusable. Unknown enum values pass: a newer PortOne may add statuses. */
function schemaIssues(name: Name, value: unknown): string | undefined {
  const issues = validate(inbound[name].payload, value, "", inboundSchemas).filter((i) => i.rule !== "enum");
  return issues.length > 0 ? `: ${issues.slice(0, 5).map((i) => i.message).join("; ")}` : undefined;
}

async function verifySigned<T>(name: SignedName, secret: string, value: unknown): Promise<PortOneGlobalInboundResult<T>> {
  try {
    const issues = schemaIssues(name, value);
    if (issues !== undefined) return refuse(name, "invalid-payload", issues);
    const check = await checkSignature(secret, inbound[name].signature, value as Record<string, unknown>);
    if (!check.valid) return refuse(name, check.reason);
    return { data: value as T };
  } catch {
    return refuse(name, "invalid-payload");
  }
}

/** The JSON value of a body, or why there is none. A parsed object is taken as it is. */
function jsonBody(name: Name, body: unknown): { readonly value: unknown } | PortOneGlobalInboundResult<never> {
  let text: string;
  try {
    if (typeof body === "string") text = body;
    else if (ArrayBuffer.isView(body)) text = new TextDecoder().decode(body);
    else if (isArrayBuffer(body)) text = new TextDecoder().decode(body);
    else if (typeof body === "object" && body !== null) return { value: body };
    else return refuse(name, "invalid-body", ` (got ${typeName(body)})`);
  } catch {
    return refuse(name, "invalid-body");
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return refuse(name, "not-json");
  }
}

/** An `ArrayBuffer`, also from another realm (a vm context, an iframe). */
function isArrayBuffer(value: unknown): value is ArrayBuffer {
  if (value instanceof ArrayBuffer) return true;
  try {
    return Object.prototype.toString.call(value) === "[object ArrayBuffer]";
  } catch {
    return false;
  }
}

async function verifyJson<T>(name: "payment" | "paymentLink", secret: unknown, body: unknown): Promise<PortOneGlobalInboundResult<T>> {
  const problem = secretProblem(secret);
  if (problem !== undefined) return refuse(name, "invalid-secret", problem);
  const json = jsonBody(name, body);
  if (!("value" in json)) return json;
  return verifySigned<T>(name, secret as string, json.value);
}

/**
 * Verifies a payment webhook body against its schema, then `signature_hash`. The body may be the raw
 * body (text, `Uint8Array`, Node's `Buffer`, `ArrayBuffer`) or the JSON object it parses to: unlike
 * PortOne V2's, this signature covers fields, not bytes, so a parsed body verifies the same way. A secret that is
 * not a non-empty string (an unset `process.env.PORTONE_SECRET`) is `invalid-secret`. Never throws.
 */
export function verifyPaymentWebhook(secret: string, body: unknown): Promise<PortOneGlobalInboundResult<PaymentWebhookPayload>> {
  return verifyJson("payment", secret, body);
}

/** Verifies a payment-link webhook body, as `verifyPaymentWebhook` does. */
export function verifyPaymentLinkWebhook(secret: string, body: unknown): Promise<PortOneGlobalInboundResult<PaymentLinkWebhookPayload>> {
  return verifyJson("paymentLink", secret, body);
}

/** Parses a refund webhook body (raw or parsed). It is unsigned: treat it as a hint and re-read the refund. */
export async function parseRefundWebhook(body: unknown): Promise<PortOneGlobalInboundResult<RefundWebhookPayload>> {
  const json = jsonBody("refund", body);
  if (!("value" in json)) return json;
  try {
    const issues = schemaIssues("refund", json.value);
    return issues === undefined ? { data: json.value as RefundWebhookPayload } : refuse("refund", "invalid-payload", issues);
  } catch {
    return refuse("refund", "invalid-payload");
  }
}

/**
 * Verifies the query of a buyer sent back to `success_url` / `failure_url`. The signature covers
 * `channel_order_ref`, `merchant_order_ref`, `order_ref` and `status` only: compare `amount` and
 * `currency` with your order record yourself. A `+` of the signature that a query decoder turned
 * into a space is put back before anything is checked. A missing secret is `invalid-secret`, and a
 * query that is none of the `RedirectInput` shapes is `invalid-body`. Never throws.
 */
export async function verifyPaymentRedirect(secret: string, query: RedirectInput): Promise<PortOneGlobalInboundResult<PaymentRedirectParams>> {
  const problem = secretProblem(secret);
  if (problem !== undefined) return refuse("paymentRedirect", "invalid-secret", problem);
  const input: unknown = query;
  if (!(typeof input === "string" || (typeof input === "object" && input !== null && !Array.isArray(input)))) {
    return refuse("paymentRedirect", "invalid-body", ` (the query must be a URL, a query string, URLSearchParams or a parsed query object, got ${typeName(input)})`);
  }
  let params: Record<string, string>;
  try {
    params = queryRecord(query);
  } catch {
    return refuse("paymentRedirect", "invalid-payload");
  }
  const signature = params["signature_hash"];
  // Base64 has no spaces: an unencoded `+` in the query arrives as a space.
  if (signature !== undefined) params["signature_hash"] = signature.trim().replace(/ /g, "+");
  return verifySigned("paymentRedirect", secret, params);
}

function queryRecord(query: RedirectInput): Record<string, string> {
  let search: URLSearchParams;
  if (query instanceof URLSearchParams) search = query;
  else if (query instanceof URL) search = query.searchParams;
  else if (typeof query === "string") search = /^[a-z][a-z0-9+.-]*:/i.test(query) ? new URL(query).searchParams : new URLSearchParams(query);
  else {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(query)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === "string") out[key] = first;
    }
    return out;
  }
  const out: Record<string, string> = {};
  search.forEach((value, key) => {
    if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = value;
  });
  return out;
}

export { PaySpecInboundError, type InboundResult } from "@payspec/runtime";
