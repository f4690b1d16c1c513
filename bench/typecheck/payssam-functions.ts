// The four tasks of payssam-client.ts with @payspec/payssam's standalone functions, imported from the
// bill entry point on the small core (the form that bundles only what it uses).
import { cancelBill, createPaySsamCore, readBill, sendBill } from "@payspec/payssam/bill";
import { parseApprovalSync } from "@payspec/payssam/webhooks";

const payssam = createPaySsamCore({ apiKey: "api-key-value", member: "M001", merchant: "STORE01" });

export async function send(billId: string, price: string): Promise<string> {
  const { data, error } = await sendBill(payssam, { billId, sendType: "URL", productName: "수강료", price, memberName: "홍길동", callbackUrl: "https://example.kr/cb" });
  if (error) return error.kind === "api" && error.code === "BILL_001" ? "duplicate" : error.message;
  return data.shortUrl;
}

export async function state(billId: string): Promise<string> {
  const { data, error } = await readBill(payssam, { billId });
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
  const { error } = await cancelBill(payssam, { billId, price, cancelReason: "고객 요청" });
  return error ? (error.kind === "api" && error.code === "PAYMENT_002" ? "not paid" : error.message) : "cancelled";
}

export function onCallback(body: string): string {
  const { data, error } = parseApprovalSync(body);
  return error ? error.reason : `${data.billId} ${String(data.apprState)}`;
}
