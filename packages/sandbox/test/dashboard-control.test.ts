// The two control endpoints the dashboard reads for its schedule and payment-link tables, without a browser:
// GET /__sandbox/portone/schedules (new: before it, a 404 "not a control call") answers every payment schedule as
// getPaymentSchedule does, newest first, each validated against specs/portone's PaymentSchedule, and follows the
// clock (SCHEDULED → SUCCEEDED, with the PAID payment carrying its scheduleId);
// GET /__sandbox/portone-global/links answers every payment link with its status and the order_ref of each attempt.
import { createPortOneClient } from "@payspec/portone";
import { createPortOneGlobalClient } from "@payspec/portone-global";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type PortOnePaymentSchedule, type Sandbox } from "../src/index.js";
import { specJudge } from "./spec.js";

const CARD = { number: "5365100012345678", expiryYear: "29", expiryMonth: "07" };
const HOUR = 3_600_000;
const GLOBAL_SECRET = "dash-control-global-secret";

let sb: Sandbox;
beforeEach(() => {
  sb = createSandbox({ global: { secretKey: GLOBAL_SECRET } });
});
afterEach(() => sb.close());

async function control(path: string): Promise<{ status: number; type: string | null; body: { items: Record<string, unknown>[] } }> {
  const response = await sb.fetch(`http://sandbox.test/__sandbox${path}`);
  return { status: response.status, type: response.headers.get("content-type"), body: (await response.json()) as { items: Record<string, unknown>[] } };
}

describe("GET /__sandbox/portone/schedules", () => {
  it("answers every schedule as getPaymentSchedule does, newest first, and follows the clock to SUCCEEDED", async () => {
    const judge = await specJudge();
    const client = createPortOneClient({ secret: sb.portone.secret, fetch: sb.fetch });
    expect((await control("/portone/schedules")).body).toEqual({ items: [] });

    const issued = await client.issueBillingKey({ channelKey: "k", method: { card: { credential: CARD } }, customer: { id: "cust-1" } });
    const billingKey = issued.data!.billingKeyInfo.billingKey;
    const schedule = async (paymentId: string, inMs: number) => {
      const created = await client.createPaymentSchedule({
        paymentId,
        payment: { billingKey, orderName: `정기결제 ${paymentId}`, amount: { total: 9900 }, currency: "KRW" },
        timeToPay: new Date(sb.clock.now() + inMs).toISOString(),
      });
      expect(created.error).toBeUndefined();
      return created.data!.schedule.id;
    };
    const first = await schedule("sub-1", HOUR);
    const second = await schedule("sub-2", 3 * HOUR);

    const before = await control("/portone/schedules");
    expect(before.status).toBe(200);
    expect(before.type).toContain("application/json");
    expect(before.body.items.map((s) => [s["id"], s["paymentId"], s["status"]])).toEqual([
      [second, "sub-2", "SCHEDULED"],
      [first, "sub-1", "SCHEDULED"],
    ]);
    // Each item is what getPaymentSchedule answers for it, and what the spec calls a PaymentSchedule.
    for (const item of before.body.items) {
      const read = await client.getPaymentSchedule({ paymentScheduleId: String(item["id"]) });
      expect(item).toEqual(JSON.parse(JSON.stringify(read.data)));
      expect(judge.checkResponse("GET", `https://api.portone.io/payment-schedules/${String(item["id"])}`, 200, JSON.stringify(item), "application/json")).toEqual([]);
    }
    expect(before.body.items[0]).toMatchObject({ billingKey, totalAmount: 9900, currency: "KRW", orderName: "정기결제 sub-2" });

    // The first comes due: SUCCEEDED, its payment PAID with the scheduleId.
    sb.clock.advance(2 * HOUR);
    const after = await control("/portone/schedules");
    expect(after.body.items.map((s) => [s["id"], s["status"]])).toEqual([[second, "SCHEDULED"], [first, "SUCCEEDED"]]);
    const done = after.body.items[1] as PortOnePaymentSchedule;
    expect(done).toMatchObject({ status: "SUCCEEDED", startedAt: expect.any(String), completedAt: expect.any(String) });
    expect(judge.checkResponse("GET", `https://api.portone.io/payment-schedules/${first}`, 200, JSON.stringify(done), "application/json")).toEqual([]);
    expect(sb.portone.schedules()).toEqual(after.body.items);
    expect(sb.portone.payment("sub-1")).toMatchObject({ status: "PAID", scheduleId: first });
  });
});

describe("GET /__sandbox/portone-global/links", () => {
  it("answers every payment link with its status and the order_ref of each attempt", async () => {
    const client = createPortOneGlobalClient({ clientKey: sb.global.clientKey, secretKey: GLOBAL_SECRET, fetch: sb.global.fetch });
    expect((await control("/portone-global/links")).body).toEqual({ items: [] });
    const created = await client.createPaymentLink({ amount: 25000, currency: "KRW", merchant_order_ref: "DASH-LINK-1" });
    expect(created.error).toBeUndefined();
    const ref = created.data!.payment_link_ref;

    const open = await control("/portone-global/links");
    expect(open.status).toBe(200);
    expect(open.type).toContain("application/json");
    expect(open.body.items).toEqual([
      { payment_link_ref: ref, amount: 25000, currency: "KRW", merchant_order_ref: "DASH-LINK-1", environment: "sandbox", status: "Created", created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), transactions: [] },
    ]);

    sb.global.payLink(ref, "Failed");
    sb.global.payLink(ref, "Success");
    const paid = await control("/portone-global/links");
    expect(paid.body.items).toEqual([expect.objectContaining({ payment_link_ref: ref, status: "Success", transactions: [expect.any(String), expect.any(String)] })]);
    // Each attempt is a transaction the dashboard can look up by its order_ref.
    const attempts = (paid.body.items[0]!["transactions"] as string[]).map((orderRef) => sb.global.transaction(orderRef)?.details.status);
    expect(attempts).toEqual(["Failed", "Success"]);
  });
});
