// The openapi-fetch client runs on the same transport as the methods: a write is sent again only with
// the Idempotency-Key PortOne honours (then always the same one), a read is retried, and a 401 in token
// mode is the caller's to see (openapi-fetch results are the provider's own).
import { fakeFetch } from "@payspec/mock/fake-fetch";
import { describe, expect, it } from "vitest";
import { createPortOneFetchClient } from "../../src/index.js";

const unavailable = () => new Response("<html>maintenance</html>", { status: 503, headers: { "content-type": "text/html" } });
const options = { secret: "fetch-client-secret", retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 1 } } as const;

describe("createPortOneFetchClient retries", () => {
  it("never sends a POST again without an Idempotency-Key", async () => {
    const { fetch, requests } = fakeFetch(unavailable);
    const client = createPortOneFetchClient({ ...options, fetch });
    const { response } = await client.POST("/payments/{paymentId}/cancel", { params: { path: { paymentId: "p-1" } }, body: { reason: "고객 요청" } });
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(1);
  });

  it("sends a POST with an Idempotency-Key up to the retry limit, with that key each time", async () => {
    const { fetch, requests } = fakeFetch(unavailable);
    const client = createPortOneFetchClient({ ...options, fetch });
    await client.POST("/payments/{paymentId}/cancel", {
      params: { path: { paymentId: "p-1" } },
      body: { reason: "고객 요청" },
      headers: { "Idempotency-Key": '"cancel-p-1-0000000001"' },
    });
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers.get("idempotency-key")))).toEqual(new Set(['"cancel-p-1-0000000001"']));
  });

  it("retries a GET up to the limit", async () => {
    const { fetch, requests } = fakeFetch(unavailable);
    const client = createPortOneFetchClient({ ...options, fetch });
    await client.GET("/payments/{paymentId}", { params: { path: { paymentId: "p-1" } } });
    expect(requests).toHaveLength(3);
  });
});
