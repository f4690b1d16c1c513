// Every member of every operation's error union has a named example, named exactly by its `type`
// under the status that member carries. The contract suite asks Prism for each named example, so
// a deleted example would silently delete its contract test: this test notices. Against the
// provider reference too (when ../shared is present): the union members per status are the
// reference's.
import { afterAll, describe, expect, it } from "vitest";
import { deref, exampleValue, operations, referenceOperations, refName, useReference, type Operation, type Schema } from "./spec.js";

interface Member {
  readonly status: number;
  readonly type: string;
  readonly schema: string;
}

/** The error union members of an operation, by the status of the response that declares them. */
export function errorMembers(op: Operation): Member[] {
  const out: Member[] = [];
  for (const [status, response] of Object.entries(op.responses)) {
    if (status.startsWith("2")) continue;
    const schema = (response.content?.["application/json"] as { schema?: Schema } | undefined)?.schema;
    const top = deref(schema);
    if (!top) throw new Error(`${op.operationId} ${status}: no JSON schema`);
    for (const member of top.oneOf ?? [schema as Schema]) {
      const resolved = deref(member);
      const type = resolved?.properties?.["type"]?.const;
      if (typeof type !== "string") throw new Error(`${op.operationId} ${status}: a member without a const type`);
      out.push({ status: Number(status), type, schema: member.$ref ? refName(member.$ref) : "(inline)" });
    }
  }
  return out;
}

/** Problems with an operation's named error examples: members without one, and examples that are no member. */
export function exampleProblems(op: Operation): string[] {
  const problems: string[] = [];
  const members = errorMembers(op);
  for (const { status, type, schema } of members) {
    const examples = op.responses[String(status)]?.content?.["application/json"]?.examples ?? {};
    const example = examples[type];
    if (!example) problems.push(`${status} ${type} (${schema}): no example named ${type}`);
    else if ((exampleValue(example) as { type?: unknown } | undefined)?.type !== type) problems.push(`${status} ${type}: the example's type is not ${type}`);
    const declared = (deref({ $ref: `#/components/schemas/${schema}` }) as Schema | undefined)?.["x-error-status"];
    if (declared !== undefined && declared !== status) problems.push(`${status} ${type}: declared with x-error-status ${declared}`);
  }
  for (const [status, response] of Object.entries(op.responses)) {
    if (status.startsWith("2")) continue;
    for (const name of Object.keys(response.content?.["application/json"]?.examples ?? {})) {
      if (!members.some((m) => String(m.status) === status && m.type === name)) problems.push(`${status} ${name}: an example that names no member`);
    }
  }
  return problems;
}

let members = 0;
let examples = 0;
afterAll(() => {
  console.log(`error examples: ${operations.length} operations, ${members} error union members, ${examples} named error examples`);
});

describe.each(operations)("$operationId ($method $path)", (op) => {
  it("every error union member has a named example under its status", () => {
    expect(exampleProblems(op)).toEqual([]);
    members += errorMembers(op).length;
    for (const [status, response] of Object.entries(op.responses)) {
      if (!status.startsWith("2")) examples += Object.keys(response.content?.["application/json"]?.examples ?? {}).length;
    }
  });
});

describe("the check can fail", () => {
  const getPayment = operations.find((o) => o.operationId === "getPayment") as Operation;
  it("a deleted example (getPayment 404 PAYMENT_NOT_FOUND)", () => {
    const without = structuredClone(getPayment) as { responses: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }> };
    delete without.responses["404"]?.content?.["application/json"]?.examples?.["PAYMENT_NOT_FOUND"];
    expect(exampleProblems(without as unknown as Operation)).toEqual(["404 PAYMENT_NOT_FOUND (PaymentNotFoundError): no example named PAYMENT_NOT_FOUND"]);
  });
  it("an example renamed", () => {
    const renamed = structuredClone(getPayment) as { responses: Record<string, { content?: Record<string, { examples?: Record<string, unknown> }> }> };
    const examples = renamed.responses["404"]?.content?.["application/json"]?.examples as Record<string, unknown>;
    examples["payment-not-found"] = examples["PAYMENT_NOT_FOUND"];
    delete examples["PAYMENT_NOT_FOUND"];
    expect(exampleProblems(renamed as unknown as Operation)).toHaveLength(2);
  });
});

describe.skipIf(!useReference())("error union members against the provider reference", () => {
  const reference = referenceOperations();
  it.each(operations.map((op) => [op.operationId, op] as const))("%s: the reference's error types, each under its status", (id, op) => {
    const ref = reference.get(id);
    expect(ref, "in the reference").toBeDefined();
    const ours = errorMembers(op).map((m) => `${m.status} ${m.type} ${m.schema}`).sort();
    const theirs = (ref?.errors ?? []).map(([status, type, schema]) => `${status} ${type} ${schema}`).sort();
    expect(ours).toEqual(theirs);
  });
});
