// The mock's own answers (`pnpm mock`; the global setup starts the same server) as the client reports them: a request
// the spec rejects or whose body is not JSON (422) and an unknown example (404) are application/problem+json, and
// reach the caller as `http` errors whose `bodySnippet` keeps the mock's detail, never as a PortOne Global status.
// The client checks its input before sending, so these requests are changed on their way out, by the `fetch` the
// client is given: what a client and a spec that disagree, or a proxy, would send.
import { describe, expect, inject, it } from "vitest";
import { createPortOneGlobalClient } from "../../src/index.js";

const baseUrl = inject("portoneGlobalMockUrl");
const credentials = { clientKey: "PORTONE_KEY", secretKey: "PORTONE_SECRET" };
const payment = {
  merchant_order_id: "ORDER-1001",
  amount: 100.25,
  currency: "USD",
  success_url: "https://checkout.portone.cloud/success.html",
  failure_url: "https://checkout.portone.cloud/failure.html",
  environment: "sandbox",
  pmt_channel: "PORTONE_KR",
  pmt_method: "PORTONE_KG_INICIS_CREDIT_CARD",
} as const;

/** A client whose requests are changed by `change` after the client built (and checked) them. */
function changing(change: (init: RequestInit & { headers: Headers }) => void) {
  const fetch: typeof globalThis.fetch = (input, init) => {
    const changed = { ...init, headers: new Headers(init?.headers) };
    change(changed);
    return globalThis.fetch(input, changed);
  };
  return createPortOneGlobalClient({ ...credentials, baseUrl, fetch });
}
const body = (init: RequestInit) => JSON.parse(String(init.body)) as Record<string, unknown>;
const snippetOf = (error: unknown) => (error !== null && typeof error === "object" && "bodySnippet" in error ? String(error.bodySnippet) : "");

describe("the mock's own answers, through createPortOneGlobalClient", () => {
  it("a request the spec rejects: http 422 with the violation", async () => {
    const client = changing((init) => {
      const { pmt_method: _, ...rest } = body(init);
      init.body = JSON.stringify(rest);
    });
    const { data, error } = await client.initiatePayment(payment);
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: "http", httpStatus: 422 });
    expect(snippetOf(error)).toContain("The request does not match the spec of initiatePayment: body: Request body must have required property 'pmt_method'");
  });

  it("a body that is not JSON: http 422 saying so", async () => {
    const client = changing((init) => {
      init.body = String(init.body).slice(0, -1);
    });
    const { error } = await client.initiatePayment(payment);
    expect(error).toMatchObject({ kind: "http", httpStatus: 422 });
    expect(snippetOf(error)).toContain("initiatePayment: body: is not valid JSON");
  });

  it("an unknown example: http 404 listing the names", async () => {
    const client = changing((init) => init.headers.set("Prefer", "example=NO_SUCH_EXAMPLE"));
    const { error } = await client.initiatePayment(payment);
    expect(error).toMatchObject({ kind: "http", httpStatus: 404 });
    // The problem's text as sent: its quotes are escaped in the JSON.
    expect(snippetOf(error)).toContain("initiatePayment has no example named");
    expect(snippetOf(error)).toContain("NO_SUCH_EXAMPLE");
    expect(snippetOf(error)).toContain("success");
  });
});
