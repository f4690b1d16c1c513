import { readFileSync } from "node:fs";
import { parseStatus } from "@payspec/portone-errors/global";
import { describe, expect, it } from "vitest";
import { fakeFetch, hangingFetch, json } from "@payspec/mock/fake-fetch";
import { outcomeOf } from "../../src/client.js";
import { createPortOneGlobalClient, createPortOneGlobalFetchClient, PaySpecApiError, PaySpecValidationError } from "../../src/index.js";
import { VERSION } from "../../src/version.js";

const credentials = { clientKey: "PORTONE_KEY", secretKey: "PORTONE_SECRET" };
const payment = {
  merchant_order_id: "ORDER-1001",
  amount: 100.25,
  currency: "USD",
  success_url: "https://checkout.portone.cloud/success.html",
  failure_url: "https://checkout.portone.cloud/failure.html",
  environment: "sandbox" as const,
  pmt_channel: "PORTONE_KR",
  pmt_method: "PORTONE_KG_INICIS_CREDIT_CARD",
};
const SIGNATURE = "z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=";
const envelope = () => json({ content: { status: "Success" }, status_code: "2000", status_reason: "SUCCESS" });

describe("requests", () => {
  it("initiatePayment fills the key and the worked example's signature_hash; sends the User-Agent", async () => {
    const { fetch, sent } = fakeFetch(() => json({ is_success: true, order_ref: "R" }));
    const result = await createPortOneGlobalClient({ ...credentials, fetch, baseUrl: "https://mock.test/" }).initiatePayment(payment);
    expect(result.data?.order_ref).toBe("R");
    expect(result.response?.status).toBe(200);
    const [{ request, body }] = sent as [{ request: Request; body: unknown }];
    expect(request.url).toBe("https://mock.test/api/initiatePayment");
    expect(request.headers.get("content-type")).toContain("application/json");
    expect(request.headers.get("user-agent")).toBe(`@payspec/portone-global/${VERSION}`);
    expect(body).toEqual({ ...payment, portone_key: "PORTONE_KEY", signature_hash: SIGNATURE });
  });

  it("VERSION is the package's version", () => {
    expect(VERSION).toBe(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version);
  });

  it("puts path parameters in the path (the key from the client) and the rest in the body", async () => {
    const { fetch, sent } = fakeFetch(() => json({ content: { order_ref: "R" }, status_code: "2000", status_reason: "SUCCESS" }));
    const client = createPortOneGlobalClient({ ...credentials, fetch });
    await client.getTransactionDetails({ order_ref: "R" });
    await client.createRefund({ portone_order_ref: "a b/c", refund_type: "full", environment: "live" });
    expect(sent[0]?.request.url).toBe("https://api.portone.cloud/api/PORTONE_KEY/transaction-details");
    expect(sent[0]?.body).toEqual({ order_ref: "R" });
    expect(sent[1]?.request.url).toBe("https://api.portone.cloud/api/refund/a%20b%2Fc");
    expect(sent[1]?.body).toEqual({ refund_type: "full", environment: "live" });
  });

  it("sends the sub-merchant header where the spec declares it, refuses it elsewhere, and adds per-call headers", async () => {
    const { fetch, sent } = fakeFetch(() => json({ payment_link_ref: "L", payment_link: "https://checkout.portone.cloud?ref=L" }));
    const client = createPortOneGlobalClient({ ...credentials, fetch });
    await client.createPaymentLink({ amount: 1, currency: "KRW" }, { subMerchantKey: "SUB", headers: { Prefer: "code=200" } });
    expect(sent[0]?.request.headers.get("x-portone-submerchant-key")).toBe("SUB");
    expect(sent[0]?.request.headers.get("prefer")).toBe("code=200");
    const refused = await client.listRefunds({ portone_order_ref: "R" }, { subMerchantKey: "SUB" });
    expect(refused.error).toMatchObject({ kind: "validation", field: "options.subMerchantKey" });
    expect(sent).toHaveLength(1);
  });
});

describe("validation: nothing is sent and nothing throws", () => {
  const loop: Record<string, unknown> = { note: "x" };
  loop["self"] = loop;
  const cases: [string, "initiatePayment" | "getTransactionStatus" | "createRefund" | "createPaymentLink" | "listRefunds", unknown, unknown, string][] = [
    ["NaN amount (would be sent as null)", "initiatePayment", { ...payment, amount: Number.NaN }, undefined, "amount"],
    ["Infinity amount", "createRefund", { portone_order_ref: "R", refund_type: "partial", environment: "live", amount: Number.POSITIVE_INFINITY }, undefined, "amount"],
    ["an empty path value", "getTransactionStatus", { merchantOrderRef: "" }, undefined, "merchantOrderRef"],
    ["a path value ..", "getTransactionStatus", { merchantOrderRef: ".." }, undefined, "merchantOrderRef"],
    ["a path value .", "listRefunds", { portone_order_ref: "." }, undefined, "portone_order_ref"],
    ["an unknown field on a body-less operation", "listRefunds", { portone_order_ref: "R", extra: 1 }, undefined, "extra"],
    ["portone_key in the input", "initiatePayment", { ...payment, portone_key: "OTHER" }, undefined, "portone_key"],
    ["portone_secret in the input", "createRefund", { portone_order_ref: "R", refund_type: "full", environment: "live", portone_secret: "x" }, undefined, "portone_secret"],
    ["signature_hash in the input", "initiatePayment", { ...payment, signature_hash: SIGNATURE }, undefined, "signature_hash"],
    ["key in the input", "listRefunds", { portone_order_ref: "R", key: "OTHER" }, undefined, "key"],
    // Global's request bodies have no free-form objects, so these land in an unknown field.
    ["a BigInt in an unknown field", "initiatePayment", { ...payment, additional_data: { n: 1n } }, undefined, "additional_data"],
    ["a circular object in an unknown field", "initiatePayment", { ...payment, additional_data: loop }, undefined, "additional_data"],
    ["a misspelt field (bodies are closed)", "createPaymentLink", { amount: 1, currency: "USD", merchant_order_reff: "x" }, undefined, "merchant_order_reff"],
    ["a BigInt amount", "initiatePayment", { ...payment, amount: 10n }, undefined, "amount"],
    ["input that is not an object", "listRefunds", "R", undefined, "input"],
    ["a getter that throws", "listRefunds", { get portone_order_ref(): string { throw new Error("boom"); } }, undefined, "input"],
    ["timeoutMs -1", "listRefunds", { portone_order_ref: "R" }, { timeoutMs: -1 }, "options.timeoutMs"],
    ["timeoutMs NaN", "listRefunds", { portone_order_ref: "R" }, { timeoutMs: Number.NaN }, "options.timeoutMs"],
    ["timeoutMs 1500.5", "listRefunds", { portone_order_ref: "R" }, { timeoutMs: 1500.5 }, "options.timeoutMs"],
    ["timeoutMs 3e9", "listRefunds", { portone_order_ref: "R" }, { timeoutMs: 3e9 }, "options.timeoutMs"],
    ["a header with CR/LF", "listRefunds", { portone_order_ref: "R" }, { headers: { "X-Trace": "a\r\nb" } }, "options.headers.X-Trace"],
    ["an Authorization header", "listRefunds", { portone_order_ref: "R" }, { headers: { authorization: "Bearer x" } }, "options.headers.authorization"],
    ["a client-key header", "listRefunds", { portone_order_ref: "R" }, { headers: { "X-Portone-Client-Key": "OTHER" } }, "options.headers.X-Portone-Client-Key"],
    ["an unknown call option", "listRefunds", { portone_order_ref: "R" }, { retry: true }, "options.retry"],
    ["a sub-merchant key with a newline", "createPaymentLink", { amount: 1, currency: "USD" }, { subMerchantKey: "A\nB" }, "options.subMerchantKey"],
  ];
  it.each(cases)("%s", async (_name, operation, input, options, field) => {
    const { fetch, sent } = fakeFetch(() => envelope());
    const client = createPortOneGlobalClient({ ...credentials, fetch });
    const call = client[operation] as (input: unknown, options?: unknown) => Promise<{ data?: unknown; error?: unknown }>;
    const result = await call(input, options);
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(PaySpecValidationError);
    const error = result.error as PaySpecValidationError;
    expect(error.issues.map((i) => i.field)).toContain(field);
    expect(error.message).toContain("nothing was sent");
    expect(sent).toHaveLength(0);
  });
});

// Input rules a payment library owns (issue 15, item 6): each row was sent to PortOne Global before the spec
// said otherwise. Same rows, same shape as PaySsam's and PortOne's.
describe("input rules a payment library owns: refused before sending", () => {
  const refund = { portone_order_ref: "R", refund_type: "partial" as const, environment: "sandbox" as const, amount: 10 };
  const rows: [string, "initiatePayment" | "generateSignature" | "createRefund" | "createPaymentLink", Record<string, unknown>, string, string][] = [
    ["a javascript: success_url", "initiatePayment", { ...payment, success_url: "javascript:alert(1)" }, "success_url", "pattern"],
    ["a data: failure_url", "initiatePayment", { ...payment, failure_url: "data:text/html,<script>alert(1)</script>" }, "failure_url", "pattern"],
    ["a javascript: success_url to sign", "generateSignature", { merchant_order_id: "O", amount: 1, currency: "USD", success_url: "javascript:alert(1)", failure_url: payment.failure_url }, "success_url", "pattern"],
    ["an amount above 10^13", "initiatePayment", { ...payment, amount: 1e13 + 1 }, "amount", "maximum"],
    ["a payment-link amount above 10^13", "createPaymentLink", { amount: 1e16, currency: "KRW" }, "amount", "maximum"],
    ["a refund_reason of 1,001 characters", "createRefund", { ...refund, refund_reason: "x".repeat(1001) }, "refund_reason", "maxLength"],
    ["a 6 MB (UTF-8) refund description", "createRefund", { ...refund, description: "가".repeat(2_000_000) }, "description", "maxLength"],
  ];
  it.each(rows)("%s", async (_name, operation, input, field, rule) => {
    const { fetch, requests } = fakeFetch(() => envelope());
    const client = createPortOneGlobalClient({ ...credentials, fetch });
    const call = client[operation] as (input: unknown) => Promise<{ data?: unknown; error?: unknown }>;
    const result = await call(input);
    expect(result.data).toBeUndefined();
    expect(result.error).toBeInstanceOf(PaySpecValidationError);
    const error = result.error as PaySpecValidationError;
    expect(error.issues).toContainEqual(expect.objectContaining({ field, rule }));
    expect(error.message).toContain(field);
    expect(requests).toHaveLength(0);
  });

  it("the limits leave ordinary input alone: http and https URLs, an amount of 10^13, 1,000-character text", async () => {
    const { fetch, requests } = fakeFetch(() => json({ is_success: true, order_ref: "R" }));
    const client = createPortOneGlobalClient({ ...credentials, fetch });
    await client.initiatePayment({ ...payment, amount: 1e13, success_url: "http://shop.example/ok" });
    await client.createRefund({ ...refund, refund_reason: "x".repeat(1000) });
    expect(requests).toHaveLength(2);
  });
});

describe("results", () => {
  it("returns the envelope's content as data", async () => {
    const { fetch } = fakeFetch(() => json({ content: { status: "Expired", newField: 1 }, message: "ok", status_code: "2000", status_reason: "Success" }));
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual({ status: "Expired", newField: 1 });
  });

  it("an error envelope is an API error whose code is the status code; parseStatus reads its body", async () => {
    const { fetch } = fakeFetch(() => json({ message: "missing", status_code: "4001", status_reason: "INVALID_REQUEST", is_success: "false" }, 400));
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getTransactionDetails({ order_ref: "R" });
    const error = result.error;
    if (error?.kind !== "api") throw new Error("expected an API error");
    expect(error).toBeInstanceOf(PaySpecApiError);
    expect(error).toMatchObject({ code: "4001", httpStatus: 400, serverMessage: "missing", provider: "portone-global", operation: "getTransactionDetails" });
    expect(result.response?.status).toBe(400);
    const status = parseStatus(error.body);
    expect(status).toMatchObject({ kind: "known", code: "4001", series: "validation", reasonCode: "4025", reasonMatchesCode: false, isSuccess: false });
  });

  it("a 200 envelope with a failure code, and is_success false on a bare body, are API errors", async () => {
    for (const [op, body, code] of [
      ["status", { content: {}, status_code: "6014", status_reason: "INVALID_CARD_DECLINED_ERROR" }, "6014"],
      ["payment", { is_success: "false", message: "declined" }, ""],
    ] as const) {
      const { fetch } = fakeFetch(() => json(body));
      const client = createPortOneGlobalClient({ ...credentials, fetch });
      const result = op === "status" ? await client.getTransactionStatus({ merchantOrderRef: "A" }) : await client.initiatePayment(payment);
      expect(result.error).toMatchObject({ kind: "api", code, httpStatus: 200 });
    }
  });

  it("pending (1000) is data; codes in other forms (numbers, camelCase) reach the caller as the code", async () => {
    const pending = fakeFetch(() => json({ content: { status: "Pending" }, status_code: "1000" }));
    expect((await createPortOneGlobalClient({ ...credentials, fetch: pending.fetch }).getTransactionStatus({ merchantOrderRef: "A" })).data).toEqual({ status: "Pending" });
    const cases = [
      [{ status_code: "4000", status_reason: "INVALID_TRANSACTION_ERROR", message: "m" }, 400, "4000"],
      [{ status_code: "400", status_reason: "Bad Request", message: "m" }, 400, "400"],
      [{ statusCode: "4054", statusReason: "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR" }, 401, "4054"],
      [{ status_code: 4010, status_message: "INVALID_JWT_TOKEN" }, 401, "4010"],
      [{ status_code: "4999" }, 400, "4999"],
    ] as const;
    for (const [body, status, code] of cases) {
      const { fetch } = fakeFetch(() => json(body, status));
      const result = await createPortOneGlobalClient({ ...credentials, fetch }).listRefunds({ portone_order_ref: "R" });
      expect(result.error).toMatchObject({ kind: "api", code, httpStatus: status });
    }
  });

  it("the client's outcome of a status agrees with parseStatus", () => {
    const codes = [undefined, "", "1000", "1500", "2000", "2999", "3000", "4001", "4999", "5023", "6014", "7001", "8001", "9001", "200", "201", "400", "500", "300", "abc", "40010"];
    for (const code of codes) {
      for (const isSuccess of [undefined, true, false, "true", "false", " TRUE ", "yes"]) {
        const body: Record<string, unknown> = { status_code: code, is_success: isSuccess };
        const trimmed = code?.trim() || undefined;
        expect(outcomeOf(trimmed, body), JSON.stringify(body)).toBe(parseStatus(body).outcome);
      }
    }
  });

  it("an empty status_code on a 2xx envelope is an invalid response; on a bare body it does not matter", async () => {
    const { fetch } = fakeFetch(() => json({ content: {}, status_code: "" }));
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "not-envelope" });
    const bare = fakeFetch(() => json({ amountToRefund: 0, refundDetails: [] }));
    expect((await createPortOneGlobalClient({ ...credentials, fetch: bare.fetch }).listRefunds({ portone_order_ref: "R" })).data).toEqual({ amountToRefund: 0, refundDetails: [] });
  });
});

describe("transport failures each have their own typed error", () => {
  const cases: [string, () => Response | Promise<Response>, string, string?][] = [
    ["empty body", () => new Response("", { status: 200 }), "invalid-response", "empty"],
    ["204", () => new Response(null, { status: 204 }), "invalid-response", "empty"],
    ["null", () => json(null), "invalid-response", "not-object"],
    ["HTML page with 200", () => new Response("<html>maintenance</html>", { status: 200 }), "invalid-response", "not-json"],
    ["JSON array", () => json([1, 2]), "invalid-response", "not-object"],
    ["JSON string", () => json("ok"), "invalid-response", "not-object"],
    ["envelope without a code", () => json({ content: { status: "Success" } }), "invalid-response", "not-envelope"],
    ["envelope with content null", () => json({ content: null, status_code: "2000" }), "invalid-response", "not-envelope"],
    ["502 HTML from a proxy", () => new Response("<html>Bad gateway</html>", { status: 502 }), "http"],
    ["404 without an envelope", () => json({ error: "not found" }, 404), "http"],
    ["500 with an empty body", () => new Response(null, { status: 500 }), "http"],
    ["a redirect (never followed)", () => new Response(null, { status: 307, headers: { location: "https://evil.example/" } }), "http"],
    ["connection refused", () => Promise.reject(new TypeError("fetch failed")), "network"],
  ];
  it.each(cases)("%s", async (_name, respond, kind, reason) => {
    const { fetch } = fakeFetch(respond);
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.data).toBeUndefined();
    expect(result.error?.kind).toBe(kind);
    if (reason) expect((result.error as { reason: string }).reason).toBe(reason);
    expect(result.error).toBeInstanceOf(Error);
  });

  it("empty 200 on a bare-body operation (initiatePayment) is invalid-response too", async () => {
    const { fetch } = fakeFetch(() => new Response("", { status: 200 }));
    expect((await createPortOneGlobalClient({ ...credentials, fetch }).initiatePayment(payment)).error).toMatchObject({ kind: "invalid-response", reason: "empty" });
  });

  it("timeout aborts the request", async () => {
    const fetch = hangingFetch() as typeof globalThis.fetch;
    const result = await createPortOneGlobalClient({ ...credentials, fetch, timeoutMs: 50 }).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.error?.kind).toBe("timeout");
    expect(result.error?.message).toContain("50 ms");
  });

  it("a caller's abort is an aborted error", async () => {
    const controller = new AbortController();
    const fetch = hangingFetch() as typeof globalThis.fetch;
    const pending = createPortOneGlobalClient({ ...credentials, fetch }).getTransactionStatus({ merchantOrderRef: "A" }, { signal: controller.signal });
    controller.abort();
    expect((await pending).error?.kind).toBe("aborted");
  });
});

const deep = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;
const raw = (text: string, status = 200, type = "application/json") => () => new Response(text, { status, headers: { "content-type": type } });
const refund = { portone_order_ref: "R", refund_type: "full", environment: "live" } as const;

describe("responses: a 2xx is data only when it is what the spec promises", () => {
  const client = (respond: () => Response) => createPortOneGlobalClient({ ...credentials, fetch: fakeFetch(respond).fetch });

  it("createRefund answered 200 {} is invalid-response naming refundDetails (was data)", async () => {
    const result = await client(() => json({})).createRefund(refund);
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "unexpected-shape", httpStatus: 200 });
    expect(result.error?.message).toContain("(refundDetails is missing)");
    expect((await client(() => json({ refundDetails: [] })).createRefund(refund)).data).toEqual({ refundDetails: [] });
  });

  it.each([0, "0", 1, "yes", null])("initiatePayment with is_success %j is invalid-response naming is_success (was data)", async (flag) => {
    const result = await client(() => json({ is_success: flag, order_ref: "R" })).initiatePayment(payment);
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "unexpected-shape" });
    expect(result.error?.message).toContain("is_success");
  });

  it("initiatePayment without is_success is invalid-response (the spec requires it)", async () => {
    const result = await client(() => json({ order_ref: "R" })).initiatePayment(payment);
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "unexpected-shape" });
    expect(result.error?.message).toContain("(is_success is missing)");
  });

  const contradictions: [string, Record<string, unknown>][] = [
    ["status_code 2000 with is_success false", { content: { status: "Success" }, status_code: "2000", is_success: false }],
    ['status_code 2000 with is_success "false"', { content: { status: "Success" }, status_code: "2000", is_success: "false" }],
    ["status_code 1000 (pending) with is_success false", { content: { status: "Pending" }, status_code: "1000", is_success: false }],
    ["a failure code with is_success true", { content: { status: "Failed" }, status_code: "6014", is_success: true }],
  ];
  it.each(contradictions)("%s is invalid-response (contradictory), never data nor an api error", async (_name, body) => {
    const result = await client(() => json(body)).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "contradictory", httpStatus: 200 });
  });

  it("initiatePayment with status_code 2000 and is_success false is contradictory too", async () => {
    const result = await client(() => json({ status_code: "2000", is_success: false, order_ref: "R" })).initiatePayment(payment);
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "contradictory" });
  });

  it("signals that agree stay data: 2000 with is_success true or \"true\"", async () => {
    for (const flag of [true, "true", " TRUE "]) {
      const result = await client(() => json({ content: { status: "Success" }, status_code: "2000", is_success: flag })).getTransactionStatus({ merchantOrderRef: "A" });
      expect(result.data).toEqual({ status: "Success" });
    }
  });

  it("content missing what the spec requires is named with its path", async () => {
    const result = await client(() => json({ content: {}, status_code: "2000" })).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "unexpected-shape" });
    expect(result.error?.message).toContain("(content.status is missing)");
    const token = await client(() => json({ content: { token: "t", expires_in: "300" }, status_code: "2000" })).getAuthToken();
    expect(token.error?.message).toContain("(content.expires_in is not a safe integer)");
  });

  it("a 200 nested 100,000 deep is invalid-response (too-deep), never a throw", async () => {
    await expect(client(raw(deep(100_000))).getTransactionStatus({ merchantOrderRef: "A" })).resolves.toMatchObject({ error: { kind: "invalid-response", reason: "too-deep" } });
    const text = `{"content":{"status":"Success","x":${deep(100_000)}},"status_code":"2000"}`;
    await expect(client(raw(text)).getTransactionStatus({ merchantOrderRef: "A" })).resolves.toMatchObject({ error: { kind: "invalid-response", reason: "too-deep" } });
  });

  it("a non-2xx nested 100,000 deep is an http error", async () => {
    const result = await client(raw(`{"status_code":"4001","x":${deep(100_000)}}`, 400)).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.error).toMatchObject({ kind: "http", httpStatus: 400 });
  });

  it("an exception while reading a response is invalid-response, never a rejection", async () => {
    const respond = () => {
      // The transport reads its headers; the client's first own read (content-type) throws.
      const response = envelope();
      const get = response.headers.get.bind(response.headers);
      Object.defineProperty(response.headers, "get", { value: (name: string) => { if (name === "content-type") throw new Error("boom"); return get(name); } });
      return response;
    };
    const result = await client(respond).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.error).toMatchObject({ kind: "invalid-response", httpStatus: 200 });
  });

  // Prism's 422 carries `status`/`detail`, never `status_code`; a problem carrying one is still the mock's, not PortOne's.
  it.each([422, 404, 200])("a problem document (%i) is an http error with its text, redacted", async (status) => {
    const body = { type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY", title: "Invalid request", status, detail: `secret ${credentials.secretKey}`, status_code: "4001" };
    const result = await client(raw(JSON.stringify(body), status, "application/problem+json")).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.error).toMatchObject({ kind: "http", httpStatus: status });
    const snippet = (result.error as { bodySnippet: string }).bodySnippet;
    expect(snippet).toContain("Invalid request");
    expect(snippet).not.toContain(credentials.secretKey);
  });
});

describe("retries", () => {
  const retry = { limit: 2, baseDelayMs: 1, maxDelayMs: 1 };
  it("reads (GET, getTransactionDetails) are retried after a 503 without a status code", async () => {
    let n = 0;
    const { fetch, sent } = fakeFetch(() => (n++ === 0 ? new Response("busy", { status: 503 }) : envelope()));
    const client = createPortOneGlobalClient({ ...credentials, fetch, retry });
    expect((await client.getTransactionStatus({ merchantOrderRef: "A" })).data).toEqual({ status: "Success" });
    n = 0;
    expect((await client.getTransactionDetails({ order_ref: "R" })).data).toEqual({ status: "Success" });
    expect(sent).toHaveLength(4);
  });

  it("writes are never retried, and a 5xx carrying a status code is an answer, not an outage", async () => {
    const { fetch, sent } = fakeFetch(() => new Response("busy", { status: 503 }));
    const client = createPortOneGlobalClient({ ...credentials, fetch, retry });
    expect((await client.initiatePayment(payment)).error?.kind).toBe("http");
    expect((await client.createRefund({ portone_order_ref: "R", refund_type: "full", environment: "live" })).error?.kind).toBe("http");
    expect(sent).toHaveLength(2);
    const answer = fakeFetch(() => json({ status_code: "5023", message: "channel" }, 500));
    const result = await createPortOneGlobalClient({ ...credentials, fetch: answer.fetch, retry }).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.error).toMatchObject({ kind: "api", code: "5023" });
    expect(answer.sent).toHaveLength(1);
  });
});

describe("the openapi-fetch client", () => {
  it("createPortOneGlobalFetchClient(client) sends the key header, the JWT and the signature once, on the same transport", async () => {
    const { fetch, sent } = fakeFetch((r) => (r.url.endsWith("initiatePayment") ? json({ is_success: true, order_ref: "R" }) : envelope()));
    const client = createPortOneGlobalClient({ ...credentials, fetch });
    const seen: string[] = [];
    const raw = createPortOneGlobalFetchClient(client);
    raw.use({ onRequest: ({ request }) => void seen.push(request.headers.get("authorization") ? "jwt" : "none") });
    const payment1 = await raw.POST("/api/initiatePayment", { body: payment });
    expect(payment1.data?.order_ref).toBe("R");
    expect(sent[0]?.body).toEqual({ ...payment, portone_key: "PORTONE_KEY", signature_hash: SIGNATURE });
    expect(sent[0]?.request.headers.get("x-portone-client-key")).toBe("PORTONE_KEY");
    expect(sent[0]?.request.headers.get("user-agent")).toBe(`@payspec/portone-global/${VERSION}`);
    const status = await raw.GET("/api/transaction/{merchantOrderRef}/status", { params: { path: { merchantOrderRef: "A" } } });
    expect(status.data?.content.status).toBe("Success");
    expect(sent[1]?.request.headers.get("authorization")).toMatch(/^Bearer eyJ/);
    expect(seen).toEqual(["none", "jwt"]);
  });

  it("a caller's portone_key or signature_hash never wins", async () => {
    const { fetch, sent } = fakeFetch(() => json({ is_success: true }));
    const raw = createPortOneGlobalFetchClient({ ...credentials, fetch });
    await raw.POST("/api/initiatePayment", { body: { ...payment, portone_key: "OTHER", signature_hash: "forged" } });
    expect(sent[0]?.body).toMatchObject({ portone_key: "PORTONE_KEY", signature_hash: SIGNATURE });
  });

  it("transport errors reject with the payspec error", async () => {
    const raw = createPortOneGlobalFetchClient({ ...credentials, fetch: hangingFetch() as typeof globalThis.fetch, timeoutMs: 20 });
    await expect(raw.GET("/api/refund/{portone_order_ref}", { params: { path: { portone_order_ref: "R" } } })).rejects.toMatchObject({ kind: "timeout" });
  });
});

describe("configuration", () => {
  it.each([
    [{ ...credentials, secretKey: "" }, /options\.secretKey/],
    [{ ...credentials, clientKey: "" }, /options\.clientKey/],
    [{ ...credentials, clientKey: " k" }, /options\.clientKey/],
    [{ ...credentials, timeoutMs: 0 }, /options\.timeoutMs/],
    [{ ...credentials, tokenTtlSeconds: -5 }, /options\.tokenTtlSeconds/],
    [{ ...credentials, tokenTtlSeconds: 1.5 }, /options\.tokenTtlSeconds/],
    [{ ...credentials, baseUrl: "api.portone.cloud" }, /options\.baseUrl/],
    [{ ...credentials, retry: { baseDelayMs: -1 } }, /options\.retry\.baseDelayMs/],
  ])("rejects %j with one validation error", (options, message) => {
    expect(() => createPortOneGlobalClient(options)).toThrowError(message);
    expect(() => createPortOneGlobalClient(options)).toThrowError(PaySpecValidationError);
  });

  it("lists every problem at once", () => {
    try {
      createPortOneGlobalClient({ clientKey: "", secretKey: "", tokenTtlSeconds: 0, timeoutMs: -1 });
      expect.unreachable();
    } catch (error) {
      expect((error as PaySpecValidationError).issues.map((i) => i.field)).toEqual(["options.clientKey", "options.secretKey", "options.tokenTtlSeconds", "options.timeoutMs"]);
    }
  });
});
