// The mock's own answers (`pnpm mock`; the global setup starts the same server) as the client reports them: a request
// the spec rejects or whose body is not JSON (422) and an unknown example (404) are application/problem+json, and
// reach the caller as `http` errors whose `bodySnippet` keeps the mock's detail, never as a PaySsam result code.
// The client checks its input before sending, so these requests are changed on their way out, by the `fetch` the
// client is given: what a client and a spec that disagree, or a proxy, would send.
import { describe, expect, inject, it } from "vitest";
import { createPaySsamClient } from "./support.js";

const baseUrl = inject("payssamMockUrl");
const credentials = { apiKey: "payspec-contract-key", member: "PAYSPEC-MEMBER", merchant: "PAYSPEC-MERCHANT" };

/** A client whose requests are changed by `change` after the client built (and checked) them. */
function changing(change: (init: RequestInit & { headers: Headers }) => void) {
  const fetch: typeof globalThis.fetch = (input, init) => {
    const changed = { ...init, headers: new Headers(init?.headers) };
    change(changed);
    return globalThis.fetch(input, changed);
  };
  return createPaySsamClient({ ...credentials, baseUrl, fetch });
}
const body = (init: RequestInit) => JSON.parse(String(init.body)) as Record<string, unknown>;
const snippetOf = (error: unknown) => (error !== null && typeof error === "object" && "bodySnippet" in error ? String(error.bodySnippet) : "");

describe("the mock's own answers, through createPaySsamClient", () => {
  it("a request the spec rejects: http 422 with the violation", async () => {
    const client = changing((init) => {
      const { member: _, ...rest } = body(init);
      init.body = JSON.stringify(rest);
    });
    const { data, error } = await client.readBill({ billId: "1024" });
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: "http", httpStatus: 422 });
    expect(snippetOf(error)).toContain("The request does not match the spec of readBill: body: Request body must have required property 'member'");
  });

  it("a body that is not JSON: http 422 saying so", async () => {
    const client = changing((init) => {
      init.body = String(init.body).slice(0, -1);
    });
    const { error } = await client.readBill({ billId: "1024" });
    expect(error).toMatchObject({ kind: "http", httpStatus: 422 });
    expect(snippetOf(error)).toContain("readBill: body: is not valid JSON");
  });

  it("an unknown example: http 404 listing the names", async () => {
    const client = changing((init) => init.headers.set("Prefer", "example=NO_SUCH_EXAMPLE"));
    const { error } = await client.readBill({ billId: "1024" });
    expect(error).toMatchObject({ kind: "http", httpStatus: 404 });
    // The problem's text as sent: its quotes are escaped in the JSON.
    expect(snippetOf(error)).toContain("readBill has no example named");
    expect(snippetOf(error)).toContain("NO_SUCH_EXAMPLE");
    expect(snippetOf(error)).toContain("BILL_003");
  });
});
