// Webhook delivery: Standard Webhooks signatures that `verifyWebhook` accepts, PortOne's redelivery schedule run on
// the sandbox clock, the delivery log (status, latency, attempts), manual redelivery, Payment.webhooks, and what is
// not delivered (no URL, skipWebhook).
import { createHmac } from "node:crypto";
import { createPortOneClient } from "@payspec/portone";
import { verifyWebhook } from "@payspec/portone/webhooks";
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, PORTONE_RETRY_DELAYS_MS, signWebhook, type Sandbox } from "../src/index.js";
import { specJudge } from "./spec.js";

const SECRET = `whsec_${Buffer.from("webhook test key: 32 bytes long!").toString("base64")}`;

interface Call {
  readonly headers: Headers;
  readonly body: string;
}

/** An app's webhook endpoint in process: answers the scripted statuses (then 200); `"throw"` fails the connection. */
function app(script: (number | "throw" | "hang")[] = []) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push({ headers: request.headers, body: await request.text() });
    const next = script.shift() ?? 200;
    if (next === "throw") throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    // The signal the sender handed fetch, as a real fetch listens to it (the Request's own follows it through undici).
    if (next === "hang") return new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
    await new Promise((resolve) => setTimeout(resolve, 5));
    return new Response(next === 200 ? "ok" : "busy", { status: next, headers: { "x-app": "test" } });
  };
  return { calls, fetch };
}

let sb: Sandbox | undefined;
afterEach(() => sb?.close());

function sandbox(endpoint: ReturnType<typeof app>, options: { timeoutMs?: number } = {}) {
  sb = createSandbox({ portone: { webhook: { url: "https://app.example/hooks", secret: SECRET } }, webhooks: { fetch: endpoint.fetch, ...options } });
  return sb;
}

describe("webhook signatures", () => {
  it("signs v1 HMAC-SHA256 over id.timestamp.body with the key in base64 after whsec_, which verifyWebhook accepts", async () => {
    const endpoint = app();
    const sb = sandbox(endpoint);
    sb.portone.pay({ paymentId: "sig-1", totalAmount: 1000 });
    await sb.settled();
    const [call] = endpoint.calls;
    const id = call!.headers.get("webhook-id")!;
    const timestamp = call!.headers.get("webhook-timestamp")!;
    const expected = createHmac("sha256", Buffer.from("webhook test key: 32 bytes long!")).update(`${id}.${timestamp}.${call!.body}`).digest("base64");
    expect(call!.headers.get("webhook-signature")).toBe(`v1,${expected}`);
    expect(call!.headers.get("content-type")).toBe("application/json");
    const verified = await verifyWebhook(call!.body, call!.headers, SECRET);
    expect(verified.error).toBeUndefined();
    expect(verified.data).toMatchObject({ version: "2024-04-25", webhookId: id, payload: { type: "Transaction.Paid", data: { paymentId: "sig-1" } } });
    expect((await specJudge()).checkWebhook(call!.body)).toEqual([]);
    // A wrong secret does not verify: the signature depends on the key.
    const other = `whsec_${Buffer.from("another key").toString("base64")}`;
    expect((await verifyWebhook(call!.body, call!.headers, other)).error?.reason).toBe("no-matching-signature");
    expect(signWebhook(SECRET, id, Number(timestamp), call!.body)["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it("stamps webhook-timestamp with the wall clock, so that the app's verifier accepts deliveries after the sandbox clock moved hours ahead", async () => {
    const endpoint = app();
    const sb = sandbox(endpoint);
    sb.clock.advance(5 * 60 * 60_000);
    sb.portone.pay({ paymentId: "sig-2", totalAmount: 1000 });
    await sb.settled();
    const [call] = endpoint.calls;
    expect(Math.abs(Number(call!.headers.get("webhook-timestamp")) - Date.now() / 1000)).toBeLessThan(5);
    expect((await verifyWebhook(call!.body, call!.headers, SECRET)).error).toBeUndefined();
    // The payload's own timestamp is the event's time on the sandbox clock.
    expect(Date.parse((JSON.parse(call!.body) as { timestamp: string }).timestamp)).toBeGreaterThan(Date.now() + 4 * 60 * 60_000);
  });
});

describe("redelivery and the delivery log", () => {
  it("re-sends after 1, 4, 16, 64 and 256 minutes of sandbox time while the app answers non-2xx, then gives up", async () => {
    const endpoint = app([500, 503, 500, 500, 500, 500]);
    const sb = sandbox(endpoint);
    sb.portone.pay({ paymentId: "retry-1", totalAmount: 1000 });
    await sb.settled();
    expect(endpoint.calls).toHaveLength(1);
    const [first] = sb.deliveries;
    expect(first!.state).toBe("pending");
    // Counted from the end of the failed attempt (which took a few milliseconds).
    expect(Date.parse(first!.nextAttemptAt!) - Date.parse(first!.attempts[0]!.at)).toBeGreaterThanOrEqual(60_000);
    expect(Date.parse(first!.nextAttemptAt!) - Date.parse(first!.attempts[0]!.at)).toBeLessThan(61_000);

    // Each re-send is not due a second before its time, and is made within a second after it.
    for (const [i, delay] of PORTONE_RETRY_DELAYS_MS.entries()) {
      sb.clock.advance(delay - 1_000);
      await sb.settled();
      expect(endpoint.calls).toHaveLength(i + 1);
      sb.clock.advance(2_000);
      await sb.settled();
      expect(endpoint.calls).toHaveLength(i + 2);
    }
    sb.clock.advance(24 * 60 * 60_000);
    await sb.settled();
    expect(endpoint.calls).toHaveLength(6);

    const [delivery] = sb.deliveries;
    expect(delivery!.state).toBe("failed");
    expect(delivery!.maxAttempts).toBe(6);
    expect(delivery!.nextAttemptAt).toBeUndefined();
    expect(delivery!.attempts.map((a) => [a.number, a.trigger, a.status, a.ok])).toEqual([
      [1, "event", 500, false],
      [2, "retry", 503, false],
      [3, "retry", 500, false],
      [4, "retry", 500, false],
      [5, "retry", 500, false],
      [6, "retry", 500, false],
    ]);
    expect(delivery!.attempts[1]).toMatchObject({ responseBody: "busy", responseHeaders: { "x-app": "test" } });
    expect(delivery!.attempts.every((a) => a.latencyMs >= 0)).toBe(true);
    // Every attempt is the same message: same webhook-id, same body (and so the same payload timestamp).
    expect(new Set(endpoint.calls.map((c) => c.headers.get("webhook-id")))).toEqual(new Set([delivery!.id]));
    expect(new Set(endpoint.calls.map((c) => c.body)).size).toBe(1);

    const payment = sb.portone.payment("retry-1")!;
    expect(payment.webhooks).toEqual([
      expect.objectContaining({ id: delivery!.id, status: "FAILED_NOT_OK_RESPONSE", paymentStatus: "PAID", currentExecutionCount: 6, maxExecutionCount: 6 }),
    ]);
  });

  it("stops re-sending once an attempt succeeds", async () => {
    const endpoint = app([502]);
    const sb = sandbox(endpoint);
    sb.portone.pay({ paymentId: "retry-2", totalAmount: 1000 });
    await sb.settled();
    sb.clock.advance(60_000);
    await sb.settled();
    sb.clock.advance(24 * 60 * 60_000);
    await sb.settled();
    expect(endpoint.calls).toHaveLength(2);
    expect(sb.deliveries[0]).toMatchObject({ state: "succeeded" });
    expect(sb.portone.payment("retry-2")!.webhooks?.[0]).toMatchObject({ status: "SUCCEEDED", currentExecutionCount: 2 });
  });

  it("logs a connection failure and a timeout as attempts without a status (FAILED_UNEXPECTED_ERROR)", async () => {
    const endpoint = app(["throw", "hang"]);
    const sb = sandbox(endpoint, { timeoutMs: 50 });
    sb.portone.pay({ paymentId: "retry-3", totalAmount: 1000 });
    await sb.settled();
    sb.clock.advance(60_000);
    await sb.settled();
    const [delivery] = sb.deliveries;
    expect(delivery!.attempts.map((a) => [a.status, a.error])).toEqual([
      [undefined, expect.stringContaining("ECONNREFUSED")],
      [undefined, "timeout"],
    ]);
    expect(delivery!.attempts[1]!.latencyMs).toBeGreaterThanOrEqual(40);
    expect(sb.portone.payment("retry-3")!.webhooks?.[0]).toMatchObject({ status: "FAILED_UNEXPECTED_ERROR" });
  });

  it("redelivers by hand, through the method and the control API, whatever the state", async () => {
    const endpoint = app([500, 500, 500, 500, 500, 500, 500]);
    const sb = createSandbox({
      portone: { webhook: { url: "https://app.example/hooks", secret: SECRET } },
      webhooks: { fetch: endpoint.fetch, retryDelaysMs: [] },
    });
    sb.portone.pay({ paymentId: "manual-1", totalAmount: 1000 });
    await sb.settled();
    const [delivery] = sb.deliveries;
    expect(delivery!.state).toBe("failed");

    expect(await sb.redeliver(delivery!.id)).toMatchObject({ number: 2, trigger: "manual", status: 500, ok: false });
    expect(sb.deliveries[0]!.state).toBe("failed");
    endpoint.calls.length = 0;
    const response = await sb.fetch(`http://sandbox/__sandbox/deliveries/${delivery!.id}/redeliver`, { method: "POST" });
    expect(((await response.json()) as { attempt: { trigger: string } }).attempt.trigger).toBe("manual");
    // Four more 500s are scripted; the fifth re-send succeeds.
    for (let i = 0; i < 5; i++) await sb.redeliver(delivery!.id);
    expect(sb.deliveries[0]).toMatchObject({ state: "succeeded" });
    expect(sb.portone.payment("manual-1")!.webhooks?.[0]).toMatchObject({ status: "SUCCEEDED", trigger: "MANUAL" });
    await expect(sb.redeliver("no-such-delivery")).rejects.toThrow(RangeError);
    expect(endpoint.calls.every((c) => c.headers.get("webhook-id") === delivery!.id)).toBe(true);
  });
});

describe("which events are delivered", () => {
  it("delivers Paid, VirtualAccountIssued, Failed, PartialCancelled and Cancelled, none with skipWebhook, none before a URL is set", async () => {
    const endpoint = app();
    sb = createSandbox({ webhooks: { fetch: endpoint.fetch } });
    sb.portone.pay({ paymentId: "quiet-1", totalAmount: 1000 });
    expect(sb.deliveries).toEqual([]);
    sb.portone.setWebhook({ url: "https://app.example/hooks", secret: SECRET });
    const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });
    await client.cancelPayment({ paymentId: "quiet-1", amount: 100, reason: "조용히", skipWebhook: true });
    sb.portone.issueVirtualAccount({ paymentId: "ev-1", totalAmount: 2000 });
    sb.portone.deposit({ paymentId: "ev-1" });
    sb.portone.fail({ paymentId: "ev-2", totalAmount: 10 });
    await client.cancelPayment({ paymentId: "ev-1", amount: 500, reason: "부분" });
    await client.cancelPayment({ paymentId: "ev-1", reason: "전액" });
    await sb.settled();
    expect(sb.deliveries.map((d) => [d.event, d.subject])).toEqual([
      ["Transaction.VirtualAccountIssued", "ev-1"],
      ["Transaction.Paid", "ev-1"],
      ["Transaction.Failed", "ev-2"],
      ["Transaction.PartialCancelled", "ev-1"],
      ["Transaction.Cancelled", "ev-1"],
    ]);
    const judge = await specJudge();
    for (const call of endpoint.calls) expect(judge.checkWebhook(call.body)).toEqual([]);
    // The deposit's webhook carries its trigger in Payment.webhooks.
    expect(sb.portone.payment("ev-1")!.webhooks?.map((w) => w.trigger)).toEqual([undefined, "VIRTUAL_ACCOUNT_DEPOSIT", undefined, undefined]);
    expect(() => sb!.portone.setWebhook({ url: "ftp://nope", secret: SECRET })).toThrow(TypeError);
    expect(() => sb!.portone.setWebhook({ url: "https://app.example/hooks", secret: "whsec_***" })).toThrow(TypeError);
  });
});
