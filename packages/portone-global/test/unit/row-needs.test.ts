// Issue 16, item 2: each row names what its input needs of the runtime beyond the core validator (the
// keyword checkers), the scan of personal fields when its input may hold card data, personal numbers or
// billing keys (`personalData`), and the signer of a signed body, so that a bundle carries only those.
// Checked here against the rows themselves: a row that forgot one would leave a rule unchecked, a number
// in an error or a body unsigned. The same tests run for every client.
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { rowNeeds } from "@payspec/mock/row-needs";
import { isSensitiveField, personalData, type RequestSchema } from "@payspec/runtime";
import { describe, expect, it } from "vitest";
import { call } from "../../src/core.js";
import type { PortOneGlobalOperation } from "../../src/generated/common.js";
import { operations } from "../../src/generated/operations.js";
import { createPortOneGlobalCore } from "../../src/index.js";
import { computeSignature } from "../../src/signature.js";

const credentials = { clientKey: "PORTONE_KEY", secretKey: "PORTONE_SECRET" };
const payment = {
  merchant_order_id: "ORDER-1001",
  amount: 100.25,
  currency: "USD",
  success_url: "https://checkout.portone.cloud/success.html",
  failure_url: "https://checkout.portone.cloud/failure.html",
  environment: "sandbox" as const,
  pmt_channel: "PORTONE_KR",
  pmt_method: "PORTONE_KG_INICIS_CREDIT_CARD",
};

/** The keywords beyond the core that `schema` uses anywhere, and whether it names a personal field or is open to any field (the one reference of the three clients' tests). */
const needs = (schema: RequestSchema | null | undefined, parent = "") => rowNeeds(isSensitiveField, schema, parent);

describe("each row names what its input needs", () => {
  const rows = Object.values(operations) as PortOneGlobalOperation[];

  it.each(rows.map((op) => [op.id, op] as const))("%s: exactly the keyword checkers its input uses", (_id, op) => {
    expect(Object.keys(op.keywords ?? {}).sort()).toEqual([...needs(op.input).keywords].sort());
  });

  it.each(rows.map((op) => [op.id, op] as const))("%s: personalData exactly when its input may hold personal fields", (_id, op) => {
    // No Global request has a card, personal-number or billing-key field, nor an object open to any field.
    expect(op.personal).toBe(needs(op.input).personal ? personalData : undefined);
  });

  it.each(rows.map((op) => [op.id, op] as const))("%s: a signer exactly when its body is signed", (_id, op) => {
    expect(op.sign).toBe(op.signature ? computeSignature : undefined);
  });
});

describe("what is not carried is never skipped", () => {
  it("a row whose input uses a keyword it names no checker for is refused, nothing sent", async () => {
    const { fetch, sent } = fakeFetch(() => json({}));
    const op: PortOneGlobalOperation = { ...operations.initiatePayment };
    delete (op as { keywords?: unknown }).keywords;
    const result = await call(createPortOneGlobalCore({ ...credentials, fetch }), op, payment, undefined);
    expect(result.error).toMatchObject({ kind: "validation", rule: "pattern" });
    expect(result.error?.message).toMatch(/cannot be checked/);
    expect(sent).toHaveLength(0);
  });

  it("a signed row without its signer is refused, never sent unsigned", async () => {
    const { fetch, sent } = fakeFetch(() => json({}));
    const op: PortOneGlobalOperation = { ...operations.initiatePayment };
    delete (op as { sign?: unknown }).sign;
    const result = await call(createPortOneGlobalCore({ ...credentials, fetch }), op, payment, undefined);
    expect(result.error).toMatchObject({ kind: "validation", field: "signature_hash" });
    expect(sent).toHaveLength(0);
  });
});
