// The dashboard in a real headless Chromium (Debian's /usr/bin/chromium or PAYSPEC_CHROMIUM, driven by
// playwright-core, which never downloads a browser), each provider's customer step by a click: a PortOne payment
// pre-registered through our client is paid and shows PAID with its Transaction.Paid delivery answered 200 by the
// app's handler; a PaySsam bill sent through our client is approved and shows F with its approval callback
// acknowledged; a PortOne Global transaction initiated through our client is completed and shows Success with its
// signed webhook verified and its refunds; a PortOne payment schedule made through our client runs when the clock is
// advanced by a click and shows SUCCEEDED with its PAID payment, whose row then shows its cash receipt; a PortOne
// Global payment link made through our client is paid by a click and shows Success with its attempt, both signed
// webhooks verified by the app. No console error, no request leaving the sandbox's origin, and values
// from the sandbox shown as text. Skipped, with the reason, where no Chromium is installed.
import { existsSync } from "node:fs";
import { createPaySsamClient } from "@payspec/payssam";
import { approvalSyncReply, parseApprovalSync } from "@payspec/payssam/webhooks";
import { createPortOneClient } from "@payspec/portone";
import { createPortOneGlobalClient } from "@payspec/portone-global";
import { parseRefundWebhook, verifyPaymentLinkWebhook, verifyPaymentWebhook } from "@payspec/portone-global/webhooks";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, startSandbox, type RunningSandbox } from "../src/index.js";
import { startReceiver, type Receiver } from "./receiver.js";

const WEBHOOK_SECRET = `whsec_${Buffer.from("dashboard webhook key 0123456789").toString("base64")}`;
const GLOBAL_SECRET = "dashboard-global-secret";
const PAYSSAM_CALLBACK = "https://app.example/payssam/callback";
const GLOBAL_WEBHOOK = "https://app.example/webhooks/portone-global";

/** What the app's PaySsam and PortOne Global handlers received, and what they made of it. */
interface AppCall {
  readonly url: string;
  readonly body: string;
  readonly outcome: "parsed" | "verified" | "refused";
}

/**
 * The app's PaySsam callback and PortOne Global webhook handlers, in process (the sandbox's `webhooks.fetch`): the
 * approval sync parsed with `parseApprovalSync` and acknowledged with PaySsam's reply, the payment webhook verified
 * with `verifyPaymentWebhook` (a refund webhook parsed with `parseRefundWebhook`, a payment-link webhook — the one with
 * a `link_ref` — verified with `verifyPaymentLinkWebhook`). Anything else (PortOne's webhooks to the receiver) goes out
 * over HTTP.
 */
function appFetch(calls: AppCall[]): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = await request.text();
    if (request.url === PAYSSAM_CALLBACK) {
      const parsed = parseApprovalSync(body);
      calls.push({ url: request.url, body, outcome: parsed.error ? "refused" : "parsed" });
      return parsed.error ? new Response("bad", { status: 400 }) : Response.json(approvalSyncReply());
    }
    if (request.url === GLOBAL_WEBHOOK) {
      // Refund webhooks come to the same URL, unsigned: parsed and acknowledged.
      if ((await parseRefundWebhook(body)).data) {
        calls.push({ url: request.url, body, outcome: "parsed" });
        return new Response("ok");
      }
      const isLink = typeof JSON.parse(body) === "object" && "link_ref" in JSON.parse(body);
      const verified = isLink ? await verifyPaymentLinkWebhook(GLOBAL_SECRET, body) : await verifyPaymentWebhook(GLOBAL_SECRET, body);
      calls.push({ url: request.url, body, outcome: verified.error ? "refused" : "verified" });
      return new Response(verified.error ? "refused" : "ok", { status: verified.error ? 400 : 200 });
    }
    return globalThis.fetch(request.url, { method: request.method, headers: request.headers, body });
  };
}
const executablePath = process.env["PAYSPEC_CHROMIUM"] ?? "/usr/bin/chromium";
const hasChromium = existsSync(executablePath);
if (!hasChromium) {
  console.warn(`dashboard.test.ts: skipped, no Chromium at ${executablePath} (apt-get install -y chromium, or set PAYSPEC_CHROMIUM)`);
}

describe("the dashboard's files and control calls (no browser)", () => {
  it("serves the page, its script and style sheet under /__sandbox/ with a same-origin-only CSP", async () => {
    const sb = createSandbox();
    try {
      for (const [path, type] of [["/__sandbox/", "text/html"], ["/__sandbox/dashboard.js", "text/javascript"], ["/__sandbox/dashboard.css", "text/css"]] as const) {
        const response = await sb.fetch(`http://sandbox.test${path}`);
        expect(response.status, path).toBe(200);
        expect(response.headers.get("content-type"), path).toContain(type);
        expect(response.headers.get("content-security-policy"), path).toContain("default-src 'none'");
        expect((await response.text()).length, path).toBeGreaterThan(100);
      }
      // Only GET serves a file; any other method on the page's path stays the control API's 404.
      expect((await sb.fetch("http://sandbox.test/__sandbox/", { method: "POST" })).status).toBe(404);
    } finally {
      await sb.close();
    }
  });

  it("lists a pre-registered paymentId (absent from getPayment's world) and then its history through pay", async () => {
    const sb = createSandbox();
    try {
      const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });
      expect((await client.preRegisterPayment({ paymentId: "order-h", totalAmount: 1200, currency: "KRW" })).error).toBeUndefined();
      const before = (await (await sb.fetch("http://sandbox.test/__sandbox/portone/checkouts")).json()) as { items: unknown[] };
      expect(before.items).toEqual([
        expect.objectContaining({ paymentId: "order-h", status: "PRE_REGISTERED", preRegistered: { totalAmount: 1200, currency: "KRW" } }),
      ]);
      sb.portone.pay({ paymentId: "order-h" });
      const [after] = sb.portone.checkouts();
      expect(after?.status).toBe("PAID");
      expect(after?.payment?.status).toBe("PAID");
      expect(after?.history.map((h) => [h.status, h.event])).toEqual([
        ["PRE_REGISTERED", undefined],
        ["READY", undefined],
        ["PAID", "Transaction.Paid"],
      ]);
      sb.reset();
      expect(sb.portone.checkouts()).toEqual([]);
    } finally {
      await sb.close();
    }
  });
  it("lists PaySsam bills and PortOne Global transactions with the fields the page shows", async () => {
    const sb = createSandbox({ global: { secretKey: GLOBAL_SECRET } });
    try {
      const payssam = createPaySsamClient({ apiKey: sb.payssam.apiKey, member: sb.payssam.member, merchant: sb.payssam.merchant, fetch: sb.payssam.fetch });
      expect((await payssam.sendBill({ billId: "DASH-L1", sendType: "URL", productName: "수강료", price: "45000", memberName: "홍길동", callbackUrl: PAYSSAM_CALLBACK })).error).toBeUndefined();
      const global = createPortOneGlobalClient({ clientKey: sb.global.clientKey, secretKey: GLOBAL_SECRET, fetch: sb.global.fetch });
      const started = await global.initiatePayment({ merchant_order_id: "DASH-L2", amount: 15000, currency: "KRW", success_url: "https://app.example/ok", failure_url: "https://app.example/ko", environment: "sandbox", pmt_channel: "PORTONE_KR", pmt_method: "PORTONE_KAKAOPAY" });
      expect(started.error).toBeUndefined();
      const control = async (path: string) => (await (await sb.fetch(`http://sandbox.test/__sandbox${path}`)).json()) as { items: Record<string, unknown>[] };
      expect((await control("/payssam/bills")).items).toEqual([
        expect.objectContaining({ billId: "DASH-L1", apprState: "W", productName: "수강료", price: "45000", sendType: "URL", sends: 1, merchant: sb.payssam.merchant, callbackUrl: PAYSSAM_CALLBACK, history: [expect.objectContaining({ state: "W" })] }),
      ]);
      expect((await control("/portone-global/transactions")).items).toEqual([
        expect.objectContaining({
          details: expect.objectContaining({ order_ref: started.data?.order_ref, merchant_order_ref: "DASH-L2", status: "Pending", amount: 15000, currency: "KRW", method_name: "PORTONE_KAKAOPAY" }),
          refunds: { amountToRefund: 15000, refundDetails: [] },
          history: [expect.objectContaining({ status: "Pending" })],
        }),
      ]);
      // The page's script asks for these and for the Global webhook URL; each is a control call it can read.
      const script = await (await sb.fetch("http://sandbox.test/__sandbox/dashboard.js")).text();
      for (const path of ["/payssam/bills", "/portone-global/transactions", "/portone-global/webhook", "/approve", "/complete", "/portone/schedules", "/portone-global/links"]) expect(script).toContain(path);
      expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    } finally {
      await sb.close();
    }
  });
});

describe.skipIf(!hasChromium)("the dashboard in headless Chromium", () => {
  let sb: RunningSandbox;
  let receiver: Receiver;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const appCalls: AppCall[] = [];

  beforeAll(async () => {
    receiver = await startReceiver(WEBHOOK_SECRET);
    sb = await startSandbox({
      portone: { webhook: { url: receiver.url, secret: WEBHOOK_SECRET } },
      global: { secretKey: GLOBAL_SECRET, webhook: { url: GLOBAL_WEBHOOK } },
      webhooks: { fetch: appFetch(appCalls) },
    });
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    page = await browser.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console error: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    const origin = new URL(sb.url).origin;
    await page.route(
      (url) => url.origin !== origin && !/^(data|blob|about):$/.test(url.protocol),
      (route) => {
        problems.push(`remote request: ${route.request().url()}`);
        return route.abort();
      },
    );
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await sb?.close();
    await receiver?.close();
  });

  it("pays a pre-registered payment by a click and shows it PAID with its delivered Transaction.Paid webhook", async () => {
    const client = createPortOneClient({ secret: sb.portone.secret, baseUrl: sb.url });
    const registered = await client.preRegisterPayment({ paymentId: "order-dash-1", totalAmount: 39000, currency: "KRW" });
    expect(registered.error).toBeUndefined();

    await page.goto(`${sb.url}/__sandbox/`);
    const row = page.locator('tr[data-payment-id="order-dash-1"]');
    await row.locator('td.state [data-status="PRE_REGISTERED"]').waitFor();
    expect(await page.locator("#deliveries tbody tr").count()).toBe(0);

    await row.locator('button[data-action="pay"]').click();
    await row.locator('td.state [data-status="PAID"]').waitFor();
    const delivery = page.locator('tr[data-event="Transaction.Paid"]');
    await delivery.locator('[data-http-status="200"]').waitFor();

    expect(await row.locator("td.state").innerText()).toBe("PAID");
    expect(await delivery.locator("td:nth-child(2)").innerText()).toBe("order-dash-1");
    expect(await delivery.locator("td.state").innerText()).toBe("succeeded");
    // What the page shows is what happened: the app's handler verified the signed webhook and the API says PAID.
    expect(receiver.received.map((r) => [JSON.parse(r.body).type, r.verification.error, r.status])).toEqual([["Transaction.Paid", undefined, 200]]);
    expect((await client.getPayment({ paymentId: "order-dash-1" })).data?.status).toBe("PAID");
    // The pay button is gone once paid.
    expect(await row.locator('button[data-action="pay"]').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("redelivers a webhook by a click, advances the clock, and shows a hostile paymentId as text", async () => {
    const before = sb.clock.now();
    const hostile = `<img src=x onerror="document.title='pwned'">`;
    sb.portone.fail({ paymentId: hostile, totalAmount: 100 });
    await sb.settled();
    await page.goto(`${sb.url}/__sandbox/`);
    const failed = page.locator('tr[data-event="Transaction.Failed"]');
    await failed.locator('[data-attempt="1"] [data-http-status="200"]').waitFor();
    await failed.locator('button[data-action="redeliver"]').click();
    await failed.locator('[data-attempt="2"] [data-http-status="200"]').waitFor();
    expect(await failed.locator('[data-attempt="2"]').innerText()).toContain("manual");
    expect(receiver.received.filter((r) => JSON.parse(r.body).type === "Transaction.Failed")).toHaveLength(2);

    await page.fill("#advance-minutes", "90");
    await page.click("#advance");
    await page.locator("#message.ok").waitFor();
    expect(sb.clock.now() - before).toBeGreaterThanOrEqual(90 * 60_000);
    await page.waitForFunction((min) => Date.parse(document.getElementById("clock")!.getAttribute("datetime") ?? "") >= min, before + 90 * 60_000);

    // The id is shown as it is and nothing of it ran (the CSP and textContent both stand in its way).
    expect(await failed.locator("td:nth-child(2)").innerText()).toBe(hostile);
    expect(await page.locator("#payments img, #deliveries img").count()).toBe(0);
    expect(await page.title()).toBe("payspec sandbox");
    expect(problems).toEqual([]);
  });

  it("approves a PaySsam bill by a click: it shows F, its approval callback acknowledged by the app", async () => {
    const payssam = createPaySsamClient({ apiKey: sb.payssam.apiKey, member: sb.payssam.member, merchant: sb.payssam.merchant, baseUrl: sb.payssam.url });
    const hostile = `<img src=x onerror="document.title='pwned'">`;
    const sent = await payssam.sendBill({ billId: "DASH-B1", sendType: "URL", productName: hostile, price: "45000", memberName: "홍길동", callbackUrl: PAYSSAM_CALLBACK });
    expect(sent.error).toBeUndefined();

    await page.goto(`${sb.url}/__sandbox/`);
    const row = page.locator('tr[data-bill-id="DASH-B1"]');
    await row.locator('td.state [data-status="W"]').waitFor();
    expect(await row.locator("td.callback").innerText()).toBe("—");

    await row.locator('button[data-action="approve"]').click();
    await row.locator('td.state [data-status="F"]').waitFor();
    await row.locator('td.callback [data-delivery-state="succeeded"] [data-http-status="200"]').waitFor();
    const delivery = page.locator('#deliveries tr[data-provider="payssam"][data-subject="DASH-B1"]');
    await delivery.locator('[data-attempt="1"] [data-http-status="200"]').waitFor();
    expect(await delivery.getAttribute("data-event")).toBe("approvalSync");
    expect(await delivery.locator("td.state").innerText()).toBe("succeeded");
    expect(await row.locator('button[data-action="approve"]').count()).toBe(0);

    // What the page shows is what happened: the app parsed the approval, and PaySsam's read says F.
    const callbacks = appCalls.filter((c) => c.url === PAYSSAM_CALLBACK);
    expect(callbacks.map((c) => [JSON.parse(c.body).billId, JSON.parse(c.body).apprState, c.outcome])).toEqual([["DASH-B1", "F", "parsed"]]);
    expect((await payssam.readBill({ billId: "DASH-B1" })).data?.apprState).toBe("F");
    // The history shows each state reached; the product name is shown as the text it is.
    expect(await row.locator("ol.history li").allTextContents()).toEqual([expect.stringMatching(/ W sent \(URL\)$/), expect.stringMatching(/ F paid$/)]);
    expect(await row.locator("td:nth-child(3)").innerText()).toBe(hostile);
    expect(await page.locator("#bills img").count()).toBe(0);
    expect(await page.title()).toBe("payspec sandbox");
    expect(problems).toEqual([]);
  });

  it("completes a PortOne Global transaction by a click: it shows Success, its signed webhook verified, then its refund", async () => {
    const global = createPortOneGlobalClient({ clientKey: sb.global.clientKey, secretKey: GLOBAL_SECRET, baseUrl: sb.global.url });
    const started = await global.initiatePayment({ merchant_order_id: "DASH-G1", amount: 15000, currency: "KRW", success_url: "https://app.example/ok", failure_url: "https://app.example/ko", environment: "sandbox", pmt_channel: "PORTONE_KR", pmt_method: "PORTONE_KAKAOPAY" });
    expect(started.error).toBeUndefined();
    const orderRef = started.data?.order_ref ?? "";
    expect(orderRef).not.toBe("");

    await page.goto(`${sb.url}/__sandbox/`);
    const row = page.locator(`tr[data-order-ref="${orderRef}"]`);
    await row.locator('td.state [data-status="Pending"]').waitFor();
    // Written by the same refresh that rendered the row.
    expect(await page.locator("#global-webhook-url").innerText()).toBe(GLOBAL_WEBHOOK);
    expect(await row.getAttribute("data-merchant-order-ref")).toBe("DASH-G1");

    await row.locator('button[data-action="success"]').click();
    await row.locator('td.state [data-status="Success"]').waitFor();
    await row.locator('td.webhook [data-delivery-state="succeeded"] [data-http-status="200"]').waitFor();
    const delivery = page.locator(`#deliveries tr[data-provider="portone-global"][data-subject="${orderRef}"]`);
    await delivery.locator('[data-attempt="1"] [data-http-status="200"]').waitFor();
    expect(await delivery.getAttribute("data-event")).toBe("payment");
    expect(await row.locator('button[data-action="success"], button[data-action="failed"]').count()).toBe(0);

    const webhooks = appCalls.filter((c) => c.url === GLOBAL_WEBHOOK);
    expect(await row.locator("td.webhook [data-delivery-event]").getAttribute("data-delivery-event")).toBe("payment");
    expect(webhooks.map((c) => [JSON.parse(c.body).order_ref, JSON.parse(c.body).status, c.outcome])).toEqual([[orderRef, "Success", "verified"]]);
    expect((await global.getTransactionStatus({ merchantOrderRef: "DASH-G1" })).data?.status).toBe("Success");

    // A refund made by the app appears on the row with what is left to refund.
    expect((await global.createRefund({ portone_order_ref: orderRef, refund_type: "partial", amount: 5000, environment: "sandbox" })).error).toBeUndefined();
    await row.locator("td.refunds li").waitFor();
    expect(await row.locator("td.refunds li").innerText()).toMatch(/^5000 KRW partial /);
    expect(await row.locator("td.refunds .hint").innerText()).toBe("refundable 10000");
    // The refund sent its (unsigned) refund webhook: the row shows that latest delivery, acknowledged.
    await row.locator('td.webhook [data-delivery-event="refund"][data-delivery-state="succeeded"]').waitFor();
    expect(appCalls.filter((c) => c.url === GLOBAL_WEBHOOK).map((c) => c.outcome)).toEqual(["verified", "parsed"]);
    expect(problems).toEqual([]);
  });

  it("completes a Global transaction as Failed by a click", async () => {
    const global = createPortOneGlobalClient({ clientKey: sb.global.clientKey, secretKey: GLOBAL_SECRET, baseUrl: sb.global.url });
    const started = await global.initiatePayment({ merchant_order_id: "DASH-G2", amount: 990, currency: "KRW", success_url: "https://app.example/ok", failure_url: "https://app.example/ko", environment: "sandbox", pmt_channel: "PORTONE_KR", pmt_method: "PORTONE_KAKAOPAY" });
    const orderRef = started.data?.order_ref ?? "";
    await page.goto(`${sb.url}/__sandbox/`);
    const row = page.locator(`tr[data-order-ref="${orderRef}"]`);
    await row.locator('button[data-action="failed"]').click();
    await row.locator('td.state [data-status="Failed"]').waitFor();
    await row.locator('td.webhook [data-delivery-state="succeeded"]').waitFor();
    expect((await global.getTransactionStatus({ merchantOrderRef: "DASH-G2" })).data?.status).toBe("Failed");
    expect(appCalls.filter((c) => c.url === GLOBAL_WEBHOOK).at(-1)?.outcome).toBe("verified");
    expect(problems).toEqual([]);
  });

  it("runs a due payment schedule when the clock is advanced by a click: SUCCEEDED with its PAID payment, then its cash receipt", async () => {
    const client = createPortOneClient({ secret: sb.portone.secret, baseUrl: sb.url });
    const issued = await client.issueBillingKey({ channelKey: "k", method: { card: { credential: { number: "5365100012345678", expiryYear: "29", expiryMonth: "07" } } } });
    expect(issued.error).toBeUndefined();
    const billingKey = issued.data!.billingKeyInfo.billingKey;
    const hostile = `<img src=x onerror="document.title='pwned'">`;
    const created = await client.createPaymentSchedule({
      paymentId: "sub-dash-1",
      payment: { billingKey, orderName: hostile, amount: { total: 29900 }, currency: "KRW" },
      timeToPay: new Date(sb.clock.now() + 30 * 60_000).toISOString(),
    });
    expect(created.error).toBeUndefined();
    const scheduleId = created.data!.schedule.id;

    await page.goto(`${sb.url}/__sandbox/`);
    const row = page.locator(`tr[data-schedule-id="${scheduleId}"]`);
    await row.locator('td.state [data-status="SCHEDULED"]').waitFor();
    expect(await row.locator("td.payment").innerText()).toBe("—");
    expect(await row.locator("td:nth-child(2)").innerText()).toBe("sub-dash-1");
    expect(await row.locator("td:nth-child(5)").innerText()).toBe("29900 KRW");
    // The billing key is shown cut to its ends, never whole.
    const shown = await row.locator("td.billing-key").innerText();
    expect(shown).toBe(`${billingKey.slice(0, 8)}…${billingKey.slice(-4)}`);
    expect(await page.locator("#schedules").innerText()).not.toContain(billingKey);

    await page.fill("#advance-minutes", "60");
    await page.click("#advance");
    await row.locator('td.state [data-status="SUCCEEDED"]').waitFor();
    await row.locator('td.payment [data-payment="sub-dash-1"] [data-status="PAID"]').waitFor();
    const payment = page.locator('#payments tr[data-payment-id="sub-dash-1"]');
    await payment.locator('td.state [data-status="PAID"]').waitFor();
    expect(await payment.locator("td.receipt").innerText()).toBe("—");
    // What the page shows is what happened: the schedule and its payment as getPaymentSchedule and getPayment read them.
    expect((await client.getPaymentSchedule({ paymentScheduleId: scheduleId })).data?.status).toBe("SUCCEEDED");
    expect((await client.getPayment({ paymentId: "sub-dash-1" })).data).toMatchObject({ status: "PAID", scheduleId });

    // The app issues a cash receipt for it: the payment row shows it, issued, with its type.
    const receipt = await client.issueCashReceipt({ paymentId: "sub-dash-1", channelKey: "k", type: "PERSONAL", orderName: "정기결제", currency: "KRW", amount: { total: 29900, taxFree: 0 }, customer: { identityNumber: "01012345678", identityNumberType: "PHONE" } });
    expect(receipt.error).toBeUndefined();
    await payment.locator('td.receipt [data-receipt-status="ISSUED"][data-receipt-type="PERSONAL"]').waitFor();
    expect(await payment.locator("td.receipt").innerText()).toMatch(/^ISSUED PERSONAL/);

    // The order name is shown as the text it is, and nothing of it ran.
    expect(await row.locator("td.order-name").innerText()).toBe(hostile);
    expect(await page.locator("#schedules img, #payments img").count()).toBe(0);
    expect(await page.title()).toBe("payspec sandbox");
    expect(problems).toEqual([]);
  });

  it("pays a PortOne Global payment link by a click: Success, its attempt shown, both signed webhooks verified by the app", async () => {
    const global = createPortOneGlobalClient({ clientKey: sb.global.clientKey, secretKey: GLOBAL_SECRET, baseUrl: sb.global.url });
    const created = await global.createPaymentLink({ amount: 25000, currency: "KRW", merchant_order_ref: "DASH-LINK-1" });
    expect(created.error).toBeUndefined();
    const linkRef = created.data!.payment_link_ref;
    const before = appCalls.length;

    await page.goto(`${sb.url}/__sandbox/`);
    const row = page.locator(`#links tr[data-link-ref="${linkRef}"]`);
    await row.locator('td.state [data-status="Created"]').waitFor();
    expect(await row.locator("td:nth-child(2)").innerText()).toBe("DASH-LINK-1");
    expect(await row.locator("td:nth-child(3)").innerText()).toBe("25000 KRW");
    expect(await row.locator("td.attempts").innerText()).toBe("—");

    await row.locator('button[data-action="pay-link"]').click();
    await row.locator('td.state [data-status="Success"]').waitFor();
    await row.locator('td.attempts li [data-status="Success"]').waitFor();
    expect(await row.locator('button[data-action="pay-link"]').count()).toBe(0);
    const [orderRef] = sb.global.link(linkRef)?.transactions ?? [];
    expect(await row.locator("td.attempts li").getAttribute("data-order-ref")).toBe(orderRef);
    // The attempt is a transaction like any other: the transactions table lists it too.
    await page.locator(`#transactions tr[data-order-ref="${orderRef}"] td.state [data-status="Success"]`).waitFor();

    // What the page shows is what happened: the link reads Success, and the app verified both signed webhooks.
    expect((await global.getPaymentLinkStatus({ portOneLinkRef: linkRef })).data?.status).toBe("Success");
    await sb.settled();
    expect(appCalls.slice(before).map((c) => [JSON.parse(c.body).link_ref ?? JSON.parse(c.body).order_ref, c.outcome])).toEqual([
      [orderRef, "verified"],
      [linkRef, "verified"],
    ]);
    expect(problems).toEqual([]);
  });
});
