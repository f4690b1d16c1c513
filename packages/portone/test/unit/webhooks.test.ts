import { createHmac } from "node:crypto";
import { bundleSpec } from "@payspec/codegen/bundle";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  parseWebhookPayload,
  verifyWebhook,
  WebhookType,
  type LegacyWebhookStatus,
  type WebhookOf,
  type WebhookVerification,
} from "../../src/webhooks.js";

const KEY = "c2VjcmV0LWtleS1vZi10aGUtd2ViaG9vay10ZXN0cy0wMQ=="; // base64 of a 35-byte key
const SECRET = `whsec_${KEY}`;
const OTHER_KEY = "b3RoZXItc2VjcmV0LWtleS1mb3Itcm90YXRpb24=";
const OTHER_SECRET = `whsec_${OTHER_KEY}`;
const NOW_S = 1_735_794_282;
const now = () => NOW_S * 1000 + 999; // milliseconds, like Date.now
const ID = "01945a3c-9d2e-7b4f-8a61-3c5d7e9f1b2a";
const BODY = JSON.stringify({
  type: "Transaction.Paid",
  timestamp: "2025-01-02T05:04:42.512Z",
  data: { storeId: "store-1", paymentId: "order-1", transactionId: "tx-1" },
});

const bytes = (value: string | Uint8Array) => new Uint8Array(typeof value === "string" ? Buffer.from(value) : value);

/** `v1,<base64>` of HMAC-SHA256 over `${id}.${timestamp}.${body}`, computed with WebCrypto. */
async function sign(key: string, body: string | Uint8Array, id = ID, timestamp: number | string = NOW_S): Promise<string> {
  const hmac = await crypto.subtle.importKey("raw", bytes(Buffer.from(key, "base64")), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signed = bytes(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(body)]));
  return `v1,${Buffer.from(await crypto.subtle.sign("HMAC", hmac, signed)).toString("base64")}`;
}

async function signedHeaders(body: string | Uint8Array = BODY, timestamp: number | string = NOW_S) {
  return { "webhook-id": ID, "webhook-timestamp": String(timestamp), "webhook-signature": await sign(KEY, body, ID, timestamp) };
}

function reasonOf(result: WebhookVerification) {
  return result.error;
}

describe("verifyWebhook: signatures", () => {
  it("matches the Standard Webhooks reference vector", async () => {
    const body = '{"test": 2432232314}';
    const headers = { "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330", "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" };
    const result = await verifyWebhook(body, headers, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", { now: () => 1614265330_000 });
    expect(result.data).toMatchObject({ version: "unrecognized", payload: { test: 2432232314 }, webhookId: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1614265330 });
  });

  it("agrees with node:crypto createHmac", async () => {
    const expected = createHmac("sha256", Buffer.from(KEY, "base64")).update(`${ID}.${NOW_S}.${BODY}`).digest("base64");
    expect(await sign(KEY, BODY)).toBe(`v1,${expected}`);
    const result = await verifyWebhook(BODY, { "webhook-id": ID, "webhook-timestamp": String(NOW_S), "webhook-signature": `v1,${expected}` }, SECRET, { now });
    expect(result.error).toBeUndefined();
  });

  it("accepts a valid delivery and returns the typed payload", async () => {
    const result = await verifyWebhook(BODY, await signedHeaders(), SECRET, { now });
    expect(result.data).toEqual({ version: "2024-04-25", payload: JSON.parse(BODY), webhookId: ID, timestamp: NOW_S });
    if (result.data?.version === "2024-04-25" && result.data.payload.type === "Transaction.Paid") {
      expect(result.data.payload.data.paymentId).toBe("order-1");
    }
  });

  it("rejects a tampered body, id or timestamp", async () => {
    const headers = await signedHeaders();
    expect(reasonOf(await verifyWebhook(BODY.replace("order-1", "order-2"), headers, SECRET, { now }))?.reason).toBe("no-matching-signature");
    expect(reasonOf(await verifyWebhook(`${BODY} `, headers, SECRET, { now }))?.reason).toBe("no-matching-signature");
    expect(reasonOf(await verifyWebhook(BODY, { ...headers, "webhook-id": `${ID}x` }, SECRET, { now }))?.reason).toBe("no-matching-signature");
    expect(reasonOf(await verifyWebhook(BODY, { ...headers, "webhook-timestamp": String(NOW_S - 1) }, SECRET, { now }))?.reason).toBe("no-matching-signature");
  });

  it("rejects a signature made with another secret", async () => {
    const result = await verifyWebhook(BODY, await signedHeaders(), OTHER_SECRET, { now });
    expect(reasonOf(result)).toMatchObject({ kind: "inbound", provider: "portone", reason: "no-matching-signature", message: expect.any(String) });
  });

  it("accepts any of several secrets (rotation)", async () => {
    const headers = { ...(await signedHeaders()), "webhook-signature": await sign(OTHER_KEY, BODY) };
    expect((await verifyWebhook(BODY, headers, [SECRET, OTHER_SECRET], { now })).error).toBeUndefined();
    expect((await verifyWebhook(BODY, headers, [SECRET], { now })).error).toBeDefined();
  });

  it("accepts a header with several signatures if one is valid, and ignores other versions", async () => {
    const valid = await sign(KEY, BODY);
    const wrong = await sign(OTHER_KEY, BODY);
    const headers = await signedHeaders();
    expect((await verifyWebhook(BODY, { ...headers, "webhook-signature": `${wrong} ${valid}` }, SECRET, { now })).error).toBeUndefined();
    expect((await verifyWebhook(BODY, { ...headers, "webhook-signature": `v2,AAAA ${valid}  v1a,xyz` }, SECRET, { now })).error).toBeUndefined();
    // the right bytes under another version do not count
    const v2 = await verifyWebhook(BODY, { ...headers, "webhook-signature": valid.replace("v1,", "v2,") }, SECRET, { now });
    expect(reasonOf(v2)?.reason).toBe("no-matching-signature");
  });

  it("takes the secret with or without the whsec_ prefix", async () => {
    const headers = await signedHeaders();
    expect((await verifyWebhook(BODY, headers, KEY, { now })).error).toBeUndefined();
    expect((await verifyWebhook(BODY, headers, SECRET, { now })).error).toBeUndefined();
  });

  it("verifies a Uint8Array body byte for byte", async () => {
    const body = bytes(JSON.stringify({ payment_id: "주문-1", tx_id: "tx-1", status: "Paid" }));
    const result = await verifyWebhook(body, await signedHeaders(body), SECRET, { now });
    expect(result.data).toMatchObject({ version: "2024-01-01", payload: { payment_id: "주문-1" } });
  });

  it("reads a Headers object and a plain record case-insensitively", async () => {
    const headers = await signedHeaders();
    expect((await verifyWebhook(BODY, new Headers(headers), SECRET, { now })).error).toBeUndefined();
    const mixed = { "Webhook-Id": headers["webhook-id"], "WEBHOOK-TIMESTAMP": [headers["webhook-timestamp"]], "webhook-Signature": headers["webhook-signature"], other: undefined };
    expect((await verifyWebhook(BODY, mixed, SECRET, { now })).error).toBeUndefined();
  });

  it("a header delivered twice in a Headers object is malformed, as the README says (each present once)", async () => {
    const headers = await signedHeaders();
    const forged = new Headers(headers);
    forged.append("webhook-signature", await sign(OTHER_KEY, BODY));
    const result = await verifyWebhook(BODY, forged, SECRET, { now });
    expect(result.error).toMatchObject({ reason: "malformed-header", message: expect.stringContaining("more than once") });
  });

  it("rejects a bad toleranceSeconds instead of verifying with it", async () => {
    for (const toleranceSeconds of [-1, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
      const result = await verifyWebhook(BODY, await signedHeaders(), SECRET, { now, toleranceSeconds });
      expect(result.error?.reason).toBe("invalid-options");
    }
  });
});

/** Calls verifyWebhook with arguments its types do not allow, as JavaScript callers and misconfigured apps do. */
const verifyLoose = verifyWebhook as (body: unknown, headers: unknown, secrets: unknown, options?: unknown) => Promise<WebhookVerification>;
const TEN_YEARS_S = 10 * 365 * 86_400;

// Issue 15 item 3: each of these threw or was accepted before.
describe("verifyWebhook: fails closed on bad arguments", () => {
  it("a clock that does not tell the time is invalid-options, never a passing replay check (a 10-year-old delivery was accepted)", async () => {
    const old = await signedHeaders(BODY, NOW_S - TEN_YEARS_S);
    expect((await verifyWebhook(BODY, old, SECRET, { now })).error?.reason).toBe("timestamp-too-old");
    const clocks: unknown[] = [() => Number.NaN, () => undefined, () => Number.POSITIVE_INFINITY, () => -1, () => "1735794282999", 1_735_794_282_999, null, () => { throw new Error("clock"); }];
    for (const clock of clocks) {
      const result = await verifyLoose(BODY, old, SECRET, { now: clock });
      expect(result.data).toBeUndefined();
      expect(result.error).toMatchObject({ kind: "inbound", reason: "invalid-options", message: expect.stringContaining("now") });
    }
  });

  it("options that are not an object, or hold an unknown key, are invalid-options (a typo would otherwise leave the default in force)", async () => {
    const headers = await signedHeaders();
    for (const options of [null, 42, "now", [now], { now, tolerance: 60 }, { now, toleranceSeconds: 300, clock: now }]) {
      expect((await verifyLoose(BODY, headers, SECRET, options)).error?.reason).toBe("invalid-options");
    }
    expect((await verifyLoose(BODY, headers, SECRET, { now, toleranceSeconds: undefined })).error).toBeUndefined();
  });

  it("a secret that is missing, not a string, or one of too many is invalid-secret", async () => {
    const headers = await signedHeaders();
    for (const secrets of [undefined, null, 42, {}, [42], [SECRET, undefined], Array.from({ length: 9 }, () => SECRET)]) {
      const result = await verifyLoose(BODY, headers, secrets, { now });
      expect(result.error?.reason).toBe("invalid-secret");
    }
    expect((await verifyLoose(BODY, headers, Array.from({ length: 8 }, () => SECRET), { now })).error).toBeUndefined();
  });

  it("headers that are not a Headers object or a record are invalid-headers, not a throw", async () => {
    for (const headers of [undefined, null, 42, "webhook-id: x", [["webhook-id", ID]], true]) {
      const result = await verifyLoose(BODY, headers, SECRET, { now });
      expect(result.error).toMatchObject({ kind: "inbound", reason: "invalid-headers" });
    }
    const throwing = new Proxy({}, { ownKeys() { throw new Error("boom"); } });
    expect((await verifyLoose(BODY, throwing, SECRET, { now })).error?.reason).toBe("invalid-headers");
  });

  it("a header value that is not a string is malformed-header naming it, not a throw", async () => {
    const headers = await signedHeaders();
    for (const [name, value] of [["webhook-id", 42], ["webhook-timestamp", { at: NOW_S }], ["webhook-signature", [headers["webhook-signature"], 7]], ["webhook-id", null]] as const) {
      const result = await verifyLoose(BODY, { ...headers, [name]: value }, SECRET, { now });
      expect(result.error).toMatchObject({ reason: "malformed-header", message: expect.stringContaining(name) });
    }
    const odd = { get: (name: string) => (name === "webhook-id" ? 42 : headers[name as keyof typeof headers]) };
    expect((await verifyLoose(BODY, odd, SECRET, { now })).error?.reason).toBe("malformed-header");
  });

  it("reads Node's IncomingHttpHeaders (lower-case keys, string[] for a repeated header) and a Headers object", async () => {
    const headers = await signedHeaders();
    const node = { ...headers, "set-cookie": ["a=1", "b=2"], "webhook-signature": [headers["webhook-signature"]], "x-forwarded-for": undefined };
    expect((await verifyLoose(BODY, node, SECRET, { now })).error).toBeUndefined();
    expect((await verifyLoose(BODY, new Headers(headers), SECRET, { now })).error).toBeUndefined();
  });

  it("an already-parsed body (express.json()) is invalid-body telling you to pass the raw body (it threw a RangeError)", async () => {
    const result = await verifyLoose(JSON.parse(BODY), await signedHeaders(), SECRET, { now });
    expect(result.error).toMatchObject({ kind: "inbound", reason: "invalid-body", message: expect.stringContaining("pass the raw request body (string or bytes), not a parsed object") });
    for (const body of [undefined, null, 42, true, [1, 2]]) {
      expect((await verifyLoose(body, await signedHeaders(), SECRET, { now })).error?.reason).toBe("invalid-body");
    }
  });

  it("takes the body as a string, Uint8Array, Buffer, ArrayBuffer or a view into a larger buffer", async () => {
    const headers = await signedHeaders();
    const encoded = new TextEncoder().encode(BODY);
    const padded = new Uint8Array(encoded.length + 8);
    padded.set(encoded, 4);
    const bodies: unknown[] = [BODY, encoded, Buffer.from(BODY), encoded.buffer.slice(0), new DataView(padded.buffer, 4, encoded.length), padded.subarray(4, 4 + encoded.length)];
    for (const body of bodies) {
      const result = await verifyLoose(body, headers, SECRET, { now });
      expect(result.error).toBeUndefined();
      expect(result.data).toMatchObject({ version: "2024-04-25", webhookId: ID });
    }
  });

  it("considers at most 16 signature entries and bounds the header's length before splitting it", async () => {
    const headers = await signedHeaders();
    const valid = headers["webhook-signature"];
    const wrong = await sign(OTHER_KEY, BODY);
    const at = (count: number) => [...Array.from({ length: count - 1 }, () => wrong), valid].join(" ");
    expect((await verifyWebhook(BODY, { ...headers, "webhook-signature": at(16) }, SECRET, { now })).error).toBeUndefined();
    expect((await verifyWebhook(BODY, { ...headers, "webhook-signature": at(17) }, SECRET, { now })).error).toMatchObject({ reason: "malformed-header", message: expect.stringContaining("entries") });
    const long = `${valid} ${"v2,A".padEnd(5000, "A")}`;
    expect((await verifyWebhook(BODY, { ...headers, "webhook-signature": long }, SECRET, { now })).error).toMatchObject({ reason: "malformed-header", message: expect.stringContaining("longer") });
  });

  it("20,000 v1 entries are refused before any HMAC (they cost 1.9 s)", async () => {
    const headers = await signedHeaders();
    const flood = Array.from({ length: 20_000 }, () => "v1,").join(" ");
    const started = performance.now();
    const result = await verifyWebhook(BODY, { ...headers, "webhook-signature": `${flood} ${headers["webhook-signature"]}` }, SECRET, { now });
    expect(result.error?.reason).toBe("malformed-header");
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("verifyWebhook: timestamps", () => {
  it("accepts timestamps up to the tolerance in both directions and rejects beyond it", async () => {
    for (const offset of [-300, 300]) {
      expect((await verifyWebhook(BODY, await signedHeaders(BODY, NOW_S + offset), SECRET, { now })).error).toBeUndefined();
    }
    const old = await verifyWebhook(BODY, await signedHeaders(BODY, NOW_S - 301), SECRET, { now });
    expect(reasonOf(old)).toMatchObject({ reason: "timestamp-too-old" });
    const future = await verifyWebhook(BODY, await signedHeaders(BODY, NOW_S + 301), SECRET, { now });
    expect(reasonOf(future)).toMatchObject({ reason: "timestamp-in-future" });
  });

  it("honours toleranceSeconds and defaults now to Date.now", async () => {
    const headers = await signedHeaders(BODY, NOW_S - 61);
    expect(reasonOf(await verifyWebhook(BODY, headers, SECRET, { now, toleranceSeconds: 60 }))?.reason).toBe("timestamp-too-old");
    expect(reasonOf(await verifyWebhook(BODY, headers, SECRET))?.reason).toBe("timestamp-too-old");
    const fresh = Math.floor(Date.now() / 1000);
    expect((await verifyWebhook(BODY, await signedHeaders(BODY, fresh), SECRET)).error).toBeUndefined();
  });
});

describe("verifyWebhook: bad input", () => {
  it("names a missing header", async () => {
    const headers = await signedHeaders();
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"] as const) {
      const { [name]: _, ...rest } = headers;
      expect(reasonOf(await verifyWebhook(BODY, rest, SECRET, { now }))).toMatchObject({ reason: "missing-header", message: expect.stringContaining(name) });
      for (const blank of ["", "  "]) {
        expect(reasonOf(await verifyWebhook(BODY, { ...headers, [name]: blank }, SECRET, { now }))).toMatchObject({ reason: "missing-header", message: expect.stringContaining(name) });
      }
    }
  });

  it("reports malformed headers", async () => {
    const headers = await signedHeaders();
    const cases: [Record<string, string | string[]>, string][] = [
      [{ "webhook-timestamp": "soon" }, "webhook-timestamp"],
      [{ "webhook-timestamp": "1735794282.5" }, "webhook-timestamp"],
      // milliseconds, or a digit string long enough to cost a BigInt-sized parse: at most 12 digits of seconds
      [{ "webhook-timestamp": "1735794282000" }, "webhook-timestamp"],
      [{ "webhook-timestamp": "9".repeat(400) }, "webhook-timestamp"],
      [{ "webhook-signature": headers["webhook-signature"].replace(",", "") }, "webhook-signature"],
      [{ "webhook-signature": "v1,%%%not-base64%%%" }, "webhook-signature"],
      [{ "webhook-id": [ID, ID] }, "webhook-id"],
    ];
    for (const [change, header] of cases) {
      const result = await verifyWebhook(BODY, { ...headers, ...change }, SECRET, { now });
      expect(reasonOf(result)).toMatchObject({ reason: "malformed-header", message: expect.stringContaining(header) });
    }
  });

  it("skips an undecodable entry when another one is usable", async () => {
    const headers = await signedHeaders();
    const result = await verifyWebhook(BODY, { ...headers, "webhook-signature": `v1,%%% ${headers["webhook-signature"]}` }, SECRET, { now });
    expect(result.error).toBeUndefined();
  });

  it("reports an unusable secret", async () => {
    const headers = await signedHeaders();
    for (const secrets of ["", "whsec_", "whsec_%%%", [], [SECRET, "not base64!"]]) {
      expect(reasonOf(await verifyWebhook(BODY, headers, secrets, { now }))?.reason).toBe("invalid-secret");
    }
  });

  it("reports a signed body that is not JSON as not-json (the name every payspec verifier uses)", async () => {
    const body = "<html>oops</html>";
    expect(reasonOf(await verifyWebhook(body, await signedHeaders(body), SECRET, { now }))?.reason).toBe("not-json");
  });

  it("accepts a form-encoded legacy body", async () => {
    const body = "payment_id=order-1&tx_id=tx-1&status=Paid";
    const result = await verifyWebhook(body, await signedHeaders(body), SECRET, { now });
    expect(result.data).toMatchObject({ version: "2024-01-01", payload: { payment_id: "order-1", tx_id: "tx-1", status: "Paid" } });
  });

  it("never puts a secret into an error", async () => {
    const headers = await signedHeaders();
    const secrets = [SECRET, OTHER_SECRET, "whsec_%%%secret-typo%%%"];
    const failures = await Promise.all([
      verifyWebhook(BODY, headers, [OTHER_SECRET, SECRET.slice(0, -4)], { now }),
      verifyWebhook(BODY, headers, [OTHER_SECRET, "whsec_%%%secret-typo%%%"], { now }),
      verifyWebhook(BODY, { ...headers, "webhook-signature": `v1,${OTHER_KEY}` }, OTHER_SECRET, { now }),
      verifyWebhook(BODY, { ...headers, "webhook-timestamp": "0" }, SECRET, { now }),
      verifyWebhook("x", await signedHeaders("x"), SECRET, { now }),
      verifyWebhook(BODY, {}, SECRET, { now }),
    ]);
    for (const result of failures) {
      const text = JSON.stringify(reasonOf(result));
      expect(text).toMatch(/reason/);
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.slice(6, 18));
      }
      expect(text).not.toContain(KEY.slice(0, 12));
    }
  });
});

type Example = { value: unknown };
type WebhookItem = { post: { requestBody: { content: { "application/json": { examples: Record<string, Example> } } } } };
const doc = (await bundleSpec("portone")) as { webhooks: Record<string, WebhookItem>; components: { schemas: Record<string, { discriminator?: { mapping: Record<string, string> } }> } };
const examples = (name: string) => Object.entries(doc.webhooks[name]!.post.requestBody.content["application/json"].examples);

describe("payload parsing", () => {
  it.each(examples("webhook_2024_04_25"))("version 2024-04-25 example %s", async (_, { value }) => {
    const body = JSON.stringify(value);
    const result = await verifyWebhook(body, await signedHeaders(body), SECRET, { now });
    expect(result.data).toMatchObject({ version: "2024-04-25", payload: value });
    expect(result.data?.version === "2024-04-25" && result.data.payload.type).toBe((value as { type: string }).type);
  });

  it.each(examples("webhook_2024_01_01"))("version 2024-01-01 example %s", async (_, { value }) => {
    const body = JSON.stringify(value);
    const result = await verifyWebhook(body, await signedHeaders(body), SECRET, { now });
    expect(result.data).toMatchObject({ version: "2024-01-01", payload: value });
  });

  it("knows exactly the event types of the spec", () => {
    expect(Object.values(WebhookType).sort()).toEqual(Object.keys(doc.components.schemas["Webhook"]!.discriminator!.mapping).sort());
  });

  it("keeps unknown fields of a known event", () => {
    const json = { type: "BillingKey.Issued", timestamp: "2025-01-02T09:01:12.934Z", data: { billingKey: "bk-1", newField: 1 }, extra: true };
    expect(parseWebhookPayload(json)).toEqual({ version: "2024-04-25", payload: json });
  });

  it("returns unknown event types and unknown shapes as unrecognized, unchanged", () => {
    const unknownType = { type: "Transaction.Refunded", timestamp: "2025-01-02T09:01:12.934Z", data: { paymentId: "p" } };
    for (const json of [unknownType, { type: "Transaction.Paid" }, { version: 3, event: {} }, [1, 2], "text", null]) {
      expect(parseWebhookPayload(json)).toEqual({ version: "unrecognized", payload: json });
    }
    expect(parseWebhookPayload({ payment_id: "p", tx_id: "t", status: "Refunded", more: 1 })).toMatchObject({ version: "2024-01-01" });
  });

  it("types each event's data", () => {
    expectTypeOf<WebhookOf<"Transaction.Confirm">["data"]["totalAmount"]>().toEqualTypeOf<number>();
    expectTypeOf<WebhookOf<"Transaction.Cancelled">["data"]["cancellationId"]>().toEqualTypeOf<string>();
    expectTypeOf<WebhookOf<"BillingKey.Deleted">["data"]["billingKey"]>().toEqualTypeOf<string>();
    expectTypeOf<"Paid">().toExtend<LegacyWebhookStatus>();
    const parsed = parseWebhookPayload({});
    if (parsed.version === "2024-04-25" && parsed.payload.type === "Transaction.Confirm") {
      expectTypeOf(parsed.payload.data.totalAmount).toBeNumber();
      // @ts-expect-error billing-key events only
      void parsed.payload.data.billingKey;
    }
  });
});
