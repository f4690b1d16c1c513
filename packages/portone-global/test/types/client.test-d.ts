import { describe, expectTypeOf, it } from "vitest";
import {
  createPortOneGlobalClient,
  createPortOneGlobalFetchClient,
  type PaySpecApiError,
  type PaySpecCallError,
  type PortOneGlobalCallOptions,
  type PortOneGlobalErrorBody,
  type Unrecognized,
} from "../../src/index.js";
import type { PaymentRedirectParams, PortOneGlobalInboundReason } from "../../src/webhooks.js";
import { verifyPaymentRedirect } from "../../src/webhooks.js";

const client = createPortOneGlobalClient({ clientKey: "k", secretKey: "s" });

describe("client types", () => {
  it("results are { data, error, response }; enveloped data is the content", async () => {
    const result = await client.getTransactionStatus({ merchantOrderRef: "A" });
    if (result.error === undefined) {
      expectTypeOf(result.data.status).toEqualTypeOf<"Success" | "Failed" | "Pending" | "Initiated" | "Expired">();
      expectTypeOf(result.response).toEqualTypeOf<Response>();
    } else {
      expectTypeOf(result.error).toExtend<PaySpecCallError<PaySpecApiError<string, unknown>>>();
      if (result.error.kind === "timeout") expectTypeOf(result.error.timeoutMs).toEqualTypeOf<number>();
    }
  });

  it("API errors are typed per operation by their status code, and switch narrows the body", async () => {
    const { error } = await client.getTransactionStatus({ merchantOrderRef: "A" });
    if (error?.kind === "api") {
      expectTypeOf(error.code).toEqualTypeOf<"4010" | "4042" | "4054" | Unrecognized>();
      switch (error.code) {
        case "4042":
          expectTypeOf(error.body).toEqualTypeOf<PortOneGlobalErrorBody>();
          expectTypeOf(error.body.status_code).toEqualTypeOf<string>();
          break;
        case "4010":
        case "4054":
          break;
        default:
          expectTypeOf(error.code).toEqualTypeOf<Unrecognized>();
          expectTypeOf(error.body).toEqualTypeOf<Readonly<Record<string, unknown>>>();
      }
      expectTypeOf(error.httpStatus).toEqualTypeOf<number>();
    }
    const refund = await client.createRefund({ portone_order_ref: "R", refund_type: "full", environment: "live" });
    if (refund.error?.kind === "api") expectTypeOf(refund.error.code).toEqualTypeOf<"4001" | "4010" | "4041" | "4054" | "4070" | "4081" | Unrecognized>();
  });

  it("bare responses are returned whole; open objects can be written and read", async () => {
    const refunds = await client.listRefunds({ portone_order_ref: "R" });
    if (refunds.data) expectTypeOf(refunds.data).toHaveProperty("refundDetails");
    const payment = await client.initiatePayment({
      merchant_order_id: "O", amount: 1, currency: "USD", environment: "sandbox", success_url: "https://a.kr/s", failure_url: "https://a.kr/f", pmt_channel: "C", pmt_method: "M",
    });
    if (payment.data?.additional_data) expectTypeOf(payment.data.additional_data["anything"]).toEqualTypeOf<unknown>();
  });

  it("the client fills the key, the secret and the signature", () => {
    type Payment = Parameters<typeof client.initiatePayment>[0];
    expectTypeOf<Payment>().not.toHaveProperty("signature_hash");
    expectTypeOf<Payment>().not.toHaveProperty("portone_key");
    expectTypeOf<Parameters<typeof client.getTransactionDetails>[0]>().not.toHaveProperty("key");
    expectTypeOf<Payment["environment"]>().toEqualTypeOf<"sandbox" | "live">();
    expectTypeOf(client.getAuthToken).parameters.toEqualTypeOf<[input?: {} | undefined, options?: PortOneGlobalCallOptions | undefined]>();
    // @ts-expect-error refund_type is full or partial
    void client.createRefund({ portone_order_ref: "R", refund_type: "half", environment: "sandbox" });
    // @ts-expect-error the path parameter is required
    void client.getTransactionStatus({});
  });

  it("the openapi-fetch client is typed by the spec's paths, with the filled fields optional", async () => {
    const { data } = await createPortOneGlobalFetchClient(client).GET("/api/transaction/{merchantOrderRef}/status", { params: { path: { merchantOrderRef: "A" } } });
    if (data) expectTypeOf(data.status_code).toEqualTypeOf<string>();
    void createPortOneGlobalFetchClient(client).POST("/api/initiatePayment", {
      body: { merchant_order_id: "O", amount: 1, currency: "USD", environment: "sandbox", success_url: "https://a.kr/s", failure_url: "https://a.kr/f", pmt_channel: "C", pmt_method: "M" },
    });
    // @ts-expect-error not a path of the spec
    void createPortOneGlobalFetchClient(client).GET("/api/nothing");
  });

  it("inbound results use the runtime's inbound error with a reason union", async () => {
    const result = await verifyPaymentRedirect("s", "?a=b");
    if (result.error) expectTypeOf(result.error.reason).toEqualTypeOf<PortOneGlobalInboundReason>();
    else expectTypeOf(result.data).toEqualTypeOf<PaymentRedirectParams>();
  });
});
