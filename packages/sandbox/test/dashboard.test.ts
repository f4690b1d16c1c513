// The dashboard in a real headless Chromium (Debian's /usr/bin/chromium or PAYSPEC_CHROMIUM, driven by
// playwright-core, which never downloads a browser): a payment pre-registered through our client is paid by a click,
// the page shows it PAID and the Transaction.Paid delivery answered 200 by the app's handler, without a console
// error or a request leaving the sandbox's origin. Skipped, with the reason, where no Chromium is installed.
import { existsSync } from "node:fs";
import { createPortOneClient } from "@payspec/portone";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, startSandbox, type RunningSandbox } from "../src/index.js";
import { startReceiver, type Receiver } from "./receiver.js";

const WEBHOOK_SECRET = `whsec_${Buffer.from("dashboard webhook key 0123456789").toString("base64")}`;
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
});

describe.skipIf(!hasChromium)("the dashboard in headless Chromium", () => {
  let sb: RunningSandbox;
  let receiver: Receiver;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    receiver = await startReceiver(WEBHOOK_SECRET);
    sb = await startSandbox({ portone: { webhook: { url: receiver.url, secret: WEBHOOK_SECRET } } });
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
});
