// The self-signed HS256 JWT: header, claims and signature verified independently with node:crypto,
// caching, refresh before expiry, one signing at a time, and a new token after PortOne rejects one.
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPortOneGlobalClient, signPortOneGlobalJwt } from "../../src/index.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";

const clientKey = "PORTONE_KEY";
const secretKey = "unit-secret-9b1c";
const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;

function verify(token: string, secret = secretKey) {
  const [header, claims, signature] = token.split(".") as [string, string, string];
  const expected = createHmac("sha256", secret).update(`${header}.${claims}`).digest("base64url");
  return { header: decode(header), claims: decode(claims), valid: expected === signature };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("signPortOneGlobalJwt", () => {
  it("is an HS256 JWT with iss PORTONE, sub the key, iat and exp", async () => {
    const token = await signPortOneGlobalJwt(clientKey, secretKey, { ttlSeconds: 100, nowMs: 1_748_736_000_500 });
    const { header, claims, valid } = verify(token);
    expect(valid).toBe(true);
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(claims).toEqual({ iss: "PORTONE", sub: clientKey, iat: 1_748_736_000, exp: 1_748_736_100 });
    expect(token).not.toMatch(/[+/=]/);
    expect(verify(token, "other").valid).toBe(false);
  });
});

describe("the client's token", () => {
  const ok = () => json({ content: { status: "Success" }, status_code: "2000", status_reason: "SUCCESS" });
  const bearer = (r: Request) => (r.headers.get("authorization") ?? "").replace(/^Bearer /, "");

  it("is sent with the client key, cached, and re-signed before it expires", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    const { fetch, sent: requests } = fakeFetch(ok);
    const client = createPortOneGlobalClient({ clientKey, secretKey, fetch, tokenTtlSeconds: 300 });
    await client.getTransactionStatus({ merchantOrderRef: "A" });
    vi.setSystemTime(new Date("2026-01-01T00:03:59Z")); // 61 s left: still used
    await client.getTransactionStatus({ merchantOrderRef: "A" });
    vi.setSystemTime(new Date("2026-01-01T00:04:01Z")); // 59 s left: re-signed
    await client.getTransactionStatus({ merchantOrderRef: "A" });
    const tokens = requests.map((r) => bearer(r.request));
    expect(requests[0]?.request.headers.get("x-portone-client-key")).toBe(clientKey);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).not.toBe(tokens[1]);
    expect(verify(tokens[2] as string).claims).toMatchObject({ iat: Date.parse("2026-01-01T00:04:01Z") / 1000, exp: Date.parse("2026-01-01T00:09:01Z") / 1000 });
    for (const t of tokens) expect(verify(t as string).valid).toBe(true);
  });

  it("is signed once for concurrent calls", async () => {
    const sign = vi.spyOn(globalThis.crypto.subtle, "sign");
    const { fetch, sent: requests } = fakeFetch(ok);
    const client = createPortOneGlobalClient({ clientKey, secretKey, fetch });
    await Promise.all(Array.from({ length: 10 }, () => client.getTransactionStatus({ merchantOrderRef: "A" })));
    expect(new Set(requests.map((r) => bearer(r.request))).size).toBe(1);
    expect(sign).toHaveBeenCalledTimes(1);
    sign.mockRestore();
  });

  it("is dropped after PortOne answers 4054, so the next call signs a new one", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-01-01T00:00:00Z"));
    let reject = true;
    const { fetch, sent: requests } = fakeFetch(() =>
      reject ? json({ message: "The JWT Token or header is invalid or expired!", status_code: "4054", status_reason: "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR" }, 401) : ok(),
    );
    const client = createPortOneGlobalClient({ clientKey, secretKey, fetch });
    const first = await client.getTransactionStatus({ merchantOrderRef: "A" });
    expect(first.error).toMatchObject({ kind: "api", code: "4054", httpStatus: 401 });
    reject = false;
    vi.setSystemTime(new Date("2026-01-01T00:00:01Z"));
    expect((await client.getTransactionStatus({ merchantOrderRef: "A" })).data).toEqual({ status: "Success" });
    expect(bearer(requests[1]!.request)).not.toBe(bearer(requests[0]!.request));
  });

  it("is not sent to initiatePayment (client key only) nor getAuthToken (no header)", async () => {
    const { fetch, sent: requests } = fakeFetch((r) =>
      r.url.endsWith("auth-token") ? json({ content: { token: "t", expires_in: 21600 }, status_code: "2000" }) : json({ is_success: true }),
    );
    const client = createPortOneGlobalClient({ clientKey, secretKey, fetch });
    await client.initiatePayment({ merchant_order_id: "O", amount: 1, currency: "USD", success_url: "https://a.kr/s", failure_url: "https://a.kr/f", environment: "sandbox", pmt_channel: "C", pmt_method: "M" });
    await client.getAuthToken();
    expect(requests[0]?.request.headers.get("authorization")).toBeNull();
    expect(requests[0]?.request.headers.get("x-portone-client-key")).toBe(clientKey);
    expect(requests[1]?.request.headers.get("authorization")).toBeNull();
    expect(requests[1]?.request.headers.get("x-portone-client-key")).toBeNull();
    expect(requests[1]?.body).toEqual({ portone_key: clientKey, portone_secret: secretKey });
  });
});
