// Issue 16, item 3: each operation has named types (`CreateRefundInput`, `…Data`, `…ApiError`, `…Error`,
// `…Result`) that the client's method and the standalone function use directly, so that hovers and
// messages show the names instead of an expansion computed at each use.
import { describe, expectTypeOf, it } from "vitest";
import {
  createPortOneGlobalClient,
  type components,
  type CreateRefundApiError,
  type CreateRefundData,
  type CreateRefundError,
  type CreateRefundInput,
  type CreateRefundResult,
  type GetTransactionStatusData,
  type InitiatePaymentInput,
  type PaySpecApiError,
  type PaySpecCallError,
  type PortOneGlobalApiError,
  type PortOneGlobalCallOptions,
  type PortOneGlobalCore,
  type PortOneGlobalData,
  type PortOneGlobalErrorBody,
  type PortOneGlobalInput,
  type PortOneGlobalResult,
} from "../../src/index.js";
import { createPortOneGlobalCore, createRefund } from "../../src/generated/entries/refund.js";
import { getAuthToken } from "../../src/generated/entries/auth.js";
import { getTransactionStatus } from "../../src/generated/entries/payment.js";

const client = createPortOneGlobalClient({ clientKey: "k", secretKey: "s" });

describe("named operation types", () => {
  it("the method and the function take and return the named types", () => {
    expectTypeOf(client.createRefund).parameter(0).toEqualTypeOf<CreateRefundInput>();
    expectTypeOf(client.createRefund).returns.toEqualTypeOf<Promise<CreateRefundResult>>();
    expectTypeOf(createRefund).parameters.toEqualTypeOf<[PortOneGlobalCore, CreateRefundInput, (PortOneGlobalCallOptions | undefined)?]>();
    expectTypeOf(createRefund).returns.toEqualTypeOf<Promise<CreateRefundResult>>();
  });

  it("the generic forms look the names up", () => {
    expectTypeOf<PortOneGlobalInput<"createRefund">>().toEqualTypeOf<CreateRefundInput>();
    expectTypeOf<PortOneGlobalData<"createRefund">>().toEqualTypeOf<CreateRefundData>();
    expectTypeOf<PortOneGlobalApiError<"createRefund">>().toEqualTypeOf<CreateRefundApiError>();
    expectTypeOf<PortOneGlobalResult<"createRefund">>().toEqualTypeOf<CreateRefundResult>();
    expectTypeOf<CreateRefundData>().toEqualTypeOf<components["schemas"]["Refunds"]>();
    // Enveloped: the data is the envelope's content.
    expectTypeOf<GetTransactionStatusData>().toEqualTypeOf<components["schemas"]["TransactionStatusInfo"]>();
    expectTypeOf<CreateRefundError>().toEqualTypeOf<PaySpecCallError<CreateRefundApiError>>();
    expectTypeOf<PaySpecApiError<"4041", PortOneGlobalErrorBody>>().toExtend<CreateRefundApiError>();
  });

  it("the input is path parameters and body fields without what the client fills", () => {
    expectTypeOf<InitiatePaymentInput>().not.toHaveProperty("signature_hash");
    expectTypeOf<InitiatePaymentInput>().not.toHaveProperty("portone_key");
    expectTypeOf<CreateRefundInput["portone_order_ref"]>().toEqualTypeOf<string>();
  });

  it("the whole client is a core: every function takes it", async () => {
    expectTypeOf(client).toExtend<PortOneGlobalCore>();
    const result = await getTransactionStatus(client, { merchantOrderRef: "A" });
    if (result.error?.kind === "api") expectTypeOf(result.error.code).toEqualTypeOf<"4010" | "4042" | "4054" | `${string}\u0000unrecognized`>();
    // @ts-expect-error the path parameter is required
    void getTransactionStatus(createPortOneGlobalCore({ clientKey: "k", secretKey: "s" }), {});
    // @ts-expect-error an options object is not a core
    void getTransactionStatus({ clientKey: "k", secretKey: "s" }, { merchantOrderRef: "A" });
  });

  it("an input without required fields may be left out", () => {
    void getAuthToken(client);
    expectTypeOf(getAuthToken).parameter(1).toEqualTypeOf<PortOneGlobalInput<"getAuthToken"> | undefined>();
  });
});
