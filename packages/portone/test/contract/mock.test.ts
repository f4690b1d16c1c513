// The mock app developers run (`pnpm mock`; the global setup starts the same server) as they use it: a response
// picked by example name alone, 422 problem+json for a request that violates the spec, the list of names when one is
// unknown, and the spec's own 401 without a credential.
import { strictFetch } from "@payspec/mock/contract";
import { describe, expect, inject, it } from "vitest";
import { createPortOneClient } from "../../src/index.js";
import { call, errorExamples, inputOf, operations } from "./spec.js";

const baseUrl = inject("portoneMockUrl");

// Every 12th operation: operations.test.ts asks for every documented example with its status (`code=…`); this checks
// that the mock finds the status from the name alone.
describe.concurrent.each(operations.filter((_, i) => i % 12 === 0))("$operationId", (op) => {
  const success = Object.values(Object.fromEntries(Object.entries(op.responses).filter(([status]) => status.startsWith("2"))))[0];
  const successNames = Object.keys(success?.content?.["application/json"]?.examples ?? {});
  it.each(successNames)("the success example %s: chosen by `Prefer: example=` alone", async (name) => {
    const client = createPortOneClient({ secret: "payspec-mock-secret", baseUrl, fetch: strictFetch({ prefer: `example=${name}` }) });
    const result = await call(client, op.operationId)(inputOf(op));
    expect(result.error).toBeUndefined();
  });
  it.each(errorExamples(op))("HTTP %i %s: chosen by `Prefer: example=` alone", async (status, name) => {
    const client = createPortOneClient({ secret: "payspec-mock-secret", baseUrl, fetch: strictFetch({ prefer: `example=${name}` }) });
    const result = await call(client, op.operationId)(inputOf(op));
    expect(result.error).toMatchObject({ kind: "api", code: name, httpStatus: status });
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
