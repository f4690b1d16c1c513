// Credentials and the request hash, written once: the operation methods and the openapi-fetch
// middleware (`client.raw`, `createPaySsamFetchClient`) both seal a body with `seal`.
import type { PaySsamOperation } from "./generated/common.js";
import { computeHash } from "./hash.js";

/** What the client is configured with; the only source of the envelope fields. */
export interface Credentials {
  readonly apiKey: string;
  readonly member: string;
  readonly merchant: string;
}

const SOURCE = { apiKey: "apiKey", member: "member", merchant: "merchant", memberId: "member", merchantId: "merchant" } as const;

/**
 * Writes the configured credentials into the envelope fields of `body` (replacing whatever is
 * there) and, where the operation's rule is known and `billId`/`price` are strings, the `hash`
 * into its payload. Returns whether a hash was written.
 */
export async function seal(op: PaySsamOperation, body: Record<string, unknown>, credentials: Credentials): Promise<boolean> {
  for (const field of op.envelope) body[field] = credentials[SOURCE[field]];
  if (op.hashRule !== "three-part" && op.hashRule !== "two-part") return false;
  const payload = op.bodyKey ? body[op.bodyKey] : body;
  if (payload === null || typeof payload !== "object") return false;
  const { billId, price, phone } = payload as Record<string, unknown>;
  if (typeof billId !== "string" || typeof price !== "string") return false;
  (payload as Record<string, unknown>)["hash"] = await computeHash(op.hashRule, { billId, price, phone: typeof phone === "string" ? phone : undefined });
  return true;
}

/** Field names a caller may never pass (any case, `_`/`-` ignored): the client fills them. */
const RESERVED = new Set(["apikey", "member", "merchant", "memberid", "merchantid", "hash"]);

/** Whether an input field name is one of the envelope fields (or the hash) in any spelling. */
export function isReserved(name: string): boolean {
  return RESERVED.has(name.toLowerCase().replace(/[_-]/g, ""));
}
