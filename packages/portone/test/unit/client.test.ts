import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createPortOneClient, createPortOneFetchClient, PaySpecApiError, PaySpecValidationError } from "../../src/index.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";

const secret = "portone-secret-3b9f0c2d7e";
/** A READY payment with every field the spec requires of one. */
const payment = {
  status: "READY",
  id: "p1",
  transactionId: "tx-1",
  merchantId: "m",
  storeId: "s",
  version: "V2",
  requestedAt: "2026-12-01T00:00:00Z",
  updatedAt: "2026-12-01T00:00:00Z",
  statusChangedAt: "2026-12-01T00:00:00Z",
  orderName: "o",
  amount: { total: 1000, taxFree: 0, discount: 0, paid: 0, cancelled: 0, cancelledTaxFree: 0 },
  currency: "KRW",
  customer: {},
  origin: { platformType: "PC", ipAddress: "127.0.0.1" },
};
const cancellation = { status: "SUCCEEDED", id: "c1", totalAmount: 1000, taxFreeAmount: 0, vatAmount: 91, reason: "r", requestedAt: "2026-12-01T00:00:00Z", cancelledAt: "2026-12-01T00:00:00Z" };

describe("requests", () => {
  it("sends the PortOne secret, path parameters, the default storeId and a User-Agent", async () => {
    const { fetch, requests } = fakeFetch(() => json({ status: "READY", id: "p1" }));
    const client = createPortOneClient({ secret, storeId: "store-1", fetch, baseUrl: "https://mock.test" });
    await client.getPayment({ paymentId: "order/1" });
    const [request] = requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe("https://mock.test/payments/order%2F1?storeId=store-1");
    expect(request?.headers.get("authorization")).toBe(`PortOne ${secret}`);
    expect(request?.headers.get("user-agent")).toMatch(/^@payspec\/portone\/\d+\.\d+\.\d+/);
    expect(request?.redirect).toBe("manual");
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

  it("sends an Idempotency-Key on writes as an RFC 8941 string", async () => {
    const { fetch, requests } = fakeFetch(() => json({}));
    await createPortOneClient({ secret, fetch }).cancelPayment({ paymentId: "p1", reason: "r" }, { idempotencyKey: "cancel-p1-000000001" });
    expect(requests[0]!.headers.get("idempotency-key")).toBe('"cancel-p1-000000001"');
  });

  it("sends no credentials to the token endpoints; extra headers reach the server", async () => {
    const { fetch, requests } = fakeFetch(() => json({ accessToken: "a", refreshToken: "r" }));
    await createPortOneClient({ secret, fetch }).refreshToken({ refreshToken: "r" }, { headers: { Prefer: "code=200" } });
    expect(requests[0]!.headers.get("authorization")).toBeNull();
    expect(requests[0]!.headers.get("prefer")).toBe("code=200");
  });
});

describe("validation before sending", () => {
  const bad: [string, string, unknown, string, string][] = [
    ["a missing path parameter", "getPayment", {}, "paymentId", "required"],
    ["an empty path parameter", "getPayment", { paymentId: "" }, "paymentId", "minLength"],
    ["a `..` path parameter", "getPayment", { paymentId: ".." }, "paymentId", "pattern"],
    ["a `.` path parameter", "getPayment", { paymentId: "." }, "paymentId", "pattern"],
    ["NaN as an amount", "cancelPayment", { paymentId: "p", reason: "r", amount: Number.NaN }, "amount", "type"],
    ["Infinity as an amount", "cancelPayment", { paymentId: "p", reason: "r", amount: Number.POSITIVE_INFINITY }, "amount", "type"],
    ["a fractional amount", "cancelPayment", { paymentId: "p", reason: "r", amount: 10.5 }, "amount", "type"],
    ["a misspelt field", "cancelPayment", { paymentId: "p", reason: "r", amout: 100 }, "amout", "additionalProperties"],
    ["an unknown request enum value", "payWithBillingKey", { paymentId: "p", billingKey: "b", orderName: "o", amount: { total: 1 }, currency: "XYZ" }, "currency", "enum"],
    ["a BigInt", "cancelPayment", { paymentId: "p", reason: "r", amount: 10n }, "amount", "type"],
    ["a required field only on the prototype", "cancelPayment", Object.assign(Object.create({ reason: "r" }), { paymentId: "p" }), "reason", "required"],
  ];
  it.each(bad)("%s is a validation error naming the field; nothing is sent", async (_name, id, input, field, rule) => {
    const { fetch, requests } = fakeFetch(() => json({}));
    const client = createPortOneClient({ secret, fetch }) as unknown as Record<string, (i: unknown) => Promise<{ error?: unknown }>>;
    const result = await client[id]!(input);
    expect(result.error).toBeInstanceOf(PaySpecValidationError);
    expect(result.error).toMatchObject({ kind: "validation", field, rule, provider: "portone", operation: id });
    expect(requests).toHaveLength(0);
  });

  it("circular input, a bad per-call timeout and CR/LF in a header never throw", async () => {
    const { fetch, requests } = fakeFetch(() => json({}));
    const client = createPortOneClient({ secret, fetch });
    const circular: Record<string, unknown> = { paymentId: "p", reason: "r" };
    circular["bypass"] = circular;
    const results = [
      await client.cancelPayment(circular as never),
      ...(await Promise.all([-1, Number.NaN, 1500.5, 3e9].map((timeoutMs) => client.getPayment({ paymentId: "p" }, { timeoutMs })))),
      await client.getPayment({ paymentId: "p" }, { headers: { "X-Trace": "a\r\nAuthorization: PortOne x" } }),
      await client.getPayment({ paymentId: "p" }, { headers: { Authorization: "PortOne other" } }),
      await client.getPayment({ paymentId: "p" }, { idempotencyKey: "short" } as never),
    ];
    for (const result of results) expect(result.error?.kind).toBe("validation");
    expect(requests).toHaveLength(0);
  });

  it("client options are checked once, at creation, with one clear error", () => {
    expect(() => createPortOneClient({ secret: "" })).toThrow(PaySpecValidationError);
    expect(() => createPortOneClient({ secret, timeoutMs: -1, retry: { baseDelayMs: Number.NaN } as never, baseUrl: "ftp://x" })).toThrow(
      /options.timeoutMs.*\(and 2 more: options.baseUrl|options.baseUrl/,
    );
  });
});

// Input rules a payment library owns (issue 15, item 6): each row was sent to PortOne before the spec said
// otherwise (a negative cancel amount, a javascript: webhook URL, a 5 MB order name). Same rows, same shape as
// PaySsam's (test/unit/validation.test.ts) and Global's.
describe("input rules a payment library owns: refused before sending", () => {
  const billingKeyPayment = { paymentId: "p", billingKey: "b", orderName: "o", amount: { total: 1000 }, currency: "KRW" };
  const session = { storeId: "s", paymentId: "p", profileKey: "k", country: "KR", currency: "KRW", totalAmount: 1000, orderName: "o" };
  const rows: [string, string, Record<string, unknown>, string, string][] = [
    ["a negative cancel amount", "cancelPayment", { paymentId: "p", reason: "r", amount: -1000 }, "amount", "minimum"],
    ["a negative cancel taxFreeAmount", "cancelPayment", { paymentId: "p", reason: "r", taxFreeAmount: -1 }, "taxFreeAmount", "minimum"],
    ["a negative cancel vatAmount", "cancelPayment", { paymentId: "p", reason: "r", vatAmount: -1 }, "vatAmount", "minimum"],
    ["a negative currentCancellableAmount", "cancelPayment", { paymentId: "p", reason: "r", currentCancellableAmount: -1 }, "currentCancellableAmount", "minimum"],
    ["a negative payment total", "payWithBillingKey", { ...billingKeyPayment, amount: { total: -1000 } }, "amount.total", "minimum"],
    ["a negative taxFree", "payWithBillingKey", { ...billingKeyPayment, amount: { total: 1000, taxFree: -1 } }, "amount.taxFree", "minimum"],
    ["a negative product amount", "payWithBillingKey", { ...billingKeyPayment, products: [{ id: "1", name: "n", amount: -1, quantity: 1 }] }, "products[0].amount", "minimum"],
    ["a negative pre-registered amount", "preRegisterPayment", { paymentId: "p", totalAmount: -1 }, "totalAmount", "minimum"],
    ["a negative session total", "createPaymentSession", { ...session, totalAmount: -1 }, "totalAmount", "minimum"],
    ["a negative promotion query amount", "getPgCardPromotions", { channelKey: "c", amount: -1 }, "amount", "minimum"],
    ["a javascript: notice URL", "payWithBillingKey", { ...billingKeyPayment, noticeUrls: ["javascript:alert(1)"] }, "noticeUrls[0]", "pattern"],
    ["a javascript: redirect URL", "createPaymentSession", { ...session, redirectUrl: "javascript:alert(1)" }, "redirectUrl", "pattern"],
    ["a cancel reason of 1,001 characters", "cancelPayment", { paymentId: "p", reason: "x".repeat(1001) }, "reason", "maxLength"],
    ["a 6 MB (UTF-8) order name", "payWithBillingKey", { ...billingKeyPayment, orderName: "가".repeat(2_000_000) }, "orderName", "maxLength"],
    ["customData of 4,001 characters", "payWithBillingKey", { ...billingKeyPayment, customData: "x".repeat(4001) }, "customData", "maxLength"],
  ];
  it.each(rows)("%s", async (_name, id, input, field, rule) => {
    const { fetch, requests } = fakeFetch(() => json({}));
    const client = createPortOneClient({ secret, fetch }) as unknown as Record<string, (i: unknown) => Promise<{ data?: unknown; error?: unknown }>>;
    const result = await client[id]!(input);
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(PaySpecValidationError);
    const error = result.error as PaySpecValidationError;
    expect(error.issues).toContainEqual(expect.objectContaining({ field, rule }));
    expect(error.message).toContain(field);
    expect(requests).toHaveLength(0);
  });

  it("the limits leave ordinary input alone: zero amounts, http(s) URLs, negative amounts where money may be negative", async () => {
    const { fetch, requests } = fakeFetch(() => json({}));
    const client = createPortOneClient({ secret, fetch });
    await client.cancelPayment({ paymentId: "p", reason: "x".repeat(1000), amount: 0, currentCancellableAmount: Number.MAX_SAFE_INTEGER });
    await client.payWithBillingKey({ ...billingKeyPayment, currency: "KRW" as const, noticeUrls: ["http://shop.example.kr/hook", "https://shop.example.kr/hook"] });
    await client.createPlatformManualTransfer({ partnerId: "p", settlementAmount: -5000, settlementDate: "2026-03-01" });
    expect(requests).toHaveLength(3);
  });
});

describe("errors", () => {
  it("a documented error is a PaySpecApiError narrowed by code, with its body", async () => {
    const { fetch } = fakeFetch(() => json({ type: "PG_PROVIDER", message: "카드사 거절", pgCode: "E01", pgMessage: "한도초과" }, 502));
    const result = await createPortOneClient({ secret, fetch }).cancelPayment({ paymentId: "p1", reason: "r" });
    const error = result.error;
    if (error?.kind !== "api" || error.code !== "PG_PROVIDER") throw new Error("expected PG_PROVIDER");
    expect(error).toBeInstanceOf(PaySpecApiError);
    expect(error.httpStatus).toBe(502);
    expect(error.body.pgCode).toBe("E01");
    expect(error.serverMessage).toBe("카드사 거절");
  });

  it("an unknown error type is kept with the raw body", async () => {
    const { fetch } = fakeFetch(() => json({ type: "BRAND_NEW_ERROR", message: "new", extra: 1 }, 409));
    const result = await createPortOneClient({ secret, fetch }).getPayment({ paymentId: "p1" });
    expect(result.error).toMatchObject({ kind: "api", code: "BRAND_NEW_ERROR", httpStatus: 409, body: { type: "BRAND_NEW_ERROR", message: "new", extra: 1 } });
  });

  const transport: [string, () => Response | Promise<Response>, string][] = [
    ["HTML 502 from a proxy", () => new Response("<html>502 Bad Gateway</html>", { status: 502 }), "http"],
    ["JSON without type", () => json({ oops: true }, 500), "http"],
    ["a redirect", () => new Response(null, { status: 307, headers: { location: "https://elsewhere.test/" } }), "http"],
    ["200 that is not JSON", () => new Response("<html>maintenance</html>", { status: 200 }), "invalid-response"],
    ["an empty 200", () => new Response("", { status: 200 }), "invalid-response"],
    ["a 204", () => new Response(null, { status: 204 }), "invalid-response"],
    ["null", () => json(null), "invalid-response"],
    ["an array", () => json([1]), "invalid-response"],
    ["network failure", () => Promise.reject(new TypeError("fetch failed")), "network"],
  ];
  it.each(transport)("%s is its own typed error, never an exception", async (_name, respond, kind) => {
    const { fetch } = fakeFetch(respond);
    const result = await createPortOneClient({ secret, fetch }).getPayment({ paymentId: "p1" });
    expect(result.error?.kind).toBe(kind);
    expect(result.error).toBeInstanceOf(Error);
  });

  it("a timeout aborts the request", async () => {
    let aborted = false;
    const fetch = ((_input: string, init: RequestInit) =>
      new Promise<Response>((_r, reject) =>
        init.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(init.signal?.reason);
        }),
      )) as unknown as typeof globalThis.fetch;
    const result = await createPortOneClient({ secret, fetch, timeoutMs: 30 }).getPayment({ paymentId: "p1" });
    expect(result.error).toMatchObject({ kind: "timeout", timeoutMs: 30 });
    expect(aborted).toBe(true);
  });
});

describe("retries", () => {
  it("never retries a business decline, even with a 5xx status", async () => {
    const { fetch, requests } = fakeFetch(() => json({ type: "PG_PROVIDER", pgCode: "E", pgMessage: "m" }, 502));
    const client = createPortOneClient({ secret, fetch, retry: { limit: 3, baseDelayMs: 0 } });
    const result = await client.cancelPayment({ paymentId: "p1", reason: "r" });
    expect(result.error?.kind).toBe("api");
    expect(requests).toHaveLength(1);
  });

  it("retries a write only with the same Idempotency-Key, and an outage until it passes", async () => {
    const { fetch, requests } = fakeFetch((_r, i) => (i < 2 ? new Response("<html>bad gateway</html>", { status: 502 }) : json({ cancellation })));
    const client = createPortOneClient({ secret, fetch, retry: { limit: 3, baseDelayMs: 1 } });
    const result = await client.cancelPayment({ paymentId: "p1", reason: "r" });
    expect(result.error).toBeUndefined();
    const keys = requests.map((r) => r.headers.get("idempotency-key"));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^"[0-9a-f-]{36}"$/);
  });

  it("honours Retry-After as an HTTP date, capped", async () => {
    const date = new Date(Date.now() + 60_000).toUTCString();
    const { fetch, requests } = fakeFetch((_r, i) => (i === 0 ? new Response("slow down", { status: 429, headers: { "retry-after": date } }) : json(payment)));
    const client = createPortOneClient({ secret, fetch, retry: { limit: 1, maxRetryAfterMs: 20 } });
    const started = Date.now();
    const result = await client.getPayment({ paymentId: "p" });
    expect(result.error).toBeUndefined();
    expect(requests).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("forward compatibility", () => {
  it("a response with an unknown enum value, an unknown union case and extra fields parses", async () => {
    const body = {
      ...payment,
      status: "SOMETHING_NEW",
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

const deep = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;
const raw = (text: string, status = 200, type = "application/json") => () => new Response(text, { status, headers: { "content-type": type } });

describe("responses: a 2xx is data only when it is what the spec promises", () => {
  const get = async (respond: () => Response) => createPortOneClient({ secret, fetch: fakeFetch(respond).fetch }).getPayment({ paymentId: "p1" });

  it("a complete payment is data, unchanged", async () => {
    const result = await get(() => json(payment));
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(payment);
  });

  // Each was `data` before the response shape check.
  const broken: [string, Record<string, unknown>, string][] = [
    ["a required field missing", { ...payment, id: undefined }, "(id is missing)"],
    ["money as a string", { ...payment, amount: { ...payment.amount, total: "1000" } }, "(amount.total is not a safe integer)"],
    ["money beyond 2^53", { ...payment, amount: { ...payment.amount, paid: 2 ** 53 + 2 } }, "(amount.paid is not a safe integer)"],
    ["a required object missing its own required field", { ...payment, origin: { platformType: "PC" } }, "(origin.ipAddress is missing)"],
    ["the selected union case missing its field (PAID without paidAt)", { ...payment, status: "PAID", channel: { type: "LIVE", pgProvider: "X", pgMerchantId: "m" }, disputes: [] }, "(paidAt is missing)"],
    ["a discriminator that is not a string", { ...payment, status: 1 }, "(status is not string)"],
  ];
  it.each(broken)("%s is invalid-response (unexpected-shape) naming the field, not the value", async (_name, body, detail) => {
    const result = await get(() => json(body));
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "unexpected-shape", httpStatus: 200 });
    expect(result.error?.message).toContain(detail);
    expect(result.error?.message).not.toContain("1000");
  });

  it("an unknown status is tolerated: only the fields every case requires are checked", async () => {
    expect((await get(() => json({ ...payment, status: "HOLOGRAM" }))).data).toMatchObject({ status: "HOLOGRAM" });
    const { orderName: _, ...noName } = payment;
    expect((await get(() => json({ ...noName, status: "HOLOGRAM" }))).error).toMatchObject({ reason: "unexpected-shape" });
  });

  it("a 200 nested 100,000 deep is invalid-response (too-deep), never a throw; so is a deep field of a valid payment", async () => {
    await expect(get(raw(deep(100_000)))).resolves.toMatchObject({ error: { kind: "invalid-response", reason: "too-deep" } });
    // Was data: a body the caller's own JSON.stringify cannot write.
    const text = JSON.stringify({ ...payment, extra: 0 }).replace('"extra":0', `"extra":${deep(100_000)}`);
    await expect(get(raw(text))).resolves.toMatchObject({ error: { kind: "invalid-response", reason: "too-deep" } });
  });

  it("a non-2xx nested 100,000 deep stays an http error", async () => {
    const result = await get(raw(`{"type":"X","a":${deep(100_000)}}`, 502));
    expect(result.error).toMatchObject({ kind: "http", httpStatus: 502 });
  });

  it("a CSV download (text) and an answer without a body are not shape-checked", async () => {
    const { fetch } = fakeFetch(raw("a,b\n1,2", 200, "text/csv"));
    const csv = await createPortOneClient({ secret, fetch }).downloadPlatformTransferSheet({});
    expect(csv.data).toBe("a,b\n1,2");
  });

  it("an exception while reading a response is invalid-response, never a rejection", async () => {
    const respond = () => {
      // The transport reads its headers; the client's first own read (content-type) throws.
      const response = json({ type: "X" }, 400);
      const get = response.headers.get.bind(response.headers);
      Object.defineProperty(response.headers, "get", { value: (name: string) => { if (name === "content-type") throw new Error("boom"); return get(name); } });
      return response;
    };
    const result = await createPortOneClient({ secret, fetch: fakeFetch(respond).fetch }).getPayment({ paymentId: "p1" });
    expect(result.error).toMatchObject({ kind: "invalid-response", httpStatus: 400 });
  });
});

describe("problem documents (the mock's own answers) are http errors", () => {
  // Prism's 422 and 404 carry a `type` (a URL): they were `api` errors with the URL as the code.
  const problems: [string, number, Record<string, unknown>][] = [
    ["a spec violation (422)", 422, { type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY", title: "Invalid request", status: 422, detail: `Your request is not valid: PortOne ${secret}` }],
    ["an unknown example (404)", 404, { type: "https://stoplight.io/prism/errors#NOT_FOUND", title: "The server cannot find the requested content", status: 404, detail: "Response for contentType: application/json and exampleKey: nope does not exist." }],
    ["a problem on a 200", 200, { type: "about:blank", title: "odd", status: 200 }],
  ];
  it.each(problems)("%s keeps its text, redacted, in bodySnippet", async (_name, status, body) => {
    const result = await createPortOneClient({ secret, fetch: fakeFetch(raw(JSON.stringify(body), status, "application/problem+json")).fetch }).getPayment({ paymentId: "p1" });
    expect(result.error).toMatchObject({ kind: "http", httpStatus: status });
    const snippet = (result.error as { bodySnippet: string }).bodySnippet;
    expect(snippet).toContain(String(body["title"]));
    expect(snippet).not.toContain(secret);
  });
});

describe("what the client sent is redacted from error bodies", () => {
  it("a billing key echoed in an error body and message never comes back", async () => {
    const billingKey = "billing-key-0123456789abcdef";
    const { fetch } = fakeFetch(() => json({ type: "INVALID_REQUEST", message: `bad billing key ${billingKey}`, billingKey, request: { billingKey } }, 400));
    const input = { paymentId: "p1", billingKey, orderName: "o", amount: { total: 1000 }, currency: "KRW" } as const;
    const result = await createPortOneClient({ secret, fetch }).payWithBillingKey(input as never);
    expect(result.error?.kind).toBe("api");
    expect(JSON.stringify({ ...result.error, message: result.error?.message })).not.toContain(billingKey);
    expect(result.error?.message).not.toContain(billingKey);
  });
});

describe("the openapi-fetch client", () => {
  it("calls any path with the credentials and the transport installed, and takes middleware", async () => {
    const { fetch, requests } = fakeFetch(() => json({ id: "p1", status: "READY" }));
    const raw = createPortOneFetchClient({ secret, fetch, baseUrl: "https://mock.test" });
    const seen: string[] = [];
    raw.use({ onRequest: ({ request }) => void seen.push(request.url) });
    const { data, error, response } = await raw.GET("/payments/{paymentId}", { params: { path: { paymentId: "p1" } } });
    expect(error).toBeUndefined();
    expect(data).toMatchObject({ id: "p1" });
    expect(response.status).toBe(200);
    expect(seen).toEqual(["https://mock.test/payments/p1"]);
    expect(requests[0]!.headers.get("authorization")).toBe(`PortOne ${secret}`);
    expect(requests[0]!.headers.get("user-agent")).toMatch(/^@payspec\/portone\//);
  });

  it("can share a client's transport, and sends no credentials on public paths", async () => {
    const { fetch, requests } = fakeFetch(() => json({ items: [] }));
    const client = createPortOneClient({ secret, fetch, baseUrl: "https://shared.test" });
    const raw = createPortOneFetchClient(client);
    await raw.GET("/banks");
    expect(requests[0]!.url).toBe("https://shared.test/banks");
    expect(requests[0]!.headers.get("authorization")).toBeNull();
  });
});

describe("secrets never leak", () => {
  it("not through JSON.stringify or inspect of the client, nor errors", async () => {
    const client = createPortOneClient({ secret, storeId: "s" });
    expect(JSON.stringify(client)).not.toContain(secret);
    expect(inspect(client, { depth: 5 })).not.toContain(secret);
    const escaped = JSON.stringify(secret).slice(1, -1).replace(/-/g, "\\u002d");
    for (const respond of [
      () => new Response(`<html>${secret}</html>`, { status: 500 }),
      () => new Response(`garbage ${secret}`, { status: 200 }),
      () => json({ type: "INVALID_REQUEST", message: `bad header PortOne ${secret}` }, 400),
      () => new Response(`{"type":"INVALID_REQUEST","message":"${escaped}"}`, { status: 400 }),
      () => Promise.reject(new TypeError("fetch failed", { cause: new Error(`connect to ${secret}`) })),
    ]) {
      const { fetch } = fakeFetch(respond);
      const result = await createPortOneClient({ secret, fetch }).getPayment({ paymentId: "p1" });
      const error = result.error as Error & { cause?: Error & { cause?: Error } };
      expect(JSON.stringify(error)).not.toContain(secret);
      expect(inspect(error, { depth: 8 })).not.toContain(secret);
      expect(String(error.message)).not.toContain(secret);
      expect(String(error.cause?.cause?.message ?? "")).not.toContain(secret);
    }
  });
});
