// A keep-alive HTTP server on 127.0.0.1 answering every request with a fixed PortOne payment.
// It runs in its own process (startServer forks it) so that the clients measured do not share
// a thread with it. Bounded: it exits when its parent does.
import { fork } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

export const payment = JSON.stringify({
  status: "PAID",
  id: "pay-1",
  transactionId: "tx-1",
  merchantId: "merchant-1",
  storeId: "store-1",
  channel: { type: "LIVE", id: "ch-1", key: "channel-key", name: "토스페이먼츠", pgProvider: "TOSSPAYMENTS", pgMerchantId: "pg-1" },
  version: "V2",
  requestedAt: "2026-11-22T10:00:00+09:00",
  updatedAt: "2026-11-22T10:00:05+09:00",
  statusChangedAt: "2026-11-22T10:00:05+09:00",
  orderName: "11월 수강료",
  amount: { total: 45000, taxFree: 0, vat: 4091, supply: 40909, discount: 0, paid: 45000, cancelled: 0, cancelledTaxFree: 0 },
  currency: "KRW",
  customer: { id: "cust-1" },
  isCulturalExpense: false,
  origin: { platformType: "PC", ipAddress: "203.0.113.1" },
  paidAt: "2026-11-22T10:00:05+09:00",
  pgTxId: "pg-tx-1",
  disputes: [],
});

if (process.argv[2] === "--serve") {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(payment) });
      res.end(payment);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => process.send({ port: server.address().port }));
  process.on("disconnect", () => process.exit(0));
}

export async function startServer() {
  const child = fork(fileURLToPath(import.meta.url), ["--serve"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const { port } = await new Promise((resolve, reject) => {
    child.once("message", resolve);
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      child.disconnect();
      await new Promise((r) => child.once("exit", r));
    },
  };
}
