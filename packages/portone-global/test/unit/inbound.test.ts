// Webhooks and the payment redirect: every signed example of the spec verifies with the secret it
// was signed with, tampering and the wrong secret are caught, and no input makes them throw.
import { describe, expect, it } from "vitest";
import { bundleSpec } from "@payspec/codegen/bundle";
import {
  createPortOneGlobalClient,
  parseRefundWebhook,
  verifyPaymentLinkWebhook,
  verifyPaymentRedirect,
  verifyPaymentWebhook,
} from "../../src/index.js";

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
      expect(result.ok && result.payload.merchant_order_ref).toBe(value["merchant_order_ref"]);
    }
  });

  it.each(Object.entries(examplesOf("paymentLink")))("payment-link webhook %s verifies", async (_name, { value }) => {
    expect((await verifyPaymentLinkWebhook(SECRET, value)).ok).toBe(true);
  });

  it.each(Object.entries(examplesOf("paymentRedirect")))("payment redirect %s verifies from a URL, a query string, URLSearchParams and an object", async (_name, { value }) => {
    const params = new URLSearchParams(value as Record<string, string>);
    const url = `https://merchant.example/success?${params}`;
    for (const query of [url, new URL(url), `?${params}`, params.toString(), params, value as Record<string, string>]) {
      const result = await verifyPaymentRedirect(SECRET, query);
      expect(result.error).toBeUndefined();
      expect(result.ok && result.payload.order_ref).toBe(value["order_ref"]);
    }
  });

  it("the refund webhook parses (it carries no signature)", async () => {
    for (const { value } of Object.values(examplesOf("refund"))) expect((await parseRefundWebhook(value)).ok).toBe(true);
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
    expect((await verifyPaymentRedirect(SECRET, { ...redirect, amount: "1" })).ok).toBe(true);
  });

  it("a signature whose + a query decoder turned into a space still verifies", async () => {
    const query = `order_ref=${redirect["order_ref"]}&channel_order_ref=${redirect["channel_order_ref"]}&merchant_order_ref=${redirect["merchant_order_ref"]}&status=Success&signature_hash=${redirect["signature_hash"]}`;
    expect((await verifyPaymentRedirect(SECRET, query)).ok).toBe(true);
  });

  it("accepts a status the spec does not list yet when the signature is right", async () => {
    const { computeSignature } = await import("../../src/index.js");
    const newer: Record<string, unknown> = { ...webhook, status: "PartiallyRefunded" };
    newer["signature_hash"] = await computeSignature(SECRET, "PaymentWebhook", newer);
    expect((await verifyPaymentWebhook(SECRET, newer)).ok).toBe(true);
  });

  it.each([
    ["not JSON", "<html>"], ["an array", [webhook]], ["null", null], ["a number", 1], ["amount as text", { ...webhook, amount: "15000" }],
    ["missing order_ref", { ...webhook, order_ref: undefined }], ["a proxy that throws", new Proxy({}, { get() { throw new Error("boom"); }, ownKeys() { throw new Error("boom"); } })],
  ])("never throws on %s", async (_name, body) => {
    const result = await verifyPaymentWebhook(SECRET, body);
    expect(result.ok).toBe(false);
    expect(["not-json", "invalid-payload", "missing-signature", "mismatch"]).toContain(result.error?.reason);
  });

  it("the client's helpers use its own secret", async () => {
    const client = createPortOneGlobalClient({ clientKey: "PORTONE_KEY", secretKey: SECRET });
    expect((await client.verifyPaymentWebhook(webhook)).ok).toBe(true);
    expect((await client.verifyPaymentRedirect(redirect)).ok).toBe(true);
    expect((await client.verifyPaymentLinkWebhook(examplesOf("paymentLink")["success"]!.value)).ok).toBe(true);
    expect(
      await client.signPaymentRequest({ amount: 100.25, currency: "USD", merchant_order_id: "ORDER-1001", success_url: "https://checkout.portone.cloud/success.html", failure_url: "https://checkout.portone.cloud/failure.html" }),
    ).toBe("z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=");
  });
});
