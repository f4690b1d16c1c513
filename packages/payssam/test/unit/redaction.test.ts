import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createPaySsamClient } from "../../src/index.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";

const apiKey = "SECRET/KEY=7f3a9c1e5b2d";
const credentials = { apiKey, member: "MEMBER-1", merchant: "MERCHANT-1" };
// How servers echo it inside JSON strings: PHP escapes `/` (`\/`), Gson escapes `=` (`\u003d`).
const phpEscaped = apiKey.replace(/\//g, "\\/");
const gsonEscaped = apiKey.replace(/=/g, "\\u003d");

function assertNoKey(value: unknown) {
  expect(JSON.stringify(value) ?? "").not.toContain(apiKey);
  expect(inspect(value, { depth: 10, showHidden: true })).not.toContain(apiKey);
  for (let e: unknown = value; e instanceof Error; e = e.cause) {
    expect(e.message).not.toContain(apiKey);
    expect(String(e.stack)).not.toContain(apiKey);
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
    const { fetch } = fakeFetch(() => json({ code: "0000", message: "성공하였습니다.", data: { apiKey, APIKEY: "x", billId: "1", apprState: "F", shortUrl: "https://x" } }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    assertNoKey(result.data);
    expect(result.data).toMatchObject({ apiKey: "[REDACTED]", APIKEY: "[REDACTED]", billId: "1" });
  });

  it("not through api errors: body, server message", async () => {
    const { fetch } = fakeFetch(() => json({ code: "PARTNER_003", message: `정상적인 파트너가 아닙니다. (${apiKey})`, data: { apiKey, note: `key ${apiKey}` } }));
    const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
    expect(result.error?.kind).toBe("api");
    assertNoKey(result.error);
  });

  it("not through HTTP, invalid-response and network errors, JSON-escaped echoes and cause chains included", async () => {
    for (const respond of [
      () => new Response(`<html>${apiKey}</html>`, { status: 500 }),
      () => new Response(`{"echo":"${phpEscaped}"`, { status: 200 }),
      () => new Response(`<p>${gsonEscaped}</p>`, { status: 503 }),
      () => new Response(`not json ${apiKey}`, { status: 200 }),
      () => Promise.reject(new TypeError(`connect failed for body ${apiKey}`, { cause: new Error(`inner ${apiKey}`) })),
    ]) {
      const { fetch } = fakeFetch(respond);
      const result = await createPaySsamClient({ ...credentials, fetch }).readBill({ billId: "1" });
      expect(result.error).toBeDefined();
      assertNoKey(result.error);
      for (const form of [phpEscaped, gsonEscaped]) expect((result.error as { bodySnippet?: string }).bodySnippet ?? "").not.toContain(form);
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

  it("not through onEvent", async () => {
    const events: unknown[] = [];
    const { fetch } = fakeFetch(() => json({ code: "0000", data: { apiKey } }));
    await createPaySsamClient({ ...credentials, fetch, onEvent: (e) => events.push(e) }).readBill({ billId: "1" });
    expect(events.map((e) => (e as { type: string }).type)).toEqual(["request", "response"]);
    assertNoKey(events);
  });
});
