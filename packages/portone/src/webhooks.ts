// Receiving PortOne V2 webhooks: Standard Webhooks signature verification with WebCrypto only
// (no `node:` imports, no dependency), and typed parsing of the two payload versions.
import { PaySpecInboundError, type InboundResult } from "@payspec/runtime";
import type { components } from "./generated/components.js";

type Schemas = components["schemas"];

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

/**
 * A webhook of payload version 2024-04-25 (`{ type, timestamp, data }`) with a known `type`; narrow on `type`.
 * The generated union ends in an open case (`type: Unrecognized`) that survives any `type === "…"` check,
 * so `data` would never narrow: it is left out here, and unknown events are reported separately
 * (`version: "unrecognized"`). The known cases are the generated types themselves, not copies made per use,
 * listed rather than computed with `Exclude<Schemas["Webhook"], …>`, which a compiler re-evaluates over the
 * 17 cases in every program that uses it (a type test keeps the list equal to the spec's union).
 */
export type Webhook =
  | Schemas["WebhookTransactionReady"]
  | Schemas["WebhookTransactionPaid"]
  | Schemas["WebhookTransactionVirtualAccountIssued"]
  | Schemas["WebhookTransactionPartialCancelled"]
  | Schemas["WebhookTransactionCancelled"]
  | Schemas["WebhookTransactionFailed"]
  | Schemas["WebhookTransactionPayPending"]
  | Schemas["WebhookTransactionCancelPending"]
  | Schemas["WebhookTransactionDisputeCreated"]
  | Schemas["WebhookTransactionDisputeResolved"]
  | Schemas["WebhookTransactionConfirm"]
  | Schemas["WebhookBillingKeyReady"]
  | Schemas["WebhookBillingKeyIssued"]
  | Schemas["WebhookBillingKeyFailed"]
  | Schemas["WebhookBillingKeyDeleted"]
  | Schemas["WebhookBillingKeyUpdated"];
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

/**
 * Why a webhook was rejected. The last five are the argument checks every payspec inbound verifier
 * shares (same names in `@payspec/portone-global/webhooks` and `@payspec/payssam/webhooks`).
 */
export type WebhookFailure =
  | "missing-header"
  | "malformed-header"
  | "timestamp-too-old"
  | "timestamp-in-future"
  | "no-matching-signature"
  | "not-json"
  | "invalid-secret"
  | "invalid-options"
  | "invalid-headers"
  | "invalid-body";

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

/** A `Headers` object, or a record of header names to values such as Node's `req.headers` (`IncomingHttpHeaders`). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The raw request body: text, or bytes (`Uint8Array`, Node's `Buffer`, any typed array view, `ArrayBuffer`). */
export type WebhookBody = string | Uint8Array | ArrayBufferView | ArrayBuffer;

const KNOWN_TYPES: ReadonlySet<string> = new Set(Object.values(WebhookType));
const OPTION_NAMES: ReadonlySet<string> = new Set(["toleranceSeconds", "now"]);
const encoder = new TextEncoder();
/** Two active secrets per mode are PortOne's limit; a few more allow a rotation across modes, not a list that costs an HMAC each. */
const MAX_SECRETS = 8;
/**
 * `webhook-signature` is bounded before it is split, and so is the number of entries: each entry
 * costs a comparison, and 20,000 entries cost seconds per request before these limits.
 */
const MAX_SIGNATURE_ENTRIES = 16;
const MAX_SIGNATURE_HEADER_LENGTH = 4096;

/**
 * Verifies a PortOne webhook (Standard Webhooks: HMAC-SHA256 over `${id}.${timestamp}.${body}`) and
 * parses the verified body. Pass the raw body exactly as received (text or bytes): an already-parsed
 * object is refused, because the signature is over the exact bytes. Several secrets may be given
 * while one is being rotated. Every argument is checked and a check that cannot run is a refusal
 * (`invalid-secret`, `invalid-options`, `invalid-headers`, `invalid-body`), never skipped. Never throws.
 */
export async function verifyWebhook(
  rawBody: WebhookBody,
  headers: WebhookHeaders,
  secrets: string | readonly string[],
  options: VerifyWebhookOptions = {},
): Promise<WebhookVerification> {
  const secretBytes = readSecrets(secrets as unknown);
  if ("reason" in secretBytes) return fail(secretBytes);
  const settings = readOptions(options as unknown);
  if ("reason" in settings) return fail(settings);
  const body = readBody(rawBody as unknown);
  if (!(body instanceof Uint8Array)) return fail(body);

  const id = readHeader(headers as unknown, "webhook-id");
  if (typeof id !== "string") return fail(id);
  const timestamp = readHeader(headers as unknown, "webhook-timestamp");
  if (typeof timestamp !== "string") return fail(timestamp);
  const signature = readHeader(headers as unknown, "webhook-signature");
  if (typeof signature !== "string") return fail(signature);

  if (!/^[0-9]{1,12}$/.test(timestamp)) {
    return fail({ reason: "malformed-header", message: "webhook-timestamp is not a Unix time in seconds" });
  }
  const seconds = Number(timestamp);
  const { now, tolerance } = settings;
  if (seconds < now - tolerance) {
    return fail({ reason: "timestamp-too-old", message: `webhook-timestamp is ${now - seconds} s old (tolerance ${tolerance} s)` });
  }
  if (seconds > now + tolerance) {
    return fail({ reason: "timestamp-in-future", message: `webhook-timestamp is ${seconds - now} s in the future (tolerance ${tolerance} s)` });
  }

  const candidates = readSignatures(signature);
  if ("reason" in candidates) return fail(candidates);
  const keys = await Promise.all(
    secretBytes.map((bytes) => globalThis.crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"])),
  );

  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  // One HMAC per secret (at most MAX_SECRETS), compared with every candidate without an early exit.
  let matched = false;
  for (const key of keys) {
    const mac = new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", key, signed));
    for (const candidate of candidates) matched = constantTimeEqual(mac, candidate) || matched;
  }
  if (!matched) return fail({ reason: "no-matching-signature", message: "no webhook-signature entry matches the body with the given secret(s)" });

  const json = parseBody(typeof rawBody === "string" ? rawBody : new TextDecoder().decode(body));
  if (json === undefined) return fail({ reason: "not-json", message: "the signature is valid but the body is not JSON" });
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

/** What a value is, for a message: its type, never its content (it may be a secret). */
function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/** The key bytes of each secret; a secret that is missing, empty, not base64 or not a string is refused, never skipped. */
function readSecrets(secrets: unknown): readonly Uint8Array<ArrayBuffer>[] | Failure {
  const list: unknown = typeof secrets === "string" ? [secrets] : secrets;
  if (!Array.isArray(list)) {
    return { reason: "invalid-secret", message: `the webhook secret must be a string or a list of strings, got ${typeName(secrets)}` };
  }
  if (list.length === 0) return { reason: "invalid-secret", message: "no webhook secret given" };
  if (list.length > MAX_SECRETS) return { reason: "invalid-secret", message: `at most ${MAX_SECRETS} webhook secrets, got ${list.length}` };
  const keys: Uint8Array<ArrayBuffer>[] = [];
  for (const [index, secret] of (list as unknown[]).entries()) {
    const bytes = typeof secret === "string" ? decodeBase64(secret.startsWith("whsec_") ? secret.slice(6) : secret) : null;
    if (!bytes || bytes.length === 0) {
      return { reason: "invalid-secret", message: `webhook secret #${index + 1} is not a non-empty base64 string (after an optional whsec_ prefix)` };
    }
    keys.push(bytes);
  }
  return keys;
}

interface Settings {
  /** Unix seconds. */
  readonly now: number;
  readonly tolerance: number;
}

/** The options, checked: a clock that does not tell the time would turn the replay check off. */
function readOptions(options: unknown): Settings | Failure {
  const invalid = (message: string): Failure => ({ reason: "invalid-options", message });
  if (options === undefined) options = {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) return invalid(`options must be an object, got ${typeName(options)}`);
  try {
    const record = options as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !OPTION_NAMES.has(key));
    if (unknown.length > 0) return invalid(`unknown option ${unknown.map((key) => JSON.stringify(key.slice(0, 40))).join(", ")} (known: toleranceSeconds, now)`);
    const tolerance = record["toleranceSeconds"] === undefined ? 300 : record["toleranceSeconds"];
    if (!(typeof tolerance === "number" && Number.isInteger(tolerance) && tolerance >= 0 && tolerance <= 86_400)) {
      return invalid("options.toleranceSeconds must be a whole number of seconds from 0 to 86400");
    }
    const clock = record["now"] === undefined ? Date.now : record["now"];
    if (typeof clock !== "function") return invalid(`options.now must be a function returning milliseconds, like Date.now, got ${typeName(clock)}`);
    const ms: unknown = clock();
    if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
      return invalid(`options.now() must return a finite, non-negative number of milliseconds, like Date.now, got ${typeof ms === "number" ? String(ms) : typeName(ms)}`);
    }
    return { now: Math.floor(ms / 1000), tolerance };
  } catch {
    return invalid("reading the options (or calling options.now) threw");
  }
}

/** The body's bytes. A parsed object is refused with a message that says what to pass instead. */
function readBody(body: unknown): Uint8Array | Failure {
  const invalid = (message: string): Failure => ({ reason: "invalid-body", message });
  try {
    if (typeof body === "string") return encoder.encode(body);
    if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    if (body instanceof ArrayBuffer || Object.prototype.toString.call(body) === "[object ArrayBuffer]") return new Uint8Array(body as ArrayBuffer);
  } catch {
    return invalid("the request body could not be read as bytes");
  }
  if (body === undefined || body === null) return invalid("no request body given: pass the raw request body (string or bytes)");
  if (typeof body === "object") return invalid("pass the raw request body (string or bytes), not a parsed object: the signature is over the exact bytes");
  return invalid(`the request body must be a string or bytes, got ${typeName(body)}`);
}

/**
 * The header's only value, or why there is none. A `Headers` object joins a repeated header with
 * ", ", which none of the three values can contain: such a value is a header that appears twice.
 */
function readHeader(headers: unknown, name: WebhookHeader): string | Failure {
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    return { reason: "invalid-headers", message: `headers must be a Headers object or a record such as Node's req.headers, got ${typeName(headers)}` };
  }
  const malformed: Failure = { reason: "malformed-header", message: `${name} is not a string` };
  const values: string[] = [];
  try {
    const get = (headers as { get?: unknown }).get;
    if (typeof get === "function") {
      const value: unknown = get.call(headers, name);
      if (value !== null && value !== undefined) {
        if (typeof value !== "string") return malformed;
        values.push(...value.split(", "));
      }
    } else {
      const record = headers as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (key.toLowerCase() !== name) continue;
        const value = record[key];
        // Node gives a string, or a string[] for a header that arrived more than once.
        for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
          if (item === undefined) continue;
          if (typeof item !== "string") return malformed;
          values.push(item);
        }
      }
    }
  } catch {
    return { reason: "invalid-headers", message: `reading ${name} from the headers threw` };
  }
  if (values.length > 1) return { reason: "malformed-header", message: `${name} appears more than once` };
  const [value] = values;
  if (value === undefined || value.trim() === "") return { reason: "missing-header", message: `${name} header is missing` };
  return value;
}

/**
 * The v1 signatures of `webhook-signature`. Entries are `<version>,<base64>`; other versions are
 * skipped, as are undecodable v1 entries unless nothing usable is left, which means the header
 * itself is malformed.
 */
function readSignatures(header: string): Uint8Array[] | Failure {
  if (header.length > MAX_SIGNATURE_HEADER_LENGTH) {
    return { reason: "malformed-header", message: `webhook-signature is longer than ${MAX_SIGNATURE_HEADER_LENGTH} characters` };
  }
  const entries = header.split(" ").filter((entry) => entry !== "");
  if (entries.length > MAX_SIGNATURE_ENTRIES) {
    return { reason: "malformed-header", message: `webhook-signature has ${entries.length} entries, more than ${MAX_SIGNATURE_ENTRIES}` };
  }
  const candidates: Uint8Array[] = [];
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
  if (wellFormed === 0) return { reason: "malformed-header", message: "webhook-signature has no entry of the form v1,<base64>" };
  return candidates;
}

/** Compares two byte strings in time that depends only on their lengths. */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0);
  return diff === 0;
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
