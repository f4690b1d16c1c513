import { describe, expectTypeOf, it } from "vitest";
import { createPortOneClient, type components, type PortOneInput, type PortOneTransportError, type PortOneValidationError, type Unrecognized } from "../../src/index.js";

const client = createPortOneClient({ secret: "s" });

describe("PortOne client types", () => {
  it("narrows an operation's errors by type", async () => {
    const result = await client.getBillingKeyInfo({ billingKey: "bk" });
    if (!result.error) return;
    switch (result.error.type) {
      case "BILLING_KEY_NOT_FOUND":
        expectTypeOf(result.error).toExtend<components["schemas"]["BillingKeyNotFoundError"]>();
        expectTypeOf(result.error.httpStatus).toEqualTypeOf<number>();
        break;
      case "FORBIDDEN":
        expectTypeOf(result.error.kind).toEqualTypeOf<"api">();
        break;
      case undefined:
        expectTypeOf(result.error).toExtend<PortOneTransportError | PortOneValidationError>();
        break;
      default:
        break;
    }
    // @ts-expect-error getBillingKeyInfo does not return PAYMENT_NOT_FOUND
    if (result.error.type === "PAYMENT_NOT_FOUND") return;
  });

  it("PG_PROVIDER errors carry pgCode and pgMessage", async () => {
    const result = await client.cancelPayment({ paymentId: "p", reason: "r" });
    if (result.error?.type === "PG_PROVIDER") {
      expectTypeOf(result.error.pgCode).toEqualTypeOf<string>();
      expectTypeOf(result.error.pgMessage).toEqualTypeOf<string>();
    }
  });

  it("response enums and unions are open, request enums are closed", async () => {
    const result = await client.getPayment({ paymentId: "p" });
    if (result.data) {
      expectTypeOf<Unrecognized>().toExtend<typeof result.data.status>();
      expectTypeOf<"PAID">().toExtend<typeof result.data.status>();
      if (result.data.status === "PAID") expectTypeOf(result.data.paidAt).toEqualTypeOf<string>();
    }
    expectTypeOf<Unrecognized>().toExtend<components["schemas"]["Currency"]>();
    expectTypeOf<Unrecognized>().not.toExtend<components["schemas"]["CurrencyForRequest"]>();
    type Cancel = PortOneInput<"cancelPayment">;
    expectTypeOf<Cancel>().toHaveProperty("paymentId");
    // @ts-expect-error request enums are closed
    const bad: components["schemas"]["CurrencyForRequest"] = "XYZ";
    void bad;
  });

  it("requires path parameters", () => {
    // @ts-expect-error paymentId is required
    void client.getPayment({});
  });
});
