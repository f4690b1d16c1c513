// PaySsam auto-pay (RP) in the sandbox (it answered the sandbox's 501 before), through `client.unverified` on the
// in-process fetch: the card that paid a bill is stored for the customer's phone (/rp/manage) → listed
// (/customer/pay-method) → charged at once into a new paid bill (/bill/rp), whose approval sync reaches the app's
// handler → read F → cancelled as any bill → the method deleted (/rp/delete) → charging it again is refused. Then
// each misuse once, with its result code. PaySsam has not published these schemas: the sandbox's choices (fields
// under `bill`, the phone as the key, the three-part hash on /bill/rp) are the README's. Every answer is validated
// against specs/payssam, its result code included.
import { createHash } from "node:crypto";
import { createPaySsamClient, type PaySsamClient } from "@payspec/payssam";
import { parseApprovalSync } from "@payspec/payssam/webhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { paySsamJudge, type PaySsamJudge } from "./payssam-spec.js";

const API_KEY = "rp-payssam-key";
const envelope = { apiKey: API_KEY, member: "RP-MEMBER", merchant: "RP-MERCHANT" };
const PHONE = "01055557777";
const CALLBACK = "https://app.example.kr/payssam/callback";
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

let sb: Sandbox;
let judge: PaySsamJudge;
let client: PaySsamClient;
let raw: typeof globalThis.fetch;
const callbacks: { url: string; body: string }[] = [];

beforeAll(async () => {
  judge = await paySsamJudge({ codes: true });
  sb = createSandbox({
    payssam: { apiKey: API_KEY, member: "RP-MEMBER", merchants: ["RP-MERCHANT", "OTHER-MERCHANT"] },
    clock: { start: "2026-09-12T05:30:15Z" },
    webhooks: {
      fetch: async (input, init) => {
        callbacks.push({ url: String(input), body: String(init?.body) });
        return Response.json({ code: "0000" });
      },
    },
  });
  raw = judge.checked(sb.payssam.fetch);
  client = createPaySsamClient({ ...envelope, fetch: raw });
});
beforeEach(() => {
  sb.reset();
  callbacks.length = 0;
});
afterEach(() => {
  expect(judge.violations.splice(0)).toEqual([]);
});
afterAll(() => sb?.close());

const code = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

/** A KakaoTalk bill to the customer's phone, paid on Paymint's page (by card unless `payType` says otherwise). */
async function paidBill(billId: string, payType?: string) {
  const sent = await client.sendBill({ billId, sendType: "TALK", productName: "9월 수강료", price: "45000", memberName: "홍길동", phone: PHONE, callbackUrl: CALLBACK });
  expect(sent.error).toBeUndefined();
  sb.payssam.approve(billId, { issuer: "신한카드", ...(payType !== undefined && { payType }) });
  await sb.settled();
}

/** The `bill` of a /bill/rp charge, with the three-part hash (the request carries the phone). */
const charge = (billId: string, price = "45000", fields: Record<string, unknown> = {}) => ({
  bill: { billId, phone: PHONE, productName: "10월 수강료", price, memberName: "홍길동", callbackUrl: CALLBACK, hash: sha(`${billId},${PHONE},${price}`), ...fields },
});

describe("PaySsam auto-pay (RP)", () => {
  it("store the card of a paid bill → list it → charge it into a paid bill with its approval sync → cancel → delete", async () => {
    await paidBill("RP-FIRST");
    const pointsBefore = sb.payssam.points;

    const registered = await client.unverified.registerAutoPayMethod({ bill: { billId: "RP-FIRST", phone: PHONE } });
    expect(registered.error).toBeUndefined();
    expect(registered.data).toMatchObject({ phone: PHONE, billId: "RP-FIRST", apprPayType: "CARD_VAN", apprIssuer: "신한카드", apprIssuerNum: "9490-61**-****-1234" });

    const methods = await client.unverified.readCustomerPayMethods({ bill: { phone: PHONE } });
    expect(methods.data).toMatchObject({ phone: PHONE, payMethods: [{ billId: "RP-FIRST", apprIssuer: "신한카드" }] });
    expect(sb.payssam.autoPayMethods().map((m) => [m.phone, m.billId])).toEqual([[PHONE, "RP-FIRST"]]);

    const charged = await client.unverified.chargeAutoPayBill(charge("RP-OCT"));
    expect(charged.error).toBeUndefined();
    expect(charged.data).toMatchObject({ billId: "RP-OCT", apprState: "F", apprPrice: "45000", apprIssuer: "신한카드", apprPayType: "CARD_VAN" });
    // Paid at once, never delivered: no KakaoTalk, so no 쌤포인트.
    expect(sb.payssam.points).toBe(pointsBefore);
    expect(sb.payssam.bill("RP-OCT")).toMatchObject({ sendType: "RP", sends: 0, apprState: "F" });

    // The approval sync of the charge reaches the app as any approval does.
    await sb.settled();
    const sync = callbacks.at(-1)!;
    expect(sync.url).toBe(CALLBACK);
    const parsed = parseApprovalSync(sync.body);
    expect(parsed.error).toBeUndefined();
    expect(parsed.data).toMatchObject({ billId: "RP-OCT", apprState: "F", apprPrice: "45000", apprNum: (charged.data as { apprNum: string }).apprNum });
    expect(sb.deliveries.filter((d) => d.event === "approvalSync").map((d) => [d.subject, d.state])).toEqual([
      ["RP-FIRST", "succeeded"],
      ["RP-OCT", "succeeded"],
    ]);

    expect((await client.readBill({ billId: "RP-OCT" })).data).toMatchObject({ apprState: "F" });
    expect((await client.cancelBill({ billId: "RP-OCT", price: "45000", cancelReason: "중복 결제" })).error).toBeUndefined();
    expect((await client.readBill({ billId: "RP-OCT" })).data).toMatchObject({ apprState: "C" });

    const deleted = await client.unverified.deleteAutoPayMethod({ bill: { phone: PHONE } });
    expect(deleted.error).toBeUndefined();
    expect(deleted.data).toMatchObject({ phone: PHONE });
    expect((await client.unverified.readCustomerPayMethods({ bill: { phone: PHONE } })).data).toMatchObject({ payMethods: [] });
    expect(code(await client.unverified.chargeAutoPayBill(charge("RP-NOV")))).toBe("BILL_004");
    expect(sb.payssam.bill("RP-NOV")).toBeUndefined();
  });

  it("registering again replaces the customer's method", async () => {
    await paidBill("RP-A");
    await paidBill("RP-B");
    expect((await client.unverified.registerAutoPayMethod({ bill: { billId: "RP-A", phone: PHONE } })).error).toBeUndefined();
    expect((await client.unverified.registerAutoPayMethod({ bill: { billId: "RP-B", phone: PHONE } })).error).toBeUndefined();
    expect(sb.payssam.autoPayMethods().map((m) => m.billId)).toEqual(["RP-B"]);
  });

  it("answers each misuse with its result code", async () => {
    await paidBill("RP-CARD");
    await paidBill("RP-BANK", "BANK");
    const unpaid = await client.sendBill({ billId: "RP-UNPAID", sendType: "URL", productName: "교재비", price: "20000", memberName: "홍길동", callbackUrl: CALLBACK });
    expect(unpaid.error).toBeUndefined();

    // Register: no such bill or an unpaid one (BILL_004: no card to store), paid by bank transfer (PAYMENT_004:
    // not a method that can be charged again), no phone or no `bill` at all (VALIDATION_001).
    expect(code(await client.unverified.registerAutoPayMethod({ bill: { billId: "RP-NONE", phone: PHONE } }))).toBe("BILL_004");
    expect(code(await client.unverified.registerAutoPayMethod({ bill: { billId: "RP-UNPAID", phone: PHONE } }))).toBe("BILL_004");
    expect(code(await client.unverified.registerAutoPayMethod({ bill: { billId: "RP-BANK", phone: PHONE } }))).toBe("PAYMENT_004");
    expect(code(await client.unverified.registerAutoPayMethod({ bill: { billId: "RP-CARD" } }))).toBe("VALIDATION_001");
    expect(code(await client.unverified.registerAutoPayMethod({}))).toBe("VALIDATION_001");
    expect(sb.payssam.autoPayMethods()).toEqual([]);

    // Delete and charge with nothing stored: BILL_004 (no card to look up).
    expect(code(await client.unverified.deleteAutoPayMethod({ bill: { phone: PHONE } }))).toBe("BILL_004");
    expect(code(await client.unverified.chargeAutoPayBill(charge("RP-X1")))).toBe("BILL_004");

    expect((await client.unverified.registerAutoPayMethod({ bill: { billId: "RP-CARD", phone: PHONE } })).error).toBeUndefined();
    // Another sub-merchant of the partner does not see the method.
    const other = createPaySsamClient({ ...envelope, merchant: "OTHER-MERCHANT", fetch: raw });
    expect(code(await other.unverified.chargeAutoPayBill(charge("RP-X2")))).toBe("BILL_004");
    // Charge: a billId already used (BILL_001), the two-part hash or a wrong one (VALIDATION_002), under 100 KRW
    // (PAYMENT_003), a billId over 20 (BILL_007), no callbackUrl (VALIDATION_001).
    expect(code(await client.unverified.chargeAutoPayBill(charge("RP-CARD")))).toBe("BILL_001");
    expect(code(await client.unverified.chargeAutoPayBill(charge("RP-X3", "45000", { hash: sha("RP-X3,45000") })))).toBe("VALIDATION_002");
    expect(code(await client.unverified.chargeAutoPayBill(charge("RP-X4", "45000", { hash: sha(`RP-X4,${PHONE},45001`) })))).toBe("VALIDATION_002");
    expect(code(await client.unverified.chargeAutoPayBill(charge("RP-X5", "99")))).toBe("PAYMENT_003");
    expect(code(await client.unverified.chargeAutoPayBill(charge("X".repeat(21))))).toBe("BILL_007");
    expect(code(await client.unverified.chargeAutoPayBill(charge("RP-X6", "45000", { callbackUrl: undefined })))).toBe("VALIDATION_001");
    // Nothing refused made a bill.
    expect(sb.payssam.bills().map((b) => b.billId).sort()).toEqual(["RP-BANK", "RP-CARD", "RP-UNPAID"]);
  });
});
