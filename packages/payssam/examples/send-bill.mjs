// Send a bill and read it back. Runs against the sandbox by default, or any base URL:
//   PAYSSAM_API_KEY=… PAYSSAM_MEMBER=… PAYSSAM_MERCHANT=… node examples/send-bill.mjs
//   PAYSSAM_BASE_URL=http://127.0.0.1:4010 node examples/send-bill.mjs     (after `pnpm mock`)
import { createPaySsamClient } from "@payspec/payssam";
import { describePaySsamResult } from "@payspec/payssam-errors";

const payssam = createPaySsamClient({
  apiKey: process.env.PAYSSAM_API_KEY ?? "TEST-API-KEY",
  member: process.env.PAYSSAM_MEMBER ?? "TEST-MEMBER",
  merchant: process.env.PAYSSAM_MERCHANT ?? "TEST-MERCHANT",
  ...(process.env.PAYSSAM_BASE_URL ? { baseUrl: process.env.PAYSSAM_BASE_URL } : {}),
  timeoutMs: 10_000,
  retry: true, // reads only: a bill is never sent twice
});

const billId = `EX${Date.now().toString(36).toUpperCase()}`;
const sent = await payssam.sendBill({
  billId,
  sendType: "URL",
  productName: "11월 수강료",
  price: "45000",
  memberName: "홍길동",
  callbackUrl: "https://example.kr/payssam/callback",
});
if (sent.error) {
  console.error(`sendBill failed (${sent.error.kind}): ${sent.error.message}`);
  process.exit(1);
}
console.log(`bill ${billId}: ${sent.data.shortUrl}`);

const { data, error } = await payssam.readBill({ billId });
if (data) console.log(`state: ${data.apprState}`);
else if (error.kind === "api") {
  const known = describePaySsamResult(error.code);
  console.log(`readBill: ${error.code} ${known.known ? known.message : error.serverMessage}`);
} else console.log(`readBill: ${error.kind} ${error.message}`);
