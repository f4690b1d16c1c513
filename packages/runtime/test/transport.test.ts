import { describe, expect, it } from "vitest";
import { createTransport, decideRetry, normaliseRetry, parseRetryAfter, PaySpecValidationError, type TransportConfig, type TransportEvent } from "../src/index.js";
import { createCore } from "../src/index.js";

const policy = normaliseRetry({ limit: 3, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 }, []);

describe("retry decisions", () => {
  it("reads Retry-After as delta-seconds or an HTTP date", () => {
    const now = Date.parse("2026-12-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Tue, 01 Dec 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Tue, 01 Dec 2025 00:00:10 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
  it("backs off exponentially with full jitter, capped, and honours Retry-After up to its cap", () => {
    const max = () => 0.999999;
    expect(decideRetry({ transient: true, retryAfter: null }, 0, policy, max)).toBe(99);
    expect(decideRetry({ transient: true, retryAfter: null }, 2, policy, max)).toBe(399);
    expect(decideRetry({ transient: true, retryAfter: null }, 2, { ...policy, maxDelayMs: 250 }, max)).toBe(249);
    expect(decideRetry({ transient: true, retryAfter: "2" }, 0, policy, () => 0)).toBe(2000);
    expect(decideRetry({ transient: true, retryAfter: "60" }, 0, policy, () => 0)).toBe(5000);
  });
  it("stops at the limit and never retries a final answer", () => {
    expect(decideRetry({ transient: true, retryAfter: null }, 3, policy)).toBeNull();
    expect(decideRetry({ transient: false, retryAfter: "1" }, 0, policy)).toBeNull();
  });
  it("rejects bad retry options with the field named", () => {
    for (const bad of [{ limit: 11 }, { limit: -1 }, { baseDelayMs: Number.NaN }, { maxDelayMs: 1.5 }, { baseDelayMs: 500, maxDelayMs: 100 }]) {
      const issues: { field: string }[] = [];
      normaliseRetry(bad, issues as never);
      expect(issues[0]?.field).toMatch(/^options\.retry\./);
    }
  });
});

describe("the transport", () => {
  const base: Omit<TransportConfig, "fetch"> = {
    provider: "portone",
    userAgent: "@payspec/test/0.0.0",
    timeoutMs: 1000,
    retry: policy,
    maxResponseBytes: 100,
    onEvent: undefined,
    secrets: () => ["sekret-value-123"],
    sensitiveHeaders: ["x-api-key"],
    transient: () => true,
  };
  it("sends a User-Agent and never follows redirects", async () => {
    let init: RequestInit | undefined;
    const transport = createTransport({ ...base, fetch: async (_u, i) => ((init = i), new Response("{}")) });
    await transport.send({ operation: "op", method: "GET", url: "https://x.test/", headers: {}, repeatable: true });
    expect(init?.redirect).toBe("manual");
    expect((init?.headers as Record<string, string>)["User-Agent"]).toBe("@payspec/test/0.0.0");
  });
  it("rejects a body over the limit, declared or streamed", async () => {
    for (const respond of [
      () => new Response("x".repeat(200), { headers: { "content-length": "200" } }),
      () => new Response(new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("y".repeat(150))), c.close()) })),
    ]) {
      const transport = createTransport({ ...base, fetch: async () => respond() });
      const received = await transport.send({ operation: "op", method: "GET", url: "https://x.test/", headers: {}, repeatable: false });
      expect(received.error).toMatchObject({ kind: "invalid-response", reason: "too-large" });
    }
  });
  it("reports events with secrets and credential headers redacted, and survives a throwing hook", async () => {
    const events: TransportEvent[] = [];
    const transport = createTransport({
      ...base,
      onEvent: (e) => {
        events.push(e);
        throw new Error("hook bug");
      },
      fetch: async () => new Response("{}"),
    });
    const received = await transport.send({
      operation: "op",
      method: "GET",
      url: "https://x.test/?k=sekret-value-123",
      headers: { Authorization: "PortOne sekret-value-123", "X-Api-Key": "abc", "X-Trace": "t" },
      repeatable: false,
    });
    expect(received.error).toBeUndefined();
    expect(events.map((e) => e.type)).toEqual(["request", "response"]);
    expect(JSON.stringify(events)).not.toContain("sekret-value-123");
    expect(JSON.stringify(events)).not.toContain("abc");
    expect(JSON.stringify(events)).toContain('"X-Trace":"t"');
  });
  it("shares one deadline signal between calls without a signal of their own", async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    // A timeout no other test uses, so that the first call opens a fresh window (test files share modules).
    const transport = createTransport({ ...base, timeoutMs: 4321, fetch: async (_u, i) => (signals.push(i?.signal), new Response("{}")) });
    await Promise.all([1, 2, 3].map(() => transport.send({ operation: "op", method: "GET", url: "https://x.test/", headers: {}, repeatable: false })));
    expect(new Set(signals).size).toBe(1);
    const own = new AbortController();
    await transport.send({ operation: "op", method: "GET", url: "https://x.test/", headers: {}, repeatable: false, signal: own.signal });
    expect(signals[3]).not.toBe(signals[0]);
  });
});

describe("client options", () => {
  it("are checked once, with every problem in one error", () => {
    const config = { provider: "payssam" as const, factory: "createX", defaultBaseUrl: "https://x.test", optionKeys: [], userAgent: "ua", secrets: () => [], sensitiveHeaders: [], transient: () => true };
    expect(() => createCore(config, { timeoutMs: 0, maxResponseBytes: -1, baseUrl: "https://x.test/?q", retry: { limit: 99 } }, [])).toThrow(PaySpecValidationError);
    try {
      createCore(config, { timeoutMs: 0, maxResponseBytes: -1, baseUrl: "https://x.test/?q", retry: { limit: 99 } }, []);
    } catch (error) {
      expect((error as PaySpecValidationError).issues.map((i) => i.field)).toEqual(["options.baseUrl", "options.timeoutMs", "options.maxResponseBytes", "options.retry.limit"]);
    }
  });
});
