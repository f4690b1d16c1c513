// What the runtime promises about what arrives and what a user configures (issue 15): options checked
// once at creation, per-call headers that cannot change framing or credentials, bodies counted after
// decoding, errors that stay errors whatever their size, redaction of what the caller sent, and
// validation of the numbers and dates that change what a payment call does.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { canShareSignals, createDeadlines } from "../src/deadline.js";
import {
  checkBaseUrl,
  checkHeaders,
  checkPathValue,
  checkSecret,
  createCore,
  createTransport,
  normaliseRetry,
  PaySpecValidationError,
  personalData,
  redact,
  redactText,
  RESERVED_HEADERS,
  sensitiveValues,
  transportFetch,
  validate,
  type CoreConfig,
  type TransportConfig,
  type ValidationIssue,
} from "../src/index.js";

const config: CoreConfig = {
  provider: "portone",
  factory: "createX",
  defaultBaseUrl: "https://x.test",
  optionKeys: ["secret", "storeId"],
  userAgent: "ua",
  secrets: () => [],
  sensitiveHeaders: ["x-api-key"],
  transient: () => true,
};
const creationIssues = (options: object): ValidationIssue[] => {
  try {
    createCore(config, options, []);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(PaySpecValidationError);
    return [...(error as PaySpecValidationError).issues];
  }
};

describe("client options", () => {
  it("refuses an unknown option, naming the one meant when only the case differs", () => {
    expect(creationIssues({ timeoutMS: 5000 })).toEqual([expect.objectContaining({ field: "options.timeoutMS", rule: "additionalProperties", message: expect.stringContaining("did you mean timeoutMs?") })]);
    expect(creationIssues({ storeID: "s" })[0]?.message).toContain("did you mean storeId?");
    expect(creationIssues({ colour: 1 })[0]?.field).toBe("options.colour");
    expect(creationIssues({ secret: "x", storeId: "s", timeoutMs: 5, retry: true, maxResponseBytes: 1, baseUrl: "https://a.test", fetch, onEvent: () => undefined })).toEqual([]);
  });

  it("refuses an unknown retry option: `retries` would otherwise be ignored and a write sent three times", () => {
    const issues: ValidationIssue[] = [];
    normaliseRetry({ retries: 0 }, issues);
    expect(issues).toEqual([expect.objectContaining({ field: "options.retry.retries", message: expect.stringContaining("did you mean limit?") })]);
  });

  it("`retry: true` means exactly two retries; false and absent none", () => {
    expect(normaliseRetry(true, []).limit).toBe(2);
    expect(normaliseRetry(false, []).limit).toBe(0);
    expect(normaliseRetry(undefined, []).limit).toBe(0);
    expect(normaliseRetry({}, []).limit).toBe(2);
  });

  it.each([
    ["https://user:password@api.test", "format"],
    ["https://:password@api.test", "format"],
    ["https://api.test\r\nX: 1", "pattern"],
    ["https://api.test ", "pattern"],
    [" https://api.test", "pattern"],
    ["https://api.test\t", "pattern"],
    ["javascript:alert(1)", "format"],
    ["https://api.test/?a=1", "format"],
    ["https://api.test/#x", "format"],
    ["/relative", "format"],
  ])("refuses the base URL %j", (url, rule) => {
    const issues: ValidationIssue[] = [];
    checkBaseUrl("options.baseUrl", url, issues);
    expect(issues).toEqual([expect.objectContaining({ field: "options.baseUrl", rule })]);
    expect(issues[0]?.message).not.toContain("password@");
  });

  it("accepts an http(s) base URL with a path, without its trailing slashes", () => {
    const issues: ValidationIssue[] = [];
    expect(checkBaseUrl("b", "http://127.0.0.1:4011/v2//", issues)).toBe("http://127.0.0.1:4011/v2");
    expect(issues).toEqual([]);
  });

  it.each([
    ["PortOne abcdefghijkl", "pattern", "scheme"],
    ["Bearer abcdefghijkl", "pattern", "scheme"],
    ["abc def ghi jkl", "pattern", "visible ASCII"],
    ["비밀키비밀키비밀키", "pattern", "visible ASCII"],
    ["secret-with-newline\n", "pattern", "visible ASCII"],
    ["s", "minLength", "at least 8"],
    ["", "type", "non-empty"],
  ])("refuses the credential %j", (value, rule, words) => {
    const issues = checkSecret("options.secret", value, 8);
    expect(issues).toEqual([expect.objectContaining({ rule, message: expect.stringContaining(words) })]);
    if (value.length > 2) expect(issues[0]?.message).not.toContain(value.trim());
  });
});

describe("per-call headers", () => {
  it.each(["Content-Length", "transfer-encoding", "Expect", "Host", "Connection", "Authorization", "Idempotency-Key", "X-Api-Key"])("%s is reserved", (name) => {
    expect(checkHeaders("options.headers", { [name]: "1" }, [...RESERVED_HEADERS, "x-api-key"])).toEqual([expect.objectContaining({ field: `options.headers.${name}`, rule: "reserved" })]);
  });
  it("values must be visible ASCII: fetch refuses others after the call has started", () => {
    expect(checkHeaders("h", { "X-Name": "홍길동" }, [])[0]?.rule).toBe("pattern");
    expect(checkHeaders("h", { "X-Name": "café" }, [])[0]?.rule).toBe("pattern");
    expect(checkHeaders("h", { "X-Trace": "a b\tc" }, [])).toEqual([]);
  });
  it("a call's reserved header is refused before anything is sent", () => {
    const core = createCore(config, {}, []);
    expect(core.checkCall({ headers: { "Content-Length": "5" } })[0]?.rule).toBe("reserved");
    expect(core.checkCall({ headers: { Prefer: "example=X" } })).toEqual([]);
  });
});

describe("response bodies", () => {
  const base: Omit<TransportConfig, "fetch"> = {
    provider: "portone",
    userAgent: "ua",
    timeoutMs: 5000,
    retry: normaliseRetry(false, []),
    maxResponseBytes: 64 * 1024,
    onEvent: undefined,
    secrets: () => [],
    sensitiveHeaders: [],
    transient: () => true,
  };
  const send = (fetch: typeof globalThis.fetch, extra: Partial<TransportConfig> = {}) =>
    createTransport({ ...base, ...extra, fetch }).send({ operation: "op", method: "GET", url: "https://x.test/", headers: {}, repeatable: true });
  /** A response whose body stream is what a fetch yields after decoding, with the compressed length declared. */
  const decoded = (bytes: Uint8Array<ArrayBuffer>, declared: number, status = 200) =>
    new Response(new Blob([bytes]).stream(), { status, headers: { "content-length": String(declared), "content-encoding": "gzip" } });

  it("counts decoded bytes, not the declared compressed length", async () => {
    const plain = new Uint8Array(1024 * 1024).fill(0x20);
    const compressed = gzipSync(plain).byteLength;
    expect(compressed).toBeLessThan(base.maxResponseBytes);
    const received = await send(async () => decoded(plain, compressed));
    expect(received.error).toMatchObject({ kind: "invalid-response", reason: "too-large" });
  });

  it("honours the client's maxResponseBytes", async () => {
    const body = JSON.stringify({ a: "x".repeat(1000) });
    expect((await send(async () => new Response(body), { maxResponseBytes: 1000 })).error).toMatchObject({ reason: "too-large" });
    expect((await send(async () => new Response(body), { maxResponseBytes: 2000 })).error).toBeUndefined();
  });

  it("keeps a huge non-2xx an answer (its first part), so that a client reports it as HTTP and may retry it", async () => {
    const page = `<html>${"bad gateway ".repeat(2_000_000)}</html>`;
    const received = await send(async () => new Response(page, { status: 502 }));
    expect(received.error).toBeUndefined();
    expect(received.response?.status).toBe(502);
    expect(received.text?.startsWith("<html>bad gateway")).toBe(true);
    expect(received.text?.length).toBeLessThan(page.length);
  });
});

describe("timeouts abort, and say so quickly", () => {
  /** A fetch that never answers until its signal aborts. */
  const hanging: typeof globalThis.fetch = (_url, init) =>
    new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true }));
  const transport = createTransport({
    provider: "payssam",
    userAgent: "ua",
    timeoutMs: 40,
    retry: normaliseRetry(false, []),
    maxResponseBytes: 1000,
    onEvent: undefined,
    secrets: () => [],
    sensitiveHeaders: [],
    transient: () => true,
    fetch: hanging,
  });
  /** The result, or "hung" when the timeout did not end the call within a second (a test timeout would take 20 s to say so). */
  const within = <T>(pending: Promise<T>): Promise<T | "hung"> => Promise.race([pending, new Promise<"hung">((resolve) => setTimeout(resolve, 1000, "hung"))]);

  it("without a caller signal", async () => {
    const received = await within(transport.send({ operation: "op", method: "GET", url: "https://x.test/", headers: {}, repeatable: false }));
    expect(received).toMatchObject({ error: { kind: "timeout", timeoutMs: 40 } });
  });
  it("with a caller signal that never aborts, and a per-call timeout", async () => {
    const signal = new AbortController().signal;
    const received = await within(transport.send({ operation: "op", method: "GET", url: "https://x.test/", headers: {}, repeatable: false, signal, timeoutMs: 30 }));
    expect(received).toMatchObject({ error: { kind: "timeout", timeoutMs: 30 } });
  });
  it("when the headers arrive and the body stalls", async () => {
    const stalled = createTransport({ ...transport.config, fetch: async (_url, init) => new Response(new ReadableStream({ start: (c) => init?.signal?.addEventListener("abort", () => c.error(init.signal?.reason)) })) });
    const received = await within(stalled.send({ operation: "op", method: "GET", url: "https://x.test/", headers: {}, repeatable: false }));
    expect(received).toMatchObject({ error: { kind: "timeout" } });
  });
});

describe("redaction of what the caller sent", () => {
  const body = JSON.stringify({ method: { card: { credential: { number: "4111111111111111", expiryYear: "29", expiryMonth: "12", passwordTwoDigits: "12" } } }, billingKey: "billing-key-0001", page: { number: 123456 } });

  it("finds card numbers and billing keys in a request body, and nothing in a body without them", () => {
    expect([...sensitiveValues(body)].sort()).toEqual(["4111111111111111", "billing-key-0001"]);
    expect(sensitiveValues(JSON.stringify({ orderName: "order-123456", page: { number: "1234567" } }))).toEqual([]);
    expect(sensitiveValues("not json {card")).toEqual([]);
  });

  it("redacts personal fields of an error body by name, however short, and leaves success fields alone unless asked", () => {
    const echoed = JSON.parse(body) as unknown;
    const clean = JSON.stringify(redact(echoed, [], new Set(), true));
    for (const value of ["4111111111111111", "billing-key-0001", '"29"', '"12"']) expect(clean).not.toContain(value);
    expect(clean).toContain("123456");
    expect(JSON.stringify(redact(echoed, []))).toContain("billing-key-0001");
  });

  it("never follows nesting deeper than it can walk", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => redact(deep, ["secret-1"], new Set(), true)).not.toThrow();
  });

  it("leaves ordinary words alone (short secrets are refused at creation instead)", () => {
    expect(redactText("message: ok", ["long-secret-value"])).toBe("message: ok");
  });
});

describe("validation of numbers and dates", () => {
  it("refuses integers beyond 2^53 (sent rounded otherwise)", () => {
    expect(validate({ type: "integer" }, 2 ** 53)).toEqual([expect.objectContaining({ rule: "type", message: expect.stringContaining("safe integer") })]);
    expect(validate({ type: "integer" }, 2 ** 53 - 1)).toEqual([]);
    expect(validate({ type: "number" }, 2 ** 60)).toEqual([]);
  });
  it.each(["2026-02-30", "2026-02-29", "2026-13-01", "2026-04-31", "0000-01-01"])("refuses the date %s", (date) => {
    expect(validate({ type: "string", format: "date" }, date)).toEqual([expect.objectContaining({ rule: "format" })]);
  });
  it.each(["2028-02-29", "2026-12-31", "2026-01-01"])("accepts the date %s", (date) => {
    expect(validate({ type: "string", format: "date" }, date)).toEqual([]);
  });
  it("checks own properties only: a key named like an Object.prototype member is still validated", () => {
    const schema = { type: "object", properties: { toString: { type: "string" } }, additionalProperties: { type: "integer" } } as const;
    expect(validate(schema, { toString: 5 })).toEqual([expect.objectContaining({ field: "toString", rule: "type" })]);
    expect(validate({ type: "object", additionalProperties: { type: "integer" } }, { valueOf: "x" })).toEqual([expect.objectContaining({ field: "valueOf" })]);
    expect(validate({ type: "object", required: ["toString"] }, {})).toEqual([expect.objectContaining({ field: "toString", rule: "required" })]);
  });
});

describe("lengths", () => {
  it("counts characters, and refuses a multi-megabyte string quickly", () => {
    expect(validate({ type: "string", maxLength: 2 }, "😀😀")).toEqual([]);
    expect(validate({ type: "string", maxLength: 1 }, "😀😀")[0]?.rule).toBe("maxLength");
    expect(validate({ type: "string", minLength: 3 }, "😀😀")[0]?.rule).toBe("minLength");
    expect(validate({ type: "string", maxLength: 1000 }, "가".repeat(5_000_000))[0]?.rule).toBe("maxLength");
    expect(validate({ type: "string", maxLength: 1000 }, "가".repeat(1000))).toEqual([]);
    expect(validate({ type: "string", maxLength: 1000 }, "😀".repeat(1000))).toEqual([]);
  });
});

describe("date-times", () => {
  it.each(["2026-02-30T00:00:00Z", "2026-12-01", "2026-12-01T24:00:00Z", "2026-12-01 10:00:00Z", "2026-12-01T10:00:00", "2026-12-01T10:00:00+25:00"])("refuses %s", (value) => {
    expect(validate({ type: "string", format: "date-time" }, value)).toEqual([expect.objectContaining({ rule: "format" })]);
  });
  it.each(["2026-12-01T10:00:00Z", "2026-12-01T10:00:00.123+09:00", "2028-02-29T23:59:60Z"])("accepts %s", (value) => {
    expect(validate({ type: "string", format: "date-time" }, value)).toEqual([]);
  });
});

describe("the transport's promises, one test each", () => {
  const config: TransportConfig = {
    provider: "portone",
    userAgent: "ua",
    timeoutMs: 5000,
    retry: normaliseRetry({ limit: 2, baseDelayMs: 0, maxDelayMs: 0 }, []),
    maxResponseBytes: 10 * 1024 * 1024,
    onEvent: undefined,
    secrets: () => [],
    sensitiveHeaders: [],
    transient: () => true,
    fetch: async () => new Response("{}"),
  };
  const request = { operation: "op", method: "GET", url: "https://x.test/", headers: {}, repeatable: true } as const;
  const counting = (respond: () => Response) => {
    let calls = 0;
    const fetch: typeof globalThis.fetch = async () => (calls++, respond());
    return { fetch, calls: () => calls };
  };

  it("a declared length over the limit is refused without reading the body", async () => {
    const body = new ReadableStream({ pull: (c) => c.error(new Error("the body was read")) });
    const transport = createTransport({ ...config, maxResponseBytes: 100, fetch: async () => new Response(body, { headers: { "content-length": "1000000000" } }) });
    expect((await transport.send(request)).error).toMatchObject({ kind: "invalid-response", reason: "too-large" });
  });

  it("reads at most 1 MiB of a non-2xx, whatever maxResponseBytes allows", async () => {
    const transport = createTransport({ ...config, fetch: async () => new Response("x".repeat(5 * 1024 * 1024), { status: 500 }) });
    const received = await transport.send({ ...request, repeatable: false });
    expect(received.text?.length).toBe(1024 * 1024);
  });

  it("never sends a request that is not repeatable twice", async () => {
    const { fetch, calls } = counting(() => new Response("busy", { status: 503 }));
    await createTransport({ ...config, fetch }).send({ ...request, method: "POST", repeatable: false });
    expect(calls()).toBe(1);
  });

  it.each([408, 429, 500, 503])("retries %i up to the limit", async (status) => {
    const { fetch, calls } = counting(() => new Response("", { status }));
    await createTransport({ ...config, fetch }).send(request);
    expect(calls()).toBe(3);
  });

  it("sends nothing when the caller's signal is already aborted", async () => {
    const { fetch, calls } = counting(() => new Response("{}"));
    const received = await createTransport({ ...config, fetch }).send({ ...request, signal: AbortSignal.abort() });
    expect(received.error?.kind).toBe("aborted");
    expect(calls()).toBe(0);
  });

  // The transport no longer reads bodies (a one-operation bundle without card fields does not carry the
  // scan): the client finds them with its row's `personal.values` and passes them in `sensitive`.
  it("hands back the sensitive values the caller found, for the client to redact", async () => {
    const body = JSON.stringify({ billingKey: "billing-key-0001", method: { card: { credential: { number: "4111111111111111" } } } });
    const found = personalData.values(body);
    const received = await createTransport(config).send({ ...request, method: "POST", body, sensitive: ["from-the-path", ...found], repeatable: false });
    expect([...received.sensitive].sort()).toEqual(["4111111111111111", "billing-key-0001", "from-the-path"]);
  });

  it("transportFetch finds the card data of any body it sends and redacts it from the error (openapi-fetch: every path)", async () => {
    const card = "4111111111111111";
    const fetch = (async () => {
      throw new Error(`connection reset while sending ${card}`);
    }) as typeof globalThis.fetch;
    const send = transportFetch(createTransport({ ...config, fetch }), () => false);
    const body = JSON.stringify({ method: { card: { credential: { number: card } } } });
    const error: unknown = await send(new Request("https://x.test/payments", { method: "POST", body })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "network" });
    expect(JSON.stringify({ message: (error as Error).message, cause: String((error as Error).cause) })).not.toContain(card);
  });
});

describe("base URLs and path values", () => {
  it("refuses a user name alone, as it refuses a password", () => {
    const issues: ValidationIssue[] = [];
    checkBaseUrl("options.baseUrl", "https://user@api.test", issues);
    expect(issues[0]?.rule).toBe("format");
  });
  it.each([".", "..", ""])("refuses the path value %j", (value) => {
    expect(checkPathValue("paymentId", value)).toHaveLength(1);
  });
  it("accepts an ordinary path value and a finite number", () => {
    expect(checkPathValue("paymentId", "order-1")).toEqual([]);
    expect(checkPathValue("page", 3)).toEqual([]);
  });
});

describe("deadlines: nothing shared between clients, nothing left behind", () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
  const request = { operation: "op", method: "GET", url: "https://x.test/", headers: {}, repeatable: false } as const;
  const make = (signals: (AbortSignal | null | undefined)[]) =>
    createTransport({
      provider: "portone",
      userAgent: "ua",
      timeoutMs: 5555,
      retry: normaliseRetry(false, []),
      maxResponseBytes: 1000,
      onEvent: undefined,
      secrets: () => [],
      sensitiveHeaders: [],
      transient: () => true,
      fetch: async (_u, init) => (signals.push(init?.signal), new Response("{}")),
    });

  it("two clients never share a signal, even for calls in the same instant", async () => {
    const signals: (AbortSignal | null | undefined)[] = [];
    const [a, b] = [make(signals), make(signals)];
    await Promise.all([a.send(request), b.send(request)]);
    expect(signals[0]).not.toBe(signals[1]);
  });

  it("no timer outlives the last call (a process exits when its work is done)", async () => {
    const before = timers();
    const transport = make([]);
    await Promise.all([transport.send(request), transport.send(request), transport.send({ ...request, signal: new AbortController().signal })]);
    expect(timers()).toBe(before);
  });

  it("where a runtime binds I/O to the request that made it, every attempt has its own signal and timer", async () => {
    const deadlines = createDeadlines(false);
    const [a, b] = [deadlines.start(1000, undefined), deadlines.start(1000, undefined)];
    expect(a.signal).not.toBe(b.signal);
    a.release();
    b.release();
    const expiring = deadlines.start(20, undefined);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(expiring.signal.aborted && expiring.expired()).toBe(true);
  });

  it("on Node calls without a signal share one per 64 calls (bounded: undici leaves a listener per fetch on it)", () => {
    const deadlines = createDeadlines(true);
    const started = Array.from({ length: 65 }, () => deadlines.start(1000, undefined));
    expect(new Set(started.slice(0, 64).map((d) => d.signal)).size).toBe(1);
    expect(started[64]?.signal).not.toBe(started[0]?.signal);
    for (const deadline of started) deadline.release();
  });

  it("a caller's abort ends only its own attempt, and is not a timeout", () => {
    const deadlines = createDeadlines(true);
    const caller = new AbortController();
    const mine = deadlines.start(1000, caller.signal);
    const other = deadlines.start(1000, undefined);
    caller.abort();
    expect(mine.signal.aborted).toBe(true);
    expect(mine.expired()).toBe(false);
    expect(other.signal.aborted).toBe(false);
    mine.release();
    other.release();
  });

  it.each([
    ["Node", { process: { versions: { node: "20.0.0" } } }, true],
    ["Bun and Deno (present themselves as Node)", { process: { versions: { node: "22.0.0", bun: "1.4.0" } } }, true],
    ["Cloudflare Workers", { navigator: { userAgent: "Cloudflare-Workers" } }, false],
    ["Cloudflare Workers with nodejs_compat", { navigator: { userAgent: "Cloudflare-Workers" }, process: { versions: { node: "22.0.0" } } }, false],
    ["an edge runtime", { EdgeRuntime: "edge-runtime", process: { versions: { node: "20.0.0" } } }, false],
    ["a browser", { navigator: { userAgent: "Mozilla/5.0" } }, false],
  ])("signals are shared on %s: %s", (_name, global, expected) => {
    expect(canShareSignals(global as unknown as typeof globalThis)).toBe(expected);
  });
});

describe("error names survive minification", () => {
  it("a class renamed by a minifier still names its errors", async () => {
    const { PaySpecValidationError: Validation, PaySpecTimeoutError: Timeout } = await import("../src/errors.js");
    // What `esbuild --minify` does to a class: its own name becomes a short one.
    for (const cls of [Validation, Timeout]) Object.defineProperty(cls, "name", { value: "O" });
    expect(new Validation({ provider: "portone", operation: "op" }, []).name).toBe("PaySpecValidationError");
    expect(new Timeout({ provider: "portone", operation: "op" }, 5).name).toBe("PaySpecTimeoutError");
    expect(String(new Timeout({ provider: "portone", operation: "op" }, 5))).toMatch(/^PaySpecTimeoutError: /);
  });
});
