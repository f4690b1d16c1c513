// The mock app developers run (`pnpm mock`; the global setup starts the same server) as they use it: a response
// picked by example name alone, 422 problem+json for a request that violates the spec, the list of names when one is
// unknown, and the spec's own 401 without a credential.
import { strictFetch } from "@payspec/mock/contract";
import { describe, expect, inject, it } from "vitest";
import { createPortOneClient } from "../../src/index.js";
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
