// `@payspec/portone-global/webhooks`: what PortOne sends to the merchant — the payment redirect
// (query of success_url / failure_url) and the webhooks. Signed messages are checked against
// `signature_hash` over the spec's field list; every payload is checked against its schema.
// Results are the runtime's `InboundResult`; nothing here throws.
import { PaySpecInboundError, validate, type InboundResult, type ValidationIssue } from "@payspec/runtime";
import { inbound, inboundSchemas } from "./generated/inbound.js";
import type { components } from "./generated/openapi.js";
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

/** Why an inbound message was refused. */
export type PortOneGlobalInboundReason = "not-json" | "invalid-payload" | "missing-signature" | "mismatch";
export type PortOneGlobalInboundResult<T> = InboundResult<T, PortOneGlobalInboundReason>;

/** A redirect's query: a URL, a query string, `URLSearchParams`, or a framework's parsed query object. */
export type RedirectInput = string | URL | URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

const MESSAGES: Record<PortOneGlobalInboundReason, string> = {
  "not-json": "is not JSON",
  "invalid-payload": "is invalid",
  "missing-signature": "carries no signature_hash",
  mismatch: "has a signature_hash that does not match its fields (wrong secret, or the payload was altered)",
};

type Name = keyof typeof inbound;
const OPERATIONS: Record<Name, string> = { payment: "paymentWebhook", refund: "refundWebhook", paymentLink: "paymentLinkWebhook", paymentRedirect: "paymentRedirect" };

function refuse<T>(name: Name, reason: PortOneGlobalInboundReason, issues: readonly ValidationIssue[] = []): PortOneGlobalInboundResult<T> {
  const detail = issues.length > 0 ? `: ${issues.slice(0, 5).map((i) => i.message).join("; ")}` : "";
  return { error: new PaySpecInboundError({ provider: "portone-global", operation: OPERATIONS[name] }, reason, `the message ${MESSAGES[reason]}${detail}`) };
}

/** Schema problems that make a payload unusable. Unknown enum values pass: a newer PortOne may add statuses. */
async function verify<T>(name: Name, secret: string | undefined, value: unknown): Promise<PortOneGlobalInboundResult<T>> {
  try {
    const entry = inbound[name];
    const issues = validate(entry.payload, value, "", inboundSchemas).filter((i) => i.rule !== "enum");
    if (issues.length > 0) return refuse(name, "invalid-payload", issues);
    if (entry.signature !== null && secret !== undefined) {
      const check = await checkSignature(secret, entry.signature, value as Record<string, unknown>);
      if (!check.valid) return refuse(name, check.reason);
    }
    return { data: value as T };
  } catch {
    return refuse(name, "invalid-payload");
  }
}

function fromJson<T>(name: Name, secret: string | undefined, body: unknown): Promise<PortOneGlobalInboundResult<T>> {
  let value = body;
  try {
    if (value instanceof Uint8Array || value instanceof ArrayBuffer) value = new TextDecoder().decode(value);
    if (typeof value === "string") value = JSON.parse(value);
  } catch {
    return Promise.resolve(refuse(name, "not-json"));
  }
  return verify<T>(name, secret, value);
}

/** Verifies a payment webhook body (JSON text, bytes, or parsed) against its schema, then `signature_hash`. */
export function verifyPaymentWebhook(secret: string, body: unknown): Promise<PortOneGlobalInboundResult<PaymentWebhookPayload>> {
  return fromJson("payment", secret, body);
}

/** Verifies a payment-link webhook body. */
export function verifyPaymentLinkWebhook(secret: string, body: unknown): Promise<PortOneGlobalInboundResult<PaymentLinkWebhookPayload>> {
  return fromJson("paymentLink", secret, body);
}

/** Parses a refund webhook body. It is unsigned: treat it as a hint and re-read the refund. */
export function parseRefundWebhook(body: unknown): Promise<PortOneGlobalInboundResult<RefundWebhookPayload>> {
  return fromJson("refund", undefined, body);
}

/**
 * Verifies the query of a buyer sent back to `success_url` / `failure_url`. The signature covers
 * `channel_order_ref`, `merchant_order_ref`, `order_ref` and `status` only: compare `amount` and
 * `currency` with your order record yourself. A `+` of the signature that a query decoder turned
 * into a space is put back before anything is checked.
 */
export function verifyPaymentRedirect(secret: string, query: RedirectInput): Promise<PortOneGlobalInboundResult<PaymentRedirectParams>> {
  let params: Record<string, string>;
  try {
    params = queryRecord(query);
  } catch {
    return Promise.resolve(refuse("paymentRedirect", "invalid-payload"));
  }
  const signature = params["signature_hash"];
  // Base64 has no spaces: an unencoded `+` in the query arrives as a space.
  if (signature !== undefined) params["signature_hash"] = signature.trim().replace(/ /g, "+");
  return verify("paymentRedirect", secret, params);
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
