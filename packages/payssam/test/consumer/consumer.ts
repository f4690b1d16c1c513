import { createPaySsamClient } from "@payspec/payssam";
import { parseApprovalSync } from "@payspec/payssam/webhooks";

const client = createPaySsamClient({ apiKey: "k", member: "m", merchant: "c" });
export async function run(): Promise<string | undefined> {
  const { data, error } = await client.readBill({ billId: "1" });
  if (error) return error.kind === "api" ? String(error.code) : error.message;
  return data.apprState;
}
export const callback = (body: string) => parseApprovalSync(body).data?.billId;
