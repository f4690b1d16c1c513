import { describe, expect, it } from "vitest";
import { createPortOneGlobalClient, PortOneGlobalStatusCode, type PortOneGlobalError } from "../../src/index.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";

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

describe("requests", () => {
  it("initiatePayment fills the key and the worked example's signature_hash", async () => {
    const { fetch, sent: requests } = fakeFetch(() => json({ is_success: true, order_ref: "R" }));
    const result = await createPortOneGlobalClient({ ...credentials, fetch, baseUrl: "https://mock.test/" }).initiatePayment(payment);
    expect(result.ok && result.data.order_ref).toBe("R");
    const [{ request, body }] = requests as [{ request: Request; body: unknown }];
    expect(request.url).toBe("https://mock.test/api/initiatePayment");
    expect(request.headers.get("content-type")).toContain("application/json");
    expect(body).toEqual({ ...payment, portone_key: "PORTONE_KEY", signature_hash: "z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=" });
  });

  it("puts path parameters in the path (the key from the client) and the rest in the body", async () => {
    const { fetch, sent: requests } = fakeFetch(() => json({ content: { order_ref: "R" }, status_code: "2000", status_reason: "SUCCESS" }));
    const client = createPortOneGlobalClient({ ...credentials, fetch });
    await client.getTransactionDetails({ order_ref: "R" });
    await client.createRefund({ portone_order_ref: "a b/c", refund_type: "full", environment: "live" });
    expect(requests[0]?.request.url).toBe("https://api.portone.cloud/api/PORTONE_KEY/transaction-details");
    expect(requests[0]?.body).toEqual({ order_ref: "R" });
    expect(requests[1]?.request.url).toBe("https://api.portone.cloud/api/refund/a%20b%2Fc");
    expect(requests[1]?.body).toEqual({ refund_type: "full", environment: "live" });
  });

  it("sends the sub-merchant header where the spec declares it, and refuses it elsewhere", async () => {
    const { fetch, sent: requests } = fakeFetch(() => json({ payment_link_ref: "L", payment_link: "https://checkout.portone.cloud?ref=L" }));
    const client = createPortOneGlobalClient({ ...credentials, fetch });
    await client.createPaymentLink({ amount: 1, currency: "KRW" }, { subMerchantKey: "SUB" });
    expect(requests[0]?.request.headers.get("x-portone-submerchant-key")).toBe("SUB");
    const refused = await client.listRefunds({ portone_order_ref: "R" }, { subMerchantKey: "SUB" });
    expect(refused.error?.kind).toBe("validation");
    expect(requests).toHaveLength(1);
  });

  it("rejects unknown input on body-less operations and empty path parameters", async () => {
    const { fetch } = fakeFetch(() => json({}));
    const client = createPortOneGlobalClient({ ...credentials, fetch });
    expect((await client.getTransactionStatus({ merchantOrderRef: "" })).error).toMatchObject({ kind: "validation", field: "merchantOrderRef", rule: "minLength" });
    expect((await client.listRefunds({ portone_order_ref: "R", extra: 1 } as never)).error).toMatchObject({ kind: "validation", field: "extra" });
  });
});

describe("results", () => {
  it("returns the envelope's content as data, with the parsed status", async () => {
    const { fetch } = fakeFetch(() => json({ content: { status: "Expired" }, message: "ok", status_code: "2000", status_reason: "Success" }));
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getTransactionStatus({ merchantOrderRef: "A" });
    if (!result.ok) throw result.error;
    expect(result.data).toEqual({ status: "Expired" });
    expect(result.status).toMatchObject({ kind: "known", code: "2000", outcome: "success", reasonMatchesCode: true });
  });

  it("an error envelope is a typed status error, whatever reason comes with the code", async () => {
    const { fetch } = fakeFetch(() => json({ message: "missing", status_code: "4001", status_reason: "INVALID_REQUEST", is_success: "false" }, 400));
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getTransactionDetails({ order_ref: "R" });
    const error = result.error as PortOneGlobalError;
    if (error.kind !== "status" || error.status.kind !== "known") throw new Error("expected a known status error");
    expect(error.code).toBe(PortOneGlobalStatusCode.INVALID_REQUEST_DATA);
    expect(error.status.reasonCode).toBe(PortOneGlobalStatusCode.INVALID_REQUEST);
    expect(error.status.reasonMatchesCode).toBe(false);
    expect(error.status.series).toBe("validation");
    expect(error.status.isSuccess).toBe(false);
    expect(error.httpStatus).toBe(400);
    expect(error.serverMessage).toBe("missing");
  });

  it("a 200 envelope with a failure code, and is_success false on a bare body, are status errors", async () => {
    for (const [op, body] of [
      ["status", { content: {}, status_code: "6014", status_reason: "INVALID_CARD_DECLINED_ERROR" }],
      ["payment", { is_success: "false", message: "declined" }],
    ] as const) {
      const { fetch } = fakeFetch(() => json(body));
      const client = createPortOneGlobalClient({ ...credentials, fetch });
      const result = op === "status" ? await client.getTransactionStatus({ merchantOrderRef: "A" }) : await client.initiatePayment(payment);
      expect(result.error?.kind).toBe("status");
      expect(result.error?.kind === "status" && result.error.httpStatus).toBe(200);
    }
  });

  it("unknown codes (4000, 200/400, newer ones) and camelCase or status_message variants reach the caller typed", async () => {
    const cases = [
      [{ status_code: "4000", status_reason: "INVALID_TRANSACTION_ERROR", message: "m" }, 400, { kind: "unknown", code: "4000", series: "validation" }],
      [{ status_code: "400", status_reason: "Bad Request", message: "m" }, 400, { kind: "unknown", code: "400", outcome: "failure" }],
      [{ statusCode: "4054", statusReason: "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR" }, 401, { kind: "known", code: "4054" }],
      [{ status_code: 4010, status_message: "INVALID_JWT_TOKEN" }, 401, { kind: "known", code: "4010", reason: "INVALID_JWT_TOKEN" }],
      [{ status_code: "4999" }, 400, { kind: "unknown", series: "validation" }],
    ] as const;
    for (const [body, status, expected] of cases) {
      const { fetch } = fakeFetch(() => json(body, status));
      const result = await createPortOneGlobalClient({ ...credentials, fetch }).listRefunds({ portone_order_ref: "R" });
      expect(result.error?.kind).toBe("status");
      expect(result.error?.kind === "status" && result.error.status).toMatchObject(expected);
    }
  });

  it("an empty status_code on a 2xx envelope is an invalid response; on a bare body it does not matter", async () => {
    const { fetch } = fakeFetch(() => json({ content: {}, status_code: "" }));
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "not-envelope" });
    const bare = fakeFetch(() => json({ amountToRefund: 0, refundDetails: [] }));
    expect((await createPortOneGlobalClient({ ...credentials, fetch: bare.fetch }).listRefunds({ portone_order_ref: "R" })).ok).toBe(true);
  });
});

describe("transport failures each have their own typed error", () => {
  const cases: [string, () => Response | Promise<Response>, string, string?][] = [
    ["empty body", () => new Response("", { status: 200 }), "invalid-response", "empty"],
    ["HTML page with 200", () => new Response("<html>maintenance</html>", { status: 200 }), "invalid-response", "not-json"],
    ["JSON array", () => json([1, 2]), "invalid-response", "not-object"],
    ["JSON string", () => json("ok"), "invalid-response", "not-object"],
    ["envelope without a code", () => json({ content: { status: "Success" } }), "invalid-response", "not-envelope"],
    ["502 HTML from a proxy", () => new Response("<html>Bad gateway</html>", { status: 502 }), "http"],
    ["404 without an envelope", () => json({ error: "not found" }, 404), "http"],
    ["500 with an empty body", () => new Response(null, { status: 500 }), "http"],
    ["connection refused", () => Promise.reject(new TypeError("fetch failed")), "network"],
  ];
  it.each(cases)("%s", async (_name, respond, kind, reason) => {
    const { fetch } = fakeFetch(respond);
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe(kind);
    if (reason) expect((result.error as { reason: string }).reason).toBe(reason);
    expect(result.error).toBeInstanceOf(Error);
  });

  it("timeout", async () => {
    const fetch = ((input: RequestInfo | URL) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = (input as Request).signal;
        signal.addEventListener("abort", () => reject(signal.reason));
      })) as typeof globalThis.fetch;
    const result = await createPortOneGlobalClient({ ...credentials, fetch, timeoutMs: 50 }).getTransactionStatus({ merchantOrderRef: "A" });
    expect(result.error?.kind).toBe("timeout");
    expect(result.error?.message).toContain("50 ms");
  });

  it("a caller's abort is a network error, not a timeout", async () => {
    const controller = new AbortController();
    const fetch = ((input: RequestInfo | URL) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = (input as Request).signal;
        signal.addEventListener("abort", () => reject(signal.reason));
        controller.abort();
      })) as typeof globalThis.fetch;
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getTransactionStatus({ merchantOrderRef: "A" }, { signal: controller.signal });
    expect(result.error?.kind).toBe("network");
  });
});

describe("configuration", () => {
  it.each([
    [{ ...credentials, secretKey: "" }, /options\.secretKey/],
    [{ ...credentials, clientKey: "" }, /options\.clientKey/],
    [{ ...credentials, timeoutMs: 0 }, /options\.timeoutMs/],
    [{ ...credentials, tokenTtlSeconds: -5 }, /options\.tokenTtlSeconds/],
    [{ ...credentials, baseUrl: "api.portone.cloud" }, /options\.baseUrl/],
  ])("rejects %j", (options, message) => {
    expect(() => createPortOneGlobalClient(options)).toThrowError(message);
  });
});
