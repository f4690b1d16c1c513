// Hostile success bodies, the same table against every client: a 2xx is `data` only when it is what
// the spec promises. Each row expects the same `kind` and `reason` from every provider and counts the
// requests that reached the server (an answer the client cannot use was still sent: never `validation`).
import { createPaySsamClient } from "@payspec/payssam";
import { createPortOneClient } from "@payspec/portone";
import { createPortOneGlobalClient } from "@payspec/portone-global";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnyResult, Untyped } from "./providers.js";
import { startFaultServer, type FaultServer } from "./server.js";

type Call = (baseUrl: string) => Promise<AnyResult>;

interface Target {
  readonly name: "portone" | "payssam" | "portone-global";
  readonly secret: string;
  /** A read whose success body is `wrap(payload)`. */
  readonly read: Call;
  /** A write (money moves): its answer must never be called "nothing was sent". */
  readonly write: Call;
  /** The object the read's shape is about (PortOne: the body; PaySsam: `data`; Global: `content`), valid. */
  readonly payload: Record<string, unknown>;
  /** The whole body around a payload written as JSON text. */
  wrap(payload: string): string;
  /** Bracket depth of the payload object inside the body. */
  readonly payloadDepth: number;
  /** A required string field of the payload, and its path in messages. */
  readonly requiredString: string;
  readonly prefix: string;
  /** A call whose answer has a required integer (money or a count), and the body with that integer written as `raw`. */
  readonly integer: { readonly call: Call; body(raw: string): string; readonly field: string };
}

const portoneSecret = "portone-responses-secret-5e1a77";
const payssamKey = "PAYSSAM-RESP-KEY-8c3d2f0";
const globalSecret = "global-responses-secret-2b7c9e";

const portone = (baseUrl: string) => createPortOneClient({ secret: portoneSecret, baseUrl }) as unknown as Untyped;
const payssam = (baseUrl: string) => createPaySsamClient({ apiKey: payssamKey, member: "M001", merchant: "STORE01", baseUrl }) as unknown as Untyped;
const global = (baseUrl: string) => createPortOneGlobalClient({ clientKey: "client-key-1", secretKey: globalSecret, baseUrl }) as unknown as Untyped;

const payment = {
  status: "READY",
  id: "pay-1",
  transactionId: "tx-1",
  merchantId: "m",
  storeId: "s",
  version: "V2",
  requestedAt: "2026-12-01T00:00:00Z",
  updatedAt: "2026-12-01T00:00:00Z",
  statusChangedAt: "2026-12-01T00:00:00Z",
  orderName: "o",
  amount: { total: 1000, taxFree: 0, discount: 0, paid: 0, cancelled: 0, cancelledTaxFree: 0 },
  currency: "KRW",
  customer: {},
  origin: { platformType: "PC", ipAddress: "127.0.0.1" },
};
/** JSON of `value` with the string "@@" replaced by raw JSON text. */
const withRaw = (value: unknown, raw: string) => JSON.stringify(value).replace('"@@"', raw);

const targets: readonly Target[] = [
  {
    name: "portone",
    secret: portoneSecret,
    read: (url) => portone(url)["getPayment"]!({ paymentId: "pay-1" }),
    write: (url) => portone(url)["cancelPayment"]!({ paymentId: "pay-1", reason: "고객 요청", amount: 1000 }),
    payload: payment,
    wrap: (payload) => payload,
    payloadDepth: 1,
    requiredString: "orderName",
    prefix: "",
    integer: { call: (url) => portone(url)["getPayment"]!({ paymentId: "pay-1" }), body: (raw) => withRaw({ ...payment, amount: { ...payment.amount, total: "@@" } }, raw), field: "amount.total" },
  },
  {
    name: "payssam",
    secret: payssamKey,
    read: (url) => payssam(url)["readBill"]!({ billId: "INV-1" }),
    write: (url) => payssam(url)["sendBill"]!({ billId: "INV-1", sendType: "URL", productName: "수강료", price: "45000", memberName: "홍길동", callbackUrl: "https://example.kr/cb" }),
    payload: { billId: "INV-1", apprState: "F" },
    wrap: (payload) => `{"code":"0000","message":"성공하였습니다.","data":${payload}}`,
    payloadDepth: 2,
    requiredString: "billId",
    prefix: "data.",
    integer: { call: (url) => payssam(url)["readPointBalance"]!(), body: (raw) => withRaw({ code: "0000", data: { balance: "@@", chargeUrl: "https://x" } }, raw), field: "data.balance" },
  },
  {
    name: "portone-global",
    secret: globalSecret,
    read: (url) => global(url)["getTransactionStatus"]!({ merchantOrderRef: "order-1" }),
    write: (url) => global(url)["createRefund"]!({ portone_order_ref: "po-1", refund_type: "partial", environment: "sandbox", amount: 10.5 }),
    payload: { status: "Success" },
    wrap: (payload) => `{"content":${payload},"message":"ok","status_code":"2000","status_reason":"SUCCESS"}`,
    payloadDepth: 2,
    requiredString: "status",
    prefix: "content.",
    integer: { call: (url) => global(url)["getAuthToken"]!(), body: (raw) => withRaw({ content: { token: "t", expires_in: "@@" }, status_code: "2000" }, raw), field: "content.expires_in" },
  },
];

const deep = (depth: number, inner = "1") => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;
/** The payload with one more field whose value is `raw` JSON text. */
const plus = (t: Target, raw: string, key = "extra") => JSON.stringify(t.payload).replace(/}$/, `,"${key}":${raw}}`);
/** The payload's JSON with a second `requiredString` key, written before or after the real one. */
function duplicate(t: Target, raw: string, where: "first" | "last"): string {
  const text = JSON.stringify(t.payload);
  return where === "first" ? text.replace(/^\{/, `{"${t.requiredString}":${raw},`) : text.replace(/}$/, `,"${t.requiredString}":${raw}}`);
}

interface Row {
  readonly name: string;
  readonly status?: number;
  readonly contentType?: string;
  readonly body: (t: Target) => string;
  readonly call?: (t: Target) => Call;
  readonly kind: "data" | "invalid-response" | "http";
  readonly reason?: string;
  /** What the message names (the field, never its value). */
  readonly names?: (t: Target) => string;
  readonly extra?: (result: AnyResult, t: Target) => void;
}

const rows: Row[] = [
  { name: "100,000 levels of arrays as the whole body", body: () => deep(100_000), kind: "invalid-response", reason: "too-deep" },
  { name: "a valid body with a field nested 100,000 deep", body: (t) => t.wrap(plus(t, deep(100_000))), kind: "invalid-response", reason: "too-deep" },
  {
    name: "a write answered 200 with 100,000 levels: the outcome is unknown, never `validation … nothing was sent`",
    body: () => deep(100_000),
    call: (t) => t.write,
    kind: "invalid-response",
    reason: "too-deep",
    extra: (r) => expect(r.error?.message).not.toContain("nothing was sent"),
  },
  // The limit is the whole body's: 64 levels are processed, 65 are not.
  {
    name: "nesting of exactly 64 levels is data, kept whole",
    body: (t) => t.wrap(plus(t, deep(64 - t.payloadDepth))),
    kind: "data",
    extra: (r, t) => expect((r.data as Record<string, unknown>)["extra"]).toEqual(JSON.parse(deep(64 - t.payloadDepth))),
  },
  { name: "nesting of 65 levels", body: (t) => t.wrap(plus(t, deep(65 - t.payloadDepth))), kind: "invalid-response", reason: "too-deep" },
  {
    name: "a required field missing",
    body: (t) => t.wrap(JSON.stringify({ ...t.payload, [t.requiredString]: undefined })),
    kind: "invalid-response",
    reason: "unexpected-shape",
    names: (t) => `${t.prefix}${t.requiredString} is missing`,
  },
  { name: "a required string as a number", body: (t) => t.wrap(plus(t, "12345", t.requiredString)), kind: "invalid-response", reason: "unexpected-shape", names: (t) => `${t.prefix}${t.requiredString} is not string` },
  { name: "a required string as null", body: (t) => t.wrap(plus(t, "null", t.requiredString)), kind: "invalid-response", reason: "unexpected-shape", names: (t) => `${t.prefix}${t.requiredString} is not string` },
  { name: "a required integer as a string (\"1000\")", body: (t) => t.integer.body('"1000"'), call: (t) => t.integer.call, kind: "invalid-response", reason: "unexpected-shape", names: (t) => `${t.integer.field} is not a safe integer` },
  { name: "an integer beyond 2^53 (9007199254740993)", body: (t) => t.integer.body("9007199254740993"), call: (t) => t.integer.call, kind: "invalid-response", reason: "unexpected-shape", names: (t) => `${t.integer.field} is not a safe integer` },
  { name: "a number that parses to Infinity (1e400)", body: (t) => t.integer.body("1e400"), call: (t) => t.integer.call, kind: "invalid-response", reason: "unexpected-shape", names: (t) => t.integer.field },
  { name: "a fraction where the spec says integer", body: (t) => t.integer.body("10.5"), call: (t) => t.integer.call, kind: "invalid-response", reason: "unexpected-shape", names: (t) => t.integer.field },
  { name: "an integer as the spec says is data", body: (t) => t.integer.body("5500"), call: (t) => t.integer.call, kind: "data" },
  {
    name: "a duplicate key whose last value has the wrong type",
    body: (t) => t.wrap(duplicate(t, "7", "last")),
    kind: "invalid-response",
    reason: "unexpected-shape",
    names: (t) => `${t.prefix}${t.requiredString}`,
  },
  {
    name: "a duplicate key whose last value is right is data with that value (the check sees what the caller gets)",
    body: (t) => t.wrap(duplicate(t, "7", "first")),
    kind: "data",
    extra: (r, t) => expect((r.data as Record<string, unknown>)[t.requiredString]).toBe(t.payload[t.requiredString]),
  },
  {
    name: "unknown fields and enum values are data, unchanged",
    body: (t) => t.wrap(plus(t, '{"nested":[1,{"x":"BRAND_NEW"}]}', "brandNewField")),
    kind: "data",
    extra: (r) => expect((r.data as Record<string, unknown>)["brandNewField"]).toEqual({ nested: [1, { x: "BRAND_NEW" }] }),
  },
  {
    name: "the mock's 422 problem document is an http error with its detail kept",
    status: 422,
    contentType: "application/problem+json",
    body: (t) => JSON.stringify({ type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY", title: "Invalid request", status: 422, detail: `Your request is not valid (${t.secret})`, code: "0000", status_code: "4001" }),
    kind: "http",
    extra: (r, t) => {
      const snippet = (r.error as { bodySnippet?: string }).bodySnippet ?? "";
      expect(snippet).toContain("Your request is not valid");
      expect(snippet).not.toContain(t.secret);
    },
  },
  {
    name: "the mock's unknown-example 404 is an http error",
    status: 404,
    contentType: "application/problem+json",
    body: () => JSON.stringify({ type: "https://stoplight.io/prism/errors#NOT_FOUND", title: "The server cannot find the requested content", status: 404, detail: "exampleKey: nope" }),
    kind: "http",
  },
  { name: "a problem document with a 200 is still an http error", contentType: "application/problem+json", body: (t) => t.wrap(JSON.stringify(t.payload)), kind: "http" },
  { name: "a 502 nested 100,000 deep is an http error (never invalid-response)", status: 502, body: () => `{"type":"X","code":"E","status_code":"5000","a":${deep(100_000)}}`, kind: "http" },
];

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
const counts: Record<string, { cases: number; requests: number }> = Object.fromEntries(targets.map((t) => [t.name, { cases: 0, requests: 0 }]));
afterAll(async () => {
  await server.close();
  const lines = Object.entries(counts).map(([name, n]) => `  ${name.padEnd(15)} ${n.cases} cases, ${n.requests} requests counted`);
  console.log(`conformance (responses):\n${lines.join("\n")}`);
});

async function answered(t: Target, status: number, contentType: string, body: string, call: Call): Promise<AnyResult> {
  server.reset((_req, res) => {
    res.writeHead(status, { "content-type": contentType });
    res.end(body);
  });
  const result = await call(server.url);
  expect(server.received).toHaveLength(1);
  counts[t.name]!.cases++;
  counts[t.name]!.requests += server.received.length;
  return result;
}

describe.each(targets)("$name: hostile success bodies", (t) => {
  it.each(rows)("$name", async (row) => {
    const result = await answered(t, row.status ?? 200, row.contentType ?? "application/json", row.body(t), row.call ? row.call(t) : t.read);
    if (row.kind === "data") {
      expect(result.error).toBeUndefined();
      expect(result.data).toBeDefined();
    } else {
      expect(result.data).toBeUndefined();
      expect(result.error).toBeInstanceOf(Error);
      expect(result.error).toMatchObject({ kind: row.kind, provider: t.name, httpStatus: row.status ?? 200 });
      if (row.reason) expect(result.error).toMatchObject({ reason: row.reason });
      if (row.names) expect(result.error?.message).toContain(row.names(t));
      expect(result.error?.message).not.toContain(t.secret);
    }
    row.extra?.(result, t);
  });
});

/** Each provider's own success signal: only a success the signal confirms, and the body the spec promises, is data. */
const signals: { target: Target["name"]; name: string; call: Call; body: unknown; reason: string; names?: string }[] = [
  { target: "portone", name: "PAID without the paidAt its case requires", call: targets[0]!.read, body: { ...payment, status: "PAID", channel: { type: "LIVE", pgProvider: "X", pgMerchantId: "m" }, disputes: [] }, reason: "unexpected-shape", names: "paidAt" },
  { target: "payssam", name: '"0000" without data', call: targets[1]!.read, body: { code: "0000", message: "성공하였습니다." }, reason: "not-envelope" },
  { target: "payssam", name: '"0000" with data a string', call: targets[1]!.read, body: { code: "0000", data: "INV-1" }, reason: "not-envelope" },
  { target: "payssam", name: "code 0 (a number, not the string \"0000\")", call: targets[1]!.read, body: { code: 0, data: { billId: "INV-1", apprState: "F" } }, reason: "not-envelope" },
  { target: "payssam", name: 'sendBill "0000" with data {}', call: targets[1]!.write, body: { code: "0000", data: {} }, reason: "unexpected-shape", names: "data.billId" },
  { target: "portone-global", name: "createRefund answered 200 {}", call: targets[2]!.write, body: {}, reason: "unexpected-shape", names: "refundDetails" },
  ...[0, "0"].map((flag) => ({ target: "portone-global" as const, name: `initiatePayment with is_success ${JSON.stringify(flag)}`, call: (url: string) => global(url)["initiatePayment"]!(initiate), body: { is_success: flag, order_ref: "R" }, reason: "unexpected-shape", names: "is_success" })),
  { target: "portone-global", name: "status_code 2000 with is_success false", call: targets[2]!.read, body: { content: { status: "Success" }, status_code: "2000", is_success: false }, reason: "contradictory" },
  { target: "portone-global", name: "initiatePayment: status_code 2000 with is_success false", call: (url) => global(url)["initiatePayment"]!(initiate), body: { status_code: "2000", is_success: false }, reason: "contradictory" },
];
const initiate = {
  merchant_order_id: "ORDER-1",
  amount: 100.25,
  currency: "USD",
  success_url: "https://example.com/success",
  failure_url: "https://example.com/failure",
  environment: "sandbox",
  pmt_channel: "PORTONE_KR",
  pmt_method: "PORTONE_KG_INICIS_CREDIT_CARD",
};

describe("success signals", () => {
  it.each(signals)("$target: $name is invalid-response ($reason)", async (s) => {
    const t = targets.find((x) => x.name === s.target)!;
    const result = await answered(t, 200, "application/json", JSON.stringify(s.body), s.call);
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: s.reason, provider: s.target });
    if (s.names) expect(result.error?.message).toContain(s.names);
  });
});
