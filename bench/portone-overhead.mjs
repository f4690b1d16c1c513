// Per-call CPU cost of each client without a network: fetch is an in-memory function returning
// the same Response every time, so what is left is the client's own work (building the URL and
// headers, parsing, result objects). Rounds alternate; medians in microseconds per call.
// @portone/server-sdk takes no fetch option, so it cannot be measured this way.
import { createPortOneClient } from "@payspec/portone";
import { payment } from "./server.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const CALLS = Number(process.env.BENCH_CALLS ?? 20000);
const respond = async () => new Response(payment, { status: 200, headers: { "content-type": "application/json" } });
const baseUrl = "http://127.0.0.1:9";

const ours = createPortOneClient({ secret: "s", baseUrl, fetch: respond });
const contenders = {
  "raw fetch": async () => (await respond(`${baseUrl}/payments/pay-1`, { headers: { Authorization: "PortOne s" } })).json(),
  "@payspec/portone": () => ours.getPayment({ paymentId: "pay-1" }),
};

async function measure(call) {
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await call();
  return ((performance.now() - start) * 1000) / CALLS;
}
const results = Object.fromEntries(Object.keys(contenders).map((n) => [n, []]));
for (const call of Object.values(contenders)) await measure(call);
for (let r = 0; r < ROUNDS; r++) for (const [n, call] of Object.entries(contenders)) results[n].push(await measure(call));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const raw = median(results["raw fetch"]);
console.log(`getPayment CPU cost without network: ${ROUNDS} rounds × ${CALLS} calls, median µs/call`);
for (const [n, xs] of Object.entries(results)) {
  const m = median(xs);
  console.log(`  ${n.padEnd(22)} ${m.toFixed(1).padStart(6)} µs/call   ${(m - raw >= 0 ? "+" : "") + (m - raw).toFixed(1)} µs over raw fetch`);
}
