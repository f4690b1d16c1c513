// The PaySsam client contract suite against the sandbox (issue 17, item 7). Every operation of specs/payssam is
// called through createPaySsamClient (`client.unverified` for the unverified ones) with the input
// packages/payssam/test/contract sends to Prism, in three states the bill lifecycle reaches from the spec's own
// examples: an empty sandbox, sendBill's example sent (bill "1024" unpaid, W), and that bill paid (F). An operation
// the sandbox simulates must answer what specs/payssam promises (the judge of test/payssam-spec.ts) and the client
// must return `data` or a result code the operation documents (`x-result-codes`) — never `invalid-response`,
// `validation` or `http`. The others answer the sandbox's 501, and the simulated ones are exactly the operations of
// the README's PaySsam table.
import { createPaySsamClient } from "@payspec/payssam";
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { expectContract, method, notSimulated, outcomeOf, paySsamOperations, readmeSection, tableOperations, type ContractOperation, type Outcome } from "./contract.js";
import { paySsamJudge } from "./payssam-spec.js";

const operations = await paySsamOperations();
const sendExample = operations.find((o) => o.operationId === "sendBill")?.input ?? {};
/** The contract suite's credentials; the sandbox is configured to accept them. */
const CREDENTIALS = { apiKey: "payspec-contract-key", member: "PAYSPEC-MEMBER", merchant: "PAYSPEC-MERCHANT" };
// The example bill expires on its expireDt (KST): sandbox time starts that morning, so that it can still be paid.
const CLOCK_START = `${String(sendExample["expireDt"])}T09:00:00+09:00`;

type State = "empty" | "sent" | "paid";
const STATES: readonly State[] = ["empty", "sent", "paid"];

async function sandboxIn(state: State): Promise<Sandbox> {
  const sb = createSandbox({ payssam: CREDENTIALS, clock: { start: CLOCK_START } });
  if (state === "empty") return sb;
  const client = createPaySsamClient({ ...CREDENTIALS, fetch: sb.payssam.fetch });
  const sent = await client.sendBill(sendExample as Parameters<typeof client.sendBill>[0]);
  expect(sent.error, `${state}: sendBill's example`).toBeUndefined();
  if (state === "paid") expect(sb.payssam.approve(String(sendExample["billId"])).apprState).toBe("F");
  return sb;
}

async function run(op: ContractOperation, state: State): Promise<Outcome> {
  const sb = await sandboxIn(state);
  try {
    const judge = await paySsamJudge();
    return await outcomeOf(state, op, method(createPaySsamClient({ ...CREDENTIALS, fetch: judge.checked(sb.payssam.fetch) }), op), judge);
  } finally {
    await sb.close();
  }
}

const outcomes = new Map<string, Outcome[]>();

describe.each(operations)("$operationId ($path)", (op) => {
  it("is simulated and answers as the spec says, or answers the sandbox's 501", async () => {
    const results: Outcome[] = [];
    for (const state of STATES) results.push(await run(op, state));
    outcomes.set(op.operationId, results);
    expectContract(results, /^(data|[A-Z]+_\d{3}|ERROR)$/);
  });
});

describe("what the sandbox simulates", () => {
  afterAll(() => {
    for (const [id, results] of outcomes) if (!results.some(notSimulated)) console.info(`${id}: ${results.map((r) => `${r.state} → ${r.outcome}`).join(", ")}`);
  });

  it("is exactly the operations of the README's PaySsam table; every other operation of the spec answers 501", () => {
    expect(outcomes.size).toBe(operations.length);
    const simulated = [...outcomes].filter(([, results]) => !results.some(notSimulated)).map(([id]) => id);
    expect(simulated.sort()).toEqual(tableOperations(readmeSection("PaySsam: what is simulated"), operations).sort());
  });

  it("reaches data or the documented result code each example call meets in each state", () => {
    const seen = (id: string) => outcomes.get(id)?.map((r) => r.outcome);
    expect(seen("sendBill")).toEqual(["data", "BILL_001", "BILL_001"]);
    expect(seen("readBill")).toEqual(["BILL_003", "data", "data"]);
    expect(seen("resendBill")).toEqual(["BILL_003", "data", "BILL_006"]);
    expect(seen("destroyBill")).toEqual(["BILL_003", "data", "BILL_002"]);
    expect(seen("cancelBill")).toEqual(["BILL_003", "BILL_002", "data"]);
    expect(seen("readPointBalance")).toEqual(["data", "data", "data"]);
  });
});
