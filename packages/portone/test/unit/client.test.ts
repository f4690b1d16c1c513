import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createPortOneClient } from "../../src/index.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";

const secret = "portone-secret-3b9f0c2d7e";

describe("requests", () => {
  it("sends the PortOne secret, path parameters and the default storeId", async () => {
    const { fetch, requests } = fakeFetch(() => json({ status: "READY", id: "p1" }));
    const client = createPortOneClient({ secret, storeId: "store-1", fetch, baseUrl: "https://mock.test" });
    await client.getPayment({ paymentId: "order/1" });
    const [request] = requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe("https://mock.test/payments/order%2F1?storeId=store-1");
    expect(request?.headers.get("authorization")).toBe(`PortOne ${secret}`);
  });

  it("sends GET bodies as URL-encoded JSON in requestBody, never as a body", async () => {
    const { fetch, requests } = fakeFetch(() => json({ items: [], page: { number: 0, size: 10, totalCount: 0 } }));
    const client = createPortOneClient({ secret, storeId: "store-1", fetch });
    await client.getBillingKeyInfos({ page: { number: 2, size: 5 } });
    const url = new URL(requests[0]!.url);
    expect(url.pathname).toBe("/billing-keys");
    expect(JSON.parse(url.searchParams.get("requestBody") ?? "")).toEqual({ page: { number: 2, size: 5 } });
    expect(await requests[0]!.text()).toBe("");
  });

  it("a caller's storeId wins over the default; POST bodies are JSON", async () => {
    const { fetch, requests } = fakeFetch(() => json({ cancellation: {} }));
    const client = createPortOneClient({ secret, storeId: "default", fetch });
    await client.cancelPayment({ paymentId: "p1", storeId: "mine", reason: "고객 요청" });
    expect(await requests[0]!.json()).toEqual({ storeId: "mine", reason: "고객 요청" });
    expect(requests[0]!.headers.get("content-type")).toContain("application/json");
  });

  it("sends an Idempotency-Key on writes when given", async () => {
    const { fetch, requests } = fakeFetch(() => json({}));
    await createPortOneClient({ secret, fetch }).cancelPayment({ paymentId: "p1", reason: "r" }, { idempotencyKey: "key-1" });
    expect(requests[0]!.headers.get("idempotency-key")).toBe("key-1");
  });

  it("sends no credentials to the token endpoints", async () => {
    const { fetch, requests } = fakeFetch(() => json({ accessToken: "a", refreshToken: "r" }));
    await createPortOneClient({ secret, fetch }).refreshToken({ refreshToken: "r" });
    expect(requests[0]!.headers.get("authorization")).toBeNull();
  });
});

describe("errors", () => {
  it("a missing or empty path parameter is a validation error and nothing is sent", async () => {
    const { fetch, requests } = fakeFetch(() => json({}));
    const client = createPortOneClient({ secret, fetch });
    for (const input of [{}, { paymentId: "" }, { paymentId: undefined }]) {
      const result = await client.getPayment(input as never);
      expect(result.error).toMatchObject({ kind: "validation", field: "paymentId", rule: "required" });
      expect(result.error?.message).toBe("getPayment: paymentId is required (a non-empty path parameter); nothing was sent");
    }
    expect(requests).toHaveLength(0);
  });

  it("a documented error is typed by `type` and keeps its fields", async () => {
    const { fetch } = fakeFetch(() => json({ type: "PG_PROVIDER", message: "카드사 거절", pgCode: "E01", pgMessage: "한도초과" }, 502));
    const result = await createPortOneClient({ secret, fetch }).cancelPayment({ paymentId: "p1", reason: "r" });
    const error = result.error;
    if (error?.type !== "PG_PROVIDER") throw new Error("expected PG_PROVIDER");
    expect(error.kind).toBe("api");
    expect(error.httpStatus).toBe(502);
    expect(error.pgCode).toBe("E01");
  });

  it("an unknown error type is kept as unrecognized with the raw body", async () => {
    const { fetch } = fakeFetch(() => json({ type: "BRAND_NEW_ERROR", message: "new", extra: 1 }, 409));
    const result = await createPortOneClient({ secret, fetch }).getPayment({ paymentId: "p1" });
    expect(result.error).toEqual({ kind: "api", type: "BRAND_NEW_ERROR", message: "new", extra: 1, httpStatus: 409 });
  });

  const transport: [string, () => Response | Promise<Response>, string][] = [
    ["HTML 502 from a proxy", () => new Response("<html>502 Bad Gateway</html>", { status: 502 }), "http"],
    ["JSON without type", () => json({ oops: true }, 500), "http"],
    ["200 that is not JSON", () => new Response("<html>maintenance</html>", { status: 200 }), "invalid-response"],
    ["network failure", () => Promise.reject(new TypeError("fetch failed")), "network"],
  ];
  it.each(transport)("%s is its own typed error, never an exception", async (_name, respond, kind) => {
    const { fetch } = fakeFetch(respond);
    const result = await createPortOneClient({ secret, fetch }).getPayment({ paymentId: "p1" });
    expect(result.error?.kind).toBe(kind);
    expect(result.error).toBeInstanceOf(Error);
  });

  it("timeout", async () => {
    const fetch = ((_input: Request, init: RequestInit) =>
      new Promise<Response>((_r, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason)))) as unknown as typeof globalThis.fetch;
    const result = await createPortOneClient({ secret, fetch, timeoutMs: 30 }).getPayment({ paymentId: "p1" });
    expect(result.error?.kind).toBe("timeout");
  });
});

describe("forward compatibility", () => {
  it("a response with an unknown enum value, an unknown union case and extra fields parses", async () => {
    const body = {
      status: "SOMETHING_NEW",
      id: "p1",
      method: { type: "PaymentMethodHologram", beam: 1 },
      currency: "XYZ",
      brandNewField: { nested: true },
    };
    const { fetch } = fakeFetch(() => json(body));
    const result = await createPortOneClient({ secret, fetch }).getPayment({ paymentId: "p1" });
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(body);
  });
});

describe("secrets never leak", () => {
  it("not through JSON.stringify or inspect of the client, nor errors", async () => {
    const client = createPortOneClient({ secret, storeId: "s" });
    expect(JSON.stringify(client)).not.toContain(secret);
    expect(inspect(client, { depth: 5 })).not.toContain(secret);
    for (const respond of [
      () => new Response(`<html>${secret}</html>`, { status: 500 }),
      () => new Response(`garbage ${secret}`, { status: 200 }),
      () => Promise.reject(new TypeError(`failed with ${secret}`)),
    ]) {
      const { fetch } = fakeFetch(respond);
      const result = await createPortOneClient({ secret, fetch }).getPayment({ paymentId: "p1" });
      expect(JSON.stringify(result.error)).not.toContain(secret);
      expect(inspect(result.error, { depth: 5 })).not.toContain(secret);
      expect(String((result.error as Error).message)).not.toContain(secret);
    }
  });
});
