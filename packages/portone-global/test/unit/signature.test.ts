// signature_hash against the reference's worked example (REFERENCE.md §4.5) and the spec's signed
// examples, plus amount formatting, encoding and tampering.
import { describe, expect, it } from "vitest";
import { checkSignature, computeSignature, formatAmount, signatureMessage, signPaymentRequest } from "../../src/index.js";

const SECRET = "PORTONE_SECRET";
const worked = {
  portone_key: "PORTONE_KEY",
  amount: 100.25,
  currency: "USD",
  failure_url: "https://checkout.portone.cloud/failure.html",
  merchant_order_id: "ORDER-1001",
  success_url: "https://checkout.portone.cloud/success.html",
};

describe("the reference's worked example", () => {
  it("builds the published message, sorted and form-encoded", () => {
    expect(signatureMessage("InitiatePaymentRequest", worked)).toBe(
      "amount=100.25&client_key=PORTONE_KEY&currency=USD&failure_url=https%3A%2F%2Fcheckout.portone.cloud%2Ffailure.html&merchant_order_id=ORDER-1001&success_url=https%3A%2F%2Fcheckout.portone.cloud%2Fsuccess.html",
    );
  });

  it("signs it as z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA= (standard Base64, not hex)", async () => {
    const signature = await signPaymentRequest(SECRET, worked);
    expect(signature).toBe("z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=");
    expect(Buffer.from(signature, "base64").toString("hex")).toBe("cf4f02ec085c15ebf86e505be942c82741bd7514a6b2ab76dff79273fd73c5c0");
  });

  it("amount 100.00 is signed as 100", async () => {
    expect(signatureMessage("InitiatePaymentRequest", { ...worked, amount: 100.0 })).toMatch(/^amount=100&client_key/);
    expect(await signPaymentRequest(SECRET, { ...worked, amount: 100 })).toBe("19AY5xGdP/bqUeDqxDd41ONmrZ2E5MkxtNgP2jEY7fw=");
    expect(await signPaymentRequest(SECRET, { ...worked, amount: "100.00" })).toBe("19AY5xGdP/bqUeDqxDd41ONmrZ2E5MkxtNgP2jEY7fw=");
  });

  it("a space is encoded as + (the form-encoder convention), not %20", async () => {
    const spaced = { ...worked, merchant_order_id: "ORDER 1001" };
    expect(signatureMessage("InitiatePaymentRequest", spaced)).toContain("merchant_order_id=ORDER+1001&");
    expect(await signPaymentRequest(SECRET, spaced)).toBe("vchS0IV7RxPBN6CBlXsfOEtwZtTmjz82/31FtIuKOI0=");
    expect(await signPaymentRequest(SECRET, spaced)).not.toBe("WceyAE5VKI77la/Ci8QWhpK2COcm97hAFI9619OB66g=");
  });

  it("ignores fields that are not signed and the order they come in", async () => {
    const reordered = Object.fromEntries(Object.entries({ ...worked, environment: "sandbox", pmt_channel: "X" }).reverse());
    expect(await computeSignature(SECRET, "InitiatePaymentRequest", reordered)).toBe("z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=");
  });
});

describe("formatAmount", () => {
  it.each([
    [100, "100"], [100.0, "100"], [100.25, "100.25"], [100.5, "100.5"], [0, "0"], [15000, "15000"], [0.1, "0.1"],
    [1e21, "1000000000000000000000"], [1e-7, "0.0000001"], [100.255, "100.255"],
    ["100.00", "100"], ["100.50", "100.5"], ["100", "100"], [" 42.10 ", "42.1"], ["1,000", "1,000"],
  ] as const)("%j → %s", (amount, expected) => {
    expect(formatAmount(amount)).toBe(expected);
  });
});

describe("checkSignature", () => {
  const webhook = {
    order_ref: "2xJ7kQ9mVbN3pL5rT8wZ1cY4dF6", channel_order_ref: "INIpayTest20250601001", merchant_order_ref: "ORDER-1002", status: "Success",
    amount: 15000, currency: "KRW", country_code: "KR", channel_key: "PORTONE_KR", method_name: "KakaoPay",
    signature_hash: "/Tut5onnBFJtF3RKEUuc6so8LMUnJNn8DNhpU3MpWuU=",
  };
  it("accepts the spec's signed payment webhook", async () => {
    expect(await checkSignature(SECRET, "PaymentWebhook", webhook)).toEqual({ valid: true });
  });
  it.each(["order_ref", "channel_order_ref", "merchant_order_ref", "status", "amount", "currency", "country_code", "channel_key", "method_name"])(
    "rejects a change of the signed field %s",
    async (field) => {
      const tampered = { ...webhook, [field]: field === "amount" ? 15001 : `${String(webhook[field as keyof typeof webhook])}x` };
      expect(await checkSignature(SECRET, "PaymentWebhook", tampered)).toEqual({ valid: false, reason: "mismatch" });
    },
  );
  it("does not cover unsigned fields", async () => {
    expect(await checkSignature(SECRET, "PaymentWebhook", { ...webhook, user_message: "changed", method_key: "X" })).toEqual({ valid: true });
  });
  it("rejects the wrong secret, a missing and an altered signature", async () => {
    expect(await checkSignature("OTHER_SECRET", "PaymentWebhook", webhook)).toEqual({ valid: false, reason: "mismatch" });
    expect(await checkSignature(SECRET, "PaymentWebhook", { ...webhook, signature_hash: undefined })).toEqual({ valid: false, reason: "missing-signature" });
    expect(await checkSignature(SECRET, "PaymentWebhook", { ...webhook, signature_hash: "" })).toEqual({ valid: false, reason: "missing-signature" });
    expect(await checkSignature(SECRET, "PaymentWebhook", { ...webhook, signature_hash: webhook.signature_hash.toLowerCase() })).toEqual({ valid: false, reason: "mismatch" });
    expect(await checkSignature(SECRET, "PaymentWebhook", { ...webhook, signature_hash: 42 })).toEqual({ valid: false, reason: "missing-signature" });
  });
  // Issue 15 item 10: the + → space repair in checkSignature was only reached through verifyPaymentRedirect, which repairs it too.
  it("accepts a signature whose + arrived as a space (a query decoder's doing)", async () => {
    let fields: Record<string, unknown> = { ...webhook, signature_hash: undefined };
    for (let i = 0; !(await computeSignature(SECRET, "PaymentWebhook", fields)).includes("+"); i++) fields = { ...fields, merchant_order_ref: `ORDER-PLUS-${i}` };
    const signature = await computeSignature(SECRET, "PaymentWebhook", fields);
    expect(await checkSignature(SECRET, "PaymentWebhook", { ...fields, signature_hash: signature.replace(/\+/g, " ") })).toEqual({ valid: true });
    expect(await checkSignature(SECRET, "PaymentWebhook", { ...fields, signature_hash: signature.replace(/\+/g, "-") })).toEqual({ valid: false, reason: "mismatch" });
  });
  // Issue 15 item 3: an empty or missing secret threw (WebCrypto refuses a zero-length key) instead of refusing.
  it("a secret that is not a non-empty string is invalid-secret, never a pass or a throw", async () => {
    for (const secret of [undefined, null, "", "  ", 42]) {
      expect(await checkSignature(secret as string, "PaymentWebhook", webhook)).toEqual({ valid: false, reason: "invalid-secret" });
    }
  });
  it("a payload that is not an object carries no signature", async () => {
    for (const payload of [null, undefined, "signature_hash"]) {
      expect(await checkSignature(SECRET, "PaymentWebhook", payload as unknown as Record<string, unknown>)).toEqual({ valid: false, reason: "missing-signature" });
    }
  });
  it("signs the payment-link webhook's countryCode as country_code", () => {
    expect(signatureMessage("PaymentLinkWebhook", { amount: 25000, countryCode: "KR", currency: "KRW", link_ref: "L", merchant_order_ref: "M", status: "Success" })).toBe(
      "amount=25000&country_code=KR&currency=KRW&link_ref=L&merchant_order_ref=M&status=Success",
    );
  });
});
