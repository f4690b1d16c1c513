import { createPaySsamClient } from "@payspec/payssam";
import { parseApprovalSync } from "@payspec/payssam/webhooks";
import { createPaySsamCore, readPointBalance, type ReadPointBalanceResult } from "@payspec/payssam/point";

const client = createPaySsamClient({ apiKey: "k", member: "m", merchant: "c" });
export async function run(): Promise<string | undefined> {
  const { data, error } = await client.readBill({ billId: "1" });
  if (error) return error.kind === "api" ? String(error.code) : error.message;
  return data.apprState;
}
export const callback = (body: string) => parseApprovalSync(body).data?.billId;

// One operation from its entry point, on the small core (issue 16): the smallest bundle.
const core = createPaySsamCore({ apiKey: "k", member: "m", merchant: "c" });
export function balance(): Promise<ReadPointBalanceResult> {
  return readPointBalance(core);
}
