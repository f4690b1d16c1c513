// The PaySsam rules the sandbox enforces, through our client on the in-process fetch (with the provider's default
// base URL, `…/partner`) and through raw requests for what our client refuses before sending: credentials, the
// request hash, each result code of the catalogue when its condition holds, destroy before approval, resend and
// 쌤포인트, the acknowledgement rule of approval callbacks, and faults. Every answer is validated against specs/payssam.
import { createHash } from "node:crypto";
import { createPaySsamClient, type PaySsamClient } from "@payspec/payssam";
import { parseApprovalSync } from "@payspec/payssam/webhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApproveError, createSandbox, type Sandbox } from "../src/index.js";
import { paySsamJudge, type PaySsamJudge } from "./payssam-spec.js";

const API_KEY = "rules-payssam-key";
const envelope = { apiKey: API_KEY, member: "RULES-MEMBER", merchant: "RULES-MERCHANT" };
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

let sb: Sandbox;
let judge: PaySsamJudge;
let client: PaySsamClient;
let raw: typeof globalThis.fetch;
/** The callbacks the app received (in process: `webhooks.fetch`), and what it answers. */
const callbacks: { url: string; body: string }[] = [];
let answer: () => Response = () => Response.json({ code: "0000", msg: "성공하였습니다." });

beforeAll(async () => {
  judge = await paySsamJudge();
  sb = createSandbox({
    payssam: { apiKey: API_KEY, member: "RULES-MEMBER", merchants: ["RULES-MERCHANT", "OTHER-MERCHANT"] },
    clock: { start: "2026-09-12T05:30:15Z" },
    webhooks: {
      fetch: async (input, init) => {
        callbacks.push({ url: String(input), body: String(init?.body) });
        return answer();
      },
    },
  });
  raw = judge.checked(sb.payssam.fetch);
  // No baseUrl: the provider's sandbox URL (https://sandbox.paymint.co.kr/partner) reaches the in-process sandbox.
  client = createPaySsamClient({ ...envelope, fetch: raw });
});
beforeEach(() => {
  sb.reset();
  callbacks.length = 0;
  answer = () => Response.json({ code: "0000", msg: "성공하였습니다." });
});
afterEach(() => {
  expect(judge.violations.splice(0)).toEqual([]);
});
afterAll(() => sb?.close());

const code = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

/** A raw request: its HTTP status and envelope. */
async function post(path: string, body: unknown) {
  const response = await raw(`https://sandbox.paymint.co.kr/partner${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { code: string; message: string; data: unknown } };
}

const urlBill = (billId: string, price = "30000") => ({
  billId,
  sendType: "URL" as const,
  productName: "10월 수강료",
  price,
  memberName: "이영희",
  callbackUrl: "https://app.example.kr/payssam/callback",
});

describe("the spec judge of these tests", () => {
  it("refuses a read without apprState, an unknown state, a code outside the catalogue and a callback without billId", () => {
    const json = "application/json";
    const url = "https://sandbox.paymint.co.kr/partner/bill/read";
    const ok = { code: "0000", message: "성공하였습니다.", data: { billId: "J-1", apprState: "W" } };
    expect(judge.checkResponse(url, 200, JSON.stringify(ok), json)).toEqual([]);
    expect(judge.checkResponse(url, 200, JSON.stringify({ ...ok, data: { billId: "J-1" } }), json)).not.toEqual([]);
    expect(judge.checkResponse(url, 200, JSON.stringify({ ...ok, data: { billId: "J-1", apprState: "X" } }), json)).not.toEqual([]);
    expect(judge.checkResponse(url, 200, JSON.stringify({ code: "NOT_A_CODE", data: null }), json)).not.toEqual([]);
    expect(judge.checkResponse(url, 400, JSON.stringify(ok), json)).not.toEqual([]);
    expect(judge.checkCallback(JSON.stringify({ apprState: "F" }))).not.toEqual([]);
    judge.violations.length = 0;
  });
});

describe("credentials", () => {
  it("an unknown apiKey is PARTNER_003, a missing one PARTNER_002, another member or merchant PARTNER_004 — HTTP 200, data null", async () => {
    const wrongKey = createPaySsamClient({ ...envelope, apiKey: "not-the-sandbox-key", fetch: raw });
    expect(code(await wrongKey.readBill({ billId: "X-1" }))).toBe("PARTNER_003");
    expect(code(await wrongKey.sendBill(urlBill("X-1")))).toBe("PARTNER_003");

    const missing = await post("/bill/read", { member: envelope.member, merchant: envelope.merchant, bill: { billId: "X-1" } });
    expect(missing).toEqual({ status: 200, body: { code: "PARTNER_002", message: "apiKey 정보를 확인할 수 없습니다.", data: null } });

    const otherMember = createPaySsamClient({ ...envelope, member: "SOMEONE-ELSE", fetch: raw });
    expect(code(await otherMember.readBill({ billId: "X-1" }))).toBe("PARTNER_004");
    const otherMerchant = createPaySsamClient({ ...envelope, merchant: "NOT-LINKED", fetch: raw });
    expect(code(await otherMerchant.sendBill(urlBill("X-1")))).toBe("PARTNER_004");
    expect(sb.payssam.bills()).toEqual([]);

    // The partner's balance takes only the apiKey.
    expect((await post("/read/remain_count", { apiKey: API_KEY })).body).toMatchObject({ code: "0000", data: { balance: 55_000 } });
    expect((await post("/read/remain_count", { apiKey: "nope" })).body.code).toBe("PARTNER_003");
  });

  it("a bill of another linked merchant is not found (BILL_003)", async () => {
    expect((await client.sendBill(urlBill("M-1"))).error).toBeUndefined();
    const other = createPaySsamClient({ ...envelope, merchant: "OTHER-MERCHANT", fetch: raw });
    expect(code(await other.readBill({ billId: "M-1" }))).toBe("BILL_003");
  });
});

describe("the request hash", () => {
  it("accepts the spec's worked example and answers VALIDATION_002 to a wrong one, changing nothing", async () => {
    const bill = { billId: "1024", sendType: "TALK", productName: "9월 수강료", price: "45000", memberName: "홍길동", phone: "01012345678", callbackUrl: "https://partner.example.co.kr/payssam/callback" };
    const wrong = await post("/bill", { ...envelope, bill: { ...bill, hash: sha("1024,45000") } });
    expect(wrong).toEqual({ status: 200, body: { code: "VALIDATION_002", message: "정상적이지 않은 데이터입니다. 해싱값을 확인하시기 바랍니다.", data: null } });
    const upper = await post("/bill", { ...envelope, bill: { ...bill, hash: "C381CDD2F56BC990DA035D998B0BEE8DF1F12F9D59966483DB8306CEAD9D96E9" } });
    expect(upper.body.code).toBe("VALIDATION_002");
    expect(sb.payssam.bills()).toEqual([]);

    const right = await post("/bill", { ...envelope, bill: { ...bill, hash: "c381cdd2f56bc990da035d998b0bee8df1f12f9d59966483db8306cead9d96e9" } });
    expect(right.body).toMatchObject({ code: "0000", data: { billId: "1024", hash: "c381cdd2f56bc990da035d998b0bee8df1f12f9d59966483db8306cead9d96e9" } });

    // Destroy takes the two-part hash even though the bill was sent with a phone: the three-part one is VALIDATION_002.
    const threePart = await post("/bill/destroy", { ...envelope, bill: { billId: "1024", price: "45000", hash: "c381cdd2f56bc990da035d998b0bee8df1f12f9d59966483db8306cead9d96e9" } });
    expect(threePart.body.code).toBe("VALIDATION_002");
    expect(sb.payssam.bill("1024")?.apprState).toBe("W");
    const twoPart = await post("/bill/destroy", { ...envelope, bill: { billId: "1024", price: "45000", hash: "c33145c60c4dff199c5320f45db1fee5af0eb245d2645b70334ead1549ea90d0" } });
    expect(twoPart.body).toMatchObject({ code: "0000", data: { billId: "1024" } });
  });

  it("checks the hash of cancel too, over the price as sent", async () => {
    await client.sendBill(urlBill("H-1", "30000"));
    sb.payssam.approve("H-1");
    const wrong = await post("/bill/cancel", { ...envelope, bill: { billId: "H-1", price: "30000", cancelReason: "변심", hash: sha("H-1,30001") } });
    expect(wrong.body.code).toBe("VALIDATION_002");
    expect(sb.payssam.bill("H-1")?.apprState).toBe("F");
  });
});

describe("bills", () => {
  it("destroy before approval: W → D, then no approval, no cancel, no second destroy", async () => {
    expect((await client.sendBill(urlBill("D-1"))).error).toBeUndefined();
    const destroyed = await client.destroyBill({ billId: "D-1", price: "30000" });
    expect(destroyed.error).toBeUndefined();
    expect(destroyed.data).toMatchObject({ billId: "D-1" });
    expect((await client.readBill({ billId: "D-1" })).data).toMatchObject({ billId: "D-1", apprState: "D" });

    expect(() => sb.payssam.approve("D-1")).toThrow(ApproveError);
    const approve = await sb.payssam.fetch("http://sandbox/__sandbox/payssam/bills/D-1/approve", { method: "POST" });
    expect(approve.status).toBe(409);
    expect(await approve.json()).toMatchObject({ code: "NOT_UNPAID" });
    expect(code(await client.cancelBill({ billId: "D-1", price: "30000", cancelReason: "취소" }))).toBe("BILL_002");
    expect(code(await client.destroyBill({ billId: "D-1", price: "30000" }))).toBe("BILL_002");
    expect(code(await client.resendBill({ billId: "D-1" }))).toBe("BILL_006");
    expect(callbacks).toEqual([]);
  });

  it("answers the catalogue's code for each misuse of /bill, read and cancel", async () => {
    expect((await client.sendBill(urlBill("B-1"))).error).toBeUndefined();
    expect(code(await client.sendBill(urlBill("B-1")))).toBe("BILL_001");
    expect(code(await client.readBill({ billId: "NOPE" }))).toBe("BILL_003");
    expect(code(await client.destroyBill({ billId: "NOPE", price: "30000" }))).toBe("BILL_003");
    // Cancel an unpaid bill: not in a cancellable state.
    expect(code(await client.cancelBill({ billId: "B-1", price: "30000", cancelReason: "취소" }))).toBe("BILL_002");
    // Another price than the bill's (hash computed over it, so the hash is right).
    expect(code(await client.destroyBill({ billId: "B-1", price: "30001" }))).toBe("VALIDATION_001");

    // What our client refuses before sending, sent raw.
    const base = { ...urlBill("B-2"), hash: sha("B-2,30000") };
    const { sendType: _, ...noSendType } = base;
    expect((await post("/bill", { ...envelope, bill: noSendType })).body.code).toBe("BILL_008");
    expect((await post("/bill", { ...envelope, bill: { ...base, billId: "B".repeat(21), hash: sha(`${"B".repeat(21)},30000`) } })).body.code).toBe("BILL_007");
    expect((await post("/bill", { ...envelope, bill: { ...base, price: "99", hash: sha("B-2,99") } })).body.code).toBe("PAYMENT_003");
    expect((await post("/bill", { ...envelope, bill: { ...base, sendType: "TALK" } })).body.code).toBe("VALIDATION_001"); // TALK without a phone
    expect((await post("/bill", { ...envelope, bill: { ...base, callbackUrl: "javascript:alert(1)" } })).body.code).toBe("VALIDATION_001");
    expect((await post("/bill", { ...envelope })).body.code).toBe("VALIDATION_001");
    const notJson = await raw("https://sandbox.paymint.co.kr/partner/bill", { method: "POST", body: "{" });
    expect(await notJson.json()).toEqual({ code: "VALIDATION_001", message: "정상적이지 않은 데이터입니다. 연동규격서를 확인하시기 바랍니다.", data: null });
    expect(sb.payssam.bills().map((b) => b.billId)).toEqual(["B-1"]);
  });

  it("resend: a W bill again (55 P per KakaoTalk send), BILL_006 once paid, POINT_001 without points", async () => {
    const talk = { ...urlBill("R-1"), sendType: "TALK" as const, phone: "01099998888" };
    expect((await client.sendBill(talk)).error).toBeUndefined();
    expect(sb.payssam.points).toBe(55_000 - 55);
    expect((await client.resendBill({ billId: "R-1" })).data).toMatchObject({ billId: "R-1" });
    expect(sb.payssam.points).toBe(55_000 - 110);
    expect(sb.payssam.bill("R-1")?.sends).toBe(2);

    sb.payssam.points = 54;
    expect(code(await client.resendBill({ billId: "R-1" }))).toBe("POINT_001");
    expect(code(await client.sendBill({ ...talk, billId: "R-2" }))).toBe("POINT_001");
    expect(sb.payssam.bill("R-2")).toBeUndefined();
    // A URL bill is delivered by the partner: no points.
    expect((await client.sendBill(urlBill("R-3"))).error).toBeUndefined();
    expect(sb.payssam.points).toBe(54);

    sb.payssam.approve("R-3");
    expect(code(await client.resendBill({ billId: "R-3" }))).toBe("BILL_006");
  });

  it("does not approve a bill past its expireDt (KST)", async () => {
    // Sandbox time is 2026-09-12 14:30:15 KST.
    expect((await client.sendBill({ ...urlBill("E-1"), expireDt: "2026-09-11" })).error).toBeUndefined();
    expect(() => sb.payssam.approve("E-1")).toThrow(/expired/);
    expect((await client.sendBill({ ...urlBill("E-2"), expireDt: "2026-09-12" })).error).toBeUndefined();
    expect(sb.payssam.approve("E-2").read).toMatchObject({ apprState: "F", apprDt: "20260912143015" });
  });
});

describe("approval callbacks", () => {
  it("are re-sent while the answer is not a JSON code 0000, even with status 200", async () => {
    answer = () => Response.json({ code: "ERROR" });
    await client.sendBill(urlBill("C-1"));
    sb.payssam.approve("C-1", { payType: "KEYIN", monthly: 3 });
    await sb.settled();
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]!.url).toBe("https://app.example.kr/payssam/callback");
    expect(parseApprovalSync(callbacks[0]!.body).data).toMatchObject({ billId: "C-1", apprState: "F", apprPayType: "KEYIN", apprMonthly: "3" });
    expect(judge.checkCallback(callbacks[0]!.body)).toEqual([]);
    expect(sb.deliveries[0]).toMatchObject({ provider: "payssam", state: "pending" });

    answer = () => new Response("ok");
    sb.clock.advance(60 * 60_000);
    await sb.settled();
    expect(sb.deliveries[0]!.state).toBe("pending");

    answer = () => Response.json({ code: "0000" });
    const attempt = await sb.redeliver(sb.deliveries[0]!.id);
    expect(attempt).toMatchObject({ ok: true, trigger: "manual" });
    expect(sb.deliveries[0]!.state).toBe("succeeded");
  });
});

describe("faults", () => {
  it("a lost answer on cancelBill: the cancel is applied, the client sees a network error, and a retry is BILL_002", async () => {
    await client.sendBill(urlBill("F-1"));
    sb.payssam.approve("F-1");
    sb.faults.inject({ operation: "cancelBill", fault: "lost-answer" });
    const lost = await client.cancelBill({ billId: "F-1", price: "30000", cancelReason: "환불" });
    expect(lost.error?.kind).toBe("network");
    expect(sb.payssam.bill("F-1")?.apprState).toBe("C");
    expect(code(await client.cancelBill({ billId: "F-1", price: "30000", cancelReason: "환불" }))).toBe("BILL_002");

    const failed = await client.readBill({ billId: "F-1" }, { headers: { "x-sandbox-fault": "status=503" } });
    expect(failed.error?.kind).toBe("http");
  });

  it("answers the sandbox's own problem documents for paths it does not simulate or know", async () => {
    // Sub-merchant mapping is the part of specs/payssam still not simulated (cash receipts and auto-pay are).
    const mapping = await sb.payssam.fetch("https://sandbox.paymint.co.kr/partner/auth/mapping", { method: "POST", body: "{}" });
    expect(mapping.status).toBe(501);
    expect(mapping.headers.get("content-type")).toContain("application/problem+json");
    const unknown = await sb.payssam.fetch("https://sandbox.paymint.co.kr/partner/nothing", { method: "POST", body: "{}" });
    expect(unknown.status).toBe(404);
    const get = await sb.payssam.fetch("https://sandbox.paymint.co.kr/partner/bill/read");
    expect(get.status).toBe(405);
  });
});
