// The PortOne V2 rules the sandbox enforces, through our client on the in-process fetch: credentials, store access,
// each business error of preRegisterPayment / getPayment / getPayments / cancelPayment when its condition holds, the
// tax-free and VAT parts of cancellations, lists with filters and pages, and the checkout steps. Every answer is
// validated against specs/portone (the judge itself is checked first).
import { createPortOneClient, paginate, type PortOneClient } from "@payspec/portone";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CheckoutError, createSandbox, type Sandbox } from "../src/index.js";
import { specJudge, type SpecJudge } from "./spec.js";

let sb: Sandbox;
let judge: SpecJudge;
let client: PortOneClient;
/** Raw requests (inputs our client would refuse before sending), through the same spec check. */
let raw: typeof globalThis.fetch;
const auth = { authorization: "PortOne rules-api-secret" };

beforeAll(async () => {
  judge = await specJudge();
  sb = createSandbox({ portone: { secret: "rules-api-secret", storeId: "store-rules" }, clock: { start: "2026-03-01T00:00:00Z" } });
  raw = judge.checked(sb.fetch);
  client = createPortOneClient({ secret: "rules-api-secret", baseUrl: "https://api.portone.io", fetch: raw });
});
beforeEach(() => sb.reset());
afterEach(() => {
  const found = judge.violations.splice(0);
  expect(found).toEqual([]);
});
afterAll(() => sb?.close());

const apiCode = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

describe("the spec judge of these tests", () => {
  it("refuses a PAID payment without paidAt, an undeclared status and a wrong error type for the status", () => {
    const paid = sb.portone.pay({ paymentId: "judge-1", totalAmount: 1000 });
    const { paidAt: _, ...withoutPaidAt } = paid as typeof paid & { paidAt: string };
    const json = "application/json";
    expect(judge.checkResponse("GET", "https://x/payments/judge-1", 200, JSON.stringify(paid), json)).toEqual([]);
    expect(judge.checkResponse("GET", "https://x/payments/judge-1", 200, JSON.stringify(withoutPaidAt), json)).not.toEqual([]);
    expect(judge.checkResponse("GET", "https://x/payments/judge-1", 409, JSON.stringify({ type: "ALREADY_PAID" }), json)).not.toEqual([]);
    expect(judge.checkResponse("GET", "https://x/payments/judge-1", 404, JSON.stringify({ type: "FORBIDDEN" }), json)).not.toEqual([]);
  });
});

describe("credentials and store access", () => {
  it("answers 401 UNAUTHORIZED without, or with a wrong, `Authorization: PortOne <secret>`", async () => {
    for (const headers of [{}, { authorization: "PortOne wrong-secret" }, { authorization: "Bearer rules-api-secret" }, { authorization: "PortOne" }]) {
      const response = await raw("https://api.portone.io/payments/any", { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ type: "UNAUTHORIZED" });
    }
    expect(apiCode(await createPortOneClient({ secret: "another-secret", fetch: raw }).getPayment({ paymentId: "any" }))).toBe("UNAUTHORIZED");
  });

  it("token mode: logs in with the secret, and an access token expires after 30 minutes of sandbox time", async () => {
    const tokenClient = createPortOneClient({ secret: "rules-api-secret", auth: "token", fetch: raw });
    sb.portone.pay({ paymentId: "token-1", totalAmount: 1000 });
    expect((await tokenClient.getPayment({ paymentId: "token-1" })).data?.status).toBe("PAID");

    const login = await raw("https://api.portone.io/login/api-secret", { method: "POST", body: JSON.stringify({ apiSecret: "rules-api-secret" }) });
    const { accessToken, refreshToken } = (await login.json()) as { accessToken: string; refreshToken: string };
    const bearer = { authorization: `Bearer ${accessToken}` };
    expect((await raw("https://api.portone.io/payments/token-1", { headers: bearer })).status).toBe(200);
    sb.clock.advance(30 * 60_000 + 1);
    expect((await raw("https://api.portone.io/payments/token-1", { headers: bearer })).status).toBe(401);
    const refreshed = await raw("https://api.portone.io/token/refresh", { method: "POST", body: JSON.stringify({ refreshToken }) });
    expect(refreshed.status).toBe(200);
    // A refresh token is spent by its use: the provider keeps one alive per login.
    const reused = await raw("https://api.portone.io/token/refresh", { method: "POST", body: JSON.stringify({ refreshToken }) });
    expect(reused.status).toBe(401);
    const wrong = await raw("https://api.portone.io/login/api-secret", { method: "POST", body: JSON.stringify({ apiSecret: "nope" }) });
    expect(await wrong.json()).toMatchObject({ type: "UNAUTHORIZED" });
  });

  it("answers 403 FORBIDDEN for a storeId other than the credential's store, in the query or the body", async () => {
    sb.portone.pay({ paymentId: "store-1", totalAmount: 1000 });
    expect(apiCode(await client.getPayment({ paymentId: "store-1", storeId: "store-other" }))).toBe("FORBIDDEN");
    expect(apiCode(await client.cancelPayment({ paymentId: "store-1", storeId: "store-other", reason: "x" }))).toBe("FORBIDDEN");
    expect(apiCode(await client.getPayments({ filter: { storeId: "store-other" } }))).toBe("FORBIDDEN");
    expect((await client.getPayment({ paymentId: "store-1", storeId: "store-rules" })).data?.status).toBe("PAID");
    expect(sb.portone.payment("store-1")!.amount.cancelled).toBe(0);
  });
});

describe("preRegisterPayment and checkout", () => {
  it("refuses a tax-free amount above the total (INVALID_REQUEST) and a paid payment (ALREADY_PAID)", async () => {
    expect(apiCode(await client.preRegisterPayment({ paymentId: "pre-1", totalAmount: 1000, taxFreeAmount: 1001 }))).toBe("INVALID_REQUEST");
    sb.portone.pay({ paymentId: "pre-1", totalAmount: 1000 });
    expect(apiCode(await client.preRegisterPayment({ paymentId: "pre-1", totalAmount: 1000 }))).toBe("ALREADY_PAID");
  });

  it("fails a checkout whose amount differs from the pre-registered one (Transaction.Failed), and pays one that matches", async () => {
    await client.preRegisterPayment({ paymentId: "pre-2", totalAmount: 5000, currency: "KRW" });
    const tampered = sb.portone.pay({ paymentId: "pre-2", totalAmount: 50 });
    expect(tampered.status).toBe("FAILED");
    expect(tampered.status === "FAILED" && tampered.failure.reason).toMatch(/5000.*50/);
    // The customer tries again with the right amount: a new transaction of the same payment.
    const paid = sb.portone.pay({ paymentId: "pre-2" });
    expect(paid.status).toBe("PAID");
    expect(paid.transactionId).not.toBe(tampered.transactionId);
    expect(paid.amount.total).toBe(5000);
    expect(() => sb.portone.pay({ paymentId: "pre-2" })).toThrow(CheckoutError);
  });

  it("getPayment and cancelPayment of an unknown payment: PAYMENT_NOT_FOUND; of a failed or unpaid one: PAYMENT_NOT_PAID", async () => {
    expect(apiCode(await client.getPayment({ paymentId: "nobody" }))).toBe("PAYMENT_NOT_FOUND");
    expect(apiCode(await client.cancelPayment({ paymentId: "nobody", reason: "x" }))).toBe("PAYMENT_NOT_FOUND");
    sb.portone.fail({ paymentId: "failed-1", totalAmount: 1000, reason: "잔액 부족", pgCode: "51" });
    const failed = (await client.getPayment({ paymentId: "failed-1" })).data!;
    expect(failed.status === "FAILED" && failed.failure).toEqual({ reason: "잔액 부족", pgCode: "51" });
    expect(apiCode(await client.cancelPayment({ paymentId: "failed-1", reason: "x" }))).toBe("PAYMENT_NOT_PAID");
    sb.portone.issueVirtualAccount({ paymentId: "va-1", totalAmount: 1000 });
    expect(apiCode(await client.cancelPayment({ paymentId: "va-1", reason: "x" }))).toBe("PAYMENT_NOT_PAID");
  });

  it("a virtual account is issued, paid by a deposit, and refuses a deposit after it expired (sandbox clock)", async () => {
    const issued = sb.portone.issueVirtualAccount({ paymentId: "va-2", totalAmount: 33000, bank: "KOOKMIN" });
    expect(issued.status).toBe("VIRTUAL_ACCOUNT_ISSUED");
    expect(issued.method).toMatchObject({ type: "PaymentMethodVirtualAccount", bank: "KOOKMIN", accountType: "NORMAL" });
    expect(() => sb.portone.deposit({ paymentId: "va-2", amount: 1 })).toThrow(/33000/);
    expect(sb.portone.deposit({ paymentId: "va-2" }).status).toBe("PAID");
    expect((await client.getPayment({ paymentId: "va-2" })).data?.status).toBe("PAID");

    sb.portone.issueVirtualAccount({ paymentId: "va-3", totalAmount: 1000 });
    sb.clock.advance(3 * 86_400_000 + 1);
    let refused: unknown;
    try {
      sb.portone.deposit({ paymentId: "va-3" });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(CheckoutError);
    expect((refused as CheckoutError).code).toBe("VIRTUAL_ACCOUNT_EXPIRED");
  });

  it("the control API answers a checkout the state does not allow with a 409 problem document", async () => {
    sb.portone.pay({ paymentId: "ctl-1", totalAmount: 1000 });
    const again = await sb.fetch("http://sandbox/__sandbox/portone/payments/ctl-1/pay", { method: "POST", body: "{}" });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await again.json()).toMatchObject({ code: "ALREADY_PAID" });
    const bad = await sb.fetch("http://sandbox/__sandbox/portone/payments/ctl-2/pay", { method: "POST", body: '{"payMethod":"CHEQUE","totalAmount":1}' });
    expect(bad.status).toBe(409);
    expect(await sb.fetch("http://sandbox/__sandbox/nothing")).toHaveProperty("status", 404);
  });
});

describe("cancelPayment: amounts, tax-free and VAT parts", () => {
  it("a partial cancel without taxFreeAmount is all taxable; beyond the taxable part left it is CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT", async () => {
    // 10,000 of which 3,000 tax-free: 7,000 taxable, VAT 636.
    sb.portone.pay({ paymentId: "tax-1", totalAmount: 10000, taxFreeAmount: 3000 });
    expect(sb.portone.payment("tax-1")!.amount).toMatchObject({ total: 10000, taxFree: 3000, vat: 636, supply: 6364 });
    const first = await client.cancelPayment({ paymentId: "tax-1", amount: 5000, reason: "과세 부분 취소" });
    expect(first.data!.cancellation).toMatchObject({ totalAmount: 5000, taxFreeAmount: 0, vatAmount: 455 });
    expect(apiCode(await client.cancelPayment({ paymentId: "tax-1", amount: 3000, reason: "과세 초과" }))).toBe("CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT");
    expect(apiCode(await client.cancelPayment({ paymentId: "tax-1", amount: 3000, taxFreeAmount: 3001, reason: "부분 합 초과" }))).toBe(
      "SUM_OF_PARTS_EXCEEDS_CANCEL_AMOUNT",
    );
    expect(apiCode(await client.cancelPayment({ paymentId: "tax-1", amount: 1000, vatAmount: 500, reason: "부가세 초과" }))).toBe(
      "CANCEL_TAX_AMOUNT_EXCEEDS_CANCELLABLE_TAX_AMOUNT",
    );
    const taxFree = await client.cancelPayment({ paymentId: "tax-1", amount: 3000, taxFreeAmount: 3000, reason: "면세 취소" });
    expect(taxFree.data!.cancellation).toMatchObject({ totalAmount: 3000, taxFreeAmount: 3000, vatAmount: 0 });
    // The rest: 2,000 taxable with the VAT left (636 − 455), so that the parts add up.
    const rest = await client.cancelPayment({ paymentId: "tax-1", reason: "잔액 취소" });
    expect(rest.data!.cancellation).toMatchObject({ totalAmount: 2000, taxFreeAmount: 0, vatAmount: 181 });
    const payment = sb.portone.payment("tax-1")!;
    expect(payment.status).toBe("CANCELLED");
    expect(payment.amount).toMatchObject({ cancelled: 10000, cancelledTaxFree: 3000 });
  });

  it("a tax-free part above what is left tax-free is CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT", async () => {
    sb.portone.pay({ paymentId: "tax-2", totalAmount: 5000, taxFreeAmount: 1000 });
    expect(apiCode(await client.cancelPayment({ paymentId: "tax-2", amount: 2000, taxFreeAmount: 1500, reason: "면세 초과" }))).toBe(
      "CANCEL_TAX_FREE_AMOUNT_EXCEEDS_CANCELLABLE_TAX_FREE_AMOUNT",
    );
    // A full cancel takes the tax-free part that is left.
    const full = await client.cancelPayment({ paymentId: "tax-2", reason: "전액" });
    expect(full.data!.cancellation).toMatchObject({ totalAmount: 5000, taxFreeAmount: 1000, vatAmount: 364 });
    expect(sb.portone.payment("tax-2")!.amount.vat).toBe(364);
  });

  it("refuses inputs the provider refuses with INVALID_REQUEST: no reason, an empty reason, a text amount, zero, a body that is not JSON", async () => {
    sb.portone.pay({ paymentId: "bad-1", totalAmount: 1000 });
    const cancel = (body: string) => raw("https://api.portone.io/payments/bad-1/cancel", { method: "POST", headers: auth, body });
    for (const body of ["{}", '{"reason":"  "}', '{"reason":"x","amount":"100"}', '{"reason":"x","amount":0}', '{"reason":"x","amount":-1}', "reason=x", "[]"]) {
      const response = await cancel(body);
      expect(response.status, body).toBe(400);
      expect(await response.json(), body).toMatchObject({ type: "INVALID_REQUEST" });
    }
    expect(sb.portone.payment("bad-1")!.amount.cancelled).toBe(0);
    const notSimulated = await raw("https://api.portone.io/identity-verifications", { headers: auth });
    expect(notSimulated.status).toBe(501);
  });
});

describe("getPayments: filters and pages", () => {
  /** Five payments a minute apart of sandbox time; returns when the first was made. */
  async function fivePayments() {
    const start = sb.clock.now();
    for (const [i, method] of (["CARD", "TRANSFER", "CARD", "EASY_PAY", "CARD"] as const).entries()) {
      sb.portone.pay({ paymentId: `list-${i}`, totalAmount: 1000 * (i + 1), payMethod: method, customer: { name: i === 3 ? "김철수" : "홍길동" } });
      sb.clock.advance(60_000);
    }
    return start;
  }

  it("pages newest first with the spec's PageInfo, and paginate() of our client reads them all without an inconsistency", async () => {
    await fivePayments();
    const page0 = (await client.getPayments({ page: { number: 0, size: 2 } })).data!;
    expect(page0.items.map((p) => p.id)).toEqual(["list-4", "list-3"]);
    expect(page0.page).toEqual({ number: 0, size: 2, totalCount: 5 });
    const page2 = (await client.getPayments({ page: { number: 2, size: 2 } })).data!;
    expect(page2.items.map((p) => p.id)).toEqual(["list-0"]);
    const defaults = (await client.getPayments()).data!;
    expect(defaults.page).toEqual({ number: 0, size: 10, totalCount: 5 });

    const pages = paginate(client, "getPayments", { page: { size: 2 }, filter: { sortOrder: "ASC" } });
    const ids: string[] = [];
    for await (const payment of pages) ids.push(String(payment.id));
    expect(pages.error).toBeUndefined();
    expect(ids).toEqual(["list-0", "list-1", "list-2", "list-3", "list-4"]);
  });

  it("filters by status, method, text, time window and test flag", async () => {
    const start = await fivePayments();
    await client.cancelPayment({ paymentId: "list-2", reason: "취소" });
    const ids = async (filter: object) => (await client.getPayments({ filter } as never)).data?.items.map((p) => p.id).sort();
    expect(await ids({ status: ["CANCELLED"] })).toEqual(["list-2"]);
    expect(await ids({ status: ["PENDING", "FAILED"] })).toEqual([]);
    expect(await ids({ methods: ["CARD"] })).toEqual(["list-0", "list-2", "list-4"]);
    expect(await ids({ methods: ["EASY_PAY", "TRANSFER"] })).toEqual(["list-1", "list-3"]);
    expect(await ids({ textSearch: [{ field: "CUSTOMER_NAME", value: "김철수" }] })).toEqual(["list-3"]);
    expect(await ids({ textSearch: [{ field: "ALL", value: "list-1" }] })).toEqual(["list-1"]);
    // Requested at minutes 0, 1, … 4 from the start; list-2 changed its status (cancelled) at minute 5. The window
    // takes minutes 1 to 3 (half a minute either side: the sandbox clock also runs with the wall clock).
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    const window = { from: at(0.5), until: at(3.5) };
    expect(await ids({ timestampType: "CREATED_AT", ...window })).toEqual(["list-1", "list-2", "list-3"]);
    expect(await ids({ timestampType: "STATUS_CHANGED_AT", ...window })).toEqual(["list-1", "list-3"]);
    expect(await ids({ isTest: false })).toEqual([]);
    expect(await ids({ isEscrow: true })).toEqual([]);
    expect(await ids({ isEscrow: false, currency: "KRW" })).toHaveLength(5);
  });

  it("refuses a page window beyond 60,000 and a filter of the wrong type with INVALID_REQUEST", async () => {
    expect(apiCode(await client.getPayments({ page: { number: 600, size: 100 } }))).toBe("INVALID_REQUEST");
    const query = encodeURIComponent(JSON.stringify({ filter: { from: "yesterday" } }));
    const response = await raw(`https://api.portone.io/payments?requestBody=${query}`, { headers: auth });
    expect(await response.json()).toMatchObject({ type: "INVALID_REQUEST" });
  });
});

describe("in process, what the sandbox hands back is a copy", () => {
  it("changing a payment that pay(), payments() or getPayment returned does not change the sandbox's payment", async () => {
    const paid = sb.portone.pay({ paymentId: "copy-1", totalAmount: 1000, customer: { name: "홍길동" } }) as unknown as { customer: { name: string }; amount: { total: number } };
    paid.customer.name = "changed";
    paid.amount.total = 1;
    (sb.portone.payments()[0] as unknown as { channel: { pgProvider: string } }).channel.pgProvider = "changed";
    const { data } = await client.getPayment({ paymentId: "copy-1" });
    expect(data).toMatchObject({ status: "PAID", customer: { name: "홍길동" }, amount: { total: 1000 } });
    expect((data as unknown as { channel: { pgProvider: string } }).channel.pgProvider).not.toBe("changed");
  });
});

describe("checkout control refuses what a Payment cannot hold", () => {
  it.each([
    [{ customer: { name: { full: "홍길동" } } }, "customer.name must be a string"],
    [{ customer: "홍길동" }, "customer must be an object"],
    [{ customer: { gender: "M" } }, "customer.gender must be one of MALE, FEMALE, OTHER"],
    [{ customer: { address: { type: "SEPARATED", oneLine: "서울" } } }, "customer.address must be the spec's Address"],
    [{ orderName: 5 }, "orderName must be a string"],
    [{ currency: "won" }, "currency must be a currency code"],
  ])("%j: INVALID_INPUT, nothing paid", (extra, message) => {
    const input = { paymentId: "texts-1", totalAmount: 1000, ...extra } as unknown as Parameters<Sandbox["portone"]["pay"]>[0];
    expect(() => sb.portone.pay(input)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringContaining(message) }));
    expect(sb.portone.payments()).toEqual([]);
  });

  it("a full customer as the spec has it is paid and read back as given", async () => {
    const customer = { id: "c-1", name: "홍길동", gender: "FEMALE", email: "a@example.com", address: { type: "ONE_LINE", oneLine: "서울시 중구" } } as const;
    sb.portone.pay({ paymentId: "texts-2", totalAmount: 1000, customer });
    const { data } = await client.getPayment({ paymentId: "texts-2" });
    expect(data?.customer).toEqual(customer);
  });
});
