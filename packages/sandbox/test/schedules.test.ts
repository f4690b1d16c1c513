// Payment schedules in the sandbox, through our client: createPaymentSchedule, getPaymentSchedule, getPaymentSchedules
// and revokePaymentSchedules with each business error of the spec when its condition holds, and the execution on the
// sandbox clock — when the clock passes timeToPay the schedule charges its billing key like payWithBillingKey: a PAID
// payment carrying the scheduleId and Transaction.Paid (SUCCEEDED), or, for the declining test card, a FAILED payment
// and Transaction.Failed (FAILED). Every answer and webhook body is validated against specs/portone. Before this
// change every /payment-schedules path and /payments/{id}/schedule answered the sandbox's 501 "Not simulated".
import { createPortOneClient, type PortOneClient, type TransportEvent } from "@payspec/portone";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, startSandbox, type RunningSandbox, type Sandbox } from "../src/index.js";
import { DECLINED_CARD_NUMBER } from "../src/portone/engine.js";
import { startReceiver, type Receiver } from "./receiver.js";
import { specJudge, type SpecJudge } from "./spec.js";

const CARD = { number: "5365100012345678", expiryYear: "29", expiryMonth: "07" };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEBHOOK_SECRET = `whsec_${Buffer.from("schedule webhook key 0123456789").toString("base64")}`;

const apiCode = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

describe("the schedule scenario against startSandbox: schedule → advance the clock → PAID → Transaction.Paid verified by the app", () => {
  let sb: RunningSandbox;
  let receiver: Receiver;
  let judge: SpecJudge;
  let client: PortOneClient;

  beforeAll(async () => {
    judge = await specJudge();
    receiver = await startReceiver(WEBHOOK_SECRET);
    sb = await startSandbox({ portone: { secret: "sched-api-secret", webhook: { url: receiver.url, secret: WEBHOOK_SECRET } } });
    client = createPortOneClient({ secret: "sched-api-secret", baseUrl: sb.url, fetch: judge.checked(globalThis.fetch) });
  });
  afterAll(async () => {
    await sb?.close();
    await receiver?.close();
  });

  /** The verified payloads of the Transaction.* webhooks the app received (billing-key events aside). */
  function transactions() {
    return receiver.received
      .map((got) => {
        expect(got.verification.error).toBeUndefined();
        expect(judge.checkWebhook(got.body)).toEqual([]);
        return got.verification.data!.payload as { type: string; data: Record<string, string> };
      })
      .filter((payload) => payload.type.startsWith("Transaction."));
  }

  it("charges the key when the clock passes timeToPay: SCHEDULED → SUCCEEDED, a PAID payment with the scheduleId, Transaction.Paid", async () => {
    const issued = await client.issueBillingKey({ channelKey: "k", method: { card: { credential: CARD } }, customer: { id: "cust-7", name: { full: "김하늘" } } });
    const billingKey = issued.data!.billingKeyInfo.billingKey;
    const timeToPay = new Date(sb.clock.now() + DAY).toISOString();
    const created = await client.createPaymentSchedule({
      paymentId: "sub-2026-04",
      payment: { billingKey, orderName: "원두 정기배송 4월분", amount: { total: 29900 }, currency: "KRW", customData: '{"cycle":4}', products: [{ id: "beans", name: "원두 1kg", amount: 29900, quantity: 1 }] },
      timeToPay,
    });
    expect(created.error).toBeUndefined();
    const scheduleId = created.data!.schedule.id;

    const scheduled = (await client.getPaymentSchedule({ paymentScheduleId: scheduleId })).data!;
    expect(scheduled).toMatchObject({ status: "SCHEDULED", paymentId: "sub-2026-04", billingKey, totalAmount: 29900, vatAmount: 2718, timeToPay, customData: '{"cycle":4}' });
    expect(scheduled.customer).toMatchObject({ id: "cust-7", name: "김하늘" });
    expect(apiCode(await client.getPayment({ paymentId: "sub-2026-04" }))).toBe("PAYMENT_NOT_FOUND");

    // An hour before: nothing yet.
    sb.clock.advance(DAY - HOUR);
    expect((await client.getPaymentSchedule({ paymentScheduleId: scheduleId })).data!.status).toBe("SCHEDULED");
    sb.clock.advance(2 * HOUR);
    await sb.settled();

    const done = (await client.getPaymentSchedule({ paymentScheduleId: scheduleId })).data!;
    expect(done.status).toBe("SUCCEEDED");
    if (done.status !== "SUCCEEDED") return;
    expect(Date.parse(done.startedAt)).toBeGreaterThanOrEqual(Date.parse(timeToPay));
    expect(Date.parse(done.completedAt)).toBeGreaterThanOrEqual(Date.parse(done.startedAt));

    const payment = (await client.getPayment({ paymentId: "sub-2026-04" })).data!;
    expect(payment).toMatchObject({ status: "PAID", scheduleId, billingKey, orderName: "원두 정기배송 4월분", amount: { total: 29900, paid: 29900 } });
    const hooks = transactions();
    expect(hooks.map((h) => h.type)).toEqual(["Transaction.Paid"]);
    expect(hooks[0]!.data).toMatchObject({ paymentId: "sub-2026-04", transactionId: payment.transactionId, storeId: sb.portone.storeId });
    // getPayments tells scheduled payments apart.
    expect((await client.getPayments({ filter: { isScheduled: true } })).data!.items.map((p) => p.id)).toEqual(["sub-2026-04"]);
    expect((await client.getPayments({ filter: { isScheduled: false } })).data!.items).toEqual([]);
    expect((await client.getPayments({ filter: { textSearch: [{ field: "SCHEDULE_ID", value: scheduleId }] } })).data!.items).toHaveLength(1);
  });

  it("a key issued for the declining test card fails: the schedule FAILED, the payment FAILED, Transaction.Failed", async () => {
    const before = transactions().length;
    const issued = await client.issueBillingKey({ channelKey: "k", method: { card: { credential: { ...CARD, number: DECLINED_CARD_NUMBER } } } });
    const billingKey = issued.data!.billingKeyInfo.billingKey;
    const created = await client.createPaymentSchedule({ paymentId: "sub-declined", payment: { billingKey, orderName: "정기배송", amount: { total: 1000 }, currency: "KRW" }, timeToPay: new Date(sb.clock.now() + HOUR).toISOString() });
    sb.clock.advance(2 * HOUR);
    await sb.settled();
    expect((await client.getPaymentSchedule({ paymentScheduleId: created.data!.schedule.id })).data!.status).toBe("FAILED");
    const payment = (await client.getPayment({ paymentId: "sub-declined" })).data!;
    expect(payment).toMatchObject({ status: "FAILED", scheduleId: created.data!.schedule.id, failure: { pgCode: "SANDBOX_CARD_DECLINED" } });
    expect(transactions().slice(before).map((h) => [h.type, h.data["paymentId"]])).toEqual([["Transaction.Failed", "sub-declined"]]);
  });
});

describe("payment schedule rules (in process)", () => {
  let sb: Sandbox;
  let judge: SpecJudge;
  let client: PortOneClient;
  let raw: typeof globalThis.fetch;
  const auth = { authorization: "PortOne rules-sched-secret" };
  const hooks: string[] = [];

  beforeAll(async () => {
    judge = await specJudge();
    sb = createSandbox({
      portone: { secret: "rules-sched-secret", storeId: "store-sched", webhook: { url: "https://app.example/hooks" } },
      clock: { start: "2026-03-01T00:00:00Z" },
      webhooks: {
        fetch: async (input, init) => {
          hooks.push(await new Request(input, init).text());
          return new Response("ok");
        },
      },
    });
    raw = judge.checked(sb.fetch);
    client = createPortOneClient({ secret: "rules-sched-secret", baseUrl: "https://api.portone.io", fetch: raw });
  });
  beforeEach(() => {
    sb.reset();
    hooks.length = 0;
  });
  afterEach(() => {
    const found = judge.violations.splice(0);
    expect(found).toEqual([]);
  });
  afterAll(() => sb?.close());

  const later = (ms: number) => new Date(sb.clock.now() + ms).toISOString();
  async function key(number = CARD.number) {
    const issued = await client.issueBillingKey({ channelKey: "k", method: { card: { credential: { ...CARD, number } } } });
    expect(issued.error).toBeUndefined();
    return issued.data!.billingKeyInfo.billingKey;
  }
  async function schedule(paymentId: string, billingKey: string, inMs = DAY, total = 1000) {
    const created = await client.createPaymentSchedule({ paymentId, payment: { billingKey, orderName: "정기결제", amount: { total }, currency: "KRW" }, timeToPay: later(inMs) });
    expect(created.error).toBeUndefined();
    return created.data!.schedule.id;
  }
  const status = async (id: string) => (await client.getPaymentSchedule({ paymentScheduleId: id })).data?.status;

  describe("createPaymentSchedule and getPaymentSchedule errors", () => {
    it("BILLING_KEY_NOT_FOUND (404) and BILLING_KEY_ALREADY_DELETED (409)", async () => {
      const input = (billingKey: string) => ({ paymentId: "p-1", payment: { billingKey, orderName: "x", amount: { total: 1000 }, currency: "KRW" as const }, timeToPay: later(DAY) });
      const unknown = await client.createPaymentSchedule(input("billing-key-nope"));
      expect(unknown.error).toMatchObject({ kind: "api", httpStatus: 404, code: "BILLING_KEY_NOT_FOUND" });
      const deleted = await key();
      await client.deleteBillingKey({ billingKey: deleted });
      expect(apiCode(await client.createPaymentSchedule(input(deleted)))).toBe("BILLING_KEY_ALREADY_DELETED");
      expect(sb.portone.payments()).toEqual([]);
    });

    it("ALREADY_PAID_OR_WAITING for a paid paymentId or one waiting for a virtual-account deposit", async () => {
      const billingKey = await key();
      sb.portone.pay({ paymentId: "paid-1", totalAmount: 1000 });
      sb.portone.issueVirtualAccount({ paymentId: "va-1", totalAmount: 1000 });
      for (const paymentId of ["paid-1", "va-1"]) {
        const result = await client.createPaymentSchedule({ paymentId, payment: { billingKey, orderName: "x", amount: { total: 1000 }, currency: "KRW" }, timeToPay: later(DAY) });
        expect(result.error, paymentId).toMatchObject({ httpStatus: 409, code: "ALREADY_PAID_OR_WAITING" });
      }
    });

    it("PAYMENT_SCHEDULE_ALREADY_EXISTS for a paymentId already scheduled (and payWithBillingKey on it too); a revoked one frees it", async () => {
      const billingKey = await key();
      const first = await schedule("p-dup", billingKey);
      const again = await client.createPaymentSchedule({ paymentId: "p-dup", payment: { billingKey, orderName: "x", amount: { total: 1000 }, currency: "KRW" }, timeToPay: later(2 * DAY) });
      expect(again.error).toMatchObject({ httpStatus: 409, code: "PAYMENT_SCHEDULE_ALREADY_EXISTS" });
      const now = await client.payWithBillingKey({ paymentId: "p-dup", billingKey, orderName: "x", amount: { total: 1000 }, currency: "KRW" });
      expect(now.error).toMatchObject({ httpStatus: 409, code: "PAYMENT_SCHEDULE_ALREADY_EXISTS" });
      expect(sb.portone.payment("p-dup")).toBeUndefined();
      await client.revokePaymentSchedules({ scheduleIds: [first] });
      expect((await client.createPaymentSchedule({ paymentId: "p-dup", payment: { billingKey, orderName: "x", amount: { total: 1000 }, currency: "KRW" }, timeToPay: later(DAY) })).error).toBeUndefined();
    });

    it("SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT when the tax-free amount and VAT exceed the total", async () => {
      const billingKey = await key();
      const result = await client.createPaymentSchedule({ paymentId: "p-sum", payment: { billingKey, orderName: "x", amount: { total: 1000, taxFree: 800, vat: 300 }, currency: "KRW" }, timeToPay: later(DAY) });
      expect(result.error).toMatchObject({ httpStatus: 409, code: "SUM_OF_PARTS_EXCEEDS_TOTAL_AMOUNT" });
    });

    it("INVALID_REQUEST for a timeToPay that is not in the future, and for a body without payment or timeToPay", async () => {
      const billingKey = await key();
      const past = await client.createPaymentSchedule({ paymentId: "p-past", payment: { billingKey, orderName: "x", amount: { total: 1000 }, currency: "KRW" }, timeToPay: later(-1000) });
      expect(past.error).toMatchObject({ httpStatus: 400, code: "INVALID_REQUEST" });
      for (const body of [{ timeToPay: later(DAY) }, { payment: { billingKey, orderName: "x", amount: { total: 1000 }, currency: "KRW" } }, { payment: { billingKey, orderName: "x", currency: "KRW" }, timeToPay: later(DAY) }]) {
        const response = await raw("https://api.portone.io/payments/p-bad/schedule", { method: "POST", headers: auth, body: JSON.stringify(body) });
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(await response.json()).toMatchObject({ type: "INVALID_REQUEST" });
      }
      expect(sb.portone.payments()).toEqual([]);
    });

    it("FORBIDDEN for another store in payment.storeId; PAYMENT_SCHEDULE_NOT_FOUND for an unknown id", async () => {
      const billingKey = await key();
      const other = await client.createPaymentSchedule({ paymentId: "p-store", payment: { storeId: "store-other", billingKey, orderName: "x", amount: { total: 1000 }, currency: "KRW" }, timeToPay: later(DAY) });
      expect(other.error).toMatchObject({ httpStatus: 403, code: "FORBIDDEN" });
      const unknown = await client.getPaymentSchedule({ paymentScheduleId: "no-such-schedule" });
      expect(unknown.error).toMatchObject({ httpStatus: 404, code: "PAYMENT_SCHEDULE_NOT_FOUND" });
    });
  });

  describe("the clock and the billing key", () => {
    it("runs due schedules in time order on one advance, and not the ones still ahead", async () => {
      const billingKey = await key();
      const late = await schedule("p-late", billingKey, 3 * HOUR);
      const early = await schedule("p-early", billingKey, 1 * HOUR);
      const ahead = await schedule("p-ahead", billingKey, 10 * HOUR);
      sb.clock.advance(5 * HOUR);
      await sb.settled();
      expect([await status(early), await status(late), await status(ahead)]).toEqual(["SUCCEEDED", "SUCCEEDED", "SCHEDULED"]);
      expect(hooks.map((body) => (JSON.parse(body) as { data: { paymentId?: string } }).data.paymentId).filter(Boolean)).toEqual(["p-early", "p-late"]);
    });

    it("deleteBillingKey refuses a key with a pending schedule (PAYMENT_SCHEDULE_ALREADY_EXISTS), and deletes it once revoked", async () => {
      const billingKey = await key();
      await schedule("p-del", billingKey);
      const refused = await client.deleteBillingKey({ billingKey });
      expect(refused.error).toMatchObject({ httpStatus: 409, code: "PAYMENT_SCHEDULE_ALREADY_EXISTS" });
      expect((await client.getBillingKeyInfo({ billingKey })).data!.status).toBe("ISSUED");
      await client.revokePaymentSchedules({ billingKey });
      expect((await client.deleteBillingKey({ billingKey })).error).toBeUndefined();
    });

    it("payWithBillingKey with the declining test card answers PG_PROVIDER (502) and leaves a FAILED payment with Transaction.Failed", async () => {
      const billingKey = await key(DECLINED_CARD_NUMBER);
      const paid = await client.payWithBillingKey({ paymentId: "p-declined", billingKey, orderName: "x", amount: { total: 1000 }, currency: "KRW" });
      expect(paid.error).toMatchObject({ kind: "api", httpStatus: 502, code: "PG_PROVIDER" });
      expect(sb.portone.payment("p-declined")).toMatchObject({ status: "FAILED", billingKey });
      await sb.settled();
      expect(hooks.map((body) => (JSON.parse(body) as { type: string }).type)).toEqual(["BillingKey.Issued", "Transaction.Failed"]);
    });

    it("does not charge a paymentId paid at checkout before its time: the schedule ends FAILED, the payment stays as paid", async () => {
      const billingKey = await key();
      const id = await schedule("p-taken", billingKey, HOUR, 1000);
      sb.portone.pay({ paymentId: "p-taken", totalAmount: 1000 });
      const paid = sb.portone.payment("p-taken")!;
      sb.clock.advance(2 * HOUR);
      await sb.settled();
      expect(await status(id)).toBe("FAILED");
      expect(sb.portone.payment("p-taken")).toMatchObject({ status: "PAID", transactionId: paid.transactionId });
      expect(hooks.filter((body) => body.includes("Transaction.")).map((body) => (JSON.parse(body) as { type: string }).type)).toEqual(["Transaction.Paid"]);
    });

    it("sb.reset() forgets schedules and their timers: advancing the clock afterwards charges nothing", async () => {
      const billingKey = await key();
      await schedule("p-reset", billingKey, HOUR);
      sb.reset();
      sb.clock.advance(2 * HOUR);
      expect(sb.portone.payments()).toEqual([]);
    });
  });

  describe("getPaymentSchedules", () => {
    it("windows on timeToPay (default: the past 90 days, so future schedules need `until`), filters by key and status, sorts and pages", async () => {
      const k1 = await key();
      const k2 = await key();
      const a = await schedule("p-a", k1, 1 * HOUR);
      const b = await schedule("p-b", k1, 2 * DAY);
      const c = await schedule("p-c", k2, 3 * DAY);
      const ids = async (input: object) => {
        const result = await client.getPaymentSchedules(input as never);
        expect(result.error).toBeUndefined();
        return result.data!.items.map((s) => s.id);
      };
      expect(await ids({})).toEqual([]);
      const until = later(10 * DAY);
      expect(await ids({ filter: { until } })).toEqual([c, b, a]);
      expect(await ids({ filter: { until }, sort: { by: "TIME_TO_PAY", order: "ASC" } })).toEqual([a, b, c]);
      expect(await ids({ filter: { until, billingKey: k1 } })).toEqual([b, a]);
      const page1 = (await client.getPaymentSchedules({ filter: { until }, page: { number: 1, size: 2 } })).data!;
      expect(page1.items.map((s) => s.id)).toEqual([a]);
      expect(page1.page).toEqual({ number: 1, size: 2, totalCount: 3 });

      sb.clock.advance(2 * HOUR);
      await client.revokePaymentSchedules({ scheduleIds: [c] });
      expect(await ids({ filter: { until, status: ["SUCCEEDED"] } })).toEqual([a]);
      expect(await ids({ filter: { until, status: ["REVOKED", "SCHEDULED"] } })).toEqual([c, b]);
      expect(await ids({ filter: { until, isForTest: false } })).toEqual([]);
      // COMPLETED_AT: the executed one first, the others (never completed) after it.
      expect((await ids({ filter: { until }, sort: { by: "COMPLETED_AT" } }))[0]).toBe(a);
      // The executed schedule is in the default window now that its time is past.
      expect(await ids({})).toEqual([a]);
    });

    it("answers INVALID_REQUEST for a status outside the enum, FORBIDDEN for another store", async () => {
      const query = encodeURIComponent(JSON.stringify({ filter: { status: ["DONE"] } }));
      const response = await raw(`https://api.portone.io/payment-schedules?requestBody=${query}`, { headers: auth });
      expect(response.status).toBe(400);
      expect(apiCode(await client.getPaymentSchedules({ filter: { storeId: "store-other" } }))).toBe("FORBIDDEN");
    });
  });

  describe("revokePaymentSchedules", () => {
    it("revokes by ids: REVOKED with revokedAt, never charged; again is PAYMENT_SCHEDULE_ALREADY_REVOKED", async () => {
      const billingKey = await key();
      const id = await schedule("p-rev", billingKey, HOUR);
      const revoked = await client.revokePaymentSchedules({ scheduleIds: [id] });
      expect(revoked.error).toBeUndefined();
      expect(revoked.data).toMatchObject({ revokedScheduleIds: [id] });
      const view = (await client.getPaymentSchedule({ paymentScheduleId: id })).data!;
      expect(view).toMatchObject({ status: "REVOKED", revokedAt: revoked.data!.revokedAt });
      sb.clock.advance(2 * HOUR);
      expect(sb.portone.payment("p-rev")).toBeUndefined();
      expect((await client.revokePaymentSchedules({ scheduleIds: [id] })).error).toMatchObject({ httpStatus: 409, code: "PAYMENT_SCHEDULE_ALREADY_REVOKED" });
    });

    it("revokes every SCHEDULED one of a billing key, leaving the executed ones", async () => {
      const billingKey = await key();
      const done = await schedule("p-k1", billingKey, HOUR);
      sb.clock.advance(2 * HOUR);
      const s2 = await schedule("p-k2", billingKey, DAY);
      const s3 = await schedule("p-k3", billingKey, 2 * DAY);
      const revoked = await client.revokePaymentSchedules({ billingKey });
      expect([...revoked.data!.revokedScheduleIds].sort()).toEqual([s2, s3].sort());
      expect([await status(done), await status(s2), await status(s3)]).toEqual(["SUCCEEDED", "REVOKED", "REVOKED"]);
    });

    it("PAYMENT_SCHEDULE_ALREADY_PROCESSED for an executed one, all or nothing: the other listed id stays SCHEDULED", async () => {
      const billingKey = await key();
      const done = await schedule("p-x1", billingKey, HOUR);
      sb.clock.advance(2 * HOUR);
      const pending = await schedule("p-x2", billingKey, DAY);
      const result = await client.revokePaymentSchedules({ scheduleIds: [pending, done] });
      expect(result.error).toMatchObject({ httpStatus: 409, code: "PAYMENT_SCHEDULE_ALREADY_PROCESSED" });
      expect(await status(pending)).toBe("SCHEDULED");
    });

    it("PAYMENT_SCHEDULE_NOT_FOUND for an unknown id or one of another billing key; BILLING_KEY_NOT_FOUND / _ALREADY_DELETED for the key", async () => {
      const k1 = await key();
      const k2 = await key();
      const id = await schedule("p-nf", k1);
      expect((await client.revokePaymentSchedules({ scheduleIds: ["no-such"] })).error).toMatchObject({ httpStatus: 404, code: "PAYMENT_SCHEDULE_NOT_FOUND" });
      expect(apiCode(await client.revokePaymentSchedules({ billingKey: k2, scheduleIds: [id] }))).toBe("PAYMENT_SCHEDULE_NOT_FOUND");
      expect(await status(id)).toBe("SCHEDULED");
      expect((await client.revokePaymentSchedules({ billingKey: "billing-key-nope" })).error).toMatchObject({ httpStatus: 404, code: "BILLING_KEY_NOT_FOUND" });
      await client.deleteBillingKey({ billingKey: k2 });
      expect((await client.revokePaymentSchedules({ billingKey: k2 })).error).toMatchObject({ httpStatus: 409, code: "BILLING_KEY_ALREADY_DELETED" });
    });

    it("INVALID_REQUEST without billingKey and scheduleIds (the requestBody query, or a JSON body as the provider also takes)", async () => {
      expect(apiCode(await client.revokePaymentSchedules({}))).toBe("INVALID_REQUEST");
      const response = await raw("https://api.portone.io/payment-schedules", { method: "DELETE", headers: auth, body: JSON.stringify({ scheduleIds: [] }) });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ type: "INVALID_REQUEST", message: expect.stringContaining("billingKey, scheduleIds") });
    });
  });
});

describe("a createPaymentSchedule whose answer was lost", () => {
  it("retried by our client with its Idempotency-Key, makes one schedule and hands back the first answer", async () => {
    const judge = await specJudge();
    const sb = createSandbox();
    try {
      const events: TransportEvent[] = [];
      const client = createPortOneClient({
        secret: sb.portone.secret,
        fetch: judge.checked(sb.fetch),
        retry: { limit: 2, baseDelayMs: 1, maxDelayMs: 5 },
        onEvent: (event) => events.push(event),
      });
      const issued = await client.issueBillingKey({ channelKey: "k", method: { card: { credential: CARD } } });
      sb.faults.inject({ operation: "createPaymentSchedule", fault: "lost-answer" });
      const created = await client.createPaymentSchedule({
        paymentId: "p-lost",
        payment: { billingKey: issued.data!.billingKeyInfo.billingKey, orderName: "x", amount: { total: 1000 }, currency: "KRW" },
        timeToPay: new Date(sb.clock.now() + DAY).toISOString(),
      });
      expect(created.error).toBeUndefined();
      expect(created.response!.headers.get("x-sandbox-idempotent-replay")).toBe("true");
      expect(events.filter((e) => e.type === "request" && e.operation === "createPaymentSchedule")).toHaveLength(2);
      const listed = await client.getPaymentSchedules({ filter: { until: new Date(sb.clock.now() + 2 * DAY).toISOString() } });
      expect(listed.data!.items.map((s) => s.id)).toEqual([created.data!.schedule.id]);
      expect(judge.violations).toEqual([]);
    } finally {
      await sb.close();
    }
  });
});
