// The snapshot file (`snapshot` of createSandbox/startSandbox): a sandbox closed and started again on the same file
// answers every read through our public clients as before (deep-equal), keeps its delivery log, its idempotency keys
// and its clock, and runs what was scheduled (a payment schedule, a pending webhook re-send) when the clock reaches
// it. Secrets are not in the file. A file that is not a snapshot is refused, naming the file; a write goes to
// FILE.tmp and is renamed over FILE, so a failed write leaves the previous file whole. Before this change a sandbox
// kept its state only in memory: every read after a restart was "not found".
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPaySsamClient } from "@payspec/payssam";
import { createPortOneClient, type PortOneClient } from "@payspec/portone";
import { verifyWebhook } from "@payspec/portone/webhooks";
import { createPortOneGlobalClient } from "@payspec/portone-global";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotError, startSandbox, type Sandbox, type SandboxOptions } from "../src/index.js";
import { globalJudge, type GlobalJudge } from "./global-spec.js";
import { paySsamJudge, type PaySsamJudge } from "./payssam-spec.js";
import { specJudge, type SpecJudge } from "./spec.js";

const API_SECRET = "snapshot-api-secret-0001";
const WEBHOOK_SECRET = `whsec_${Buffer.from("snapshot webhook key 0123456789").toString("base64")}`;
const OTHER_WEBHOOK_SECRET = `whsec_${Buffer.from("another webhook key 9876543210").toString("base64")}`;
const PAYSSAM_KEY = "snapshot-payssam-key";
const GLOBAL_KEY = "snapshot-global-key";
const GLOBAL_SECRET = "snapshot-global-secret-0001";
const CARD = { number: "5365100012345678", expiryYear: "29", expiryMonth: "07" };
const HOOK = "https://app.example/webhooks";
const DAY = 86_400_000;

let dir: string;
let judge: SpecJudge;
let payssamJudge: PaySsamJudge;
let gJudge: GlobalJudge;
const open: Sandbox[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "payspec-snapshot-"));
  [judge, payssamJudge, gJudge] = await Promise.all([specJudge(), paySsamJudge({ codes: true }), globalJudge()]);
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((sb) => sb.close().catch(() => {})));
  expect(judge.violations.splice(0)).toEqual([]);
  expect(payssamJudge.violations.splice(0)).toEqual([]);
  expect(gJudge.violations.splice(0)).toEqual([]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
const fresh = () => join(dir, `state-${++files}.json`);

/** What the app's webhook endpoint received, and how it answers (scripted statuses, then 200). */
function app() {
  const received: { url: string; headers: Headers; body: string }[] = [];
  const script: number[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    received.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) });
    const status = script.shift() ?? 200;
    // PaySsam acknowledges a callback with code "0000"; the others take any 2xx.
    return Response.json({ code: "0000" }, { status });
  };
  return { received, script, fetch };
}

function start(file: string, hooks: ReturnType<typeof app>, extra: Partial<SandboxOptions> = {}) {
  const sb = createSandbox({
    snapshot: file,
    portone: { secret: API_SECRET, webhook: { url: `${HOOK}/portone`, secret: WEBHOOK_SECRET } },
    payssam: { apiKey: PAYSSAM_KEY, member: "SNAP-MEMBER", merchants: ["SNAP-A", "SNAP-B"], points: 550 },
    global: { clientKey: GLOBAL_KEY, secretKey: GLOBAL_SECRET, webhook: { url: `${HOOK}/global` } },
    clock: { start: "2026-05-01T00:00:00Z" },
    webhooks: { fetch: hooks.fetch },
    ...extra,
  });
  open.push(sb);
  return sb;
}

const portone = (sb: Sandbox) => createPortOneClient({ secret: API_SECRET, fetch: judge.checked(sb.fetch) });
const apiCode = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

/** Every PortOne read the lifecycle below has something for, as the client answers it (data or error code). */
async function portoneReads(client: PortOneClient, scheduleId: string, billingKey: string) {
  const answer = <T>(result: { data?: T | undefined; error?: { kind: string; code?: unknown } | undefined }) => result.data ?? apiCode(result);
  const window = { from: "2026-04-01T00:00:00Z", until: "2026-06-30T00:00:00Z" };
  return {
    paid: answer(await client.getPayment({ paymentId: "snap-paid" })),
    virtual: answer(await client.getPayment({ paymentId: "snap-va" })),
    preRegisteredOnly: answer(await client.getPayment({ paymentId: "snap-pre" })),
    payments: answer(await client.getPayments({ filter: { from: window.from, until: window.until } })),
    billingKey: answer(await client.getBillingKeyInfo({ billingKey })),
    billingKeys: answer(await client.getBillingKeyInfos({ filter: { from: window.from, until: window.until } })),
    schedule: answer(await client.getPaymentSchedule({ paymentScheduleId: scheduleId })),
    schedules: answer(await client.getPaymentSchedules({ filter: { from: window.from, until: window.until } })),
    receipt: answer(await client.getCashReceiptByPaymentId({ paymentId: "snap-paid" })),
    receipts: answer(await client.getCashReceipts({ filter: { from: window.from, until: window.until } })),
  };
}

describe("a PortOne sandbox restarted on its snapshot file", () => {
  it("answers every read as before, keeps the delivery log and the idempotency keys, and runs the pending schedule when the clock reaches it", async () => {
    const file = fresh();
    const hooks = app();
    const first = start(file, hooks);
    const client = portone(first);

    expect((await client.preRegisterPayment({ paymentId: "snap-paid", totalAmount: 33000, currency: "KRW" })).error).toBeUndefined();
    expect((await client.preRegisterPayment({ paymentId: "snap-pre", totalAmount: 5000, currency: "KRW" })).error).toBeUndefined();
    first.portone.pay({ paymentId: "snap-paid", payMethod: "CARD", orderName: "스냅샷 주문" });
    first.portone.issueVirtualAccount({ paymentId: "snap-va", totalAmount: 12000 });
    const cancelInput = { paymentId: "snap-paid", amount: 3000, reason: "부분 환불" };
    const idempotencyKey = "snapshot-cancel-key-0001";
    const cancelled = await client.cancelPayment(cancelInput, { idempotencyKey });
    expect(cancelled.error).toBeUndefined();
    const issued = await client.issueBillingKey({ channelKey: "k", method: { card: { credential: CARD } }, customer: { id: "cust-snap" } });
    const billingKey = issued.data!.billingKeyInfo.billingKey;
    const timeToPay = new Date(first.clock.now() + DAY).toISOString();
    const created = await client.createPaymentSchedule({ paymentId: "snap-sub", payment: { billingKey, orderName: "정기결제", amount: { total: 9900 }, currency: "KRW" }, timeToPay });
    const scheduleId = created.data!.schedule.id;
    const receipt = await client.issueCashReceipt({
      paymentId: "snap-paid",
      channelKey: "k",
      type: "PERSONAL",
      orderName: "스냅샷 주문",
      currency: "KRW",
      amount: { total: 30000, taxFree: 0 },
      customer: { identityNumber: "01098765432", identityNumberType: "PHONE" },
    });
    expect(receipt.error).toBeUndefined();
    first.clock.advance(60_000);
    await first.settled();

    const before = await portoneReads(client, scheduleId, billingKey);
    expect(before.paid).toMatchObject({ status: "PARTIAL_CANCELLED", cashReceipt: { status: "ISSUED" } });
    expect(before.virtual).toMatchObject({ status: "VIRTUAL_ACCOUNT_ISSUED" });
    expect(before.preRegisteredOnly).toBe("PAYMENT_NOT_FOUND");
    expect(before.schedule).toMatchObject({ status: "SCHEDULED" });
    const checkouts = first.portone.checkouts();
    const deliveries = first.deliveries;
    expect(deliveries.map((d) => d.event)).toEqual(["Transaction.Paid", "Transaction.VirtualAccountIssued", "Transaction.PartialCancelled", "BillingKey.Issued"]);
    const closedAt = first.clock.now();
    await first.close();

    // Nothing secret in the file: not the API or webhook secrets, not the card number, not the identity number.
    const text = readFileSync(file, "utf8");
    expect(JSON.parse(text)).toMatchObject({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION });
    for (const secret of [API_SECRET, WEBHOOK_SECRET, WEBHOOK_SECRET.slice(6), PAYSSAM_KEY, GLOBAL_SECRET, CARD.number, "01098765432"]) expect(text).not.toContain(secret);

    const second = start(file, hooks);
    const again = portone(second);
    // The clock goes on from where it was (never behind it).
    expect(second.clock.now()).toBeGreaterThanOrEqual(closedAt);
    expect(second.clock.now() - closedAt).toBeLessThan(10_000);
    expect(await portoneReads(again, scheduleId, billingKey)).toEqual(before);
    expect(second.portone.checkouts()).toEqual(checkouts);
    expect(second.deliveries).toEqual(deliveries);

    // The cancel retried with its key after the restart: the first answer, and nothing cancelled twice.
    const retried = await again.cancelPayment(cancelInput, { idempotencyKey });
    expect(retried.response?.headers.get("x-sandbox-idempotent-replay")).toBe("true");
    expect(retried.data).toEqual(cancelled.data);
    expect(second.portone.payment("snap-paid")).toMatchObject({ amount: { cancelled: 3000 } });
    // The same key with another request is still the conflict.
    expect(apiCode(await again.cancelPayment({ ...cancelInput, amount: 4000 }, { idempotencyKey }))).toBe("INVALID_REQUEST");

    // The schedule is back on the clock: it runs when the restored clock passes timeToPay.
    second.clock.advance(DAY);
    await second.settled();
    expect((await again.getPaymentSchedule({ paymentScheduleId: scheduleId })).data).toMatchObject({ status: "SUCCEEDED" });
    expect((await again.getPayment({ paymentId: "snap-sub" })).data).toMatchObject({ status: "PAID", scheduleId, billingKey });
    const paid = hooks.received.at(-1)!;
    expect(JSON.parse(paid.body)).toMatchObject({ type: "Transaction.Paid", data: { paymentId: "snap-sub" } });
    expect((await verifyWebhook(paid.body, Object.fromEntries(paid.headers), WEBHOOK_SECRET)).error).toBeUndefined();
  });

  it("re-arms a pending webhook re-send at its time, signed with the webhook secret configured at this start", async () => {
    const file = fresh();
    const hooks = app();
    hooks.script.push(503);
    const first = start(file, hooks);
    first.portone.pay({ paymentId: "snap-retry", totalAmount: 1000 });
    await first.settled();
    const [pending] = first.deliveries;
    expect(pending).toMatchObject({ state: "pending", attempts: [{ status: 503 }] });
    expect(pending!.nextAttemptAt).toBeDefined();
    await first.close();

    // The app's secret was rotated meanwhile: the re-send is signed with the one configured now.
    const second = start(file, hooks, { portone: { secret: API_SECRET, webhook: { url: `${HOOK}/portone`, secret: OTHER_WEBHOOK_SECRET } } });
    expect(second.deliveries).toEqual([pending]);
    second.clock.advance(59_000);
    await second.settled();
    expect(hooks.received).toHaveLength(1);
    second.clock.advance(1_000);
    await second.settled();
    expect(hooks.received).toHaveLength(2);
    const resent = hooks.received[1]!;
    expect(resent.headers.get("webhook-id")).toBe(pending!.id);
    expect((await verifyWebhook(resent.body, Object.fromEntries(resent.headers), OTHER_WEBHOOK_SECRET)).error).toBeUndefined();
    expect(second.deliveries[0]).toMatchObject({ state: "succeeded", attempts: [{ status: 503, trigger: "event" }, { status: 200, trigger: "retry" }] });
  });

  it("keeps an attempt cut short by the close pending, and sends it again at the next start", async () => {
    const file = fresh();
    const hooks = app();
    let hang = true;
    const first = start(file, hooks, {
      webhooks: {
        // The first attempt never answers: the close aborts it.
        fetch: (input, init) =>
          hang ? new Promise<Response>((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason))) : hooks.fetch(input, init),
      },
    });
    first.portone.pay({ paymentId: "snap-inflight", totalAmount: 1000 });
    await first.close();
    hang = false;

    const second = start(file, hooks);
    expect(second.deliveries).toMatchObject([{ subject: "snap-inflight", state: "pending", attempts: [] }]);
    // Due at once: sent without moving the clock.
    await expect.poll(() => hooks.received.length).toBe(1);
    await second.settled();
    expect(second.deliveries).toMatchObject([{ state: "succeeded", attempts: [{ status: 200 }] }]);
  });
});

describe("a PaySsam sandbox restarted on its snapshot file", () => {
  it("answers the bills (sent and approved), the cash receipt, the auto-pay method and the 쌤포인트 as before", async () => {
    const file = fresh();
    const hooks = app();
    const first = start(file, hooks, { payssam: { apiKey: PAYSSAM_KEY, member: "SNAP-MEMBER", merchants: ["SNAP-A", "SNAP-B"], points: 550, wallet: "merchant" } });
    const client = (sb: Sandbox) => createPaySsamClient({ apiKey: PAYSSAM_KEY, member: "SNAP-MEMBER", merchant: "SNAP-A", fetch: payssamJudge.checked(sb.payssam.fetch) });
    const a = client(first);
    const bill = (billId: string) => ({ billId, sendType: "TALK" as const, productName: "수강료", price: "33000", memberName: "홍길동", phone: "01055557777", callbackUrl: `${HOOK}/payssam` });
    expect((await a.sendBill(bill("SNAP-SENT"))).error).toBeUndefined();
    expect((await a.sendBill(bill("SNAP-PAID"))).error).toBeUndefined();
    first.payssam.approve("SNAP-PAID", { issuer: "신한카드" });
    await first.settled();
    expect((await a.issueCashReceipt({ billId: "SNAP-PAID", price: "33000", supplyPrice: "30000", tax: "3000", issuanceNumber: "01012345678", trader: "0" })).error).toBeUndefined();
    expect((await a.unverified.registerAutoPayMethod({ bill: { billId: "SNAP-PAID", phone: "01055557777" } })).error).toBeUndefined();
    first.payssam.setMerchantPoints("SNAP-B", 110);

    const reads = async (sb: Sandbox) => {
      const c = client(sb);
      return {
        sent: (await c.readBill({ billId: "SNAP-SENT" })).data,
        paid: (await c.readBill({ billId: "SNAP-PAID" })).data,
        receipts: (await c.readCashReceipt({ billId: "SNAP-PAID", price: "33000" })).data,
        methods: (await c.unverified.readCustomerPayMethods({ bill: { phone: "01055557777" } })).data,
        balance: (await c.readMerchantPointBalance()).data,
        bills: sb.payssam.bills(),
        points: [sb.payssam.merchantPoints("SNAP-A"), sb.payssam.merchantPoints("SNAP-B")],
      };
    };
    const before = await reads(first);
    expect(before.sent).toMatchObject({ apprState: "W" });
    expect(before.paid).toMatchObject({ apprState: "F", apprCashNum: expect.any(String) });
    expect(before.points).toEqual([440, 110]);
    const deliveries = first.deliveries;
    expect(deliveries.map((d) => [d.provider, d.subject, d.state])).toEqual([["payssam", "SNAP-PAID", "succeeded"]]);
    await first.close();

    const second = start(file, hooks, { payssam: { apiKey: PAYSSAM_KEY, member: "SNAP-MEMBER", merchants: ["SNAP-A", "SNAP-B"], points: 550, wallet: "merchant" } });
    expect(await reads(second)).toEqual(before);
    expect(second.deliveries).toEqual(deliveries);
    // The numbers go on where they stopped: a new approval does not repeat one.
    second.payssam.approve("SNAP-SENT");
    expect(second.payssam.bill("SNAP-SENT")!.read.apprNum).not.toBe(before.paid!.apprNum);
    // A billId already used is still taken.
    expect(apiCode(await client(second).sendBill(bill("SNAP-PAID")))).toBe("BILL_001");
  });
});

describe("a PortOne Global sandbox restarted on its snapshot file", () => {
  it("answers the transaction, its refund and the payment link as before, and a used order id stays used", async () => {
    const file = fresh();
    const hooks = app();
    const first = start(file, hooks);
    const client = (sb: Sandbox) => createPortOneGlobalClient({ clientKey: GLOBAL_KEY, secretKey: GLOBAL_SECRET, fetch: gJudge.checked(sb.global.fetch) });
    const g = client(first);
    const order = {
      merchant_order_id: "SNAP-GL-1",
      amount: 15000,
      currency: "KRW",
      success_url: "https://shop.example/ok",
      failure_url: "https://shop.example/ko",
      environment: "sandbox" as const,
      pmt_channel: "PORTONE_KR",
      pmt_method: "PORTONE_KAKAOPAY",
    };
    const started = await g.initiatePayment(order);
    const orderRef = started.data!.order_ref!;
    first.global.complete(orderRef, "Success");
    expect((await g.createRefund({ portone_order_ref: orderRef, refund_type: "partial", amount: 5000, environment: "sandbox" })).error).toBeUndefined();
    const link = await g.createPaymentLink({ amount: 25000, currency: "KRW", merchant_order_ref: "SNAP-LINK-1" });
    const linkRef = link.data!.payment_link_ref!;
    first.global.payLink(linkRef, "Failed");
    await first.settled();

    const reads = async (sb: Sandbox) => {
      const c = client(sb);
      return {
        status: (await c.getTransactionStatus({ merchantOrderRef: "SNAP-GL-1" })).data,
        details: (await c.getTransactionDetails({ order_ref: orderRef })).data,
        refunds: (await c.listRefunds({ portone_order_ref: orderRef })).data,
        link: (await c.getPaymentLinkStatus({ portOneLinkRef: linkRef })).data,
        linkStatus: (await c.getTransactionStatus({ merchantOrderRef: "SNAP-LINK-1" })).data,
        transactions: sb.global.transactions(),
        links: sb.global.links(),
        redirect: sb.global.redirectUrl(orderRef),
      };
    };
    const before = await reads(first);
    expect(before.status).toMatchObject({ status: "Success" });
    expect(before.refunds).toMatchObject({ refundDetails: [{ amount: 5000 }] });
    expect(before.link).toMatchObject({ status: "Created", transactionsList: [{ statusCode: "6014" }] });
    const deliveries = first.deliveries;
    expect(deliveries.map((d) => d.event)).toEqual(["payment", "refund", "payment"]);
    await first.close();

    const second = start(file, hooks);
    expect(await reads(second)).toEqual(before);
    expect(second.deliveries).toEqual(deliveries);
    const g2 = client(second);
    expect(apiCode(await g2.initiatePayment(order))).toBe("4001");
    expect(apiCode(await g2.createPaymentLink({ amount: 1000, currency: "KRW", merchant_order_ref: "SNAP-LINK-1" }))).toBe("4050");
    // The link goes on: a second attempt pays it, and the status by merchant reference follows it.
    second.global.payLink(linkRef, "Success");
    expect((await g2.getPaymentLinkStatus({ portOneLinkRef: linkRef })).data).toMatchObject({ status: "Success", transactionsList: [{ statusCode: "6014" }, { statusCode: "2000" }] });
    expect((await g2.getTransactionStatus({ merchantOrderRef: "SNAP-LINK-1" })).data).toMatchObject({ status: "Success" });
  });
});

describe("the snapshot file", () => {
  it("is written while the sandbox runs, within 200 ms of a change and not at once, whole: no FILE.tmp is left", async () => {
    const file = fresh();
    const sb = start(file, app());
    // Nothing happened: no file yet.
    expect(existsSync(file)).toBe(false);
    sb.portone.pay({ paymentId: "snap-live", totalAmount: 1000 });
    // Debounced: changes within 200 ms go into one write, at the end of them.
    sb.portone.pay({ paymentId: "snap-live-2", totalAmount: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(file)).toBe(false);
    await expect.poll(() => existsSync(file), { timeout: 2000 }).toBe(true);
    const written = JSON.parse(readFileSync(file, "utf8")) as { portone: { payments: { id: string }[] } };
    expect(written.portone.payments.map((p) => p.id)).toEqual(["snap-live", "snap-live-2"]);
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it("is replaced only by a finished FILE.tmp: a write that fails leaves the previous file whole, warns while running, and fails close()", async () => {
    const file = fresh();
    const first = start(file, app());
    first.portone.pay({ paymentId: "snap-one", totalAmount: 1000 });
    await first.close();
    const previous = readFileSync(file, "utf8");

    const second = start(file, app());
    // FILE.tmp cannot be written (it is a directory): the write fails before FILE is touched.
    mkdirSync(`${file}.tmp`);
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      second.portone.pay({ paymentId: "snap-two", totalAmount: 2000 });
      await expect.poll(() => warnings.length, { timeout: 2000 }).toBeGreaterThan(0);
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings[0]!.message).toContain(file);
    expect(readFileSync(file, "utf8")).toBe(previous);
    const closing = second.close();
    await expect(closing).rejects.toThrow(SnapshotError);
    await expect(closing).rejects.toThrow(file);
    expect(readFileSync(file, "utf8")).toBe(previous);

    // Once FILE.tmp can be written again, the state goes in.
    rmSync(`${file}.tmp`, { recursive: true });
    const third = start(file, app());
    expect(third.portone.payments().map((p) => p.id)).toEqual(["snap-one"]);
  });

  it("refuses, naming the file, one that is not JSON, not a snapshot, of another version, or broken inside — and leaves it as it was", async () => {
    const cases: [string, string | RegExp][] = [
      ["{ not json", "is not JSON"],
      ["", "is not JSON"],
      [JSON.stringify({ payments: [] }), "is not a payspec sandbox snapshot"],
      [JSON.stringify({ format: SNAPSHOT_FORMAT, version: 99, writtenAt: new Date().toISOString(), clock: { offsetMs: 0 } }), "is a snapshot of version 99; this sandbox reads version 1"],
      [JSON.stringify({ format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, writtenAt: new Date().toISOString(), clock: { offsetMs: 0 } }), "cannot be restored: portone: not an object"],
    ];
    for (const [content, message] of cases) {
      const file = fresh();
      writeFileSync(file, content);
      let thrown: unknown;
      try {
        start(file, app());
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SnapshotError);
      expect((thrown as SnapshotError).message).toContain(`snapshot ${file}: `);
      expect((thrown as SnapshotError).message).toContain(message);
      expect(readFileSync(file, "utf8")).toBe(content);
    }
    // startSandbox too, before it listens.
    const file = fresh();
    writeFileSync(file, "[]");
    await expect(startSandbox({ snapshot: file })).rejects.toThrow(`snapshot ${file}: is not a payspec sandbox snapshot`);
  });

  it("keeps token mode's answers out (an Idempotency-Key on login): no secret and no token in the file", async () => {
    const file = fresh();
    const sb = start(file, app());
    const login = await sb.fetch("https://api.portone.io/login/api-secret", {
      method: "POST",
      headers: { "idempotency-key": "snapshot-login-key-0001", "content-type": "application/json" },
      body: JSON.stringify({ apiSecret: API_SECRET }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    expect(accessToken).toMatch(/^sandbox-access-/);
    sb.portone.pay({ paymentId: "snap-token", totalAmount: 1000 });
    await sb.close();
    const text = readFileSync(file, "utf8");
    expect(text).toContain("snap-token");
    expect(text).not.toContain(API_SECRET);
    expect(text).not.toContain(accessToken);
  });
});
