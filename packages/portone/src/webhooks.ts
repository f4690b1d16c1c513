// Receiving PortOne V2 webhooks: Standard Webhooks signature verification with WebCrypto only
// (no `node:` imports, no dependency), and typed parsing of the two payload versions.
import { PaySpecInboundError, type InboundResult } from "@payspec/runtime";
import type { components } from "./generated/openapi.js";
import type { Unrecognized } from "./generated/operations.js";

type Schemas = components["schemas"];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
// The generated union ends in an open case (`type: Unrecognized`) that survives any `type === "…"`
// check, so `data` would never narrow. Here the known events keep their literal `type`, and unknown
// events are reported separately (`version: "unrecognized"`).
type KnownEvent<M> = M extends { type: infer T } ? Simplify<Omit<M, "type"> & { readonly type: Exclude<T, Unrecognized> }> : never;

/** Event types of payload version 2024-04-25 that this package knows. PortOne may add more at any time. */
export const WebhookType = {
  TransactionReady: "Transaction.Ready",
  TransactionPaid: "Transaction.Paid",
  TransactionVirtualAccountIssued: "Transaction.VirtualAccountIssued",
  TransactionPartialCancelled: "Transaction.PartialCancelled",
  TransactionCancelled: "Transaction.Cancelled",
  TransactionFailed: "Transaction.Failed",
  TransactionPayPending: "Transaction.PayPending",
  TransactionCancelPending: "Transaction.CancelPending",
  TransactionDisputeCreated: "Transaction.DisputeCreated",
  TransactionDisputeResolved: "Transaction.DisputeResolved",
  TransactionConfirm: "Transaction.Confirm",
  BillingKeyReady: "BillingKey.Ready",
  BillingKeyIssued: "BillingKey.Issued",
  BillingKeyFailed: "BillingKey.Failed",
  BillingKeyDeleted: "BillingKey.Deleted",
  BillingKeyUpdated: "BillingKey.Updated",
} as const;
export type WebhookType = (typeof WebhookType)[keyof typeof WebhookType];

/** A webhook of payload version 2024-04-25 (`{ type, timestamp, data }`) with a known `type`; narrow on `type`. */
export type Webhook = KnownEvent<Exclude<Schemas["Webhook"], { readonly type: Unrecognized; readonly [field: string]: unknown }>>;
/** The webhook of one event type, e.g. `WebhookOf<"Transaction.Paid">`. */
export type WebhookOf<T extends WebhookType> = Extract<Webhook, { readonly type: T }>;
/** A webhook of the legacy payload version 2024-01-01 (`{ payment_id, tx_id, status }`). */
export type LegacyWebhook = Schemas["LegacyWebhook"];
export type LegacyWebhookStatus = Schemas["LegacyWebhookStatus"];

/**
 * A webhook body sorted by shape. `"unrecognized"` is a body of an event type or a payload version
 * this package does not know, kept as received: PortOne asks receivers to acknowledge and ignore it.
 */
export type ParsedWebhook =
  | { readonly version: "2024-04-25"; readonly payload: Webhook }
  | { readonly version: "2024-01-01"; readonly payload: LegacyWebhook }
  | { readonly version: "unrecognized"; readonly payload: unknown };

export type WebhookHeader = "webhook-id" | "webhook-timestamp" | "webhook-signature";

/** Why a webhook was rejected. */
export type WebhookFailure =
  | "missing-header"
  | "malformed-header"
  | "timestamp-too-old"
  | "timestamp-in-future"
  | "no-matching-signature"
  | "invalid-secret"
  | "invalid-options"
  | "invalid-json";

/** A verified webhook: its parsed payload, `webhook-id` (the same on every retry: de-duplicate with it) and `webhook-timestamp` (Unix seconds). */
export type VerifiedWebhook = ParsedWebhook & { readonly webhookId: string; readonly timestamp: number };

/** `{ data }` for a verified webhook, `{ error }` (a `PaySpecInboundError` with `reason`) otherwise: the same shape as every payspec inbound check. */
export type WebhookVerification = InboundResult<VerifiedWebhook, WebhookFailure>;

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, either way, in seconds (default 300). */
  readonly toleranceSeconds?: number;
  /** The current time in milliseconds, like `Date.now` (the default). */
  readonly now?: () => number;
}

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

const KNOWN_TYPES: ReadonlySet<string> = new Set(Object.values(WebhookType));
const encoder = new TextEncoder();

/**
 * Verifies a PortOne webhook (Standard Webhooks: HMAC-SHA256 over `${id}.${timestamp}.${body}`) and
 * parses the verified body. Pass the raw body exactly as received. Several secrets may be given while
 * one is being rotated. Never throws for bad input: the result says what is wrong.
 */
export async function verifyWebhook(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  secrets: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<WebhookVerification> {
  const list: readonly unknown[] = typeof secrets === "string" ? [secrets] : Array.isArray(secrets) ? secrets : [];
  if (list.length === 0) return fail({ reason: "invalid-secret", message: "no webhook secret given" });
  const keys: CryptoKey[] = [];
  for (const [index, secret] of list.entries()) {
    const bytes = typeof secret === "string" ? decodeBase64(secret.startsWith("whsec_") ? secret.slice(6) : secret) : null;
    if (!bytes || bytes.length === 0) {
      return fail({ reason: "invalid-secret", message: `webhook secret #${index + 1} is not a non-empty base64 string (after an optional whsec_ prefix)` });
    }
    keys.push(await globalThis.crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]));
  }

  const id = readHeader(headers, "webhook-id");
  if (typeof id !== "string") return fail(id);
  const timestamp = readHeader(headers, "webhook-timestamp");
  if (typeof timestamp !== "string") return fail(timestamp);
  const signature = readHeader(headers, "webhook-signature");
  if (typeof signature !== "string") return fail(signature);

  if (!/^[0-9]+$/.test(timestamp)) {
    return fail({ reason: "malformed-header", message: "webhook-timestamp is not a Unix time in seconds" });
  }
  const seconds = Number(timestamp);
  const now = Math.floor((options.now ?? Date.now)() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (!(typeof tolerance === "number" && Number.isInteger(tolerance) && tolerance >= 0 && tolerance <= 86_400)) {
    return fail({ reason: "invalid-options", message: "options.toleranceSeconds must be a whole number of seconds from 0 to 86400" });
  }
  if (seconds < now - tolerance) {
    return fail({ reason: "timestamp-too-old", message: `webhook-timestamp is ${now - seconds} s old (tolerance ${tolerance} s)` });
  }
  if (seconds > now + tolerance) {
    return fail({ reason: "timestamp-in-future", message: `webhook-timestamp is ${seconds - now} s in the future (tolerance ${tolerance} s)` });
  }

  // Entries are `<version>,<base64>`; other versions are skipped, as are undecodable v1 entries
  // unless nothing usable is left, which means the header itself is malformed.
  const entries = signature.split(" ").filter((entry) => entry !== "");
  const candidates: Uint8Array<ArrayBuffer>[] = [];
  let wellFormed = 0;
  for (const entry of entries) {
    const comma = entry.indexOf(",");
    if (comma <= 0) continue;
    if (entry.slice(0, comma) !== "v1") {
      wellFormed++;
      continue;
    }
    const bytes = decodeBase64(entry.slice(comma + 1));
    if (bytes) {
      wellFormed++;
      candidates.push(bytes);
    }
  }
  if (wellFormed === 0) {
    return fail({ reason: "malformed-header", message: "webhook-signature has no entry of the form v1,<base64>" });
  }

  const body = typeof rawBody === "string" ? encoder.encode(rawBody) : rawBody;
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  // crypto.subtle.verify compares in constant time.
  let matched = false;
  for (const key of keys) {
    for (const candidate of candidates) matched ||= await globalThis.crypto.subtle.verify("HMAC", key, candidate, signed);
  }
  if (!matched) return fail({ reason: "no-matching-signature", message: "no webhook-signature entry matches the body with the given secret(s)" });

  const json = parseBody(typeof rawBody === "string" ? rawBody : new TextDecoder().decode(rawBody));
  if (json === undefined) return fail({ reason: "invalid-json", message: "the signature is valid but the body is not JSON" });
  return { data: { ...parseWebhookPayload(json), webhookId: id, timestamp: seconds } };
}

/**
 * Sorts an already verified, JSON-parsed webhook body by shape: `{ type, timestamp, data }` with a
 * known `type` is version 2024-04-25, `{ payment_id, tx_id, status }` is version 2024-01-01, and
 * anything else is `"unrecognized"`. Unknown fields are kept. The fields inside `data` are not
 * checked, so that an event PortOne sent is never dropped for a field the docs describe loosely.
 */
export function parseWebhookPayload(json: unknown): ParsedWebhook {
  if (isRecord(json)) {
    if (typeof json["type"] === "string" && KNOWN_TYPES.has(json["type"]) && typeof json["timestamp"] === "string" && isRecord(json["data"])) {
      return { version: "2024-04-25", payload: json as Webhook };
    }
    if (typeof json["payment_id"] === "string" && typeof json["tx_id"] === "string" && typeof json["status"] === "string") {
      return { version: "2024-01-01", payload: json as LegacyWebhook };
    }
  }
  return { version: "unrecognized", payload: json };
}

interface Failure {
  readonly reason: WebhookFailure;
  readonly message: string;
}

function fail(failure: Failure): WebhookVerification {
  return { error: new PaySpecInboundError({ provider: "portone", operation: "verifyWebhook" }, failure.reason, failure.message) };
}

/**
 * The header's only value, or why there is none. A `Headers` object joins a repeated header with
 * ", ", which none of the three values can contain: such a value is a header that appears twice.
 */
function readHeader(headers: WebhookHeaders, name: WebhookHeader): string | Failure {
  let values: string[];
  if (typeof (headers as Headers).get === "function") {
    const value = (headers as Headers).get(name);
    values = value === null ? [] : value.split(", ");
  } else {
    const record = headers as Record<string, string | string[] | undefined>;
    values = Object.keys(record)
      .filter((key) => key.toLowerCase() === name)
      .flatMap((key) => record[key] ?? []);
  }
  if (values.length > 1) return { reason: "malformed-header", message: `${name} appears more than once` };
  const [value] = values;
  if (value === undefined || value.trim() === "") return { reason: "missing-header", message: `${name} header is missing` };
  return value;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** JSON, or a legacy (2024-01-01) body sent form-encoded, as the console allows; undefined if neither. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const form = new URLSearchParams(text);
    if (!form.has("payment_id") || !form.has("tx_id") || !form.has("status")) return undefined;
    const fields: Record<string, string> = {};
    form.forEach((value, key) => (fields[key] = value));
    return fields;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
