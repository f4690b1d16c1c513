import { describe, expect, it, vi } from "vitest";
import { describePaySsamResult, PaySsamResultCode } from "@payspec/payssam-errors";
import { createPaySsamClient, createPaySsamFetchClient, PaySpecApiError, PaySpecValidationError, type PaySsamClient } from "../../src/index.js";
import { USER_AGENT } from "../../src/generated/operations.js";
import { fakeFetch, hangingFetch, json } from "@payspec/mock/fake-fetch";
import pkg from "../../package.json" with { type: "json" };

const credentials = { apiKey: "unit-test-api-key-0001", member: "MEMBER-1", merchant: "MERCHANT-1" };
const bill = {
  billId: "1024",
  sendType: "TALK" as const,
  productName: "수강료",
  price: "45000",
  memberName: "홍길동",
  phone: "01012345678",
  callbackUrl: "https://partner.example.kr/cb",
};
const ok = (data: unknown = {}) => json({ code: "0000", message: "성공하였습니다.", data });

describe("requests", () => {
  it("fills the envelope and the three-part hash on /bill, with the package's User-Agent", async () => {
    const { fetch, sent } = fakeFetch(() => ok({ billId: "1024", shortUrl: "https://payssam.kr/s/1" }));
    const client = createPaySsamClient({ ...credentials, fetch, baseUrl: "https://mock.test/partner" });
    const result = await client.sendBill(bill);
    expect(result.error).toBeUndefined();
    expect(result.data?.shortUrl).toBe("https://payssam.kr/s/1");
    expect(result.response?.status).toBe(200);
    expect(sent).toHaveLength(1);
    const [{ request, body }] = sent as [{ request: Request; body: Record<string, unknown> }];
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://mock.test/partner/bill");
    expect(request.headers.get("content-type")).toContain("application/json");
    expect(request.headers.get("user-agent")).toBe(`@payspec/payssam/${pkg.version}`);
    expect(USER_AGENT).toBe(`${pkg.name}/${pkg.version}`);
    expect(body).toEqual({ ...credentials, bill: { ...bill, hash: "c381cdd2f56bc990da035d998b0bee8df1f12f9d59966483db8306cead9d96e9" } });
  });

  it("uses the two-part hash on destroy, and no hash on read", async () => {
    const { fetch, sent } = fakeFetch(() => ok());
    const client = createPaySsamClient({ ...credentials, fetch });
    await client.destroyBill({ billId: "1024", price: "45000" });
    await client.readBill({ billId: "1024" });
    const [destroy, read] = sent.map((r) => r.body as { bill: Record<string, unknown> });
    expect(destroy?.bill["hash"]).toBe("c33145c60c4dff199c5320f45db1fee5af0eb245d2645b70334ead1549ea90d0");
    expect(read?.bill).toEqual({ billId: "1024" });
    expect(sent[0]?.request.url).toBe("https://sandbox.paymint.co.kr/partner/bill/destroy");
  });

  it("sends only the API key to /read/remain_count, and memberId/merchantId from the options to /auth/mapping", async () => {
    const { fetch, sent } = fakeFetch(() => ok({ balance: 5500, chargeUrl: "https://x" }));
    const client = createPaySsamClient({ ...credentials, fetch });
    const result = await client.readPointBalance();
    expect(sent[0]?.body).toEqual({ apiKey: credentials.apiKey });
    expect(result.data?.balance).toBe(5500);
    await client.requestSubMerchantMapping({ businessNumber: "1234567890", callbackUrl: "https://x.kr/cb" });
    expect(sent[1]?.body).toEqual({ apiKey: credentials.apiKey, memberId: "MEMBER-1", merchantId: "MERCHANT-1", businessNumber: "1234567890", callbackUrl: "https://x.kr/cb" });
  });

  it("adds per-call headers; credentials and content-type cannot be set that way", async () => {
    const { fetch, sent } = fakeFetch(() => ok());
    const client = createPaySsamClient({ ...credentials, fetch });
    await client.readBill({ billId: "1" }, { headers: { Prefer: "example=success" } });
    expect(sent[0]?.request.headers.get("prefer")).toBe("example=success");
    const bad = await client.readBill({ billId: "1" }, { headers: { "Content-Type": "text/plain" } });
    expect(bad.error?.kind).toBe("validation");
    const injected = await client.readBill({ billId: "1" }, { headers: { Prefer: "a\r\nX-Evil: 1" } });
    expect(injected.error?.kind).toBe("validation");
    expect(sent).toHaveLength(1);
  });
});

describe("credentials always come from the options", () => {
  const cases: [string, (c: PaySsamClient) => Promise<{ error?: unknown }>, string][] = [
    ["readPointBalance({ apiKey })", (c) => c.readPointBalance({ apiKey: "x" } as never), "apiKey"],
    ["sendBill with merchant", (c) => c.sendBill({ ...bill, merchant: "OTHER" } as never), "merchant"],
    ["sendBill with APIKEY", (c) => c.sendBill({ ...bill, APIKEY: "x" } as never), "APIKEY"],
    ["sendBill with its own hash", (c) => c.sendBill({ ...bill, hash: "0".repeat(64) } as never), "hash"],
    ["requestSubMerchantMapping with merchantId", (c) => c.requestSubMerchantMapping({ businessNumber: "1234567890", callbackUrl: "https://x.kr", merchantId: "OTHER" } as never), "merchantId"],
    ["readMerchantPointBalance with api_key", (c) => c.readMerchantPointBalance({ api_key: "x" } as never), "api_key"],
    ["unverified call with member", (c) => c.unverified.readCustomerPayMethods({ member: "OTHER" }), "member"],
  ];
  it.each(cases)("%s is a validation error and nothing is sent", async (_name, call, field) => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const result = await call(createPaySsamClient({ ...credentials, fetch }));
    const error = result.error as PaySpecValidationError;
    expect(error).toBeInstanceOf(PaySpecValidationError);
    expect(error.field).toBe(field);
    expect(error.rule).toBe("reserved");
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("results", () => {
  it("a documented code is a PaySpecApiError with code, httpStatus, serverMessage and the envelope", async () => {
    const { fetch } = fakeFetch(() => json({ code: "BILL_003", message: "청구서를 찾을 수 없습니다.", data: null }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1024" });
    const error = result.error;
    if (error?.kind !== "api") throw new Error("expected an api error");
    expect(error).toBeInstanceOf(PaySpecApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(PaySsamResultCode.BILL_003);
    expect(error.provider).toBe("payssam");
    expect(error.operation).toBe("readBill");
    expect(error.httpStatus).toBe(200);
    expect(error.serverMessage).toBe("청구서를 찾을 수 없습니다.");
    expect(error.body).toEqual({ code: "BILL_003", message: "청구서를 찾을 수 없습니다.", data: null });
    expect(result.response?.status).toBe(200);
    const described = describePaySsamResult(error.code);
    expect(described.known && described.message).toBe("청구서를 찾을 수 없습니다.");
  });

  it("reads `msg` when the server uses it instead of `message`", async () => {
    const { fetch } = fakeFetch(() => json({ code: "PARTNER_MAPPING_006", msg: "개시된 매장이 존재하지 않습니다." }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    expect(result.error?.kind === "api" && result.error.serverMessage).toBe("개시된 매장이 존재하지 않습니다.");
  });

  it("an unknown code is kept with its extra fields, never a crash", async () => {
    const { fetch } = fakeFetch(() => json({ code: "BILL_099", message: "새 오류", data: null, extra: { a: 1 } }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    const error = result.error;
    if (error?.kind !== "api") throw new Error("expected an api error");
    expect(String(error.code)).toBe("BILL_099");
    expect(describePaySsamResult(error.code).known).toBe(false);
    expect(error.body["extra"]).toEqual({ a: 1 });
  });

  it("a business error on a non-2xx status is still an api error", async () => {
    const { fetch } = fakeFetch(() => json({ code: "VALIDATION_001", message: "요청 값이 올바르지 않습니다." }, 400));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    expect(result.error?.kind).toBe("api");
    expect(result.error?.kind === "api" && result.error.httpStatus).toBe(400);
  });

  it("keeps unknown fields and enum values of success data", async () => {
    const { fetch } = fakeFetch(() => ok({ billId: "1", apprState: "X", newField: 1 }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    expect(result.data).toMatchObject({ apprState: "X", newField: 1 });
  });
});

describe("transport failures each have their own typed error", () => {
  const cases: [string, () => Response | Promise<Response>, string, string?][] = [
    ["empty 200", () => new Response("", { status: 200 }), "invalid-response", "empty"],
    ["204", () => new Response(null, { status: 204 }), "invalid-response", "empty"],
    ["null", () => json(null), "invalid-response", "not-object"],
    ["a number", () => json(42), "invalid-response", "not-object"],
    ["a string", () => json("0000"), "invalid-response", "not-object"],
    ["JSON array", () => json([1, 2]), "invalid-response", "not-object"],
    ["HTML maintenance page", () => new Response("<html>점검 중</html>", { status: 200 }), "invalid-response", "not-json"],
    ["JSON without code", () => json({ ok: true }), "invalid-response", "not-envelope"],
    ["code that is not a string", () => json({ code: 0 }), "invalid-response", "not-envelope"],
    ["0000 without data", () => json({ code: "0000", message: "성공하였습니다." }), "invalid-response", "not-envelope"],
    ["0000 with data null", () => json({ code: "0000", data: null }), "invalid-response", "not-envelope"],
    ["502 from a proxy", () => new Response("<html>Bad gateway</html>", { status: 502 }), "http"],
    ["404 without an envelope", () => json({ status: 404 }, 404), "http"],
    ["a redirect (never followed)", () => new Response(null, { status: 307, headers: { location: "https://evil.example/" } }), "http"],
    ["connection refused", () => Promise.reject(new TypeError("fetch failed")), "network"],
  ];
  it.each(cases)("%s", async (_name, respond, kind, reason) => {
    const { fetch } = fakeFetch(respond);
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    expect(result.data).toBeUndefined();
    expect(result.error?.kind).toBe(kind);
    if (reason) expect((result.error as { reason: string }).reason).toBe(reason);
    expect(result.error).toBeInstanceOf(Error);
  });

  it("a timeout aborts the request", async () => {
    let signal: AbortSignal | undefined;
    const hanging = hangingFetch();
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return hanging(input, init);
    }) as typeof globalThis.fetch;
    const result = await createPaySsamClient({ ...credentials, fetch, timeoutMs: 50 }).readBill({ billId: "1" });
    expect(result.error?.kind).toBe("timeout");
    expect(result.error?.message).toContain("50 ms");
    expect(signal?.aborted).toBe(true);
  });

  it("a per-call timeout replaces the client's", async () => {
    const result = await createPaySsamClient({ ...credentials, fetch: hangingFetch() as typeof globalThis.fetch }).readBill({ billId: "1" }, { timeoutMs: 20 });
    expect(result.error?.kind === "timeout" && result.error.timeoutMs).toBe(20);
  });

  it("the caller's abort is `aborted`", async () => {
    const controller = new AbortController();
    const pending = createPaySsamClient({ ...credentials, fetch: hangingFetch() as typeof globalThis.fetch }).readBill({ billId: "1" }, { signal: controller.signal });
    controller.abort();
    expect((await pending).error?.kind).toBe("aborted");
  });
});

const deep = (depth: number) => `${"[".repeat(depth)}1${"]".repeat(depth)}`;
const raw = (text: string, status = 200, type = "application/json") => () => new Response(text, { status, headers: { "content-type": type } });

describe("responses: a 2xx is data only when it is what the spec promises", () => {
  const send = async (respond: () => Response | Promise<Response>) => {
    const { fetch, sent } = fakeFetch(respond);
    return { result: await createPaySsamClient({ ...credentials, fetch }).sendBill(bill), sent };
  };

  it("a sendBill whose 200 is nested 100,000 deep is invalid-response (too-deep), never `validation … nothing was sent`", async () => {
    const { result, sent } = await send(raw(`{"code":"0000","data":{"billId":"1024","shortUrl":"u","x":${deep(100_000)}}}`));
    expect(sent).toHaveLength(1);
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "too-deep", httpStatus: 200 });
    const whole = await send(raw(deep(100_000)));
    expect(whole.result.error).toMatchObject({ kind: "invalid-response", reason: "too-deep" });
  });

  it("an exception after the request was sent is invalid-response (outcome unknown), not validation", async () => {
    const respond = () => {
      // The transport reads its headers; the client's first own read (content-type) throws.
      const response = ok({ billId: "1024", shortUrl: "u" });
      const get = response.headers.get.bind(response.headers);
      Object.defineProperty(response.headers, "get", { value: (name: string) => { if (name === "content-type") throw new Error("boom"); return get(name); } });
      return response;
    };
    const { result, sent } = await send(respond);
    expect(sent).toHaveLength(1);
    expect(result.error).toMatchObject({ kind: "invalid-response", httpStatus: 200 });
    expect(result.error?.message).not.toContain("nothing was sent");
  });

  it("an exception before sending is still validation (nothing was sent)", async () => {
    const { fetch, sent } = fakeFetch(() => ok({ billId: "1024", shortUrl: "u" }));
    const input = Object.defineProperty({ ...bill }, "price", { enumerable: true, get: () => { throw new Error("getter"); } });
    const result = await createPaySsamClient({ ...credentials, fetch }).sendBill(input);
    expect(result.error?.kind).toBe("validation");
    expect(sent).toHaveLength(0);
  });

  const broken: [string, unknown, string][] = [
    ["0000 with data missing the field sendBill promises (shortUrl)", { billId: "1024" }, "(data.shortUrl is missing)"],
    ["0000 with an empty data object", {}, "(data.billId is missing)"],
    ["0000 with billId a number", { billId: 1024, shortUrl: "u" }, "(data.billId is not string)"],
  ];
  it.each(broken)("%s is invalid-response (unexpected-shape) naming the field", async (_name, data, detail) => {
    const { result } = await send(() => ok(data));
    expect(result.data).toBeUndefined();
    expect(result.error).toMatchObject({ kind: "invalid-response", reason: "unexpected-shape" });
    expect(result.error?.message).toContain(detail);
  });

  it("0000 with data of another JSON type than the spec's is invalid: a string (not-envelope), an array for an object (unexpected-shape)", async () => {
    expect((await send(() => ok("ok"))).result.error).toMatchObject({ kind: "invalid-response", reason: "not-envelope" });
    const array = (await send(() => ok([{ billId: "1024", shortUrl: "u" }]))).result.error;
    expect(array).toMatchObject({ kind: "invalid-response", reason: "unexpected-shape" });
    expect(array?.message).toContain("(data is not an object)");
    // listSubMerchantMappings promises an array: an object there is the wrong shape.
    const { fetch } = fakeFetch(() => ok({ partnerMember: "P" }));
    const list = await createPaySsamClient({ ...credentials, fetch }).unverified.listSubMerchantMappings();
    expect(list.error?.message).toContain("(data is not an array)");
  });

  it("a balance of the wrong JSON type or beyond 2^53 is flagged", async () => {
    for (const balance of ["5500", 2 ** 53 + 2]) {
      const { fetch } = fakeFetch(() => ok({ balance, chargeUrl: "https://x" }));
      const result = await createPaySsamClient({ ...credentials, fetch }).readPointBalance();
      expect(result.error).toMatchObject({ kind: "invalid-response", reason: "unexpected-shape" });
      expect(result.error?.message).toContain("data.balance");
    }
  });

  it("a non-2xx nested 100,000 deep is an http error", async () => {
    const { result } = await send(raw(`{"code":"E","x":${deep(100_000)}}`, 500, "text/html"));
    expect(result.error).toMatchObject({ kind: "http", httpStatus: 500 });
  });

  // Prism's own answers: PaySsam already made them http errors (no `code`); now by their content type, text kept.
  it.each([422, 404, 200])("a problem document (%i) is an http error with its text, redacted", async (status) => {
    const body = { type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY", title: "Invalid request", status, detail: `apiKey ${credentials.apiKey}`, code: "0000", data: {} };
    const { result } = await send(raw(JSON.stringify(body), status, "application/problem+json"));
    expect(result.error).toMatchObject({ kind: "http", httpStatus: status });
    const snippet = (result.error as { bodySnippet: string }).bodySnippet;
    expect(snippet).toContain("Invalid request");
    expect(snippet).not.toContain(credentials.apiKey);
  });

  it("an issuance number the client sent, echoed in an error body, never comes back", async () => {
    const issuanceNumber = "01012345678";
    const { fetch } = fakeFetch(() => json({ code: "CASH_001", message: `bad number ${issuanceNumber}`, data: { issuanceNumber, note: issuanceNumber } }));
    const result = await createPaySsamClient({ ...credentials, fetch }).issueCashReceipt({ billId: "1", price: "1000", supplyPrice: "909", tax: "91", issuanceNumber, trader: "0" });
    expect(result.error?.kind).toBe("api");
    expect(JSON.stringify({ ...result.error, message: result.error?.message })).not.toContain(issuanceNumber);
  });
});

describe("retries", () => {
  const flaky = () => fakeFetch((_r, i) => (i === 0 ? new Response("<html>503</html>", { status: 503 }) : ok({ billId: "1", apprState: "W" })));

  it("reads are retried after a transient failure", async () => {
    const { fetch, sent } = flaky();
    const result = await createPaySsamClient({ ...credentials, fetch, retry: { limit: 2, baseDelayMs: 0, maxDelayMs: 0 } }).readBill({ billId: "1" });
    expect(result.data).toMatchObject({ billId: "1" });
    expect(sent).toHaveLength(2);
  });

  it("writes are never retried (PaySsam has no idempotency key)", async () => {
    const { fetch, sent } = flaky();
    const result = await createPaySsamClient({ ...credentials, fetch, retry: { limit: 2, baseDelayMs: 0, maxDelayMs: 0 } }).sendBill(bill);
    expect(result.error?.kind).toBe("http");
    expect(sent).toHaveLength(1);
  });

  it("a business answer on a 5xx is not retried", async () => {
    const { fetch, sent } = fakeFetch(() => json({ code: "ERROR", message: "처리 중 오류가 발생하였습니다." }, 500));
    const result = await createPaySsamClient({ ...credentials, fetch, retry: { limit: 2, baseDelayMs: 0, maxDelayMs: 0 } }).readBill({ billId: "1" });
    expect(result.error?.kind).toBe("api");
    expect(sent).toHaveLength(1);
  });
});

describe("calls never throw", () => {
  const fetch = vi.fn<typeof globalThis.fetch>();
  const client = createPaySsamClient({ ...credentials, fetch });
  const circular: Record<string, unknown> = { billId: "1" };
  circular["self"] = circular;
  const inputs: [string, () => Promise<{ error?: { kind: string } | undefined }>][] = [
    ["a BigInt", () => client.readBill({ billId: "1", extra: 1n } as never)],
    ["a circular object", () => client.readBill(circular as never)],
    ["a string as input", () => client.readBill("1" as never)],
    ["null as input", () => client.readBill(null as never)],
    ["an array as input", () => client.readBill([] as never)],
    ["a number as billId", () => client.readBill({ billId: 1 } as never)],
    ["NaN as price", () => client.destroyBill({ billId: "1", price: Number.NaN } as never)],
    ["timeoutMs -1", () => client.readBill({ billId: "1" }, { timeoutMs: -1 })],
    ["timeoutMs NaN", () => client.readBill({ billId: "1" }, { timeoutMs: Number.NaN })],
    ["timeoutMs 1500.5", () => client.readBill({ billId: "1" }, { timeoutMs: 1500.5 })],
    ["timeoutMs 3e9", () => client.readBill({ billId: "1" }, { timeoutMs: 3e9 })],
    ["options not an object", () => client.readBill({ billId: "1" }, 5 as never)],
    ["an unknown call option", () => client.readBill({ billId: "1" }, { idempotencyKey: "x" } as never)],
    ["a signal that is not one", () => client.readBill({ billId: "1" }, { signal: {} as never })],
    ["a __proto__ key", () => client.readBill(JSON.parse('{"__proto__":{"billId":"1"}}') as never)],
  ];
  it.each(inputs)("%s is a validation error and nothing is sent", async (_name, call) => {
    const result = await call();
    expect(result.error?.kind).toBe("validation");
  });
  it("nothing was sent for any of them", () => expect(fetch).not.toHaveBeenCalled());
});

describe("configuration is checked once, at creation, with one error", () => {
  it("rejects an API key longer than 32 characters, naming the option but not the value", () => {
    const apiKey = "k".repeat(33);
    expect(() => createPaySsamClient({ ...credentials, apiKey })).toThrowError(/options\.apiKey must be at most 32 characters/);
    try {
      createPaySsamClient({ ...credentials, apiKey });
    } catch (error) {
      expect(error).toBeInstanceOf(PaySpecValidationError);
      expect(String(error)).not.toContain(apiKey);
    }
  });

  it("lists every problem in one error", () => {
    try {
      createPaySsamClient({ apiKey: "", member: "m".repeat(61), merchant: "c", timeoutMs: -1, retry: { limit: 99 }, baseUrl: "ftp://x", colour: 1 } as never);
      expect.unreachable();
    } catch (error) {
      const fields = (error as PaySpecValidationError).issues.map((i) => i.field);
      expect(fields).toEqual(expect.arrayContaining(["options.apiKey", "options.member", "options.timeoutMs", "options.retry.limit", "options.baseUrl", "options.colour"]));
      expect((error as PaySpecValidationError).operation).toBe("createPaySsamClient");
    }
  });

  it("rejects options that are not an object", () => {
    expect(() => createPaySsamClient(undefined as never)).toThrowError(PaySpecValidationError);
  });
});

describe("the openapi-fetch client", () => {
  it("made from a client: shares its transport; credentials and hash are installed once, by the same code", async () => {
    const { fetch, sent } = fakeFetch(() => ok({ billId: "1024", shortUrl: "https://payssam.kr/s/1" }));
    const events: string[] = [];
    const client = createPaySsamClient({ ...credentials, fetch, onEvent: (e) => events.push(e.type) });
    const raw = createPaySsamFetchClient(client);
    const seen: string[] = [];
    raw.use({ onRequest: ({ request }) => void seen.push(request.url) });
    const { data, error, response } = await raw.POST("/bill", {
      body: { apiKey: "ignored", member: "ignored", merchant: "OTHER", bill: { ...bill, hash: "0".repeat(64) } },
    });
    expect(error).toBeUndefined();
    expect(data?.data?.shortUrl).toBe("https://payssam.kr/s/1");
    expect(response.status).toBe(200);
    expect(seen).toEqual(["https://sandbox.paymint.co.kr/partner/bill"]);
    expect(sent[0]?.body).toEqual({ ...credentials, bill: { ...bill, hash: "c381cdd2f56bc990da035d998b0bee8df1f12f9d59966483db8306cead9d96e9" } });
    expect(sent[0]?.request.headers.get("user-agent")).toBe(USER_AGENT);
    expect(events).toEqual(["request", "response"]);
    expect(client).not.toHaveProperty("raw");
  });

  it("made from options: reads are retried, transport errors reject with the payspec error", async () => {
    const { fetch, sent } = fakeFetch((_r, i) => (i === 0 ? new Response("", { status: 503 }) : ok({ billId: "1", apprState: "W" })));
    const raw = createPaySsamFetchClient({ ...credentials, fetch, retry: { limit: 1, baseDelayMs: 0, maxDelayMs: 0 } });
    const { data } = await raw.POST("/bill/read", { body: { apiKey: "", member: "", merchant: "", bill: { billId: "1" } } });
    expect(data?.code).toBe("0000");
    expect(sent).toHaveLength(2);
    const failing = createPaySsamFetchClient({ ...credentials, fetch: () => Promise.reject(new TypeError("refused")) });
    await expect(failing.POST("/bill/read", { body: { apiKey: "", member: "", merchant: "", bill: { billId: "1" } } })).rejects.toMatchObject({ kind: "network" });
  });
});
