import { createSandbox, startSandbox, type Delivery } from "@payspec/sandbox";

export async function run(): Promise<string> {
  const local = createSandbox({ portone: { secret: "consumer-secret" } });
  const paid = local.portone.pay({ paymentId: "p", totalAmount: 1000, payMethod: "CARD" });
  const response = await local.fetch("https://api.portone.io/payments/p", { headers: { authorization: "PortOne consumer-secret" } });
  const bills: number = local.payssam.bills().length + local.payssam.points;
  await local.close();
  const sb = await startSandbox({ webhooks: { retryDelaysMs: [1000] } });
  sb.faults.inject({ operation: "cancelPayment", fault: "lost-answer" });
  const log: readonly Delivery[] = sb.deliveries;
  await sb.close();
  return `${paid.status} ${response.status} ${bills} ${sb.url} ${log.length} ${sb.clock.iso()}`;
}
