// The sub-merchant's 쌤포인트 balance (`/read/merchant/remain_count`; the sandbox answered 501 before), through our
// client on the in-process fetch: with the partner's one wallet (the default) it reads the wallet that pays for the
// merchant's sends, going down 55 P per KakaoTalk send as `/read/remain_count` does; with `wallet: "merchant"` each
// sub-merchant has its own, which its sends draw on (POINT_001 when it runs out, whatever the partner holds).
// Every answer is validated against specs/payssam, its result code included.
import { createPaySsamClient } from "@payspec/payssam";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../src/index.js";
import { paySsamJudge, type PaySsamJudge } from "./payssam-spec.js";

const API_KEY = "balance-payssam-key";
let judge: PaySsamJudge;

beforeAll(async () => {
  judge = await paySsamJudge({ codes: true });
});
afterEach(() => {
  expect(judge.violations.splice(0)).toEqual([]);
});

function setUp(wallet?: "partner" | "merchant") {
  const sb = createSandbox({ payssam: { apiKey: API_KEY, member: "BAL-MEMBER", merchants: ["BAL-A", "BAL-B"], points: 110, ...(wallet && { wallet }) } });
  const fetch = judge.checked(sb.payssam.fetch);
  const a = createPaySsamClient({ apiKey: API_KEY, member: "BAL-MEMBER", merchant: "BAL-A", fetch });
  const b = createPaySsamClient({ apiKey: API_KEY, member: "BAL-MEMBER", merchant: "BAL-B", fetch });
  return { sb, a, b };
}

const talk = (billId: string) => ({ billId, sendType: "TALK" as const, productName: "수강료", price: "30000", memberName: "김민수", phone: "01012345678", callbackUrl: "https://app.example.kr/cb" });
const code = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

describe("the sub-merchant's 쌤포인트 balance", () => {
  it("with the partner's wallet: reads the partner's balance, 55 P less per KakaoTalk send and resend", async () => {
    const { sb, a, b } = setUp();
    expect(sb.payssam.wallet).toBe("partner");
    const first = await a.readMerchantPointBalance();
    expect(first.error).toBeUndefined();
    expect(first.data).toEqual({ balance: 110, chargeUrl: "https://sandbox.paymint.co.kr/__sandbox/payssam/points" });

    expect((await a.sendBill(talk("BAL-1"))).error).toBeUndefined();
    expect((await b.readMerchantPointBalance()).data?.balance).toBe(55);
    expect((await a.readPointBalance()).data?.balance).toBe(55);
    // A URL bill is not delivered by KakaoTalk: nothing taken.
    expect((await a.sendBill({ ...talk("BAL-2"), sendType: "URL" })).error).toBeUndefined();
    expect((await a.readMerchantPointBalance()).data?.balance).toBe(55);
    expect((await a.resendBill({ billId: "BAL-1" })).error).toBeUndefined();
    expect((await a.readMerchantPointBalance()).data?.balance).toBe(0);
    expect(code(await b.sendBill(talk("BAL-3")))).toBe("POINT_001");
    // There are no sub-merchant wallets to set.
    expect(() => sb.payssam.setMerchantPoints("BAL-A", 10)).toThrow(TypeError);
    await sb.close();
  });

  it("with the sub-merchants' wallets: each send draws on its merchant's, POINT_001 when that one is empty", async () => {
    const { sb, a, b } = setUp("merchant");
    expect((await a.sendBill(talk("W-1"))).error).toBeUndefined();
    expect((await a.sendBill(talk("W-2"))).error).toBeUndefined();
    const read = await a.readMerchantPointBalance();
    expect(read.data).toEqual({ balance: 0, chargeUrl: "https://sandbox.paymint.co.kr/__sandbox/payssam/merchants/BAL-A/points" });
    expect((await b.readMerchantPointBalance()).data?.balance).toBe(110);
    // The partner's wallet pays for nothing here.
    expect((await a.readPointBalance()).data?.balance).toBe(110);
    expect(code(await a.sendBill(talk("W-3")))).toBe("POINT_001");
    expect(code(await a.resendBill({ billId: "W-1" }))).toBe("POINT_001");
    expect((await b.sendBill(talk("W-4"))).error).toBeUndefined();

    // Topped up over the control API (also sb.payssam.setMerchantPoints), then the send goes through.
    const put = await sb.payssam.fetch("https://sandbox.paymint.co.kr/__sandbox/payssam/merchants/BAL-A/points", { method: "PUT", body: JSON.stringify({ points: 55 }) });
    expect(await put.json()).toEqual({ points: 55 });
    expect((await a.sendBill(talk("W-3"))).error).toBeUndefined();
    expect(sb.payssam.merchantPoints("BAL-A")).toBe(0);
    const bad = await sb.payssam.fetch("https://sandbox.paymint.co.kr/__sandbox/payssam/merchants/BAL-A/points", { method: "PUT", body: JSON.stringify({ points: -1 }) });
    expect(bad.status).toBe(400);

    sb.reset();
    expect((await a.readMerchantPointBalance()).data?.balance).toBe(110);
    await sb.close();
  });

  it("answers a member the partner has no link for with PARTNER_004, and a wrong apiKey with PARTNER_003", async () => {
    const { sb } = setUp();
    const fetch = judge.checked(sb.payssam.fetch);
    const stranger = createPaySsamClient({ apiKey: API_KEY, member: "NOT-LINKED", merchant: "BAL-A", fetch });
    expect(code(await stranger.readMerchantPointBalance())).toBe("PARTNER_004");
    const wrongKey = createPaySsamClient({ apiKey: "another-key", member: "BAL-MEMBER", merchant: "BAL-A", fetch });
    expect(code(await wrongKey.readMerchantPointBalance())).toBe("PARTNER_003");
    await sb.close();
  });
});
