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

  it("reports a signed body that is not JSON", async () => {
    const body = "<html>oops</html>";
    expect(reasonOf(await verifyWebhook(body, await signedHeaders(body), SECRET, { now }))?.reason).toBe("invalid-json");
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
