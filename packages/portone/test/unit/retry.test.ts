import { describe, expect, it } from "vitest";
import { createPortOneClient } from "../../src/index.js";
import { decideRetry, normaliseRetry } from "../../src/retry.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";

const secret = "s";
const retry = { retries: 2, baseDelayMs: 1, maxDelayMs: 5 };

describe("retry policy", () => {
  it("retries a GET on 503 and succeeds", async () => {
    const { fetch, requests } = fakeFetch((_r, i) => (i < 2 ? json({ oops: 1 }, 503) : json({ status: "PAID" })));
    const result = await createPortOneClient({ secret, fetch, retry }).getPayment({ paymentId: "p" });
    expect(requests).toHaveLength(3);
    expect(result.error).toBeUndefined();
  });

  it("gives up after the cap", async () => {
    const { fetch, requests } = fakeFetch(() => json({ oops: 1 }, 500));
    const result = await createPortOneClient({ secret, fetch, retry }).getPayment({ paymentId: "p" });
    expect(requests).toHaveLength(3);
    expect(result.error?.kind).toBe("http");
  });

  it("retries on 429 and on network errors", async () => {
    const { fetch, requests } = fakeFetch((_r, i) => (i === 0 ? json({}, 429) : i === 1 ? Promise.reject(new TypeError("reset")) : json({})));
    await createPortOneClient({ secret, fetch, retry }).getPayment({ paymentId: "p" });
    expect(requests).toHaveLength(3);
  });

  it("never retries 4xx API errors", async () => {
    const { fetch, requests } = fakeFetch(() => json({ type: "PAYMENT_NOT_FOUND" }, 404));
    await createPortOneClient({ secret, fetch, retry }).getPayment({ paymentId: "p" });
    expect(requests).toHaveLength(1);
  });

  it("does not retry a write without an idempotency key when retries are off", async () => {
    const { fetch, requests } = fakeFetch(() => json({}, 503));
    await createPortOneClient({ secret, fetch }).cancelPayment({ paymentId: "p", reason: "r" });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.get("idempotency-key")).toBeNull();
  });

  it("with retries on, a write gets one generated key, reused on every attempt", async () => {
    const { fetch, requests } = fakeFetch((_r, i) => (i === 0 ? json({}, 503) : json({ cancellation: {} })));
    await createPortOneClient({ secret, fetch, retry }).cancelPayment({ paymentId: "p", reason: "r" });
    expect(requests).toHaveLength(2);
    const keys = requests.map((r) => r.headers.get("idempotency-key"));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it("decideRetry: backoff doubles, is capped, honours Retry-After, and stops at the limit", () => {
    const policy = normaliseRetry({ retries: 5, baseDelayMs: 100, maxDelayMs: 1000 });
    const headers = (retryAfter: string | null) => ({ headers: { get: () => retryAfter } });
    const fail = { value: {}, status: 503, response: headers(null) };
    const max = () => 0.999999;
    expect(decideRetry(fail, 0, 5, policy, max)).toBe(99);
    expect(decideRetry(fail, 2, 5, policy, max)).toBe(399);
    expect(decideRetry(fail, 4, 5, policy, max)).toBe(999);
    expect(decideRetry({ ...fail, response: headers("0.5") }, 0, 5, policy, () => 0)).toBe(500);
    expect(decideRetry({ ...fail, response: headers("60") }, 0, 5, policy, () => 0)).toBe(1000);
    expect(decideRetry(fail, 5, 5, policy)).toBeNull();
    expect(decideRetry({ ...fail, status: 400 }, 0, 5, policy)).toBeNull();
  });
});
