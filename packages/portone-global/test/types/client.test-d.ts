import { describe, expectTypeOf, it } from "vitest";
import {
  createPortOneGlobalClient,
  type PortOneGlobalError,
  type PortOneGlobalStatus,
  type PortOneGlobalStatusCode,
} from "../../src/index.js";

const client = createPortOneGlobalClient({ clientKey: "k", secretKey: "s" });

describe("client types", () => {
  it("narrows results by ok and errors by kind; enveloped data is the content", async () => {
    const result = await client.getTransactionStatus({ merchantOrderRef: "A" });
    if (result.ok) {
      expectTypeOf(result.data.status).toEqualTypeOf<"Success" | "Failed" | "Pending" | "Initiated" | "Expired">();
      expectTypeOf(result.status).toEqualTypeOf<PortOneGlobalStatus>();
    } else {
      expectTypeOf(result.error).toEqualTypeOf<PortOneGlobalError>();
      if (result.error.kind === "status" && result.error.status.kind === "known") {
        expectTypeOf(result.error.status.code).toExtend<PortOneGlobalStatusCode | "1000" | "2000">();
      }
      if (result.error.kind === "timeout") expectTypeOf(result.error.timeoutMs).toEqualTypeOf<number>();
    }
  });

  it("bare responses are returned whole", async () => {
    const refunds = await client.listRefunds({ portone_order_ref: "R" });
    if (refunds.ok) expectTypeOf(refunds.data).toHaveProperty("refundDetails");
  });

  it("the client fills the key, the secret and the signature", () => {
    type Payment = Parameters<typeof client.initiatePayment>[0];
    expectTypeOf<Payment>().not.toHaveProperty("signature_hash");
    expectTypeOf<Payment>().not.toHaveProperty("portone_key");
    expectTypeOf<Parameters<typeof client.getTransactionDetails>[0]>().not.toHaveProperty("key");
    expectTypeOf<Payment["environment"]>().toEqualTypeOf<"sandbox" | "live">();
    expectTypeOf(client.getAuthToken).parameters.toEqualTypeOf<[input?: {}, options?: import("../../src/index.js").PortOneGlobalRequestOptions]>();
    // @ts-expect-error refund_type is full or partial
    void client.createRefund({ portone_order_ref: "R", refund_type: "half", environment: "sandbox" });
    // @ts-expect-error the path parameter is required
    void client.getTransactionStatus({});
  });
});
