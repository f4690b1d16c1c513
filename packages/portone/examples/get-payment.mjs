// Look up a payment and handle its errors. Against the API:
//   PORTONE_API_SECRET=… node examples/get-payment.mjs <paymentId>
// Against the mock (after `pnpm mock`):
//   PORTONE_BASE_URL=http://127.0.0.1:4011 PORTONE_API_SECRET=test node examples/get-payment.mjs order-1
import { createPortOneClient } from "@payspec/portone";

const portone = createPortOneClient({
  secret: process.env.PORTONE_API_SECRET ?? "",
  ...(process.env.PORTONE_BASE_URL ? { baseUrl: process.env.PORTONE_BASE_URL } : {}),
  timeoutMs: 10_000,
  retry: true,
});

const paymentId = process.argv[2] ?? "order-1";
const { data, error } = await portone.getPayment({ paymentId });
if (error) {
  // The same error kinds for every payspec client; `api` carries the provider's code.
  switch (error.kind) {
    case "api":
      if (error.code === "PAYMENT_NOT_FOUND") console.log(`no payment ${paymentId}`);
      else if (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN") console.log(`check PORTONE_API_SECRET (${error.code})`);
      else console.log(`PortOne error ${String(error.code)} (HTTP ${error.httpStatus})`);
      break;
    case "validation":
      console.log(`bad input at ${error.field}: ${error.message}`);
      break;
    default:
      console.log(`${error.kind}: ${error.message}`); // http | invalid-response | timeout | network | aborted
  }
  process.exitCode = 1;
} else if (data.status === "PAID") {
  console.log(`${data.id} paid at ${data.paidAt}: ${data.amount.total} ${data.currency}`);
} else {
  console.log(`${data.id}: ${String(data.status)}`);
}
