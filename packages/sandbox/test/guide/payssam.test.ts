import { createPaySsamClient } from "@payspec/payssam";
import { approvalSyncReply, parseApprovalSync } from "@payspec/payssam/webhooks";
import { startSandbox } from "@payspec/sandbox";
import { expect, it, onTestFinished } from "vitest";

const paidBills: string[] = [];

// Your app's callback route (the bill's callbackUrl): PaySsam signs nothing, so parse, then confirm with readBill.
async function handlePaySsamCallback(request: Request): Promise<Response> {
  const { data, error } = parseApprovalSync(await request.text());
  if (error) return new Response(error.reason, { status: 400 });
  paidBills.push(data.billId);
  return Response.json(approvalSyncReply()); // { code: "0000", … }: anything else is re-sent every hour
}

it("PaySsam: send → approve → approval callback → read F", async () => {
  const sb = await startSandbox({ webhooks: { fetch: (url, init) => handlePaySsamCallback(new Request(url, init)) } }); // on free ports
  onTestFinished(() => sb.close());
  const payssam = createPaySsamClient({ apiKey: sb.payssam.apiKey, member: sb.payssam.member, merchant: sb.payssam.merchant, baseUrl: sb.payssam.url });

  const sent = await payssam.sendBill({
    billId: "INV-1", sendType: "URL", productName: "11월 수강료", price: "45000", memberName: "홍길동",
    callbackUrl: "https://app.example/payssam/callback",
  });
  expect(sent.error).toBeUndefined();
  expect((await payssam.readBill({ billId: "INV-1" })).data?.apprState).toBe("W"); // sent, unpaid

  sb.payssam.approve("INV-1"); // the customer pays on PaySsam's page
  await sb.settled();
  expect(paidBills).toEqual(["INV-1"]);
  expect(sb.deliveries.map((d) => [d.event, d.state])).toEqual([["approvalSync", "succeeded"]]);

  const read = await payssam.readBill({ billId: "INV-1" });
  expect(read.data?.apprState).toBe("F"); // paid
  expect(read.data?.apprPrice).toBe("45000");
});
