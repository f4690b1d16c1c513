// Send a bill and read it back. Runs against the sandbox by default, or any base URL:
//   PAYSSAM_API_KEY=… PAYSSAM_MEMBER=… PAYSSAM_MERCHANT=… node examples/send-bill.mjs
//   PAYSSAM_BASE_URL=http://127.0.0.1:4010 node examples/send-bill.mjs     (after `pnpm mock`)
import { createPaySsamClient } from "@payspec/payssam";

const payssam = createPaySsamClient({
  apiKey: process.env.PAYSSAM_API_KEY ?? "TEST-API-KEY",
  member: process.env.PAYSSAM_MEMBER ?? "TEST-MEMBER",
  merchant: process.env.PAYSSAM_MERCHANT ?? "TEST-MERCHANT",
  ...(process.env.PAYSSAM_BASE_URL ? { baseUrl: process.env.PAYSSAM_BASE_URL } : {}),
  timeoutMs: 10_000,
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
if (!sent.ok) {
  console.error(`sendBill failed (${sent.error.kind}): ${sent.error.message}`);
  process.exit(1);
}
console.log(`bill ${billId}: ${sent.data.shortUrl}`);

const read = await payssam.readBill({ billId });
if (read.ok) console.log(`state: ${read.data.apprState}`);
else if (read.error.kind === "result" && read.error.known) console.log(`readBill: ${read.error.code} ${read.error.publishedMessage}`);
else console.log(`readBill: ${read.error.kind} ${read.error.message}`);
