// The same hostile inbound cases against every verifier of every provider: secrets, clocks, headers
// and bodies of the wrong type or shape. A check that cannot run must be a refusal with the same
// `reason` from each package, never a skipped check and never a throw. A row applies to a verifier
// when the verifier takes what the row changes (PaySsam's callback has no secret and no headers).
import { createHmac } from "node:crypto";
import { verifyWebhook } from "@payspec/portone/webhooks";
import { computeSignature } from "@payspec/portone-global";
import { parseRefundWebhook, verifyPaymentLinkWebhook, verifyPaymentRedirect, verifyPaymentWebhook } from "@payspec/portone-global/webhooks";
import { parseApprovalSync } from "@payspec/payssam/webhooks";
import { PaySpecInboundError, type InboundResult } from "@payspec/runtime";
import { afterAll, describe, expect, it } from "vitest";

/** What a verifier is given; each row changes one part. `undefined` parts are simply not passed on. */
interface Message {
  readonly secret?: unknown;
  readonly headers?: unknown;
  readonly body?: unknown;
  readonly options?: unknown;
}

/** What a verifier takes, besides a body: a row that changes something else applies only where it is taken. */
type Takes = "secret" | "secret-list" | "headers" | "options" | "signature-header" | "bytes" | "json";

interface Verifier {
  readonly provider: "portone" | "portone-global" | "payssam";
  readonly name: string;
  readonly takes: ReadonlySet<Takes>;
  /** The signature is over the exact bytes, so an already-parsed body is refused (PortOne V2 only). */
  readonly rawBodyOnly: boolean;
  /** A valid message; `text` replaces the body (re-signed where the signature covers the bytes). */
  valid(text?: string): Promise<Message>;
  /** The parsed JSON of the valid message's body. */
  readonly parsed: unknown;
  verify(message: Message): Promise<InboundResult<unknown, string>> | InboundResult<unknown, string>;
  /** The reason when the secret is wrong: each provider names its own signature failure. */
  readonly mismatch?: string;
}

type Loose = (...args: unknown[]) => Promise<InboundResult<unknown, string>> | InboundResult<unknown, string>;
const loose = (fn: unknown): Loose => fn as Loose;

// PortOne V2: Standard Webhooks over `${id}.${timestamp}.${body}`.
const PORTONE_KEY = Buffer.from("conformance-webhook-secret-0001").toString("base64");
const PORTONE_SECRET = `whsec_${PORTONE_KEY}`;
const NOW_S = 1_735_794_282;
const PORTONE_EVENT = { type: "Transaction.Paid", timestamp: "2025-01-02T05:04:42.512Z", data: { storeId: "store-1", paymentId: "order-1", transactionId: "tx-1" } };
const portoneHeaders = (text: string, key = PORTONE_KEY) => ({
  "webhook-id": "msg_conformance",
  "webhook-timestamp": String(NOW_S),
  "webhook-signature": `v1,${createHmac("sha256", Buffer.from(key, "base64")).update(`msg_conformance.${NOW_S}.${text}`).digest("base64")}`,
});

// PortOne Global: signature_hash over fields.
const GLOBAL_SECRET = "PORTONE_SECRET";
const globalSigned = async (message: Parameters<typeof computeSignature>[1], fields: Record<string, unknown>) => ({
  ...fields,
  signature_hash: await computeSignature(GLOBAL_SECRET, message, fields),
});
const PAYMENT = await globalSigned("PaymentWebhook", {
  order_ref: "2xJ7kQ9mVbN3pL5rT8wZ1cY4dF6", channel_order_ref: "INIpayTest20250601001", merchant_order_ref: "ORDER-1002", status: "Success",
  amount: 15000, currency: "KRW", country_code: "KR", channel_key: "PORTONE_KR", method_name: "KakaoPay",
});
const PAYMENT_LINK = await globalSigned("PaymentLinkWebhook", { link_ref: "LINK-1", merchant_order_ref: "ORDER-1003", status: "Success", amount: 25000, currency: "KRW", countryCode: "KR" });
const REDIRECT = await globalSigned("PaymentRedirect", { order_ref: "ORD-1", channel_order_ref: "CH-1", merchant_order_ref: "ORDER-1004", status: "Success", amount: "15000", currency: "KRW" });
const REFUND = { refund_id: "RF-1", refund_status: "Success", payment_txn_ref: "ORD-1", amount: 15000, currency: "KRW" };

// PaySsam: the approval sync is unsigned.
const APPROVAL = { billId: "PS20261122001", apprState: "F", apprPrice: "45000", apprNum: "30012345", apprDt: "20261122143015", apprIssuer: "현대카드" };

const json = (fields: unknown) => async (text?: string) => ({ secret: GLOBAL_SECRET, body: text ?? JSON.stringify(fields) });
const verifiers: readonly Verifier[] = [
  {
    provider: "portone",
    name: "verifyWebhook",
    takes: new Set(["secret", "secret-list", "headers", "options", "signature-header", "bytes", "json"]),
    rawBodyOnly: true,
    parsed: PORTONE_EVENT,
    valid: async (text = JSON.stringify(PORTONE_EVENT)) => ({ secret: PORTONE_SECRET, headers: portoneHeaders(text), body: text, options: { now: () => NOW_S * 1000 } }),
    verify: (m) => loose(verifyWebhook)(m.body, m.headers, m.secret, m.options),
    mismatch: "no-matching-signature",
  },
  {
    provider: "portone-global",
    name: "verifyPaymentWebhook",
    takes: new Set(["secret", "bytes", "json"]),
    rawBodyOnly: false,
    parsed: PAYMENT,
    valid: json(PAYMENT),
    verify: (m) => loose(verifyPaymentWebhook)(m.secret, m.body),
    mismatch: "mismatch",
  },
  {
    provider: "portone-global",
    name: "verifyPaymentLinkWebhook",
    takes: new Set(["secret", "bytes", "json"]),
    rawBodyOnly: false,
    parsed: PAYMENT_LINK,
    valid: json(PAYMENT_LINK),
    verify: (m) => loose(verifyPaymentLinkWebhook)(m.secret, m.body),
    mismatch: "mismatch",
  },
  {
    provider: "portone-global",
    name: "verifyPaymentRedirect",
    takes: new Set(["secret"]),
    rawBodyOnly: false,
    parsed: REDIRECT,
    valid: async (text) => ({ secret: GLOBAL_SECRET, body: text ?? new URLSearchParams(REDIRECT as Record<string, string>).toString() }),
    verify: (m) => loose(verifyPaymentRedirect)(m.secret, m.body),
    mismatch: "mismatch",
  },
  {
    provider: "portone-global",
    name: "parseRefundWebhook",
    takes: new Set(["bytes", "json"]),
    rawBodyOnly: false,
    parsed: REFUND,
    valid: async (text) => ({ body: text ?? JSON.stringify(REFUND) }),
    verify: (m) => loose(parseRefundWebhook)(m.body),
  },
  {
    provider: "payssam",
    name: "parseApprovalSync",
    takes: new Set(["bytes", "json"]),
    rawBodyOnly: false,
    parsed: APPROVAL,
    valid: async (text) => ({ body: text ?? JSON.stringify(APPROVAL) }),
    verify: (m) => loose(parseApprovalSync)(m.body),
  },
];

interface InboundCase {
  readonly name: string;
  /** The row applies to verifiers that take this; every verifier takes a body. */
  readonly needs?: Takes;
  readonly change: (valid: Message, v: Verifier) => Message | Promise<Message>;
  /** `"data"`, or the `reason` every verifier it applies to must give. */
  readonly expected: string | ((v: Verifier) => string);
  /** An upper bound on the time the verifier may take, for the rows that used to cost seconds. */
  readonly withinMs?: number;
}

const bytesOf = (m: Message) => new TextEncoder().encode(m.body as string);
const signatureFlood = (m: Message, count: number, entry: (i: number) => string) => {
  const headers = m.headers as Record<string, string>;
  return { ...m, headers: { ...headers, "webhook-signature": [...Array.from({ length: count - 1 }, (_, i) => entry(i)), headers["webhook-signature"]].join(" ") } };
};
const ALL = ["secret", "secret-list", "headers", "options", "signature-header", "bytes", "json"] as const;

const cases: readonly InboundCase[] = [
  { name: "a valid message (control)", change: (m) => m, expected: "data" },
  { name: "the secret is undefined (an unset environment variable)", needs: "secret", change: (m) => ({ ...m, secret: undefined }), expected: "invalid-secret" },
  { name: "the secret is an empty string", needs: "secret", change: (m) => ({ ...m, secret: "" }), expected: "invalid-secret" },
  { name: "the secret is blank", needs: "secret", change: (m) => ({ ...m, secret: "   " }), expected: "invalid-secret" },
  { name: "the secret is a number", needs: "secret", change: (m) => ({ ...m, secret: 42 }), expected: "invalid-secret" },
  { name: "the secret is null", needs: "secret", change: (m) => ({ ...m, secret: null }), expected: "invalid-secret" },
  { name: "the secret is an object", needs: "secret", change: (m) => ({ ...m, secret: { secret: m.secret } }), expected: "invalid-secret" },
  { name: "nine secrets (more than the cap of 8)", needs: "secret", change: (m) => ({ ...m, secret: Array.from({ length: 9 }, () => m.secret) }), expected: "invalid-secret" },
  { name: "a list with one non-string secret", needs: "secret-list", change: (m) => ({ ...m, secret: [m.secret, 42] }), expected: "invalid-secret" },
  { name: "the wrong secret", needs: "secret", change: (m, v) => ({ ...m, secret: v.provider === "portone" ? `whsec_${Buffer.from("another-secret").toString("base64")}` : "ANOTHER_SECRET" }), expected: (v) => v.mismatch ?? "" },
  { name: "headers undefined", needs: "headers", change: (m) => ({ ...m, headers: undefined }), expected: "invalid-headers" },
  { name: "headers null", needs: "headers", change: (m) => ({ ...m, headers: null }), expected: "invalid-headers" },
  { name: "headers a number", needs: "headers", change: (m) => ({ ...m, headers: 42 }), expected: "invalid-headers" },
  { name: "headers a string", needs: "headers", change: (m) => ({ ...m, headers: "webhook-id: msg_conformance" }), expected: "invalid-headers" },
  { name: "headers as [name, value] pairs", needs: "headers", change: (m) => ({ ...m, headers: Object.entries(m.headers as object) }), expected: "invalid-headers" },
  { name: "a header value that is a number", needs: "headers", change: (m) => ({ ...m, headers: { ...(m.headers as object), "webhook-id": 42 } }), expected: "malformed-header" },
  { name: "a header value that is an object", needs: "headers", change: (m) => ({ ...m, headers: { ...(m.headers as object), "webhook-timestamp": { s: NOW_S } } }), expected: "malformed-header" },
  { name: "a header given twice (string[])", needs: "headers", change: (m) => ({ ...m, headers: { ...(m.headers as Record<string, string>), "webhook-id": ["a", "b"] } }), expected: "malformed-header" },
  { name: "a Headers object", needs: "headers", change: (m) => ({ ...m, headers: new Headers(m.headers as Record<string, string>) }), expected: "data" },
  {
    name: "Node's IncomingHttpHeaders (string[] values, mixed case)",
    needs: "headers",
    change: (m) => {
      const h = m.headers as Record<string, string>;
      return { ...m, headers: { "Webhook-Id": h["webhook-id"], "webhook-timestamp": [h["webhook-timestamp"]], "webhook-signature": h["webhook-signature"], "set-cookie": ["a=1", "b=2"], host: undefined } };
    },
    expected: "data",
  },
  { name: "the body already parsed (express.json())", change: (_m, v) => ({ ..._m, body: v.parsed }), expected: (v) => (v.rawBodyOnly ? "invalid-body" : "data") },
  { name: "the body undefined", change: (m) => ({ ...m, body: undefined }), expected: "invalid-body" },
  { name: "the body null", change: (m) => ({ ...m, body: null }), expected: "invalid-body" },
  { name: "the body a number", change: (m) => ({ ...m, body: 42 }), expected: "invalid-body" },
  { name: "the body a boolean", change: (m) => ({ ...m, body: true }), expected: "invalid-body" },
  { name: "the body a Uint8Array", needs: "bytes", change: (m) => ({ ...m, body: bytesOf(m) }), expected: "data" },
  { name: "the body an ArrayBuffer", needs: "bytes", change: (m) => ({ ...m, body: bytesOf(m).buffer }), expected: "data" },
  { name: "the body a Buffer", needs: "bytes", change: (m) => ({ ...m, body: Buffer.from(m.body as string) }), expected: "data" },
  { name: "the body a DataView", needs: "bytes", change: (m) => ({ ...m, body: new DataView(bytesOf(m).buffer) }), expected: "data" },
  { name: "a (signed) body that is not JSON", needs: "json", change: (_m, v) => v.valid("<html>502</html>"), expected: "not-json" },
  { name: "now() returns NaN", needs: "options", change: (m) => ({ ...m, options: { now: () => Number.NaN } }), expected: "invalid-options" },
  { name: "now() returns undefined", needs: "options", change: (m) => ({ ...m, options: { now: () => undefined } }), expected: "invalid-options" },
  { name: "now() returns Infinity", needs: "options", change: (m) => ({ ...m, options: { now: () => Number.POSITIVE_INFINITY } }), expected: "invalid-options" },
  { name: "now is not a function", needs: "options", change: (m) => ({ ...m, options: { now: NOW_S * 1000 } }), expected: "invalid-options" },
  { name: "now() throws", needs: "options", change: (m) => ({ ...m, options: { now: () => { throw new Error("clock"); } } }), expected: "invalid-options" },
  { name: "toleranceSeconds NaN", needs: "options", change: (m) => ({ ...m, options: { ...(m.options as object), toleranceSeconds: Number.NaN } }), expected: "invalid-options" },
  { name: "an unknown option (a typo)", needs: "options", change: (m) => ({ ...m, options: { ...(m.options as object), tolerance: 60 } }), expected: "invalid-options" },
  { name: "options null", needs: "options", change: (m) => ({ ...m, options: null }), expected: "invalid-options" },
  {
    name: "16 signature entries, the last one valid (at the cap)",
    needs: "signature-header",
    change: (m) => signatureFlood(m, 16, (i) => `v1,${Buffer.alloc(32, i).toString("base64")}`),
    expected: "data",
  },
  { name: "17 signature entries", needs: "signature-header", change: (m) => signatureFlood(m, 17, (i) => `v1,${Buffer.alloc(32, i).toString("base64")}`), expected: "malformed-header" },
  { name: "20,000 v1 entries (cost 1.9 s of HMAC)", needs: "signature-header", change: (m) => signatureFlood(m, 20_000, () => "v1,AAAA"), expected: "malformed-header", withinMs: 500 },
];

const counts: Record<string, { cases: number; refused: number }> = Object.fromEntries(verifiers.map((v) => [v.provider, { cases: 0, refused: 0 }]));
afterAll(() => {
  const lines = Object.entries(counts).map(([name, n]) => `  ${name.padEnd(15)} ${n.cases} cases, ${n.refused} refused with a reason`);
  console.log(`conformance (inbound verification):\n${lines.join("\n")}`);
});

describe.each(verifiers)("$provider $name", (verifier) => {
  const applicable = cases.filter((c) => c.needs === undefined || verifier.takes.has(c.needs));
  it.each(applicable)("$name", async (row) => {
    const message = await row.change(await verifier.valid(), verifier);
    const expected = typeof row.expected === "function" ? row.expected(verifier) : row.expected;
    const started = performance.now();
    let result: InboundResult<unknown, string>;
    try {
      result = await verifier.verify(message);
    } catch (error) {
      throw new Error(`${verifier.name} threw on "${row.name}" (verifiers never throw): ${String(error)}`);
    }
    if (row.withinMs !== undefined) expect(performance.now() - started).toBeLessThan(row.withinMs);
    counts[verifier.provider]!.cases++;
    if (expected === "data") {
      expect(result.error).toBeUndefined();
      expect(result.data).toBeDefined();
      return;
    }
    counts[verifier.provider]!.refused++;
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(PaySpecInboundError);
    expect(result.error).toMatchObject({ kind: "inbound", provider: verifier.provider, reason: expected });
    // A refusal never echoes a secret it was given.
    for (const secret of [PORTONE_SECRET, PORTONE_KEY, GLOBAL_SECRET]) expect(`${result.error?.message} ${JSON.stringify(result.error)}`).not.toContain(secret);
  });
});

it("every case applies to at least one verifier, and every capability a verifier declares is exercised", () => {
  for (const row of cases) expect(verifiers.some((v) => row.needs === undefined || v.takes.has(row.needs)), row.name).toBe(true);
  for (const take of ALL) expect(cases.some((c) => c.needs === take), take).toBe(true);
});
