// Callbacks PaySsam POSTs to the partner. The approval sync carries no signature: accept it only
// from PaySsam's published source IPs, and re-read the bill with `readBill` before acting on it.
import type { webhooks } from "./generated/openapi.js";
import { callbacks } from "./generated/operations.js";
import { validate, type RequestSchema, type ValidationIssue } from "@payspec/runtime";

type CallbackBody<K extends keyof webhooks> = webhooks[K] extends {
  post: { requestBody?: { content: { "application/json": infer B } } };
}
  ? B
  : never;

/** A payment-approval sync payload. Unknown extra fields are kept as sent. */
export type ApprovalSyncPayload = CallbackBody<"approvalSync"> & { readonly [extra: string]: unknown };

/** The payload did not match the spec; `issues` names each field and rule. */
export class PaySsamCallbackError extends Error {
  readonly kind = "callback";
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[], message?: string) {
    super(message ?? `approval sync payload is invalid: ${issues.map((i) => i.message).join("; ")}`);
    this.issues = issues;
  }
  override get name(): string {
    return "PaySsamCallbackError";
  }
}

export type ParseResult<T> = { readonly ok: true; readonly payload: T } | { readonly ok: false; readonly error: PaySsamCallbackError };

/**
 * Parses the body of an approval-sync callback (a JSON string, bytes, or an already-parsed object).
 * Never throws. Any `apiKey` field the provider includes is removed from the returned payload.
 */
export function parseApprovalSync(body: unknown): ParseResult<ApprovalSyncPayload> {
  let value: unknown = body;
  if (body instanceof Uint8Array) value = new TextDecoder().decode(body);
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, error: new PaySsamCallbackError([], "approval sync payload is not JSON") };
    }
  }
  const issues = validate(callbacks.approvalSync.request as RequestSchema, value);
  if (issues.length > 0) return { ok: false, error: new PaySsamCallbackError(issues) };
  const { apiKey: _dropped, ...payload } = value as Record<string, unknown>;
  return { ok: true, payload: payload as ApprovalSyncPayload };
}

/** The exact reply PaySsam expects to an approval sync (its integration review checks it). */
export function approvalSyncReply(): typeof callbacks.approvalSync.reply {
  return structuredClone(callbacks.approvalSync.reply);
}
