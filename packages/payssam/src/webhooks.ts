// `@payspec/payssam/webhooks`: the callbacks PaySsam POSTs to the partner. The approval sync carries
// no signature: accept it only from PaySsam's published source IPs, and re-read the bill with
// `readBill` before acting on it.
import { PaySpecInboundError, validate, type InboundResult } from "@payspec/runtime";
import type { webhooks } from "./generated/openapi.js";
import { callbackSchemas, callbacks } from "./generated/operations.js";

export { PaySpecInboundError, type InboundResult } from "@payspec/runtime";

type CallbackBody<K extends keyof webhooks> = webhooks[K] extends {
  post: { requestBody?: { content: { "application/json": infer B } } };
}
  ? B
  : never;

/** A payment-approval sync payload, without any API key. Unknown extra fields are kept as sent. */
export type ApprovalSyncPayload = Omit<CallbackBody<"approvalSync">, "apiKey"> & { readonly [extra: string]: unknown };

/** Why a callback was rejected: not JSON, or not what the spec describes (`error.message` names the field). */
export type ApprovalSyncRejection = "not-json" | "invalid";

/** Any key that spells "apiKey" (case, `_`, `-` and spaces ignored), e.g. `APIKEY`, `api_key`, `Api-Key`. */
const isKeyField = (name: string): boolean => name.toLowerCase().replace(/[\s_-]/g, "") === "apikey";

/** A copy of a JSON value without any API-key field, at any depth. */
function withoutKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutKeys);
  if (value === null || typeof value !== "object") return value;
  // fromEntries defines properties, so a `__proto__` key stays plain data.
  return Object.fromEntries(Object.entries(value).filter(([k]) => !isKeyField(k)).map(([k, v]) => [k, withoutKeys(v)]));
}

/**
 * Parses the body of an approval-sync callback (a JSON string, bytes, or an already-parsed object).
 * Never throws. Every `apiKey` field the provider includes, in any spelling and at any depth, is
 * removed from the returned data.
 */
export function parseApprovalSync(body: unknown): InboundResult<ApprovalSyncPayload, ApprovalSyncRejection> {
  const context = { provider: "payssam", operation: "approvalSync" } as const;
  let value: unknown = body;
  try {
    if (body instanceof Uint8Array) value = new TextDecoder().decode(body);
    if (typeof value === "string") value = JSON.parse(value);
  } catch {
    return { error: new PaySpecInboundError(context, "not-json", "approvalSync: the payload is not JSON") };
  }
  const clean = withoutKeys(value);
  const issues = validate(callbacks.approvalSync.request, clean, "", callbackSchemas);
  if (issues.length > 0) {
    return { error: new PaySpecInboundError(context, "invalid", `approvalSync: ${issues.map((i) => i.message).join("; ")}`) };
  }
  return { data: clean as ApprovalSyncPayload };
}

/** The exact reply PaySsam expects to an approval sync (its integration review checks it). */
export function approvalSyncReply(): { code: "0000"; msg: "성공하였습니다." } {
  return { ...callbacks.approvalSync.reply };
}
