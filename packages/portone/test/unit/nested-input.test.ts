// A misspelt field is refused at every depth of the input, not only at the top: a nested object of the
// spec is closed too (a field PortOne does not know would be dropped or rejected after sending).
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { expect, it } from "vitest";
import { createPortOneClient } from "../../src/index.js";

it.each([
  ["method.card.credential.numbr", { method: { card: { credential: { numbr: "4111111111111111", expiryYear: "29", expiryMonth: "12" } } } }],
  ["customer.nmae", { method: { card: { credential: { number: "4111111111111111", expiryYear: "29", expiryMonth: "12" } } }, customer: { nmae: { full: "홍길동" } } }],
])("issueBillingKey: %s is not a known field, and nothing is sent", async (field, input) => {
  const { fetch, requests } = fakeFetch(() => json({}));
  const client = createPortOneClient({ secret: "nested-input-secret", fetch });
  const result = await client.issueBillingKey(input as never);
  expect(result.error?.kind).toBe("validation");
  expect(result.error).toMatchObject({ issues: expect.arrayContaining([expect.objectContaining({ field, rule: "additionalProperties" })]) });
  expect(result.error?.message).not.toContain("4111111111111111");
  expect(requests).toHaveLength(0);
});
