// The PortOne client contract suite against the sandbox (issue 17, item 7: "the client contract suites run against
// the sandbox as well as against Prism"). Every operation of specs/portone is called through createPortOneClient with
// the input packages/portone/test/contract sends to Prism, in three states the lifecycle reaches from the spec's own
// examples: an empty sandbox, the operation's paymentId pre-registered (preRegisterPayment's example), and that
// payment paid at checkout. An operation the sandbox simulates must answer what specs/portone promises for it (the
// judge of test/spec.ts), and the client must return it as `data` or as an error the operation documents for that
// HTTP status — never `invalid-response`, `validation` or `http`. The others answer the sandbox's 501, and the
// simulated ones are exactly the operations of the README's PortOne table.
import { createPortOneClient } from "@payspec/portone";
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { expectContract, method, notSimulated, outcomeOf, portoneOperations, readmeSection, tableOperations, type ContractOperation, type Outcome } from "./contract.js";
import { specJudge } from "./spec.js";

const operations = await portoneOperations();
const example = (operationId: string) => operations.find((o) => o.operationId === operationId)?.input ?? {};

// The sandbox takes the credentials the spec's examples use, so that calls made with them are not refused for
// credentials alone: loginViaApiSecret's apiSecret, and the store the operation's example names (the examples name
// two stores; each call has a sandbox of its own).
const SECRET = String(example("loginViaApiSecret")["apiSecret"]);

type State = "empty" | "pre-registered" | "paid";
const STATES: readonly State[] = ["empty", "pre-registered", "paid"];

async function sandboxIn(state: State, op: ContractOperation): Promise<Sandbox> {
  const storeId = op.input["storeId"];
  const sb = createSandbox({ portone: { secret: SECRET, ...(typeof storeId === "string" && { storeId }) } });
  const paymentId = op.input["paymentId"];
  if (state === "empty" || typeof paymentId !== "string") return sb;
  const client = createPortOneClient({ secret: SECRET, fetch: sb.fetch });
  const registered = await client.preRegisterPayment({ ...example("preRegisterPayment"), paymentId } as Parameters<typeof client.preRegisterPayment>[0]);
  expect(registered.error, `${state}: preRegisterPayment of ${paymentId}`).toBeUndefined();
  if (state === "paid") expect(sb.portone.pay({ paymentId }).status).toBe("PAID");
  return sb;
}

async function run(op: ContractOperation, state: State): Promise<Outcome> {
  const sb = await sandboxIn(state, op);
  try {
    const judge = await specJudge();
    return await outcomeOf(state, op, method(createPortOneClient({ secret: SECRET, fetch: judge.checked(sb.fetch) }), op), judge);
  } finally {
    await sb.close();
  }
}

const outcomes = new Map<string, Outcome[]>();

describe.each(operations)("$operationId ($method $path)", (op) => {
  it("is simulated and answers as the spec says, or answers the sandbox's 501", async () => {
    const results: Outcome[] = [];
    for (const state of typeof op.input["paymentId"] === "string" ? STATES : STATES.slice(0, 1)) results.push(await run(op, state));
    outcomes.set(op.operationId, results);
    expectContract(results, /^(data|[A-Z_]+)$/);
  });
});

describe("what the sandbox simulates", () => {
  afterAll(() => {
    // A readable record of the run, for the review of a failure.
    for (const [id, results] of outcomes) if (!results.some(notSimulated)) console.info(`${id}: ${results.map((r) => `${r.state} → ${r.outcome}`).join(", ")}`);
  });

  it("is exactly the operations of the README's PortOne table; every other operation of the spec answers 501", () => {
    expect(outcomes.size).toBe(operations.length);
    const simulated = [...outcomes].filter(([, results]) => !results.some(notSimulated)).map(([id]) => id);
    expect(simulated.sort()).toEqual(tableOperations(readmeSection("PortOne V2: what is simulated"), operations).sort());
    expect([...outcomes].filter(([, results]) => results.some((r) => r.outcome.startsWith("http 404: "))).map(([id]) => id)).toEqual([]);
  });

  it("reaches data or the documented error each example call meets in each state", () => {
    const seen = (id: string) => outcomes.get(id)?.map((r) => r.outcome);
    expect(seen("preRegisterPayment")).toEqual(["data", "data", "ALREADY_PAID"]);
    expect(seen("getPayment")).toEqual(["PAYMENT_NOT_FOUND", "PAYMENT_NOT_FOUND", "data"]);
    expect(seen("getPayments")).toEqual(["data"]);
    // The example cancels 6,000 of the 39,000 preRegisterPayment's example registers, with currentCancellableAmount.
    expect(seen("cancelPayment")).toEqual(["PAYMENT_NOT_FOUND", "PAYMENT_NOT_FOUND", "data"]);
    expect(seen("payWithBillingKey")).toEqual(["BILLING_KEY_NOT_FOUND", "BILLING_KEY_NOT_FOUND", "BILLING_KEY_NOT_FOUND"]);
    expect(seen("issueBillingKey")).toEqual(["data"]);
    // The examples' billing key is not one the sandbox issued (it makes its own ids).
    expect(seen("getBillingKeyInfo")).toEqual(["BILLING_KEY_NOT_FOUND"]);
    expect(seen("deleteBillingKey")).toEqual(["BILLING_KEY_NOT_FOUND"]);
    expect(seen("loginViaApiSecret")).toEqual(["data"]);
    // The example's refresh token is not one the sandbox issued.
    expect(seen("refreshToken")).toEqual(["UNAUTHORIZED"]);
  });
});
