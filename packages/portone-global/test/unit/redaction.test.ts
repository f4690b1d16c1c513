import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createPortOneGlobalClient } from "../../src/index.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";

const secretKey = "SECRET-7f3a9c1e5b2d-global";
const credentials = { clientKey: "PORTONE_KEY", secretKey };

function assertNoSecret(value: unknown, secrets: readonly string[] = [secretKey]) {
  for (const secret of secrets) {
    expect(JSON.stringify(value) ?? "").not.toContain(secret);
    expect(inspect(value, { depth: 10, showHidden: true })).not.toContain(secret);
    if (value instanceof Error) {
      expect(value.message).not.toContain(secret);
      expect(String(value.stack)).not.toContain(secret);
      if (value.cause) assertNoSecret(value.cause, secrets);
    }
  }
}

describe("the secret never leaks", () => {
  it("not through JSON.stringify, String or inspect of the client", () => {
    const client = createPortOneGlobalClient(credentials);
    assertNoSecret(client);
    expect(String(inspect(client))).toContain("PortOneGlobalClient");
    expect(JSON.parse(JSON.stringify(client))).toEqual({ baseUrl: "https://api.portone.cloud", clientKey: "PORTONE_KEY" });
    expect(Object.values(client).some((v) => typeof v === "string" && v.includes(secretKey))).toBe(false);
  });

  it("not through status errors whose body echoes it", async () => {
    const { fetch } = fakeFetch(() => json({ message: `bad secret ${secretKey}`, status_code: "4099", status_reason: "INVALID_UNAUTHORISED_PORTONE_SECRET_ERROR", portone_secret: secretKey }, 401));
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getAuthToken();
    expect(result.error?.kind).toBe("status");
    assertNoSecret(result);
    expect(result.error?.kind === "status" && result.error.body["portone_secret"]).toBe("[REDACTED]");
  });

  it("not through HTTP, invalid-response and network errors, nor the JWT", async () => {
    let token = "";
    for (const respond of [
      (r: Request) => new Response(`<html>${secretKey} ${r.headers.get("authorization")}</html>`, { status: 500 }),
      (r: Request) => new Response(`not json ${secretKey} ${r.headers.get("authorization")}`, { status: 200 }),
      (r: Request) => Promise.reject(new TypeError(`connect failed ${secretKey} ${r.headers.get("authorization")}`)),
    ]) {
      const { fetch, sent: requests } = fakeFetch(respond);
      const result = await createPortOneGlobalClient({ ...credentials, fetch }).getTransactionStatus({ merchantOrderRef: "A" });
      token = (requests[0]?.request.headers.get("authorization") ?? "").replace("Bearer ", "");
      expect(token.length).toBeGreaterThan(20);
      expect(result.ok).toBe(false);
      assertNoSecret(result.error, [secretKey, token]);
    }
  });

  it("not through validation errors of getAuthToken-like input", async () => {
    const client = createPortOneGlobalClient(credentials);
    const result = await client.initiatePayment({ merchant_order_id: secretKey, amount: -1, currency: "usd", success_url: "x", failure_url: "y", environment: "sandbox", pmt_channel: "C", pmt_method: "M" });
    expect(result.error?.kind).toBe("validation");
    assertNoSecret(result.error);
  });
});
