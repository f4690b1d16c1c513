// Issue 16, item 3: each operation has named types (`GetPaymentInput`, `…Data`, `…ApiError`, `…Error`,
// `…Result`) that the client's method and the standalone function use directly, so that hovers and
// messages show the names instead of an expansion computed at each use.
import { describe, expectTypeOf, it } from "vitest";
import {
  createPortOneClient,
  type components,
  type GetPaymentApiError,
  type GetPaymentData,
  type GetPaymentError,
  type GetPaymentInput,
  type GetPaymentResult,
  type PaySpecApiError,
  type PaySpecCallError,
  type PortOneApiError,
  type PortOneCallOptions,
  type PortOneCore,
  type PortOneData,
  type PortOneInput,
  type PortOneResult,
} from "../../src/index.js";
import { createPortOneCore, getPayment } from "../../src/generated/entries/payment.js";
import { getBankInfos as fromCommon } from "../../src/generated/entries/common.js";

const client = createPortOneClient({ secret: "s" });

describe("named operation types", () => {
  it("the method and the function take and return the named types", () => {
    expectTypeOf(client.getPayment).parameter(0).toEqualTypeOf<GetPaymentInput>();
    expectTypeOf(client.getPayment).returns.toEqualTypeOf<Promise<GetPaymentResult>>();
    expectTypeOf(getPayment).parameters.toEqualTypeOf<[PortOneCore, GetPaymentInput, (PortOneCallOptions | undefined)?]>();
    expectTypeOf(getPayment).returns.toEqualTypeOf<Promise<GetPaymentResult>>();
  });

  it("the generic forms look the names up", () => {
    expectTypeOf<PortOneInput<"getPayment">>().toEqualTypeOf<GetPaymentInput>();
    expectTypeOf<PortOneData<"getPayment">>().toEqualTypeOf<GetPaymentData>();
    expectTypeOf<PortOneApiError<"getPayment">>().toEqualTypeOf<GetPaymentApiError>();
    expectTypeOf<PortOneResult<"getPayment">>().toEqualTypeOf<GetPaymentResult>();
    expectTypeOf<GetPaymentData>().toEqualTypeOf<components["schemas"]["Payment"]>();
    expectTypeOf<GetPaymentError>().toEqualTypeOf<PaySpecCallError<GetPaymentApiError>>();
    expectTypeOf<PaySpecApiError<"PAYMENT_NOT_FOUND", components["schemas"]["PaymentNotFoundError"]>>().toExtend<GetPaymentApiError>();
  });

  it("the whole client is a core: every function takes it", async () => {
    expectTypeOf(client).toExtend<PortOneCore>();
    const result = await getPayment(client, { paymentId: "p" });
    if (result.error?.kind === "api") expectTypeOf(result.error.code).toExtend<"INVALID_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "PAYMENT_NOT_FOUND" | `${string}\u0000unrecognized`>();
    // @ts-expect-error paymentId is required
    void getPayment(createPortOneCore({ secret: "s" }), {});
    // @ts-expect-error an options object is not a core
    void getPayment({ secret: "s" }, { paymentId: "p" });
  });

  it("an input without required fields may be left out", () => {
    void fromCommon(client);
    expectTypeOf(fromCommon).parameter(1).toEqualTypeOf<PortOneInput<"getBankInfos"> | undefined>();
  });
});
