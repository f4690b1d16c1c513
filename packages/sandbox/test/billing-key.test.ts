// PortOne V2 billing keys in the sandbox, through our client on the in-process fetch: issueBillingKey from card
// credentials (ISSUED, the card masked, never the full number), getBillingKeyInfo, deleteBillingKey (DELETED; a
// second delete is BILLING_KEY_ALREADY_DELETED), payWithBillingKey (a PAID payment that getPayment and cancelPayment
// work on, and Transaction.Paid), and each documented error when its condition holds. Every answer is validated
// against specs/portone. Before this change every billing-key path answered the sandbox's 501 "Not simulated".
import { createPortOneClient, type PortOneClient } from "@payspec/portone";
import { verifyWebhook } from "@payspec/portone/webhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { createClock } from "../src/clock.js";
import { billingKeyWebhookBody, PortOneEngine, type BillingKeyEvent, type PortOneBillingKey, type PortOnePayment } from "../src/portone/engine.js";
import { specJudge, type SpecJudge } from "./spec.js";

const SECRET = `whsec_${Buffer.from("billing key test key: 32 bytes!!").toString("base64")}`;
const CARD = { number: "5365100012345678", expiryYear: "29", expiryMonth: "07", birthOrBusinessRegistrationNumber: "900101", passwordTwoDigits: "12" };

let sb: Sandbox;
let judge: SpecJudge;
let client: PortOneClient;
let raw: typeof globalThis.fetch;
const hooks: { headers: Headers; body: string }[] = [];
const auth = { authorization: "PortOne bk-api-secret" };

beforeAll(async () => {
  judge = await specJudge();
  sb = createSandbox({
    portone: { secret: "bk-api-secret", storeId: "store-bk", webhook: { url: "https://app.example/hooks", secret: SECRET } },
    clock: { start: "2026-03-01T00:00:00Z" },
    webhooks: {
      fetch: async (input, init) => {
        const request = new Request(input, init);
        hooks.push({ headers: request.headers, body: await request.text() });
        return new Response("ok");
      },
    },
  });
  raw = judge.checked(sb.fetch);
  client = createPortOneClient({ secret: "bk-api-secret", baseUrl: "https://api.portone.io", fetch: raw });
});
beforeEach(() => {
  sb.reset();
  hooks.length = 0;
});
afterEach(() => {
  const found = judge.violations.splice(0);
  expect(found).toEqual([]);
});
afterAll(() => sb?.close());

/** A timestamp of sandbox time just now (the sandbox clock runs at wall-clock speed from its start). */
const recent = (iso: string | undefined) => {
  const age = sb.clock.now() - Date.parse(iso ?? "");
  expect(age >= 0 && age < 5_000, `${String(iso)} is not sandbox time just now (${sb.clock.iso()})`).toBe(true);
};
const apiCode = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

async function issue(customer?: { name?: { full: string }; email?: string }) {
  const issued = await client.issueBillingKey({ channelKey: "channel-key-bk", method: { card: { credential: CARD } }, ...(customer && { customer }), customData: '{"plan":"monthly"}' });
  expect(issued.error).toBeUndefined();
  return issued.data!.billingKeyInfo.billingKey;
}

describe("issueBillingKey and getBillingKeyInfo", () => {
  it("issues an ISSUED key whose card is masked: the full number appears in no answer", async () => {
    const issued = await client.issueBillingKey({ channelKey: "channel-key-bk", method: { card: { credential: CARD } }, customer: { name: { full: "김하늘" }, email: "sky@example.com" } });
    expect(issued.error).toBeUndefined();
    const summary = issued.data!.billingKeyInfo;
    expect(summary.billingKey).toMatch(/^billing-key-/);
    recent(summary.issuedAt);
    expect(summary.channels?.[0]?.key).toBe("channel-key-bk");

    const info = await client.getBillingKeyInfo({ billingKey: summary.billingKey });
    expect(info.error).toBeUndefined();
    expect(info.data).toMatchObject({ status: "ISSUED", billingKey: summary.billingKey, storeId: "store-bk", customer: { name: "김하늘", email: "sky@example.com" } });
    const method = (info.data as PortOneBillingKey).methods?.[0];
    expect(method?.type).toBe("BillingKeyPaymentMethodCard");
    expect(method?.type === "BillingKeyPaymentMethodCard" && method.card).toMatchObject({ bin: "536510", number: "536510******5678" });
    expect(JSON.stringify(issued.data)).not.toContain(CARD.number);
    expect(JSON.stringify(info.data)).not.toContain(CARD.number);
  });

  it("keeps a customer name given in parts (CustomerNameInput.separated) as one Customer.name", async () => {
    const issued = await client.issueBillingKey({ channelKey: "k", method: { card: { credential: CARD } }, customer: { name: { separated: { first: "하늘", last: "김" } } } });
    const info = await client.getBillingKeyInfo({ billingKey: issued.data!.billingKeyInfo.billingKey });
    expect(info.data).toMatchObject({ customer: { name: "김 하늘" } });
  });

  it("answers BILLING_KEY_NOT_FOUND for an unknown key", async () => {
    const info = await client.getBillingKeyInfo({ billingKey: "billing-key-nope" });
    expect(info.error).toMatchObject({ kind: "api", httpStatus: 404, code: "BILLING_KEY_NOT_FOUND" });
  });

  it("answers INVALID_REQUEST without a channel, without card credentials, or with a malformed card, never echoing the number", async () => {
    const noChannel = await raw("https://api.portone.io/billing-keys", { method: "POST", headers: auth, body: JSON.stringify({ method: { card: { credential: CARD } } }) });
    expect(noChannel.status).toBe(400);
    const noCard = await raw("https://api.portone.io/billing-keys", { method: "POST", headers: auth, body: JSON.stringify({ channelKey: "k", method: {} }) });
    expect(noCard.status).toBe(400);
    const badNumber = "4111-1111-1111-1111";
    const malformed = await raw("https://api.portone.io/billing-keys", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ channelKey: "k", method: { card: { credential: { ...CARD, number: badNumber, expiryMonth: "13" } } } }),
    });
    expect(malformed.status).toBe(400);
    const body = (await malformed.json()) as { type: string; message: string };
    expect(body.type).toBe("INVALID_REQUEST");
    expect(body.message).toContain("credential.number");
    expect(body.message).toContain("expiryMonth");
    expect(body.message).not.toContain(badNumber);
    expect(sb.portone.payments()).toEqual([]);
  });

  it("emits BillingKey.Issued (unless skipWebhook) with a body the spec's webhook schema and verifyWebhook accept", async () => {
    const events: BillingKeyEvent[] = [];
    const clock = createClock();
    const engine = new PortOneEngine({
      clock,
      storeId: "store-bk",
      merchantId: "merchant-bk",
      emit: () => undefined,
      emitBillingKey: (event) => events.push(event),
      webhooksOf: () => [],
    });
    const issued = engine.issueBillingKey({ channelKey: "k", method: { card: { credential: CARD } } });
    expect(issued.ok).toBe(true);
    const silent = engine.issueBillingKey({ channelKey: "k", method: { card: { credential: CARD } }, skipWebhook: true });
    expect(silent.ok).toBe(true);
    const key = issued.ok ? issued.value.billingKeyInfo.billingKey : "";
    expect(events).toEqual([{ type: "BillingKey.Issued", billingKey: key, storeId: "store-bk" }]);
    expect(engine.deleteBillingKey(key, { skipWebhook: "true" }).ok).toBe(true);
    expect(events).toHaveLength(1);
    const other = silent.ok ? silent.value.billingKeyInfo.billingKey : "";
    expect(engine.deleteBillingKey(other, {}).ok).toBe(true);
    expect(events.at(-1)).toEqual({ type: "BillingKey.Deleted", billingKey: other, storeId: "store-bk" });

    for (const event of events) {
      const body = billingKeyWebhookBody(event, clock.iso());
      expect(judge.checkWebhook(body)).toEqual([]);
      expect(JSON.parse(body)).toMatchObject({ type: event.type, data: { storeId: "store-bk", billingKey: event.billingKey } });
    }
  });
});

describe("deleteBillingKey", () => {
  it("marks the key DELETED with deletedAt; a second delete is BILLING_KEY_ALREADY_DELETED; an unknown key BILLING_KEY_NOT_FOUND", async () => {
    const billingKey = await issue();
    const issuedAt = String((await client.getBillingKeyInfo({ billingKey })).data?.issuedAt);
    sb.clock.advance(60_000);
    const deleted = await client.deleteBillingKey({ billingKey, reason: "해지", requester: "CUSTOMER" });
    expect(deleted.error).toBeUndefined();
    const deletedAt = String(deleted.data?.deletedAt);
    expect(Object.keys(deleted.data!)).toEqual(["deletedAt"]);
    recent(deletedAt);
    expect(Date.parse(deletedAt) - Date.parse(issuedAt)).toBeGreaterThanOrEqual(60_000);
    const info = await client.getBillingKeyInfo({ billingKey });
    expect(info.data).toMatchObject({ status: "DELETED", billingKey, deletedAt, issuedAt });

    const again = await client.deleteBillingKey({ billingKey });
    expect(again.error).toMatchObject({ kind: "api", httpStatus: 409, code: "BILLING_KEY_ALREADY_DELETED" });
    expect(apiCode(await client.deleteBillingKey({ billingKey: "billing-key-nope" }))).toBe("BILLING_KEY_NOT_FOUND");
  });

  it("refuses another store's key access with FORBIDDEN, and a requester outside the enum with INVALID_REQUEST", async () => {
    const billingKey = await issue();
    const forbidden = await raw(`https://api.portone.io/billing-keys/${billingKey}?storeId=store-other`, { method: "DELETE", headers: auth });
    expect(forbidden.status).toBe(403);
    const badRequester = await raw(`https://api.portone.io/billing-keys/${billingKey}?requester=ROBOT`, { method: "DELETE", headers: auth });
    expect(badRequester.status).toBe(400);
    expect((await client.getBillingKeyInfo({ billingKey })).data?.status).toBe("ISSUED");
  });
});

describe("payWithBillingKey", () => {
  it("creates a PAID payment with the key's masked card, sends Transaction.Paid, and getPayment / cancelPayment work on it", async () => {
    const billingKey = await issue({ name: { full: "김하늘" } });
    const paid = await client.payWithBillingKey({ paymentId: "sub-0001", billingKey, orderName: "정기구독 3월분", amount: { total: 29900 }, currency: "KRW" });
    expect(paid.error).toBeUndefined();
    expect(paid.data!.payment.pgTxId).toMatch(/^sandbox-tx-/);
    recent(paid.data!.payment.paidAt);

    const payment = await client.getPayment({ paymentId: "sub-0001" });
    expect(payment.data).toMatchObject({
      status: "PAID",
      billingKey,
      paidAt: paid.data!.payment.paidAt,
      pgTxId: paid.data!.payment.pgTxId,
      orderName: "정기구독 3월분",
      amount: { total: 29900, paid: 29900, vat: 2718 },
      customer: { name: "김하늘" },
      method: { type: "PaymentMethodCard", card: { number: "536510******5678" } },
    });

    await sb.settled();
    const transactionEvents = hooks.map((h) => JSON.parse(h.body) as { type: string; data: Record<string, string> }).filter((b) => b.type.startsWith("Transaction."));
    expect(transactionEvents).toEqual([expect.objectContaining({ type: "Transaction.Paid", data: expect.objectContaining({ paymentId: "sub-0001" }) })]);
    const hook = hooks.find((h) => h.body.includes("Transaction.Paid"))!;
    expect((await verifyWebhook(hook.body, hook.headers, SECRET)).error).toBeUndefined();
    expect(judge.checkWebhook(hook.body)).toEqual([]);

    const partial = await client.cancelPayment({ paymentId: "sub-0001", amount: 9900, reason: "일부 환불" });
    expect(partial.error).toBeUndefined();
    expect((await client.getPayment({ paymentId: "sub-0001" })).data?.status).toBe("PARTIAL_CANCELLED");
    const over = await client.cancelPayment({ paymentId: "sub-0001", amount: 20001, reason: "초과" });
    expect(apiCode(over)).toBe("CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT");
  });

  it("answers ALREADY_PAID for a paid paymentId, and changes nothing", async () => {
    const billingKey = await issue();
    const input = { paymentId: "sub-dup", billingKey, orderName: "구독", amount: { total: 1000 }, currency: "KRW" } as const;
    expect((await client.payWithBillingKey(input)).error).toBeUndefined();
    const again = await client.payWithBillingKey({ ...input, amount: { total: 5000 } });
    expect(again.error).toMatchObject({ kind: "api", httpStatus: 409, code: "ALREADY_PAID" });
    expect(((await client.getPayment({ paymentId: "sub-dup" })).data as PortOnePayment).amount.total).toBe(1000);
  });

  it("answers BILLING_KEY_ALREADY_DELETED with a deleted key and BILLING_KEY_NOT_FOUND with an unknown one; no payment is made", async () => {
    const billingKey = await issue();
    expect((await client.deleteBillingKey({ billingKey })).error).toBeUndefined();
    const withDeleted = await client.payWithBillingKey({ paymentId: "sub-del", billingKey, orderName: "구독", amount: { total: 1000 }, currency: "KRW" });
    expect(withDeleted.error).toMatchObject({ kind: "api", httpStatus: 409, code: "BILLING_KEY_ALREADY_DELETED" });
    const withUnknown = await client.payWithBillingKey({ paymentId: "sub-del", billingKey: "billing-key-nope", orderName: "구독", amount: { total: 1000 }, currency: "KRW" });
    expect(withUnknown.error).toMatchObject({ kind: "api", httpStatus: 404, code: "BILLING_KEY_NOT_FOUND" });
    expect(apiCode(await client.getPayment({ paymentId: "sub-del" }))).toBe("PAYMENT_NOT_FOUND");
  });

  it("answers SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT when taxFree + vat exceed the total, and INVALID_REQUEST without an amount", async () => {
    const billingKey = await issue();
    const parts = await client.payWithBillingKey({ paymentId: "sub-parts", billingKey, orderName: "구독", amount: { total: 1000, taxFree: 600, vat: 500 }, currency: "KRW" });
    expect(parts.error).toMatchObject({ kind: "api", httpStatus: 409, code: "SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT" });
    const noAmount = await raw("https://api.portone.io/payments/sub-parts/billing-key", {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ billingKey, orderName: "구독", currency: "KRW" }),
    });
    expect(noAmount.status).toBe(400);
    expect(sb.portone.payments()).toEqual([]);
  });

  it("a charge whose answer was lost, retried by our client with its Idempotency-Key, charges once and sends one Transaction.Paid", async () => {
    const billingKey = await issue();
    const retrying = createPortOneClient({ secret: "bk-api-secret", baseUrl: "https://api.portone.io", fetch: raw, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 } });
    sb.faults.inject({ operation: "payWithBillingKey", fault: "lost-answer" });
    const paid = await retrying.payWithBillingKey({ paymentId: "sub-lost", billingKey, orderName: "구독", amount: { total: 1000 }, currency: "KRW" });
    expect(paid.error).toBeUndefined();
    expect(paid.response!.headers.get("x-sandbox-idempotent-replay")).toBe("true");
    expect((sb.portone.payment("sub-lost") as PortOnePayment & { pgTxId: string }).pgTxId).toBe(paid.data!.payment.pgTxId);
    await sb.settled();
    expect(hooks.filter((h) => h.body.includes("Transaction.Paid"))).toHaveLength(1);
  });

  it("skipWebhook: true pays without Transaction.Paid", async () => {
    const billingKey = await issue();
    const paid = await client.payWithBillingKey({ paymentId: "sub-quiet", billingKey, orderName: "구독", amount: { total: 1000 }, currency: "KRW", skipWebhook: true });
    expect(paid.error).toBeUndefined();
    await sb.settled();
    expect(hooks.filter((h) => h.body.includes("Transaction."))).toEqual([]);
    expect((await client.getPayment({ paymentId: "sub-quiet" })).data?.status).toBe("PAID");
  });
});

describe("billing-key webhooks through the sandbox", () => {
  const SECRET = `whsec_${Buffer.from("billing key test key: 32 bytes!!").toString("base64")}`;
  it("delivers BillingKey.Issued and BillingKey.Deleted, signed as PortOne signs them and valid by the spec", async () => {
    const judge = await specJudge();
    const hooks: { headers: Headers; body: string }[] = [];
    const sb = createSandbox({
      portone: { webhook: { url: "https://app.example/h", secret: SECRET } },
      webhooks: {
        fetch: async (input, init) => {
          const request = new Request(input, init);
          hooks.push({ headers: request.headers, body: await request.text() });
          return new Response("ok");
        },
      },
    });
    try {
      const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });
      const issued = await client.issueBillingKey({ channelKey: "k", method: { card: { credential: { number: "5365100012345678", expiryYear: "29", expiryMonth: "07" } } } });
      expect(issued.error).toBeUndefined();
      await client.deleteBillingKey({ billingKey: issued.data!.billingKeyInfo.billingKey });
      await sb.settled();
      expect(hooks.map((h) => (JSON.parse(h.body) as { type: string }).type)).toEqual(["BillingKey.Issued", "BillingKey.Deleted"]);
      for (const hook of hooks) {
        expect((await verifyWebhook(hook.body, hook.headers, SECRET)).error).toBeUndefined();
        expect(judge.checkWebhook(hook.body)).toEqual([]);
        expect(hook.body).not.toContain("5365100012345678");
      }
    } finally {
      await sb.close();
    }
  });
});
