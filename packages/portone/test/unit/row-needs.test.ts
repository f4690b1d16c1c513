// Issue 16, item 2: each row names what its input needs of the runtime beyond the core validator (the
// keyword checkers) and, when its input may hold card data, personal numbers or billing keys, the scan
// that finds them (`personalData`), so that a bundle carries only those. Checked here against the rows
// themselves: a row that forgot a checker or the scan would leave a rule unchecked or a card number in
// an error. The same tests run for every client.
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { rowNeeds } from "@payspec/mock/row-needs";
import { isSensitiveField, personalData, type RequestSchema } from "@payspec/runtime";
import { describe, expect, it } from "vitest";
import { call } from "../../src/core.js";
import type { PortOneOperation } from "../../src/generated/common.js";
import { operations } from "../../src/generated/operations.js";
import { createPortOneClient, createPortOneCore } from "../../src/index.js";

const secret = "row-needs-secret-7f3a9c";

/** The keywords beyond the core that `schema` uses anywhere, and whether it names a personal field or is open to any field (the one reference of the three clients' tests). */
const needs = (schema: RequestSchema | null | undefined, parent = "") => rowNeeds(isSensitiveField, schema, parent);

describe("each row names what its input needs", () => {
  const rows = Object.values(operations) as PortOneOperation[];

  it.each(rows.map((op) => [op.id, op] as const))("%s: exactly the keyword checkers its input uses", (_id, op) => {
    expect(Object.keys(op.keywords ?? {}).sort()).toEqual([...needs(op.input).keywords].sort());
  });

  it.each(rows.filter((op) => needs(op.input).personal).map((op) => [op.id, op] as const))("%s: personalData (its input may hold card data, personal numbers or billing keys)", (_id, op) => {
    expect(op.personal).toBe(personalData);
  });

  it("getPayment carries no checker beyond the core and no scan (its input is a payment id and a store id)", () => {
    expect(operations.getPayment.keywords).toBeUndefined();
    expect(operations.getPayment.personal).toBeUndefined();
  });
});

describe("what is not carried is never skipped", () => {
  it("a row whose input uses a keyword it names no checker for is refused, nothing sent", async () => {
    const { fetch, requests } = fakeFetch(() => json({}));
    const op = { ...operations.getPayment, input: { type: "object", properties: { paymentId: { type: "string", pattern: "^p" } } } } as PortOneOperation;
    const result = await call(createPortOneCore({ secret, fetch }), op, { paymentId: "p1" }, undefined);
    expect(result.error).toMatchObject({ kind: "validation", field: "paymentId", rule: "pattern" });
    expect(result.error?.message).toMatch(/cannot be checked/);
    expect(requests).toHaveLength(0);
  });

  it("the card data of a body (issueBillingKey), echoed in an error body and message, never comes back", async () => {
    const card = "4111111111111111";
    const birth = "19900101";
    const { fetch } = fakeFetch(() => json({ type: "INVALID_REQUEST", message: `card ${card} refused`, echo: `birth ${birth}` }, 400));
    const events: string[] = [];
    const client = createPortOneClient({ secret, fetch, onEvent: (event) => void events.push(JSON.stringify(event)) });
    const method = { card: { credential: { number: card, expiryYear: "29", expiryMonth: "12", birthOrBusinessRegistrationNumber: birth } } };
    const result = await client.issueBillingKey({ method });
    expect(result.error?.kind).toBe("api");
    const shown = JSON.stringify({ ...result.error, message: result.error?.message });
    expect(shown).not.toContain(card);
    expect(shown).not.toContain(birth);
    expect(events.join("\n")).not.toContain(card);
  });
});
