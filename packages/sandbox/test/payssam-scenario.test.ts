// The PaySsam lifecycle through our public client, over real servers on 127.0.0.1: send → read W → the customer
// pays (sb.payssam.approve) → the approval sync reaches the app's handler, which parses it with `parseApprovalSync`
// and acknowledges it → read F → cancel → read C. Every answer of the sandbox and every callback body is validated
// against specs/payssam, and the callback is recorded in the shared delivery log.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { createPaySsamClient, type PaySsamClient } from "@payspec/payssam";
import { approvalSyncReply, parseApprovalSync } from "@payspec/payssam/webhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RunningSandbox } from "../src/index.js";
import { paySsamJudge, type PaySsamJudge } from "./payssam-spec.js";

interface Callback {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly parsed: ReturnType<typeof parseApprovalSync>;
}

/** The app's callback handler: parses each approval sync and answers PaySsam's documented reply (or a scripted status). */
async function startApp() {
  const received: Callback[] = [];
  const script: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const parsed = parseApprovalSync(body);
      received.push({ headers: req.headers, body, parsed });
      const status = parsed.error ? 400 : (script.shift() ?? 200);
      res.writeHead(status, { "content-type": "application/json" }).end(status === 200 ? JSON.stringify(approvalSyncReply()) : '{"code":"ERROR"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/payssam/callback`,
    received,
    answerWith: (...statuses: number[]) => void script.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let sb: RunningSandbox;
let app: Awaited<ReturnType<typeof startApp>>;
let judge: PaySsamJudge;
let client: PaySsamClient;

beforeAll(async () => {
  judge = await paySsamJudge();
  app = await startApp();
  sb = await startSandbox({ payssam: { apiKey: "scenario-payssam-key", member: "SCENARIO-MEMBER", merchant: "SCENARIO-MERCHANT" } });
  client = createPaySsamClient({
    apiKey: "scenario-payssam-key",
    member: "SCENARIO-MEMBER",
    merchant: "SCENARIO-MERCHANT",
    baseUrl: sb.payssam.url,
    fetch: judge.checked(globalThis.fetch),
  });
});

afterAll(async () => {
  await sb?.close();
  await app?.close();
});

const code = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

describe("the PaySsam lifecycle through createPaySsamClient against startSandbox", () => {
  it("send → W → approve → approval sync parsed by the app → F → cancel → C, each answer as the spec says", async () => {
    expect(sb.payssam.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.payssam.url).not.toBe(sb.url);
    const billId = "SCN-0001";
    const pointsBefore = sb.payssam.points;

    const sent = await client.sendBill({
      billId,
      sendType: "TALK",
      productName: "9월 수강료",
      price: "45000",
      memberName: "홍길동",
      phone: "01012345678",
      callbackUrl: app.url,
      expireDt: "2099-12-31",
    });
    expect(sent.error).toBeUndefined();
    expect(sent.data).toMatchObject({ billId, member: "SCENARIO-MEMBER", merchant: "SCENARIO-MERCHANT" });
    expect(sent.data!.shortUrl).toBe(`${sb.payssam.url}/__sandbox/payssam/bills/${billId}`);
    // A KakaoTalk send costs 55 P.
    expect(sb.payssam.points).toBe(pointsBefore - 55);
    const page = await fetch(sent.data!.shortUrl);
    expect(((await page.json()) as { apprState: string }).apprState).toBe("W");

    const unpaid = await client.readBill({ billId });
    expect(unpaid.error).toBeUndefined();
    expect(unpaid.data).toMatchObject({ billId, apprState: "W" });
    expect(unpaid.data).not.toHaveProperty("apprNum");

    // The customer pays on the bill page (the control step; also POST /__sandbox/payssam/bills/<id>/approve).
    const approve = await fetch(`${sb.payssam.url}/__sandbox/payssam/bills/${billId}/approve`, { method: "POST", body: JSON.stringify({ issuer: "신한카드" }) });
    expect(approve.status).toBe(200);
    expect(((await approve.json()) as { apprState: string }).apprState).toBe("F");

    await sb.settled();
    expect(app.received).toHaveLength(1);
    const callback = app.received[0]!;
    expect(callback.parsed.error).toBeUndefined();
    judge.checkCallback(callback.body);
    expect(callback.headers["content-type"]).toBe("application/json");
    // PaySsam signs nothing: no Standard Webhooks headers on its callbacks.
    expect(callback.headers["webhook-signature"]).toBeUndefined();
    const payload = callback.parsed.data!;
    expect(payload).toMatchObject({ billId, apprState: "F", apprPrice: "45000", apprPayType: "CARD_VAN", apprIssuer: "신한카드", apprMonthly: "0" });
    expect(payload.apprDt).toMatch(/^\d{14}$/);
    expect(sb.deliveries.map((d) => [d.provider, d.event, d.subject, d.url, d.state, d.attempts.length])).toEqual([
      ["payssam", "approvalSync", billId, app.url, "succeeded", 1],
    ]);
    expect(sb.deliveries[0]!.attempts[0]).toMatchObject({ status: 200, ok: true, trigger: "event" });

    const paid = await client.readBill({ billId });
    expect(paid.data).toMatchObject({ billId, apprState: "F", apprPrice: "45000", apprNum: payload.apprNum, apprDt: payload.apprDt });

    // Destroying a paid bill is refused: it must be cancelled.
    const destroyPaid = await client.destroyBill({ billId, price: "45000" });
    expect(code(destroyPaid)).toBe("BILL_002");

    const cancelled = await client.cancelBill({ billId, price: "45000", cancelReason: "수강 취소" });
    expect(cancelled.error).toBeUndefined();
    expect(cancelled.data).toMatchObject({ billId, apprOriginNum: payload.apprNum });
    expect(cancelled.data!.apprNum).not.toBe(payload.apprNum);
    expect(cancelled.data!.apprCancelDt).toMatch(/^\d{14}$/);

    const read = await client.readBill({ billId });
    expect(read.data).toMatchObject({ billId, apprState: "C", apprNum: cancelled.data!.apprNum, apprOriginNum: payload.apprNum });

    const again = await client.cancelBill({ billId, price: "45000", cancelReason: "다시" });
    expect(code(again)).toBe("BILL_002");
    // Only approvals are pushed: the cancel sent no callback.
    await sb.settled();
    expect(app.received).toHaveLength(1);
    expect(sb.payssam.bill(billId)?.history.map((h) => h.state)).toEqual(["W", "F", "C"]);

    expect(judge.violations).toEqual([]);
    expect(judge.counted).toEqual({ responses: 7, callbacks: 1 });
  });

  it("re-sends an approval sync every hour while the app does not acknowledge it with code 0000", async () => {
    const billId = "SCN-RETRY-1";
    app.answerWith(503);
    const sent = await client.sendBill({ billId, sendType: "URL", productName: "교재비", price: "20000", memberName: "김철수", callbackUrl: app.url });
    expect(sent.error).toBeUndefined();
    const before = app.received.length;
    sb.payssam.approve(billId);
    await sb.settled();
    const delivery = sb.deliveries.find((d) => d.subject === billId)!;
    expect(delivery).toMatchObject({ state: "pending", maxAttempts: 25 });
    expect(delivery.attempts.map((a) => [a.status, a.ok])).toEqual([[503, false]]);

    sb.clock.advance(60 * 60_000);
    await sb.settled();
    const after = sb.deliveries.find((d) => d.subject === billId)!;
    expect(after.state).toBe("succeeded");
    expect(after.attempts.map((a) => [a.trigger, a.status])).toEqual([
      ["event", 503],
      ["retry", 200],
    ]);
    // The same body both times.
    expect(app.received.slice(before).map((r) => r.body)).toEqual([delivery.body, delivery.body]);
  });
});
