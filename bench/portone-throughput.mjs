// Calls per second of getPayment against a local keep-alive server (its own process), in one
// run: raw fetch vs @payspec/portone vs @portone/server-sdk. Rounds alternate so that warm-up
// and machine noise hit every contender alike; each ratio is the median of the per-round ratios.
import { createPortOneClient } from "@payspec/portone";
import { PaymentClient } from "@portone/server-sdk/payment";
import { startServer } from "./server.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const CONCURRENCY = 8;

const server = await startServer();
const secret = "bench-secret";
const ours = createPortOneClient({ secret, baseUrl: server.url });
const official = PaymentClient({ secret, baseUrl: server.url });

const contenders = {
  "raw fetch": async () => {
    const res = await fetch(`${server.url}/payments/pay-1`, { headers: { Authorization: `PortOne ${secret}` } });
    if (!res.ok) throw new Error(String(res.status));
    return res.json();
  },
  "@payspec/portone": async () => {
    const { data, error } = await ours.getPayment({ paymentId: "pay-1" });
    if (error) throw error;
    return data;
  },
  "@portone/server-sdk": () => official.getPayment({ paymentId: "pay-1" }),
};

async function measure(call) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CALLS) await call();
    }),
  );
  return CALLS / ((performance.now() - start) / 1000);
}

const results = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
for (const call of Object.values(contenders)) await measure(call); // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, call] of Object.entries(contenders)) results[name].push(await measure(call));
}
await server.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const raw = results["raw fetch"];
console.log(`getPayment throughput: ${ROUNDS} rounds × ${CALLS} calls, concurrency ${CONCURRENCY}`);
for (const [name, xs] of Object.entries(results)) {
  const ratios = xs.map((x, i) => x / raw[i]);
  console.log(
    `  ${name.padEnd(22)} ${median(xs).toFixed(0).padStart(7)} calls/s (median)   ${median(ratios).toFixed(3)}× raw fetch ` +
      `(per-round ratios ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
  );
}
