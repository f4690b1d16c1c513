// Calls per second of getPayment against a local keep-alive server (its own process), in one
// run: raw fetch vs @payspec/portone vs @portone/server-sdk. The order of the contenders rotates
// every round, each round prints wall time beside process CPU per call and ours/official paired;
// each ratio is the median of the per-round ratios. Loopback throughput on a shared machine swings
// widely between rounds: `portone-cpu.mjs` (no network) is the steadier comparison.
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

/** Calls per second (wall) and client-process CPU µs per call. */
async function measure(call) {
  let next = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CALLS) await call();
    }),
  );
  const used = process.cpuUsage(cpu);
  return { rate: CALLS / ((performance.now() - start) / 1000), cpu: (used.user + used.system) / CALLS };
}

const names = Object.keys(contenders);
const results = Object.fromEntries(names.map((name) => [name, []]));
for (const call of Object.values(contenders)) await measure(call); // warm-up
console.log(`getPayment throughput: ${ROUNDS} rounds × ${CALLS} calls, concurrency ${CONCURRENCY}, order rotated each round`);
for (let round = 0; round < ROUNDS; round++) {
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) results[name].push(await measure(contenders[name]));
  const [ours, official] = [results["@payspec/portone"][round], results["@portone/server-sdk"][round]];
  console.log(
    `  round ${String(round + 1).padStart(2)} ` + names.map((n) => `${n} ${results[n][round].rate.toFixed(0)}/s ${results[n][round].cpu.toFixed(0)}µs`).join("  ") +
      `  ours/official ${(ours.rate / official.rate).toFixed(3)} (CPU ${(ours.cpu / official.cpu).toFixed(3)})`,
  );
}
await server.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const raw = results["raw fetch"];
console.log("medians:");
for (const [name, xs] of Object.entries(results)) {
  const ratios = xs.map((x, i) => x.rate / raw[i].rate);
  console.log(
    `  ${name.padEnd(22)} ${median(xs.map((x) => x.rate)).toFixed(0).padStart(7)} calls/s, ${median(xs.map((x) => x.cpu)).toFixed(1)} µs CPU/call   ` +
      `${median(ratios).toFixed(3)}× raw fetch (per-round ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
  );
}
const paired = results["@payspec/portone"].map((x, i) => x.rate / results["@portone/server-sdk"][i].rate);
console.log(`  ours/official throughput: median ${median(paired).toFixed(3)} (per-round ${Math.min(...paired).toFixed(2)}–${Math.max(...paired).toFixed(2)})`);
