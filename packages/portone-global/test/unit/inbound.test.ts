// Webhooks and the payment redirect: every signed example of the spec verifies with the secret it
// was signed with, tampering and the wrong secret are caught, and no input makes them throw.
import { describe, expect, it } from "vitest";
import { bundleSpec } from "@payspec/codegen/bundle";
import { computeSignature, createPortOneGlobalClient } from "../../src/index.js";
import { parseRefundWebhook, PaySpecInboundError, verifyPaymentLinkWebhook, verifyPaymentRedirect, verifyPaymentWebhook } from "../../src/webhooks.js";

const SECRET = "PORTONE_SECRET";
type Examples = Record<string, { value: Record<string, unknown> }>;
const spec = (await bundleSpec("portone-global")) as {
  webhooks: Record<string, { post?: { requestBody: { content: { "application/json": { examples: Examples } } } }; get?: { parameters: { examples: Examples }[] } }>;
};
const examplesOf = (name: string): Examples =>
  spec.webhooks[name]?.post?.requestBody.content["application/json"].examples ?? spec.webhooks[name]?.get?.parameters[0]?.examples ?? {};

describe("the spec's signed examples", () => {
  it.each(Object.entries(examplesOf("payment")))("payment webhook %s verifies (as text, bytes and object)", async (_name, { value }) => {
    const text = JSON.stringify(value);
    for (const body of [value, text, new TextEncoder().encode(text)]) {
      const result = await verifyPaymentWebhook(SECRET, body);
      expect(result.error).toBeUndefined();
      expect(result.data?.merchant_order_ref).toBe(value["merchant_order_ref"]);
    }
  });

  it.each(Object.entries(examplesOf("paymentLink")))("payment-link webhook %s verifies", async (_name, { value }) => {
    expect((await verifyPaymentLinkWebhook(SECRET, value)).data).toBeDefined();
  });

  it.each(Object.entries(examplesOf("paymentRedirect")))("payment redirect %s verifies from a URL, a query string, URLSearchParams and an object", async (_name, { value }) => {
    const params = new URLSearchParams(value as Record<string, string>);
    const url = `https://merchant.example/success?${params}`;
    for (const query of [url, new URL(url), `?${params}`, params.toString(), params, value as Record<string, string>]) {
      const result = await verifyPaymentRedirect(SECRET, query);
      expect(result.error).toBeUndefined();
      expect(result.data?.order_ref).toBe(value["order_ref"]);
    }
  });

  it("the refund webhook parses (it carries no signature)", async () => {
    for (const { value } of Object.values(examplesOf("refund"))) expect((await parseRefundWebhook(value)).data).toBeDefined();
  });
});

describe("rejections", () => {
  const webhook = examplesOf("payment")["success"]!.value;
  const redirect = examplesOf("paymentRedirect")["success"]!.value as Record<string, string>;

  it("a webhook signed with another secret, or altered", async () => {
    expect((await verifyPaymentWebhook("WRONG", webhook)).error?.reason).toBe("mismatch");
    expect((await verifyPaymentWebhook(SECRET, { ...webhook, amount: 1 })).error?.reason).toBe("mismatch");
    expect((await verifyPaymentWebhook(SECRET, { ...webhook, status: "Failed" })).error?.reason).toBe("mismatch");
    expect((await verifyPaymentWebhook(SECRET, { ...webhook, signature_hash: undefined })).error?.reason).toBe("invalid-payload");
  });

  it("a redirect whose status was changed from Failed to Success", async () => {
    const result = await verifyPaymentRedirect(SECRET, { ...redirect, status: "Failed" });
    expect(result.error?.reason).toBe("mismatch");
    expect(result.error?.message).toContain("does not match");
  });

  it("does not sign amount and currency of a redirect: the caller must compare them", async () => {
    expect((await verifyPaymentRedirect(SECRET, { ...redirect, amount: "1" })).data).toBeDefined();
  });

  it("a signature whose + a query decoder turned into a space still verifies", async () => {
    const query = `order_ref=${redirect["order_ref"]}&channel_order_ref=${redirect["channel_order_ref"]}&merchant_order_ref=${redirect["merchant_order_ref"]}&status=Success&signature_hash=${redirect["signature_hash"]}`;
    expect((await verifyPaymentRedirect(SECRET, query)).data).toBeDefined();
  });

  it("a signature containing + verifies, whether the + arrived as is, percent-encoded, or decoded to a space", async () => {
    // The spec's redirect example has no +; this one is signed so that its signature has one (and a /).
    let fields = { ...redirect, merchant_order_ref: "ORDER-PLUS-0" };
    for (let i = 1; !/\+/.test(await computeSignature(SECRET, "PaymentRedirect", fields)); i++) fields = { ...fields, merchant_order_ref: `ORDER-PLUS-${i}` };
    const signature = await computeSignature(SECRET, "PaymentRedirect", fields);
    expect(signature).toContain("+");
    const signed = { ...fields, signature_hash: signature };
    const encoded = new URLSearchParams(signed).toString();
    const raw = encoded.replace(encodeURIComponent(signature).replace(/%20/g, "+"), signature); // an unencoded + in the query
    for (const query of [signed, encoded, `https://merchant.example/success?${raw}`, raw, new URLSearchParams(raw), { ...signed, signature_hash: signature.replace(/\+/g, " ") }]) {
      const result = await verifyPaymentRedirect(SECRET, query);
      expect(result.error).toBeUndefined();
      expect(result.data?.signature_hash).toBe(signature);
    }
  });

  it("errors are the runtime's inbound errors with a reason", async () => {
    const result = await verifyPaymentWebhook("WRONG", webhook);
    expect(result.error).toBeInstanceOf(PaySpecInboundError);
    expect(result.error).toMatchObject({ kind: "inbound", provider: "portone-global", operation: "paymentWebhook", reason: "mismatch" });
  });

  it("accepts a status the spec does not list yet when the signature is right", async () => {
    const newer: Record<string, unknown> = { ...webhook, status: "PartiallyRefunded" };
    newer["signature_hash"] = await computeSignature(SECRET, "PaymentWebhook", newer);
    expect((await verifyPaymentWebhook(SECRET, newer)).data).toBeDefined();
  });

  it.each([
    ["not JSON", "<html>"], ["an array", [webhook]], ["null", null], ["a number", 1], ["amount as text", { ...webhook, amount: "15000" }],
    ["missing order_ref", { ...webhook, order_ref: undefined }], ["a proxy that throws", new Proxy({}, { get() { throw new Error("boom"); }, ownKeys() { throw new Error("boom"); } })],
  ])("never throws on %s", async (_name, body) => {
    const result = await verifyPaymentWebhook(SECRET, body);
    expect(result.data).toBeUndefined();
    expect(["not-json", "invalid-payload", "missing-signature", "mismatch", "invalid-body"]).toContain(result.error?.reason);
  });

  it("a body that is neither raw (text or bytes) nor a parsed object is invalid-body", async () => {
    expect((await verifyPaymentWebhook(SECRET, null)).error?.reason).toBe("invalid-body");
    expect((await verifyPaymentWebhook(SECRET, 1)).error?.reason).toBe("invalid-body");
  });

  it("the client signs payment requests with its own key and secret", async () => {
    const client = createPortOneGlobalClient({ clientKey: "PORTONE_KEY", secretKey: SECRET });
    expect(
      await client.signPaymentRequest({ amount: 100.25, currency: "USD", merchant_order_id: "ORDER-1001", success_url: "https://checkout.portone.cloud/success.html", failure_url: "https://checkout.portone.cloud/failure.html" }),
    ).toBe("z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=");
  });
});

/** Calls a verifier with arguments its types do not allow, as JavaScript callers and misconfigured apps do. */
type Loose = (secret: unknown, body: unknown) => ReturnType<typeof verifyPaymentWebhook>;
const signed: [string, Loose, Record<string, unknown>][] = [
  ["verifyPaymentWebhook", verifyPaymentWebhook as Loose, examplesOf("payment")["success"]!.value],
  ["verifyPaymentLinkWebhook", verifyPaymentLinkWebhook as Loose, Object.values(examplesOf("paymentLink"))[0]!.value],
  ["verifyPaymentRedirect", verifyPaymentRedirect as Loose, examplesOf("paymentRedirect")["success"]!.value],
];

// Issue 15 item 3: with the secret unset (`process.env.PORTONE_SECRET!`) the signature check was skipped.
describe("fails closed on bad arguments", () => {
  it.each(signed)("%s: a secret that is undefined, empty or not a string is invalid-secret, and a forged message is not accepted", async (_name, verify, valid) => {
    const forged = { ...valid, amount: "1", status: "Success", signature_hash: "Zm9yZ2Vk" };
    for (const secret of [undefined, "", "   ", null, 42, {}, [SECRET]]) {
      for (const message of [forged, valid]) {
        const result = await verify(secret, message);
        expect(result.data).toBeUndefined();
        expect(result.error).toMatchObject({ kind: "inbound", reason: "invalid-secret", message: expect.stringContaining("PortOne Secret") });
      }
    }
    expect((await verify(SECRET, valid)).data).toBeDefined();
  });

  it("an unset secret is not echoed, and a wrong one never appears in the message", async () => {
    const result = await verifyPaymentWebhook("", examplesOf("payment")["success"]!.value);
    expect(result.error?.message).toContain("got an empty string");
    const wrong = await verifyPaymentWebhook("WRONG-SECRET-VALUE", examplesOf("payment")["success"]!.value);
    expect(JSON.stringify(wrong.error) + String(wrong.error?.message)).not.toContain("WRONG-SECRET-VALUE");
  });

  it.each([
    ["verifyPaymentWebhook", (body: unknown) => verifyPaymentWebhook(SECRET, body), examplesOf("payment")["success"]!.value],
    ["verifyPaymentLinkWebhook", (body: unknown) => verifyPaymentLinkWebhook(SECRET, body), Object.values(examplesOf("paymentLink"))[0]!.value],
    ["parseRefundWebhook", (body: unknown) => parseRefundWebhook(body), Object.values(examplesOf("refund"))[0]!.value],
  ] as const)("%s: takes text, Uint8Array, Buffer, ArrayBuffer, a DataView or the parsed object; refuses undefined, null, numbers", async (_name, verify, value) => {
    const text = JSON.stringify(value);
    const bytes = new TextEncoder().encode(text);
    // The signature covers fields, not bytes: a parsed object (express.json()) verifies like the raw body.
    for (const body of [text, bytes, Buffer.from(text), bytes.buffer.slice(0), new DataView(bytes.buffer), value]) {
      expect((await verify(body)).error).toBeUndefined();
    }
    for (const body of [undefined, null, 42, true, 10n]) {
      expect((await verify(body)).error).toMatchObject({ kind: "inbound", reason: "invalid-body" });
    }
  });

  it("the refund webhook is unsigned by its own code path: it needs no secret and ignores signature_hash", async () => {
    const value = Object.values(examplesOf("refund"))[0]!.value;
    expect((await parseRefundWebhook({ ...value, signature_hash: "anything" })).data).toBeDefined();
  });

  it("a redirect query that is none of the accepted shapes is invalid-body", async () => {
    for (const query of [undefined, null, 42, [["status", "Success"]]]) {
      expect((await (verifyPaymentRedirect as Loose)(SECRET, query)).error).toMatchObject({ kind: "inbound", reason: "invalid-body", message: expect.stringContaining("query") });
    }
  });
});
