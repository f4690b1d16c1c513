// Four common PaySsam tasks with @payspec/payssam's client: send a bill, read its state, cancel it, read
// an approval-sync callback. Calls return `{ data, error }`; errors narrow by `kind` and `code`.
// No official SDK exists for PaySsam: typecheck.mjs prints its ratios to the PortOne official program.
import { createPaySsamClient } from "@payspec/payssam";
import { parseApprovalSync } from "@payspec/payssam/webhooks";

const client = createPaySsamClient({ apiKey: "api-key-value", member: "M001", merchant: "STORE01" });

export async function send(billId: string, price: string): Promise<string> {
  const { data, error } = await client.sendBill({ billId, sendType: "URL", productName: "수강료", price, memberName: "홍길동", callbackUrl: "https://example.kr/cb" });
  if (error) return error.kind === "api" && error.code === "BILL_001" ? "duplicate" : error.message;
  return data.shortUrl;
}

export async function state(billId: string): Promise<string> {
  const { data, error } = await client.readBill({ billId });
  if (!error) return data.apprState === "F" ? "paid" : String(data.apprState);
  if (error.kind !== "api") return error.message;
  switch (error.code) {
    case "BILL_003":
      return "missing";
    default:
      return `${String(error.code)}: ${error.serverMessage ?? ""}`;
  }
}

export async function cancel(billId: string, price: string): Promise<string> {
  const { error } = await client.cancelBill({ billId, price, cancelReason: "고객 요청" });
  return error ? (error.kind === "api" && error.code === "PAYMENT_002" ? "not paid" : error.message) : "cancelled";
}

export function onCallback(body: string): string {
  const { data, error } = parseApprovalSync(body);
  return error ? error.reason : `${data.billId} ${String(data.apprState)}`;
}
