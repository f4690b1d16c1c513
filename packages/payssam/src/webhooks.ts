// `@payspec/payssam/webhooks`: the callbacks PaySsam POSTs to the partner. The approval sync carries
// no signature: accept it only from PaySsam's published source IPs, and re-read the bill with
// `readBill` before acting on it.
import { PaySpecInboundError, validate } from "@payspec/runtime";
import { callbackSchemas, callbacks, type ApprovalSyncPayload } from "./generated/callbacks.js";

export { PaySpecInboundError, type InboundResult } from "@payspec/runtime";
// Generated as a plain interface (the spec's fields without `apiKey`, open to extra fields) rather than
// `Omit<…> & { … }` over openapi-typescript's `webhooks`, which every consumer program computed again.
export type { ApprovalSyncPayload } from "./generated/callbacks.js";

/**
 * Why a callback was rejected. `invalid-body`: the argument is not a body (text, bytes or a parsed
 * object); `not-json`: it is not JSON; `invalid-payload`: it is not what the spec describes
 * (`error.message` names the field). The same names as in `@payspec/portone/webhooks` and
 * `@payspec/portone-global/webhooks`.
 */
export type ApprovalSyncRejection = "invalid-body" | "not-json" | "invalid-payload";

/**
 * What {@link parseApprovalSync} returns: exactly one of `data` and `error`. Written out rather than
 * `InboundResult<ApprovalSyncPayload, ApprovalSyncRejection>` (the same union): a generic alias is
 * instantiated again in every program that uses it, this one is declared once, under its name.
 */
export type ApprovalSyncResult =
  | { readonly data: ApprovalSyncPayload; readonly error?: undefined }
  | { readonly data?: undefined; readonly error: PaySpecInboundError<ApprovalSyncRejection> };

/** Any key that spells "apiKey" (case, `_`, `-` and spaces ignored), e.g. `APIKEY`, `api_key`, `Api-Key`, `Api Key`. */
const isKeyField = (name: string): boolean => name.toLowerCase().replace(/[\s_-]/g, "") === "apikey";

/** Deeper than any callback PaySsam sends; deeper nesting would overflow the stack of the copy below. */
const MAX_DEPTH = 32;
class TooDeep extends Error {}

/** A copy of a JSON value without any API-key field, at any depth. */
function withoutKeys(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) return value.map((item) => withoutKeys(item, depth + 1));
  // fromEntries defines properties, so a `__proto__` key stays plain data.
  return Object.fromEntries(Object.entries(value).filter(([k]) => !isKeyField(k)).map(([k, v]) => [k, withoutKeys(v, depth + 1)]));
}

/** The body as a JSON value: text and bytes are parsed, a parsed object is taken as it is. */
function jsonBody(body: unknown): { readonly value: unknown } | { readonly reason: "invalid-body" | "not-json"; readonly message: string } {
  let text: string;
  try {
    if (typeof body === "string") text = body;
    else if (ArrayBuffer.isView(body)) text = new TextDecoder().decode(body);
    else if (body instanceof ArrayBuffer) text = new TextDecoder().decode(body);
    else if (typeof body === "object" && body !== null) return { value: body };
    else {
      const got = body === null ? "null" : typeof body;
      return { reason: "invalid-body", message: `pass the request body (string, bytes or the parsed JSON object), got ${got}` };
    }
  } catch {
    return { reason: "invalid-body", message: "the request body could not be read" };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { reason: "not-json", message: "the payload is not JSON" };
  }
}

/**
 * Parses the body of an approval-sync callback: text, bytes (`Uint8Array`, Node's `Buffer`,
 * `ArrayBuffer`) or an already-parsed object (the callback is unsigned, so there are no exact bytes to
 * keep). Every `apiKey` field the provider includes, in any spelling and at any depth, is removed from
 * the returned data. Never throws.
 */
export function parseApprovalSync(body: unknown): ApprovalSyncResult {
  const context = { provider: "payssam", operation: "approvalSync" } as const;
  const json = jsonBody(body);
  if (!("value" in json)) return { error: new PaySpecInboundError(context, json.reason, `approvalSync: ${json.message}`) };
  let clean: unknown;
  try {
    clean = withoutKeys(json.value);
    const issues = validate(callbacks.approvalSync.request, clean, "", callbackSchemas);
    if (issues.length > 0) {
      return { error: new PaySpecInboundError(context, "invalid-payload", `approvalSync: ${issues.map((i) => i.message).join("; ")}`) };
    }
  } catch (error) {
    const message = error instanceof TooDeep ? `the payload is nested deeper than ${MAX_DEPTH} levels` : "the payload could not be read";
    return { error: new PaySpecInboundError(context, "invalid-payload", `approvalSync: ${message}`) };
  }
  return { data: clean as ApprovalSyncPayload };
}

/** The exact reply PaySsam expects to an approval sync (its integration review checks it). */
export function approvalSyncReply(): { code: "0000"; msg: "성공하였습니다." } {
  return { ...callbacks.approvalSync.reply };
}
