// What PortOne sends to the merchant: the payment redirect (query of success_url / failure_url)
// and the webhooks. Signed messages are checked against `signature_hash` over the spec's field
// list; every payload is checked against its schema. Nothing here throws.
import type { components } from "./generated/openapi.js";
import { inbound } from "./generated/operations.js";
import { checkSignature, type SignatureFailure } from "./signature.js";
import { validate, type RequestSchema, type ValidationIssue } from "@payspec/runtime";

type Open<T> = T & { readonly [extra: string]: unknown };
/** A payment webhook body; fields the spec does not list are kept as sent. */
export type PaymentWebhookPayload = Open<components["schemas"]["PaymentWebhook"]>;
/** A payment-link webhook body (note camelCase `countryCode`, signed as `country_code`). */
export type PaymentLinkWebhookPayload = Open<components["schemas"]["PaymentLinkWebhook"]>;
/** A refund webhook body. It carries no signature: re-read the refund with `listRefunds` before acting. */
export type RefundWebhookPayload = Open<components["schemas"]["RefundWebhook"]>;
/** The signed query parameters of a payment redirect, all strings. */
export type PaymentRedirectParams = Open<components["schemas"]["PaymentRedirect"]>;

export type InboundFailure = "not-json" | "invalid-payload" | SignatureFailure;

/** The payload could not be trusted; `reason` says why, `issues` lists schema problems. */
export class PortOneGlobalInboundError extends Error {
  readonly kind = "inbound";
  readonly reason: InboundFailure;
  readonly issues: readonly ValidationIssue[];
  constructor(what: string, reason: InboundFailure, issues: readonly ValidationIssue[] = []) {
    const detail = {
      "not-json": "is not JSON",
      "invalid-payload": `is invalid: ${issues.map((i) => i.message).join("; ")}`,
      "missing-signature": "carries no signature_hash",
      mismatch: "has a signature_hash that does not match its fields (wrong secret, or the payload was altered)",
    }[reason];
    super(`${what} ${detail}`);
    this.reason = reason;
    this.issues = issues;
  }
  override get name(): string {
    return "PortOneGlobalInboundError";
  }
}

export type InboundResult<T> =
  | { readonly ok: true; readonly payload: T; readonly error?: undefined }
  | { readonly ok: false; readonly error: PortOneGlobalInboundError; readonly payload?: undefined };

/** A redirect's query: a URL, a query string, `URLSearchParams`, or a framework's parsed query object. */
export type RedirectInput = string | URL | URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

function parseJson(body: unknown): { ok: true; value: unknown } | { ok: false } {
  let value = body;
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) value = new TextDecoder().decode(value);
  if (typeof value !== "string") return { ok: true, value };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

/** Schema problems that make a payload unusable. Unknown enum values pass: a newer PortOne may add statuses. */
function problems(schema: RequestSchema, value: unknown): ValidationIssue[] {
  return validate(schema, value).filter((issue) => issue.rule !== "enum");
}

async function verifyInbound<T>(
  what: string,
  name: keyof typeof inbound,
  secret: string | undefined,
  value: unknown,
): Promise<InboundResult<T>> {
  try {
    const entry = inbound[name];
    const issues = problems(entry.payload as RequestSchema, value);
    if (issues.length > 0) return { ok: false, error: new PortOneGlobalInboundError(what, "invalid-payload", issues) };
    if (entry.signature !== null && secret !== undefined) {
      const check = await checkSignature(secret, entry.signature, value as Record<string, unknown>);
      if (!check.valid) return { ok: false, error: new PortOneGlobalInboundError(what, check.reason) };
    }
    return { ok: true, payload: value as T };
  } catch {
    return { ok: false, error: new PortOneGlobalInboundError(what, "invalid-payload") };
  }
}

function fromJson<T>(what: string, name: keyof typeof inbound, secret: string | undefined, body: unknown): Promise<InboundResult<T>> {
  const parsed = parseJson(body);
  if (!parsed.ok) return Promise.resolve({ ok: false, error: new PortOneGlobalInboundError(what, "not-json") });
  return verifyInbound<T>(what, name, secret, parsed.value);
}

/** Verifies a payment webhook body (JSON text, bytes, or parsed) against `signature_hash`, then its schema. */
export function verifyPaymentWebhook(secret: string, body: unknown): Promise<InboundResult<PaymentWebhookPayload>> {
  return fromJson("payment webhook", "payment", secret, body);
}

/** Verifies a payment-link webhook body. */
export function verifyPaymentLinkWebhook(secret: string, body: unknown): Promise<InboundResult<PaymentLinkWebhookPayload>> {
  return fromJson("payment-link webhook", "paymentLink", secret, body);
}

/** Parses a refund webhook body. It is unsigned: treat it as a hint and re-read the refund. */
export function parseRefundWebhook(body: unknown): Promise<InboundResult<RefundWebhookPayload>> {
  return fromJson("refund webhook", "refund", undefined, body);
}

/**
 * Verifies the query of a buyer sent back to `success_url` / `failure_url`. The signature covers
 * `channel_order_ref`, `merchant_order_ref`, `order_ref` and `status` only: compare `amount` and
 * `currency` with your order record yourself.
 */
export function verifyPaymentRedirect(secret: string, query: RedirectInput): Promise<InboundResult<PaymentRedirectParams>> {
  let params: Record<string, string>;
  try {
    params = queryRecord(query);
  } catch {
    return Promise.resolve({ ok: false, error: new PortOneGlobalInboundError("payment redirect", "invalid-payload") });
  }
  return verifyInbound("payment redirect", "paymentRedirect", secret, params);
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
    if (!(key in out)) out[key] = value;
  });
  return out;
}
