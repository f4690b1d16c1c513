// PortOne Global's checks, in process (sb.global.fetch, no port): each misuse answered with the spec's status code
// and HTTP status, and every answer validated against specs/portone-global.
import { createHmac } from "node:crypto";
import { createPortOneGlobalClient } from "@payspec/portone-global";
import { beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { globalJudge, type GlobalJudge } from "./global-spec.js";

const KEY = "rules-global-key";
const SECRET = "rules-global-secret";
const BASE = "https://api.portone.cloud";

let sb: Sandbox;
let judge: GlobalJudge;
let fetch: typeof globalThis.fetch;

beforeAll(async () => {
  judge = await globalJudge();
  sb = createSandbox({ global: { clientKey: KEY, secretKey: SECRET } });
  fetch = judge.checked(sb.global.fetch);
});

const code = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);
const client = (secretKey = SECRET, clientKey = KEY) => createPortOneGlobalClient({ clientKey, secretKey, baseUrl: BASE, fetch });

const fields = (merchantOrderId: string) => ({
  merchant_order_id: merchantOrderId,
  amount: 100.25,
  currency: "USD",
  success_url: "https://shop.example/success",
  failure_url: "https://shop.example/failure",
  environment: "sandbox" as const,
  pmt_channel: "PORTONE_KR",
  pmt_method: "PORTONE_KG_INICIS_CREDIT_CARD",
});

/** An HS256 JWT as PortOne Global takes it, with chosen claims. */
function jwt(secret: string, claims: Record<string, unknown>) {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

async function raw(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(`${BASE}${path}`, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("PortOne Global's credentials and signatures", () => {
  it("accepts the spec's worked example: PORTONE_KEY / PORTONE_SECRET sign z08C7Ahc… for ORDER-1001", async () => {
    const example = createSandbox({ global: { clientKey: "PORTONE_KEY", secretKey: "PORTONE_SECRET" } });
    const response = await example.global.fetch(`${BASE}/api/initiatePayment`, {
      method: "POST",
      headers: { "X-Portone-Client-Key": "PORTONE_KEY", "content-type": "application/json" },
      body: JSON.stringify({
        portone_key: "PORTONE_KEY",
        merchant_order_id: "ORDER-1001",
        amount: 100.25,
        currency: "USD",
        success_url: "https://checkout.portone.cloud/success.html",
        failure_url: "https://checkout.portone.cloud/failure.html",
        signature_hash: "z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=",
        environment: "sandbox",
        pmt_channel: "PORTONE_KR",
        pmt_method: "PORTONE_KG_INICIS_CREDIT_CARD",
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ is_success: true, merchant_order_ref: "ORDER-1001" });
    await example.close();
  });

  it("a signature_hash made with another secret is 4011 with HTTP 401, and nothing is initiated", async () => {
    const before = sb.global.transactions().length;
    // The client signs with the secret it is given: a wrong one makes a signature that does not match.
    const result = await client("not-the-secret").initiatePayment(fields("RULE-SIG-1"));
    expect(code(result)).toBe("4011");
    expect(result.error?.kind === "api" && result.error.httpStatus).toBe(401);
    expect(sb.global.transactions()).toHaveLength(before);
    // An altered field after signing: 4011 too.
    const signed = await client().signPaymentRequest({ ...fields("RULE-SIG-2") });
    const altered = await raw("POST", "/api/initiatePayment", { "X-Portone-Client-Key": KEY }, { ...fields("RULE-SIG-2"), amount: 1, portone_key: KEY, signature_hash: signed });
    expect(altered).toMatchObject({ status: 401, body: { status_code: "4011", status_reason: "INVALID_UNAUTHORISED_TRANSACTION_SIGNATURE_ERROR", is_success: false } });
    // The same body with the right signature is accepted.
    const ok = await raw("POST", "/api/initiatePayment", { "X-Portone-Client-Key": KEY }, { ...fields("RULE-SIG-2"), portone_key: KEY, signature_hash: signed });
    expect(ok.status).toBe(200);
    expect(judge.violations).toEqual([]);
  });

  it("a missing or unknown client key is 4010 with HTTP 401; a bad environment 4034; a used merchant_order_id 4001", async () => {
    expect(code(await client(SECRET, "unknown-key").initiatePayment(fields("RULE-KEY-1")))).toBe("4010");
    expect(await raw("GET", "/api/transaction/RULE-KEY-1/status", {})).toMatchObject({ status: 401, body: { status_code: "4010" } });
    const signed = await client().signPaymentRequest(fields("RULE-ENV-1"));
    const env = await raw("POST", "/api/initiatePayment", { "X-Portone-Client-Key": KEY }, { ...fields("RULE-ENV-1"), environment: "staging", portone_key: KEY, signature_hash: signed });
    expect(env).toMatchObject({ status: 400, body: { status_code: "4034", status_reason: "INVALID_ENVIRONMENT" } });
    expect((await client().initiatePayment(fields("RULE-DUP-1"))).error).toBeUndefined();
    expect(code(await client().initiatePayment(fields("RULE-DUP-1")))).toBe("4001");
    expect(judge.violations).toEqual([]);
  });

  it("a JWT signed with another secret, for another key, or expired is 4054 with HTTP 401", async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      jwt("wrong-secret", { iss: "PORTONE", sub: KEY, iat: now, exp: now + 100 }),
      jwt(SECRET, { iss: "PORTONE", sub: "other-key", iat: now, exp: now + 100 }),
      jwt(SECRET, { iss: "PORTONE", sub: KEY, iat: now - 200, exp: now - 100 }),
      "not-a-jwt",
    ];
    for (const token of cases) {
      const answer = await raw("GET", "/api/transaction/RULE-DUP-1/status", { "X-Portone-Client-Key": KEY, Authorization: `Bearer ${token}` });
      expect(answer).toMatchObject({ status: 401, body: { status_code: "4054", status_reason: "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR" } });
    }
    const valid = jwt(SECRET, { iss: "PORTONE", sub: KEY, iat: now, exp: now + 100 });
    expect(await raw("GET", "/api/transaction/RULE-DUP-1/status", { "X-Portone-Client-Key": KEY, Authorization: `Bearer ${valid}` })).toMatchObject({
      status: 200,
      body: { content: { status: "Pending" }, status_code: "2000", status_reason: "SUCCESS" },
    });
    expect(judge.violations).toEqual([]);
  });

  it("getAuthToken issues a JWT the other operations accept; an unknown key is 4016 and a wrong secret 4099", async () => {
    const issued = await raw("POST", "/api/merchant/auth-token", {}, { portone_key: KEY, portone_secret: SECRET });
    expect(issued).toMatchObject({ status: 200, body: { content: { expires_in: 21600 }, status_code: "2000" } });
    const token = (issued.body["content"] as { token: string }).token;
    expect((await raw("GET", "/api/transaction/RULE-DUP-1/status", { "X-Portone-Client-Key": KEY, Authorization: `Bearer ${token}` })).status).toBe(200);
    expect(await raw("POST", "/api/merchant/auth-token", {}, { portone_key: "nope", portone_secret: SECRET })).toMatchObject({ status: 401, body: { status_code: "4016" } });
    expect(await raw("POST", "/api/merchant/auth-token", {}, { portone_key: KEY, portone_secret: "nope" })).toMatchObject({ status: 401, body: { status_code: "4099" } });
    expect(judge.violations).toEqual([]);
  });

  it("generateSignature computes what the client signs", async () => {
    const input = { currency: "USD", amount: 100.25, merchant_order_id: "RULE-GEN-1", success_url: "https://shop.example/s", failure_url: "https://shop.example/f" };
    const generated = await client().generateSignature(input);
    expect(generated.error).toBeUndefined();
    expect(generated.data?.signature).toBe(await client().signPaymentRequest(input));
    expect(judge.violations).toEqual([]);
  });

  it("unknown references: status and details 4042 with HTTP 404 (details with another key in the path: MERCHANT_NOT_FOUND)", async () => {
    const status = await client().getTransactionStatus({ merchantOrderRef: "NO-SUCH-ORDER" });
    expect(code(status)).toBe("4042");
    expect(status.error?.kind === "api" && status.error.httpStatus).toBe(404);
    expect(code(await client().getTransactionDetails({ order_ref: "no-such-ref" }))).toBe("4042");
    const token = jwt(SECRET, { iss: "PORTONE", sub: KEY, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 100 });
    const other = await raw("POST", "/api/other-key/transaction-details", { "X-Portone-Client-Key": KEY, Authorization: `Bearer ${token}` }, { order_ref: "x" });
    expect(other).toMatchObject({ status: 404, body: { status_code: "4042", status_reason: "MERCHANT_NOT_FOUND" } });
    expect(judge.violations).toEqual([]);
  });

  it("a lost answer: the payment is initiated although the client saw a reset", async () => {
    sb.faults.inject({ operation: "initiatePayment", fault: "lost-answer" });
    const result = await client().initiatePayment(fields("RULE-LOST-1"));
    expect(result.error?.kind).toBe("network");
    expect((await client().getTransactionStatus({ merchantOrderRef: "RULE-LOST-1" })).data).toEqual({ status: "Pending" });
  });
});
