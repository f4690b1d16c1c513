// PortOne Global payment links in the sandbox (they answered the sandbox's 501 before), through our client on the
// in-process fetch: createPaymentLink → getPaymentLinkStatus Created → the buyer fails on the hosted page (a Failed
// transaction of the link, its payment webhook, the link still Created) → the buyer pays (the link Success, the
// transaction's signed payment webhook and the link's signed payment-link webhook, verified with the client
// package's verifiers) → the transaction reads and refunds as any other. Then each misuse once with its status code.
// Every answer and webhook body is validated against specs/portone-global.
import { createPortOneGlobalClient, type PortOneGlobalClient } from "@payspec/portone-global";
import { verifyPaymentLinkWebhook, verifyPaymentWebhook } from "@payspec/portone-global/webhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CompleteError, createSandbox, type Sandbox } from "../src/index.js";
import { globalJudge, type GlobalJudge } from "./global-spec.js";

const KEY = "links-global-key";
const SECRET = "links-global-secret";
const HOOK = "https://shop.example/webhooks/portone-global";

let sb: Sandbox;
let judge: GlobalJudge;
let client: PortOneGlobalClient;
let fetch: typeof globalThis.fetch;
const hooks: { url: string; headers: Headers; body: string }[] = [];

beforeAll(async () => {
  judge = await globalJudge();
  sb = createSandbox({
    global: { clientKey: KEY, secretKey: SECRET, webhook: { url: HOOK } },
    webhooks: {
      fetch: async (input, init) => {
        hooks.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) });
        return new Response("ok");
      },
    },
  });
  fetch = judge.checked(sb.global.fetch);
  client = createPortOneGlobalClient({ clientKey: KEY, secretKey: SECRET, fetch });
});
beforeEach(() => {
  sb.reset();
  hooks.length = 0;
});
afterEach(() => {
  expect(judge.violations.splice(0)).toEqual([]);
});
afterAll(() => sb?.close());

const code = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);
const kinds = () => sb.deliveries.map((d) => [d.event, d.state]);

describe("PortOne Global payment links", () => {
  it("create → Created → a failed attempt → paid: Success, both webhooks signed and verified → the transaction refunds", async () => {
    const created = await client.createPaymentLink({ amount: 25000, currency: "KRW", merchant_order_ref: "LINK-2001" });
    expect(created.error).toBeUndefined();
    const linkRef = created.data!.payment_link_ref;
    expect(created.data!.payment_link).toBe(`https://api.portone.cloud/__sandbox/portone-global/links/${linkRef}`);

    const fresh = await client.getPaymentLinkStatus({ portOneLinkRef: linkRef });
    expect(fresh.error).toBeUndefined();
    expect(fresh.data).toEqual({ status: "Created", transactionsList: [] });
    // The hosted page (the control API) shows the link.
    const page = await sb.global.fetch(created.data!.payment_link);
    expect(await page.json()).toMatchObject({ payment_link_ref: linkRef, status: "Created", amount: 25000, currency: "KRW", merchant_order_ref: "LINK-2001", transactions: [] });

    // The buyer's card is declined: a Failed transaction of the link and its payment webhook; the link stays open.
    const failed = await sb.global.fetch(`https://api.portone.cloud/__sandbox/portone-global/links/${linkRef}/pay`, { method: "POST", body: JSON.stringify({ status: "Failed" }) });
    expect(failed.status).toBe(200);
    await sb.settled();
    expect(kinds()).toEqual([["payment", "succeeded"]]);
    const failedHook = await verifyPaymentWebhook(SECRET, hooks[0]!.body);
    expect(failedHook.data).toMatchObject({ status: "Failed", status_code: "6014", payment_link_ref: linkRef, merchant_order_ref: "LINK-2001" });
    expect((await client.getPaymentLinkStatus({ portOneLinkRef: linkRef })).data).toMatchObject({ status: "Created", transactionsList: [{ statusCode: "6014" }] });

    // Then it pays (sb.global.payLink is the same step).
    const paid = sb.global.payLink(linkRef, "Success", { method: "PORTONE_TOSSPAYMENTS_CREDIT_CARD" });
    expect(paid).toMatchObject({ status: "Success" });
    expect(paid.transactions).toHaveLength(2);
    const orderRef = paid.transactions[1]!;
    await sb.settled();
    expect(sb.deliveries.map((d) => [d.event, d.subject, d.state])).toEqual([
      ["payment", paid.transactions[0], "succeeded"],
      ["payment", orderRef, "succeeded"],
      ["paymentLink", linkRef, "succeeded"],
    ]);
    for (const hook of hooks) expect(hook.url).toBe(HOOK);
    const payment = await verifyPaymentWebhook(SECRET, hooks[1]!.body);
    expect(payment.error).toBeUndefined();
    expect(payment.data).toMatchObject({ order_ref: orderRef, status: "Success", amount: 25000, currency: "KRW", method_key: "PORTONE_TOSSPAYMENTS_CREDIT_CARD", payment_link_ref: linkRef });
    const linkHook = await verifyPaymentLinkWebhook(SECRET, hooks[2]!.body);
    expect(linkHook.error).toBeUndefined();
    expect(linkHook.data).toEqual({
      link_ref: linkRef,
      status: "Success",
      amount: 25000,
      currency: "KRW",
      countryCode: "KR",
      merchant_order_ref: "LINK-2001",
      portone_key: KEY,
      chaipaykey: KEY,
      signature_hash: expect.any(String),
    });
    // Signed with the PortOne Secret, in the body only.
    expect((await verifyPaymentLinkWebhook("another-secret", hooks[2]!.body)).error?.reason).toBe("mismatch");
    expect(hooks[2]!.headers.get("webhook-signature")).toBeNull();
    expect(judge.checkWebhook(hooks[0]!.body)).toEqual([]);
    expect(judge.checkWebhook(hooks[1]!.body)).toEqual([]);
    expect(judge.checkWebhook(hooks[2]!.body, "paymentLink")).toEqual([]);

    const status = await client.getPaymentLinkStatus({ portOneLinkRef: linkRef });
    expect(status.data).toEqual({
      status: "Success",
      transactionsList: [
        { order_ref: paid.transactions[0], statusCode: "6014", statusReason: "INVALID_CARD_DECLINED_ERROR" },
        { order_ref: orderRef, statusCode: "2000", statusReason: "Success" },
      ],
    });

    // The link's transaction is a transaction like any other: by your reference, by PortOne's, refundable.
    expect((await client.getTransactionStatus({ merchantOrderRef: "LINK-2001" })).data).toEqual({ status: "Success" });
    expect((await client.getTransactionDetails({ order_ref: orderRef })).data).toMatchObject({ status: "Success", payment_link_ref: linkRef });
    expect((await client.createRefund({ portone_order_ref: orderRef, refund_type: "full", environment: "sandbox" })).data).toMatchObject({ amountToRefund: 0 });
    // No success_url: the buyer of a link stays on the hosted page.
    expect(sb.global.redirectUrl(orderRef)).toBeUndefined();

    // A paid link cannot be paid again.
    expect(() => sb.global.payLink(linkRef, "Success")).toThrow(CompleteError);
    const again = await sb.global.fetch(`https://api.portone.cloud/__sandbox/portone-global/links/${linkRef}/pay`, { method: "POST", body: "{}" });
    expect([again.status, ((await again.json()) as { code: string }).code]).toEqual([409, "LINK_NOT_OPEN"]);
    expect(judge.counted.responses).toBe(7);
  });

  it("a link without your reference is found by PortOne's, and its webhook signs an empty merchant_order_ref", async () => {
    const created = await client.createPaymentLink({ amount: 100.25, currency: "USD" });
    const linkRef = created.data!.payment_link_ref;
    sb.global.payLink(linkRef, "Success");
    await sb.settled();
    const linkHook = await verifyPaymentLinkWebhook(SECRET, hooks.at(-1)!.body);
    expect(linkHook.error).toBeUndefined();
    expect(linkHook.data).toMatchObject({ link_ref: linkRef, amount: 100.25, currency: "USD", countryCode: "US", merchant_order_ref: "" });
    expect((await client.getPaymentLinkStatus({ portOneLinkRef: linkRef })).data?.status).toBe("Success");
  });

  it("answers each misuse with its status code", async () => {
    const first = await client.createPaymentLink({ amount: 10000, currency: "KRW", merchant_order_ref: "LINK-DUP" });
    expect(first.error).toBeUndefined();
    // Your reference already used by a link, or by a transaction: 4050; and a transaction cannot take a link's: 4001.
    expect(code(await client.createPaymentLink({ amount: 10000, currency: "KRW", merchant_order_ref: "LINK-DUP" }))).toBe("4050");
    const started = await client.initiatePayment({
      merchant_order_id: "ORDER-TAKEN",
      amount: 5000,
      currency: "KRW",
      success_url: "https://shop.example/ok",
      failure_url: "https://shop.example/ko",
      environment: "sandbox",
      pmt_channel: "PORTONE_KR",
      pmt_method: "PORTONE_KAKAOPAY",
    });
    expect(started.error).toBeUndefined();
    expect(code(await client.createPaymentLink({ amount: 10000, currency: "KRW", merchant_order_ref: "ORDER-TAKEN" }))).toBe("4050");
    const taken = await client.initiatePayment({ ...{ merchant_order_id: "LINK-DUP", amount: 5000, currency: "KRW" }, success_url: "https://shop.example/ok", failure_url: "https://shop.example/ko", environment: "sandbox", pmt_channel: "PORTONE_KR", pmt_method: "PORTONE_KAKAOPAY" });
    expect(code(taken)).toBe("4001");
    // An amount of 0 (4001); an unknown link (4083, HTTP 404).
    expect(code(await client.createPaymentLink({ amount: 0, currency: "KRW" }))).toBe("4001");
    const unknown = await client.getPaymentLinkStatus({ portOneLinkRef: "sbxlink-none" });
    expect([code(unknown), unknown.error?.kind === "api" && unknown.error.httpStatus]).toEqual(["4083", 404]);
    // A sub-merchant key: the sandbox has no sub-merchants (4010).
    expect(code(await client.createPaymentLink({ amount: 10000, currency: "KRW" }, { subMerchantKey: "sub-merchant-key" }))).toBe("4010");

    // Raw, what our client refuses or always sends right: a lowercase currency (4001), no JWT (4054), no client key (4010).
    const post = (headers: Record<string, string>, body: unknown) => fetch("https://api.portone.cloud/api/paymentLink", { method: "POST", headers, body: JSON.stringify(body) });
    const issued = await fetch("https://api.portone.cloud/api/merchant/auth-token", { method: "POST", body: JSON.stringify({ portone_key: KEY, portone_secret: SECRET }) });
    const jwt = ((await issued.json()) as { content: { token: string } }).content.token;
    const auth = { "x-portone-client-key": KEY, authorization: `Bearer ${jwt}` };
    const answer = async (response: Response) => [response.status, ((await response.json()) as { status_code: string }).status_code];
    expect(await answer(await post(auth, { amount: 100, currency: "krw" }))).toEqual([400, "4001"]);
    expect(await answer(await post({ "x-portone-client-key": KEY }, { amount: 100, currency: "KRW" }))).toEqual([401, "4054"]);
    expect(await answer(await post({ authorization: `Bearer ${jwt}` }, { amount: 100, currency: "KRW" }))).toEqual([401, "4010"]);
    expect(await answer(await fetch("https://api.portone.cloud/api/paymentLink/x/fetch-status", { headers: { "x-portone-client-key": KEY } }))).toEqual([401, "4054"]);

    // Only the first link exists; the control step refuses an unknown one.
    expect(sb.global.links().map((l) => l.merchant_order_ref)).toEqual(["LINK-DUP"]);
    expect(() => sb.global.payLink("sbxlink-none", "Success")).toThrow(/no PortOne Global payment link/);
    expect(() => sb.global.payLink(first.data!.payment_link_ref, "Maybe" as "Success")).toThrow(TypeError);
  });
});
