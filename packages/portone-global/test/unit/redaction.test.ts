import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createPortOneGlobalClient, createPortOneGlobalFetchClient } from "../../src/index.js";
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
    expect(inspect(createPortOneGlobalFetchClient(client), { depth: 10 })).not.toContain(secretKey);
    expect(Object.values(client).some((v) => typeof v === "string" && v.includes(secretKey))).toBe(false);
  });

  it("not through status errors whose body echoes it", async () => {
    const { fetch } = fakeFetch(() => json({ message: `bad secret ${secretKey}`, status_code: "4099", status_reason: "INVALID_UNAUTHORISED_PORTONE_SECRET_ERROR", portone_secret: secretKey }, 401));
    const result = await createPortOneGlobalClient({ ...credentials, fetch }).getAuthToken();
    expect(result.error?.kind).toBe("api");
    assertNoSecret(result.error);
    expect(result.error?.kind === "api" && result.error.body["portone_secret"]).toBe("[REDACTED]");
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
      expect(result.data).toBeUndefined();
      assertNoSecret(result.error, [secretKey, token]);
    }
  });

  it("not through JSON-escaped echoes (\\/, \\u003d) of the secret and the JWT, in API bodies and HTTP snippets", async () => {
    const slashy = "SECRET/with=slash+plus-7f3a";
    // PHP's json_encode writes `\/`, Gson writes `\u003d`.
    for (const [status, escaped] of [401, 502].flatMap((s) => [slashy.replace(/\//g, "\\/"), slashy.replace(/=/g, "\\u003d")].map((e) => [s, e] as const))) {
      const { fetch } = fakeFetch((r) => {
        const token = (r.headers.get("authorization") ?? "").replace("Bearer ", "");
        const text = status === 401 ? `{"message":"echo ${escaped} ${token}","status_code":"4010","nested":{"secretKey":"x"}}` : `<html>echo ${escaped} ${token}</html>`;
        return new Response(text, { status, headers: { "content-type": "application/json" } });
      });
      const client = createPortOneGlobalClient({ clientKey: "PORTONE_KEY", secretKey: slashy, fetch });
      const result = await client.getTransactionStatus({ merchantOrderRef: "A" });
      expect(result.error?.kind).toBe(status === 401 ? "api" : "http");
      assertNoSecret(result.error, [slashy, escaped]);
      expect(JSON.stringify(result.error)).not.toMatch(/eyJ/);
      expect(inspect(result.error, { depth: 10 })).not.toMatch(/eyJ/);
    }
  });

  it("not through events, whose credential headers are redacted", async () => {
    const events: unknown[] = [];
    const { fetch } = fakeFetch(() => json({ content: { status: "Success" }, status_code: "2000" }));
    await createPortOneGlobalClient({ ...credentials, fetch, onEvent: (e) => events.push(e) }).getTransactionStatus({ merchantOrderRef: "A" });
    expect(events.length).toBeGreaterThan(1);
    expect(JSON.stringify(events)).not.toMatch(/eyJ|SECRET-7f3a/);
  });

  it("not through validation errors of getAuthToken-like input", async () => {
    const client = createPortOneGlobalClient(credentials);
    const result = await client.initiatePayment({ merchant_order_id: secretKey, amount: -1, currency: "usd", success_url: "x", failure_url: "y", environment: "sandbox", pmt_channel: "C", pmt_method: "M" });
    expect(result.error?.kind).toBe("validation");
    assertNoSecret(result.error);
  });
});
