// The PortOne Global client contract suite against the sandbox (issue 17, item 7). Every operation of
// specs/portone-global is called through createPortOneGlobalClient with the input and the placeholder credentials
// packages/portone-global/test/contract sends to Prism (the sandbox is configured with those credentials, so the
// examples' signatures hold), in three states the lifecycle reaches from the spec's own examples: an empty sandbox,
// initiatePayment's example initiated (Pending), and that transaction paid (Success). An operation the sandbox
// simulates must answer what specs/portone-global promises (the judge of test/global-spec.ts) and the client must
// return `data` or a status code the operation documents (`x-status-codes`) — never `invalid-response`,
// `validation` or `http`. The others answer the sandbox's 501, and the simulated ones are exactly the operations
// the README's PortOne Global section names (it has no table).
import { createPortOneGlobalClient } from "@payspec/portone-global";
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { expectContract, GLOBAL_CONTRACT_CREDENTIALS, globalOperations, method, notSimulated, outcomeOf, readmeSection, type ContractOperation, type Outcome } from "./contract.js";
import { globalJudge } from "./global-spec.js";

const operations = await globalOperations();
const initiateExample = operations.find((o) => o.operationId === "initiatePayment")?.input ?? {};

type State = "empty" | "initiated" | "paid";
const STATES: readonly State[] = ["empty", "initiated", "paid"];

async function sandboxIn(state: State): Promise<Sandbox> {
  const sb = createSandbox({ global: GLOBAL_CONTRACT_CREDENTIALS });
  if (state === "empty") return sb;
  const client = createPortOneGlobalClient({ ...GLOBAL_CONTRACT_CREDENTIALS, fetch: sb.global.fetch });
  const started = await client.initiatePayment(initiateExample as Parameters<typeof client.initiatePayment>[0]);
  expect(started.error, `${state}: initiatePayment's example`).toBeUndefined();
  if (state === "paid") expect(sb.global.complete(started.data?.order_ref ?? "", "Success").details.status).toBe("Success");
  return sb;
}

async function run(op: ContractOperation, state: State): Promise<Outcome> {
  const sb = await sandboxIn(state);
  try {
    const judge = await globalJudge();
    return await outcomeOf(state, op, method(createPortOneGlobalClient({ ...GLOBAL_CONTRACT_CREDENTIALS, fetch: judge.checked(sb.global.fetch) }), op), judge);
  } finally {
    await sb.close();
  }
}

const outcomes = new Map<string, Outcome[]>();

describe.each(operations)("$operationId ($method $path)", (op) => {
  it("is simulated and answers as the spec says, or answers the sandbox's 501", async () => {
    const results: Outcome[] = [];
    for (const state of STATES) results.push(await run(op, state));
    outcomes.set(op.operationId, results);
    expectContract(results, /^(data|\d{4})$/);
  });
});

describe("what the sandbox simulates", () => {
  afterAll(() => {
    for (const [id, results] of outcomes) if (!results.some(notSimulated)) console.info(`${id}: ${results.map((r) => `${r.state} → ${r.outcome}`).join(", ")}`);
  });

  it("is exactly the operations the README's PortOne Global section names; every other operation of the spec answers 501", () => {
    expect(outcomes.size).toBe(operations.length);
    const section = readmeSection("PortOne Global: what is simulated");
    const named = operations.map((o) => o.operationId).filter((id) => new RegExp(`\\b${id}\\b`).test(section));
    const simulated = [...outcomes].filter(([, results]) => !results.some(notSimulated)).map(([id]) => id);
    expect(simulated.sort()).toEqual(named.sort());
  });

  it("reaches data or the documented status code each example call meets in each state", () => {
    const seen = (id: string) => outcomes.get(id)?.map((r) => r.outcome);
    expect(seen("getAuthToken")).toEqual(["data", "data", "data"]);
    expect(seen("generateSignature")).toEqual(["data", "data", "data"]);
    // The example's merchant_order_id is used once initiated.
    expect(seen("initiatePayment")).toEqual(["data", "4001", "4001"]);
    expect(seen("getTransactionStatus")).toEqual(["4042", "data", "data"]);
    // The examples' order_ref is not one the sandbox made (it makes its own).
    expect(seen("getTransactionDetails")).toEqual(["4042", "4042", "4042"]);
    expect(seen("createRefund")).toEqual(["4001", "4001", "4001"]);
  });
});
