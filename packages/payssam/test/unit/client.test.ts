import { describe, expect, expectTypeOf, it } from "vitest";
import { createPaySsamClient, PaySsamResultCode, type PaySsamError } from "../../src/index.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";

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

describe("requests", () => {
  it("fills the envelope and the three-part hash on /bill", async () => {
    const { fetch, sent: requests } = fakeFetch(() => json({ code: "0000", message: "성공하였습니다.", data: { billId: "1024", shortUrl: "https://payssam.kr/s/1" } }));
    const client = createPaySsamClient({ ...credentials, fetch, baseUrl: "https://mock.test/partner" });
    const result = await client.sendBill(bill);
    expect(result.ok).toBe(true);
    expect(requests).toHaveLength(1);
    const [{ request, body }] = requests as [{ request: Request; body: Record<string, unknown> }];
    expect(request.method).toBe("POST");
    expect(request.url).toBe("https://mock.test/partner/bill");
    expect(request.headers.get("content-type")).toContain("application/json");
    expect(body).toEqual({
      ...credentials,
      bill: { ...bill, hash: "c381cdd2f56bc990da035d998b0bee8df1f12f9d59966483db8306cead9d96e9" },
    });
  });

  it("uses the two-part hash on destroy, and no hash on read", async () => {
    const { fetch, sent: requests } = fakeFetch(() => json({ code: "0000", message: "성공하였습니다.", data: {} }));
    const client = createPaySsamClient({ ...credentials, fetch });
    await client.destroyBill({ billId: "1024", price: "45000" });
    await client.readBill({ billId: "1024" });
    const [destroy, read] = requests.map((r) => r.body as { bill: Record<string, unknown> });
    expect(destroy?.bill["hash"]).toBe("c33145c60c4dff199c5320f45db1fee5af0eb245d2645b70334ead1549ea90d0");
    expect(read?.bill).toEqual({ billId: "1024" });
    expect(requests[0]?.request.url).toBe("https://sandbox.paymint.co.kr/partner/bill/destroy");
  });

  it("sends only the API key to /read/remain_count", async () => {
    const { fetch, sent: requests } = fakeFetch(() => json({ code: "0000", message: "성공하였습니다.", data: { balance: 5500, chargeUrl: "https://x" } }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readPointBalance();
    expect(requests[0]?.body).toEqual({ apiKey: credentials.apiKey });
    expect(result.ok && result.data.balance).toBe(5500);
  });
});

describe("results", () => {
  it("a known code is a typed result error with the published message", async () => {
    const { fetch } = fakeFetch(() => json({ code: "BILL_003", message: "청구서를 찾을 수 없습니다.", data: null }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1024" });
    expect(result.ok).toBe(false);
    const error = result.error as PaySsamError;
    if (error.kind !== "result" || !error.known) throw new Error("expected a known result error");
    expect(error.code).toBe(PaySsamResultCode.BILL_003);
    expect(error.publishedMessage).toBe("청구서를 찾을 수 없습니다.");
    expect(error.status).toBe(200);
    expect(error.envelope.data).toBeNull();
  });

  it("reads `msg` when the server uses it instead of `message`", async () => {
    const { fetch } = fakeFetch(() => json({ code: "PARTNER_MAPPING_006", msg: "개시된 매장이 존재하지 않습니다." }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    expect(result.error?.kind === "result" && result.error.serverMessage).toBe("개시된 매장이 존재하지 않습니다.");
  });

  it("an unknown code is kept, typed as unknown, and never a crash", async () => {
    const { fetch } = fakeFetch(() => json({ code: "BILL_099", message: "새 오류", data: null, extra: { a: 1 } }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    const error = result.error;
    if (error?.kind !== "result") throw new Error("expected a result error");
    expect(error.known).toBe(false);
    expect(error.code).toBe("BILL_099");
    expect(error.publishedMessage).toBeUndefined();
    expect(error.serverMessage).toBe("새 오류");
    expect(error.envelope["extra"]).toEqual({ a: 1 });
    if (!error.known) expectTypeOf(error.code).not.toEqualTypeOf<PaySsamResultCode>();
  });

  it("keeps unknown fields of success data", async () => {
    const { fetch } = fakeFetch(() => json({ code: "0000", message: "성공하였습니다.", data: { billId: "1", apprState: "X", newField: 1 } }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    expect(result.ok && result.data).toMatchObject({ apprState: "X", newField: 1 });
  });
});

describe("transport failures each have their own typed error", () => {
  const cases: [string, () => Response | Promise<Response>, string, string?][] = [
    ["empty body", () => new Response("", { status: 200 }), "invalid-response", "empty"],
    ["HTML maintenance page", () => new Response("<html>점검 중</html>", { status: 200 }), "invalid-response", "not-json"],
    ["JSON without code", () => json({ ok: true }), "invalid-response", "not-envelope"],
    ["JSON array", () => json([1, 2]), "invalid-response", "not-envelope"],
    ["502 from a proxy", () => new Response("<html>Bad gateway</html>", { status: 502 }), "http"],
    ["404", () => json({ status: 404 }, 404), "http"],
    ["connection refused", () => Promise.reject(new TypeError("fetch failed")), "network"],
  ];
  it.each(cases)("%s", async (_name, respond, kind, reason) => {
    const { fetch } = fakeFetch(respond);
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    expect(result.ok).toBe(false);
    expect(result.error?.kind).toBe(kind);
    if (reason) expect((result.error as { reason: string }).reason).toBe(reason);
    expect(result.error).toBeInstanceOf(Error);
  });

  it("timeout", async () => {
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
        signal?.addEventListener("abort", () => reject(signal.reason));
      })) as typeof globalThis.fetch;
    const result = await createPaySsamClient({ ...credentials, fetch, timeoutMs: 50 }).readBill({ billId: "1" });
    expect(result.error?.kind).toBe("timeout");
    expect(result.error?.message).toContain("50 ms");
  });

  it("a caller's abort is a network error, not a timeout", async () => {
    const controller = new AbortController();
    const fetch = ((input: RequestInfo | URL) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = (input as Request).signal;
        signal.addEventListener("abort", () => reject(signal.reason));
        controller.abort();
      })) as typeof globalThis.fetch;
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" }, { signal: controller.signal });
    expect(result.error?.kind).toBe("network");
  });
});

describe("configuration", () => {
  it("rejects an API key longer than 32 characters, naming the option but not the value", () => {
    const apiKey = "k".repeat(33);
    expect(() => createPaySsamClient({ ...credentials, apiKey })).toThrowError(/options\.apiKey must be at most 32 characters/);
    try {
      createPaySsamClient({ ...credentials, apiKey });
    } catch (error) {
      expect(String(error)).not.toContain(apiKey);
    }
  });
  it("rejects a member of 61 characters", () => {
    expect(() => createPaySsamClient({ ...credentials, member: "m".repeat(61) })).toThrowError(/options\.member/);
  });
});
