// The mock app developers run (`pnpm mock`; the global setup starts the same server) as they use it: a response
// picked by example name alone, 422 problem+json for a request that violates the spec or is not JSON, the list of
// names when one is unknown, and the spec's own 401 without a credential; and the mock's own answers as the client
// reports them: `http` errors whose `bodySnippet` keeps the mock's detail, never an `api` error coded with a Prism URL.
import { strictFetch } from "@payspec/mock/contract";
import { describe, expect, inject, it } from "vitest";
import { createPortOneClient, createPortOneFetchClient } from "../../src/index.js";
import { call, errorExamples, inputOf, operations, type Operation } from "./spec.js";

const baseUrl = inject("portoneMockUrl");

// Every 12th operation: operations.test.ts asks for every documented example with its status (`code=…`); this checks
// that the mock finds the status from the name alone.
/** Calls the operation with its example input, the response chosen by `Prefer: example=NAME` alone. */
function callByName(op: Operation, name: string) {
  const client = createPortOneClient({ secret: "payspec-mock-secret", baseUrl, fetch: strictFetch({ prefer: `example=${name}` }) });
  return call(client, op.operationId)(inputOf(op));
}

describe.concurrent.each(operations.filter((_, i) => i % 12 === 0))("$operationId", (op) => {
  const success = Object.entries(op.responses).find(([status]) => status.startsWith("2"))?.[1];
  it.each(Object.keys(success?.content?.["application/json"]?.examples ?? {}))("the success example %s: chosen by name alone", async (name) => {
    expect((await callByName(op, name)).error).toBeUndefined();
  });
  it.each(errorExamples(op))("HTTP %i %s: chosen by name alone", async (status, name) => {
    expect((await callByName(op, name)).error).toMatchObject({ kind: "api", code: name, httpStatus: status });
  });
});

it("answers a request that violates the spec with 422 problem+json, not a documented business error", async () => {
  const res = await fetch(`${baseUrl}/payments/order-1/billing-key`, {
    method: "POST",
    headers: { Authorization: "PortOne test-secret", "Content-Type": "application/json" },
    body: JSON.stringify({ billingKey: "billing-key-1", customer: {}, amount: { total: 1000 }, currency: "KRW" }),
  });
  expect(res.status).toBe(422);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = await res.json();
  expect(problem.type).toBe("https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY");
  expect(problem.detail).toContain("orderName");
  expect(problem.validation[0]).toMatchObject({ location: ["request", "body"], code: "required" });
});

it("selects an error example by name alone, and lists the names when one is unknown", async () => {
  const request = (prefer: string) => fetch(`${baseUrl}/payments/order-1`, { headers: { Authorization: "PortOne test-secret", Prefer: prefer } });
  const found = await request("example=PAYMENT_NOT_FOUND");
  expect(found.status).toBe(404);
  expect(await found.json()).toMatchObject({ type: "PAYMENT_NOT_FOUND" });
  const unknown = await request("example=NO_SUCH_EXAMPLE");
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get("content-type")).toBe("application/problem+json");
  expect((await unknown.json()).detail).toContain("PAYMENT_NOT_FOUND");
});

it("keeps 401 for a missing credential", async () => {
  const res = await fetch(`${baseUrl}/payments/order-1`);
  expect(res.status).toBe(401);
});

it("answers a body that is not JSON with 422 problem+json, not Prism's 400 {\"error\":…}", async () => {
  const res = await fetch(`${baseUrl}/payments/order-1/billing-key`, {
    method: "POST",
    headers: { Authorization: "PortOne test-secret", "Content-Type": "application/json" },
    body: '{"billingKey": "billing-key-1",',
  });
  expect(res.status).toBe(422);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const problem = await res.json();
  expect(problem).toMatchObject({ type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY", title: "Invalid request", status: 422 });
  expect(problem.detail).toContain("payWithBillingKey: body: is not valid JSON");
});

// The client checks its input before sending, so these requests are changed on their way out, by the `fetch` the
// client is given: what a client and a spec that disagree, or a proxy, would send. The mock's answers must reach the
// caller as HTTP errors with the mock's words in `bodySnippet` (until the client treats application/problem+json
// so, the spec violation and the unknown example come back as `api` errors coded with Prism's URL).
describe("the mock's own answers, through createPortOneClient", () => {
  const payWithBillingKey = operations.find((op) => op.operationId === "payWithBillingKey") as Operation;
  const getPayment = operations.find((op) => op.operationId === "getPayment") as Operation;

  /** A client whose requests are changed by `change` after the client built (and checked) them. */
  function changing(change: (init: RequestInit & { headers: Headers }) => void) {
    const fetch: typeof globalThis.fetch = (input, init) => {
      const changed = { ...init, headers: new Headers(init?.headers) };
      change(changed);
      return globalThis.fetch(input, changed);
    };
    return createPortOneClient({ secret: "payspec-mock-secret", baseUrl, fetch });
  }
  const body = (init: RequestInit) => JSON.parse(String(init.body)) as Record<string, unknown>;

  it("a request the spec rejects: http 422 with the violation", async () => {
    const client = changing((init) => {
      const { orderName: _, ...rest } = body(init);
      init.body = JSON.stringify(rest);
    });
    const { data, error } = await call(client, "payWithBillingKey")(inputOf(payWithBillingKey));
    expect(data).toBeUndefined();
    expect(error).toMatchObject({ kind: "http", httpStatus: 422 });
    expect(error?.["bodySnippet"]).toContain("The request does not match the spec of payWithBillingKey: body: Request body must have required property 'orderName'");
  });

  it("a body that is not JSON: http 422 saying so", async () => {
    const client = changing((init) => {
      init.body = String(init.body).slice(0, -1);
    });
    const { error } = await call(client, "payWithBillingKey")(inputOf(payWithBillingKey));
    expect(error).toMatchObject({ kind: "http", httpStatus: 422 });
    expect(error?.["bodySnippet"]).toContain("payWithBillingKey: body: is not valid JSON");
  });

  it("an unknown example: http 404 listing the names", async () => {
    const client = changing((init) => init.headers.set("Prefer", "example=NO_SUCH_EXAMPLE"));
    const { error } = await call(client, "getPayment")(inputOf(getPayment));
    expect(error).toMatchObject({ kind: "http", httpStatus: 404 });
    // The problem's text as sent: its quotes are escaped in the JSON.
    expect(error?.["bodySnippet"]).toContain("getPayment has no example named");
    expect(error?.["bodySnippet"]).toContain("NO_SUCH_EXAMPLE");
    expect(error?.["bodySnippet"]).toContain("PAYMENT_NOT_FOUND");
  });

  it("the openapi-fetch client sends a body that is not JSON as it is, and gets the 422 problem", async () => {
    const raw = createPortOneFetchClient({ secret: "payspec-mock-secret", baseUrl });
    const { error, response } = await raw.POST("/payments/{paymentId}/billing-key", {
      params: { path: { paymentId: "order-1" } },
      body: inputOf(payWithBillingKey) as never,
      bodySerializer: (value) => JSON.stringify(value).slice(0, -1),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(error).toMatchObject({ status: 422, title: "Invalid request" });
    expect((error as { detail?: string }).detail).toContain("payWithBillingKey: body: is not valid JSON");
  });
});
