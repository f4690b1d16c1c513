// Faults on demand and idempotency keys: what each fault does to a call and to the state (applied or not), by
// header and queued through the control API, over the in-process fetch and over a real socket; and the three
// answers to a repeated Idempotency-Key (replay, conflict, outstanding).
import { request as httpRequest } from "node:http";
import { createPortOneClient } from "@payspec/portone";
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, startSandbox, type Sandbox } from "../src/index.js";
import { parseFault } from "../src/faults.js";
import { specJudge } from "./spec.js";

let sb: Sandbox | undefined;
afterEach(() => sb?.close());

function paid(paymentId = "fault-1") {
  sb = createSandbox();
  sb.portone.pay({ paymentId, totalAmount: 10_000 });
  return sb;
}

const cancelled = (paymentId = "fault-1") => sb!.portone.payment(paymentId)!.amount.cancelled;

describe("the fault header", () => {
  it("status=503 answers from the gateway without applying; our client reports http 503", async () => {
    const sb = paid();
    const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });
    const result = await client.cancelPayment({ paymentId: "fault-1", amount: 100, reason: "x" }, { headers: { "x-sandbox-fault": "status=503" } });
    expect(result.error?.kind).toBe("http");
    expect(result.error?.kind === "http" && result.error.httpStatus).toBe(503);
    expect(cancelled()).toBe(0);
  });

  it("reset drops the connection before the provider sees the request: `network`, nothing applied", async () => {
    const sb = paid();
    const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });
    const result = await client.cancelPayment({ paymentId: "fault-1", amount: 100, reason: "x" }, { headers: { "x-sandbox-fault": "reset" } });
    expect(result.error?.kind).toBe("network");
    expect(cancelled()).toBe(0);
  });

  it("lost-answer applies the change and drops the connection: `network`, and the cancel is there", async () => {
    const sb = paid();
    const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });
    const result = await client.cancelPayment({ paymentId: "fault-1", amount: 100, reason: "x" }, { headers: { "x-sandbox-fault": "lost-answer" } });
    expect(result.error?.kind).toBe("network");
    expect(cancelled()).toBe(100);
  });

  it("stall never answers: the client's timeout ends the call, nothing applied", async () => {
    const sb = paid();
    const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch, timeoutMs: 100 });
    const result = await client.cancelPayment({ paymentId: "fault-1", amount: 100, reason: "x" }, { headers: { "x-sandbox-fault": "stall" } });
    expect(result.error?.kind).toBe("timeout");
    expect(cancelled()).toBe(0);
  });

  it("latency delays the answer; a change is applied after the wait even when the client stopped waiting", async () => {
    const sb = paid();
    const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });
    const started = performance.now();
    const slow = await client.getPayment({ paymentId: "fault-1" }, { headers: { "x-sandbox-fault": "latency=120" } });
    expect(slow.data?.status).toBe("PAID");
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);

    const impatient = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch, timeoutMs: 30 });
    const result = await impatient.cancelPayment({ paymentId: "fault-1", amount: 100, reason: "x" }, { headers: { "x-sandbox-fault": "latency=150" } });
    expect(result.error?.kind).toBe("timeout");
    expect(cancelled()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cancelled()).toBe(100);
  });

  it("answers a header it cannot read with the sandbox's own 400 problem document (an `http` error, never PortOne's)", async () => {
    const sb = paid();
    const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });
    const result = await client.getPayment({ paymentId: "fault-1" }, { headers: { "x-sandbox-fault": "explode" } });
    expect(result.error?.kind).toBe("http");
    expect(result.error?.kind === "http" && result.error.bodySnippet).toContain("explode");
  });

  it("parses combinations and refuses contradictions", () => {
    expect(parseFault("latency=200, lost-answer")).toEqual({ latencyMs: 200, drop: "lost-answer" });
    expect(parseFault("status=429")).toEqual({ status: 429 });
    for (const bad of ["", "status=200", "status=503,reset", "reset stall", "latency=-1", "latency=999999999", "lost-answer=1"]) {
      expect(parseFault(bad), bad).toHaveProperty("error");
    }
  });
});

describe("queued faults (control API and sb.faults)", () => {
  it("hit only the named operation, for the next N calls; a 503 once is retried by our client and applied once", async () => {
    const sb = paid();
    sb.faults.inject({ operation: "cancelPayment", fault: "status=503", times: 1 });
    const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch, retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    expect((await client.getPayment({ paymentId: "fault-1" })).data?.status).toBe("PAID");
    expect(sb.faults.list()).toHaveLength(1);
    const result = await client.cancelPayment({ paymentId: "fault-1", amount: 100, reason: "x" });
    expect(result.error).toBeUndefined();
    expect(cancelled()).toBe(100);
    expect(sb.faults.list()).toEqual([]);
  });

  it("are queued, listed and cleared over HTTP, and refuse bad inputs with 400", async () => {
    const sb = paid();
    const post = (body: unknown) => sb.fetch("http://sandbox/__sandbox/faults", { method: "POST", body: JSON.stringify(body) });
    const queued = await post({ fault: "reset", times: 2 });
    expect(await queued.json()).toMatchObject({ remaining: 2, fault: { drop: "reset" } });
    const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });
    expect((await client.getPayment({ paymentId: "fault-1" })).error?.kind).toBe("network");
    expect(((await (await sb.fetch("http://sandbox/__sandbox/faults")).json()) as { items: { remaining: number }[] }).items[0]!.remaining).toBe(1);
    await sb.fetch("http://sandbox/__sandbox/faults", { method: "DELETE" });
    expect((await client.getPayment({ paymentId: "fault-1" })).data?.status).toBe("PAID");
    expect((await post({ fault: "boom" })).status).toBe(400);
    expect((await post({ fault: "reset", times: 0 })).status).toBe(400);
    expect(() => sb.faults.inject({ fault: { latencyMs: -5 } })).toThrow(TypeError);
  });

  it("over a real socket: reset, lost-answer and a stalled request that close() ends", async () => {
    const server = await startSandbox();
    sb = server;
    server.portone.pay({ paymentId: "sock-1", totalAmount: 5000 });
    const client = createPortOneClient({ secret: server.portone.secret, baseUrl: server.url, timeoutMs: 2000 });
    server.faults.inject({ operation: "cancelPayment", fault: "reset" });
    expect((await client.cancelPayment({ paymentId: "sock-1", amount: 100, reason: "x" })).error?.kind).toBe("network");
    expect(server.portone.payment("sock-1")!.amount.cancelled).toBe(0);
    server.faults.inject({ operation: "cancelPayment", fault: "lost-answer" });
    expect((await client.cancelPayment({ paymentId: "sock-1", amount: 100, reason: "x" })).error?.kind).toBe("network");
    expect(server.portone.payment("sock-1")!.amount.cancelled).toBe(100);

    // getPayments' input as a GET body, which PortOne takes besides the requestBody query (fetch cannot send it).
    const listed = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ page: { number: 0, size: 1 } });
      const headers = { authorization: `PortOne ${server.portone.secret}`, "content-length": String(Buffer.byteLength(body)) };
      const request = httpRequest(`${server.url}/payments`, { method: "GET", headers }, (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () => resolve(text));
      });
      request.on("error", reject);
      request.end(body);
    });
    expect(JSON.parse(listed)).toMatchObject({ items: [{ id: "sock-1" }], page: { number: 0, size: 1, totalCount: 1 } });

    server.faults.inject({ fault: "stall" });
    const stalled = client.getPayment({ paymentId: "sock-1" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = performance.now();
    await server.close();
    expect(performance.now() - closing).toBeLessThan(1000);
    expect((await stalled).error?.kind).toBe("network");
  });
});

describe("idempotency keys", () => {
  const key = (suffix: string) => `"sandbox-idem-key-${suffix}"`;
  const cancel = (sb: Sandbox, headers: Record<string, string>, body: object) =>
    sb.fetch("https://api.portone.io/payments/fault-1/cancel", {
      method: "POST",
      headers: { authorization: `PortOne ${sb.portone.secret}`, ...headers },
      body: JSON.stringify(body),
    });

  it("a repeat with the same key and request returns the first answer and changes nothing", async () => {
    const sb = paid();
    const first = await cancel(sb, { "idempotency-key": key("a") }, { amount: 100, reason: "x" });
    // The same JSON with its keys in another order is the same request.
    const again = await cancel(sb, { "idempotency-key": key("a") }, { reason: "x", amount: 100 });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get("x-sandbox-idempotent-replay")).toBe("true");
    expect(cancelled()).toBe(100);
    // The bare token form (no RFC 8941 quotes) is the same key.
    await cancel(sb, { "idempotency-key": "sandbox-idem-key-a" }, { amount: 100, reason: "x" });
    expect(cancelled()).toBe(100);
  });

  it("a first answer that was an error is returned again too; after 3 hours of sandbox time the key is forgotten", async () => {
    const sb = paid();
    const over = await cancel(sb, { "idempotency-key": key("b") }, { amount: 10_001, reason: "x" });
    expect(await over.json()).toMatchObject({ type: "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT" });
    expect((await cancel(sb, { "idempotency-key": key("b") }, { amount: 10_001, reason: "x" })).headers.get("x-sandbox-idempotent-replay")).toBe("true");
    await cancel(sb, { "idempotency-key": key("c") }, { amount: 100, reason: "x" });
    sb.clock.advance(3 * 60 * 60_000 + 1);
    await cancel(sb, { "idempotency-key": key("c") }, { amount: 100, reason: "x" });
    expect(cancelled()).toBe(200);
  });

  it("the same key with another request is INVALID_REQUEST (PortOne documents no conflict error), and changes nothing", async () => {
    const sb = paid();
    await cancel(sb, { "idempotency-key": key("d") }, { amount: 100, reason: "x" });
    const conflict = await cancel(sb, { "idempotency-key": key("d") }, { amount: 200, reason: "x" });
    expect(conflict.status).toBe(400);
    const body = await conflict.text();
    expect(JSON.parse(body)).toMatchObject({ type: "INVALID_REQUEST" });
    expect((await specJudge()).checkResponse("POST", "https://api.portone.io/payments/fault-1/cancel", 400, body, conflict.headers.get("content-type"))).toEqual([]);
    expect(cancelled()).toBe(100);
  });

  it("a repeat while the first is still being processed is 409 IDEMPOTENCY_OUTSTANDING_REQUEST; a key of the wrong length is INVALID_REQUEST", async () => {
    const sb = paid();
    const slow = cancel(sb, { "idempotency-key": key("e"), "x-sandbox-fault": "latency=150" }, { amount: 100, reason: "x" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const early = await cancel(sb, { "idempotency-key": key("e") }, { amount: 100, reason: "x" });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ type: "IDEMPOTENCY_OUTSTANDING_REQUEST" });
    expect((await slow).status).toBe(200);
    expect(cancelled()).toBe(100);
    expect((await cancel(sb, { "idempotency-key": '"short"' }, { amount: 100, reason: "x" })).status).toBe(400);
    expect(cancelled()).toBe(100);
  });

  it("a fault in front of the provider does not spend the key: the retry is processed", async () => {
    const sb = paid();
    const reset = await cancel(sb, { "idempotency-key": key("f"), "x-sandbox-fault": "reset" }, { amount: 100, reason: "x" }).catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(TypeError);
    expect((await cancel(sb, { "idempotency-key": key("f") }, { amount: 100, reason: "x" })).headers.get("x-sandbox-idempotent-replay")).toBeNull();
    expect(cancelled()).toBe(100);
  });
});
