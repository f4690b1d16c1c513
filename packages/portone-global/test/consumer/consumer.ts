import { createPortOneGlobalClient } from "@payspec/portone-global";

const client = createPortOneGlobalClient({ clientKey: "k", secretKey: "s" });
export async function run(): Promise<string | undefined> {
  const result = await client.getTransactionStatus({ merchantOrderRef: "A" });
  return result.ok ? result.data.status : result.error.message;
}
