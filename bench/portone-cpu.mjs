// Process CPU per call of each PortOne client with an in-memory fetch (no network, so loopback
// noise cannot decide the ranking): raw fetch, @payspec/portone and the official
// @portone/server-sdk, which calls the global `fetch` — swapped for the same in-memory function.
// At concurrency 1, 64 and 512; the order of the contenders rotates every round, and each
// round's ours/official ratio is printed beside its CPU figures. Medians at the end.
import { createPortOneClient, createPortOneFetchClient } from "@payspec/portone";
import { PortOneClient } from "@portone/server-sdk";
import { payment } from "./server.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "1,64,512").split(",").map(Number);

const respond = async () => new Response(payment, { status: 200, headers: { "content-type": "application/json" } });
globalThis.fetch = respond;
const baseUrl = "http://127.0.0.1:9";
const ours = createPortOneClient({ secret: "bench-secret-value", baseUrl, fetch: respond });
const official = PortOneClient({ secret: "bench-secret-value", baseUrl });
// The same package's openapi-fetch client, on the same transport: the measurement behind calling
// the transport directly from the operation methods instead of through openapi-fetch.
const viaOpenapiFetch = createPortOneFetchClient(ours);

const contenders = {
  "raw fetch": async () => (await respond(`${baseUrl}/payments/pay-1`, { headers: { Authorization: "PortOne bench-secret-value" } })).json(),
  "@payspec/portone": async () => {
    const { error } = await ours.getPayment({ paymentId: "pay-1" });
    if (error) throw error;
  },
  "@portone/server-sdk": () => official.payment.getPayment({ paymentId: "pay-1" }),
  "openapi-fetch client": async () => {
    const { error } = await viaOpenapiFetch.GET("/payments/{paymentId}", { params: { path: { paymentId: "pay-1" } } });
    if (error) throw new Error("unexpected error");
  },
};
const names = Object.keys(contenders);

/**
 * CPU microseconds (user + system) per call, `CALLS` calls spread over `concurrency` loops. With
 * `--expose-gc` (as `pnpm bench` runs it) the heap is collected before and after: each contender starts
 * clean and pays for collecting its own garbage, instead of leaving it to the next one (at concurrency
 * 512 that debt moved identical code by up to 30 % between rounds).
 */
async function cpuPerCall(call, concurrency) {
  const perLoop = Math.ceil(CALLS / concurrency);
  globalThis.gc?.();
  const before = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = 0; i < perLoop; i++) await call();
  }));
  globalThis.gc?.();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / (perLoop * concurrency);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`PortOne getPayment, process CPU µs per call, in-memory fetch; ${ROUNDS} rounds × ${CALLS} calls, order rotated each round${globalThis.gc ? "; garbage collected before and after each measurement" : " (run with --expose-gc to charge each its own garbage)"}`);
const summary = [];
for (const concurrency of LEVELS) {
  for (const call of Object.values(contenders)) await cpuPerCall(call, concurrency); // warm-up
  const results = Object.fromEntries(names.map((n) => [n, []]));
  const ratios = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) results[name].push(await cpuPerCall(contenders[name], concurrency));
    const ratio = results["@payspec/portone"][round] / results["@portone/server-sdk"][round];
    ratios.push(ratio);
    console.log(
      `  c=${String(concurrency).padEnd(3)} round ${round + 1} [${order.map((n) => n.split("/").pop()).join(" → ")}]  ` +
        names.map((n) => `${n} ${results[n][round].toFixed(1)}`).join("  ") + `  ours/official ${ratio.toFixed(3)}`,
    );
  }
  summary.push({ concurrency, ...Object.fromEntries(names.map((n) => [n, median(results[n])])), ratio: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) });
}
console.log("\nmedians (µs CPU per call):");
for (const s of summary) {
  console.log(
    `  concurrency ${String(s.concurrency).padStart(3)}: ` + names.map((n) => `${n} ${s[n].toFixed(1)}`).join(", ") +
      `; ours/official ${s.ratio.toFixed(3)} (rounds ${s.min.toFixed(3)}–${s.max.toFixed(3)})`,
  );
}
