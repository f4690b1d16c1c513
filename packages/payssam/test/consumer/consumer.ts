import { createPaySsamClient } from "@payspec/payssam";

const client = createPaySsamClient({ apiKey: "k", member: "m", merchant: "c" });
export async function run(): Promise<string | undefined> {
  const result = await client.readBill({ billId: "1" });
  return result.ok ? result.data.apprState : result.error.message;
}
