// Issue 16, item 2: each row names what its input needs of the runtime beyond the core validator (the
// keyword checkers) and, when its input may hold card data, personal numbers or billing keys, the scan
// that finds them (`personalData`), so that a bundle carries only those. Checked here against the rows
// themselves: a row that forgot a checker or the scan would leave a rule unchecked or a personal number
// in an error. The same tests run for every client.
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { rowNeeds } from "@payspec/mock/row-needs";
import { isSensitiveField, personalData, type RequestSchema } from "@payspec/runtime";
import { describe, expect, it } from "vitest";
import { call } from "../../src/core.js";
import type { PaySsamOperation } from "../../src/generated/common.js";
import { operations } from "../../src/generated/operations.js";
import { createPaySsamClient, createPaySsamCore } from "../../src/index.js";

const credentials = { apiKey: "row-needs-api-key-0001", member: "MEMBER-1", merchant: "MERCHANT-1" };

/** The keywords beyond the core that `schema` uses anywhere, and whether it names a personal field or is open to any field (the one reference of the three clients' tests). */
const needs = (schema: RequestSchema | null | undefined, parent = "") => rowNeeds(isSensitiveField, schema, parent);

describe("each row names what its input needs", () => {
  const rows = Object.values(operations) as PaySsamOperation[];

  it.each(rows.map((op) => [op.id, op] as const))("%s: exactly the keyword checkers its input uses", (_id, op) => {
    expect(Object.keys(op.keywords ?? {}).sort()).toEqual([...needs(op.input).keywords].sort());
  });

  // The payload is sent inside `bodyKey` (`bill`, `cashReceipt`): that is the parent of its fields.
  it.each(rows.filter((op) => needs(op.input, op.bodyKey ?? "").personal).map((op) => [op.id, op] as const))("%s: personalData (its input may hold card data, personal numbers or billing keys)", (_id, op) => {
    expect(op.personal).toBe(personalData);
  });

  it("sendBill carries no scan (a bill holds no card data, personal number or billing key)", () => {
    expect(operations.sendBill.personal).toBeUndefined();
  });
});

describe("what is not carried is never skipped", () => {
  it("a row whose input uses a keyword it names no checker for is refused, nothing sent", async () => {
    const { fetch, sent } = fakeFetch(() => json({ code: "0000", data: {} }));
    const op: PaySsamOperation = { ...operations.readPointBalance, input: { type: "object", properties: { note: { type: "string", format: "date" } } } };
    delete (op as { keywords?: unknown }).keywords;
    const result = await call(createPaySsamCore({ ...credentials, fetch }), op, { note: "2026-01-01" }, undefined);
    expect(result.error).toMatchObject({ kind: "validation", field: "note", rule: "format" });
    expect(result.error?.message).toMatch(/cannot be checked/);
    expect(sent).toHaveLength(0);
  });

  it("the issuance number of a body (issueCashReceipt), echoed in an error body and message, never comes back", async () => {
    const issuanceNumber = "01012345678";
    const { fetch } = fakeFetch(() => json({ code: "CASH_001", message: `bad number ${issuanceNumber}`, data: { issuanceNumber, note: `n ${issuanceNumber}` } }));
    const events: string[] = [];
    const client = createPaySsamClient({ ...credentials, fetch, onEvent: (event) => void events.push(JSON.stringify(event)) });
    const result = await client.issueCashReceipt({ billId: "1", price: "1000", supplyPrice: "909", tax: "91", issuanceNumber, trader: "0" });
    expect(result.error?.kind).toBe("api");
    expect(JSON.stringify({ ...result.error, message: result.error?.message })).not.toContain(issuanceNumber);
    expect(events.join("\n")).not.toContain(issuanceNumber);
  });
});
