// Every operation of specs/portone against Prism: its success example, and every documented
// error type reaching the client as that operation's typed error with the right `type`.
import { explain, strictFetch } from "@payspec/mock/contract";
import { jsonQueryValidator } from "@payspec/mock/json-query";
import { describe, expect, inject, it } from "vitest";
import { createPortOneClient } from "../../src/index.js";
import { call, errorExamples, exampleValue, inputOf, operations, spec, type Operation } from "./spec.js";

const baseUrl = inject("portoneMockUrl");
const secret = "payspec-contract-secret";

const checkJsonQuery = jsonQueryValidator(spec);

/**
 * A fetch that also checks what Prism cannot: the JSON carried in the `requestBody` query
 * parameter must be declared by the operation and valid against its schema.
 */
function contractFetch(prefer: string, op: Operation) {
  const strict = strictFetch({ prefer });
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.searchParams.has("requestBody")) {
      expect(op.parameters?.some((p) => p.name === "requestBody" && p.in === "query"), `${op.operationId} takes requestBody`).toBe(true);
    }
    expect(checkJsonQuery(op, url.searchParams), `${op.operationId} requestBody query`).toEqual([]);
    if (request.method === "GET" || request.method === "DELETE") expect(await request.clone().text()).toBe("");
    return strict(request);
  };
}

it("covers the 147 operations of the provider's reference", () => {
  expect(operations).toHaveLength(147);
});

describe.concurrent.each(operations)("$operationId ($method $path)", (op) => {
  const success = Object.entries(op.responses).find(([status]) => status.startsWith("2"));

  it("success: returns the example's data", async () => {
    expect(success, "a 2xx response").toBeDefined();
    const [status, response] = success as [string, Operation["responses"][string]];
    // JSON for most operations, text/csv for the two sheet downloads, no content for two B2B calls.
    const [media] = Object.keys(response.content ?? {});
    const examples = (media && response.content?.[media]?.examples) || {};
    const name = "success" in examples ? "success" : Object.keys(examples)[0];
    const client = createPortOneClient({ secret, baseUrl, fetch: contractFetch(name ? `code=${status}, example=${name}` : `code=${status}`, op) });
    const result = await call(client, op.operationId)(inputOf(op));
    expect(result.error, explain(result.error)).toBeUndefined();
    if (!media) expect(result.data).toBeUndefined();
    else if (media === "application/json") expect(result.data).toEqual(exampleValue(examples[name as string]));
    else expect(result.data).toBe(exampleValue(examples[name as string]));
  });

  it.each(errorExamples(op))("HTTP %i %s: the operation's typed error", async (status, name) => {
    const client = createPortOneClient({ secret, baseUrl, fetch: contractFetch(`code=${status}, example=${name}`, op) });
    const result = await call(client, op.operationId)(inputOf(op));
    const example = exampleValue(op.responses[String(status)]?.content?.["application/json"]?.examples?.[name]) as { type: string };
    expect(result.data).toBeUndefined();
    expect(result.error, explain(result.error)).toMatchObject({ kind: "api", code: example.type, httpStatus: status, provider: "portone", operation: op.operationId });
    expect(result.error?.["body"]).toEqual(example);
  });
});

describe("the requestBody query check can fail", () => {
  const getPayments = operations.find((o) => o.operationId === "getPayments") as Operation;
  it("rejects a wrong type and an unknown enum value", () => {
    const params = new URLSearchParams({ requestBody: JSON.stringify({ page: { number: "x" }, filter: { status: ["NOPE"] } }) });
    expect(checkJsonQuery(getPayments, params)).toHaveLength(2);
  });
  it("rejects JSON that is not JSON", () => {
    expect(checkJsonQuery(getPayments, new URLSearchParams({ requestBody: "{bad" }))).toEqual(["requestBody: not JSON"]);
  });
  it("a client input that breaks the schema fails the call before anything is sent", async () => {
    let sent = 0;
    const fetch = contractFetch("code=200", getPayments);
    const client = createPortOneClient({ secret, baseUrl, fetch: (input, init) => (sent++, fetch(input, init)) });
    const result = await call(client, "getPayments")({ page: { number: "zero" } });
    expect(result.error).toMatchObject({ kind: "validation", field: "page.number", rule: "type" });
    expect(sent).toBe(0);
  });
});
