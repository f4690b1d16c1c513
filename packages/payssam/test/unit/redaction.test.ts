import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createPaySsamClient } from "../../src/index.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";

const apiKey = "SECRET-KEY-7f3a9c1e5b2d";
const credentials = { apiKey, member: "MEMBER-1", merchant: "MERCHANT-1" };

function assertNoKey(value: unknown) {
  expect(JSON.stringify(value) ?? "").not.toContain(apiKey);
  expect(inspect(value, { depth: 10, showHidden: true })).not.toContain(apiKey);
  if (value instanceof Error) {
    expect(value.message).not.toContain(apiKey);
    expect(String(value.stack)).not.toContain(apiKey);
  }
}

describe("the API key never leaks", () => {
  it("not through JSON.stringify, String or inspect of the client", () => {
    const client = createPaySsamClient(credentials);
    assertNoKey(client);
    expect(JSON.parse(JSON.stringify(client))).toEqual({ baseUrl: "https://sandbox.paymint.co.kr/partner", member: "MEMBER-1", merchant: "MERCHANT-1" });
    expect(Object.values(client).some((v) => typeof v === "string" && v.includes(apiKey))).toBe(false);
  });

  it("not through data the provider echoes back", async () => {
    const { fetch } = fakeFetch(() => json({ code: "0000", message: "성공하였습니다.", data: { apiKey, billId: "1", shortUrl: "https://x" } }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    assertNoKey(result);
    expect(result.ok && result.data).toMatchObject({ apiKey: "[REDACTED]", billId: "1" });
  });

  it("not through result errors and their envelope", async () => {
    const { fetch } = fakeFetch(() => json({ code: "PARTNER_003", message: `정상적인 파트너가 아닙니다. (${apiKey})`, data: { apiKey } }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    expect(result.error?.kind).toBe("result");
    assertNoKey(result.error);
  });

  it("not through HTTP, invalid-response and network errors", async () => {
    for (const respond of [
      () => new Response(`<html>${apiKey}</html>`, { status: 500 }),
      () => new Response(`not json ${apiKey}`, { status: 200 }),
      () => Promise.reject(new TypeError(`connect failed for body ${apiKey}`)),
    ]) {
      const { fetch } = fakeFetch(respond);
      const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
      expect(result.ok).toBe(false);
      assertNoKey(result.error);
    }
  });

  it("not through validation errors", async () => {
    const result = await createPaySsamClient(credentials).sendBill({
      billId: "x".repeat(30),
      sendType: "TALK",
      productName: "p",
      price: "1",
      memberName: "m",
      phone: "01000000000",
      callbackUrl: "https://x.kr",
    });
    expect(result.error?.kind).toBe("validation");
    assertNoKey(result.error);
  });
});
