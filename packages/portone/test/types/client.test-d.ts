import { describe, expectTypeOf, it } from "vitest";
import {
  createPortOneClient,
  type components,
  type PaySpecAbortedError,
  type PaySpecApiError,
  type PaySpecHttpError,
  type PaySpecInvalidResponseError,
  type PaySpecNetworkError,
  type PaySpecTimeoutError,
  type PaySpecValidationError,
  type PortOneInput,
  type OperationId,
  type PortOneClient,
  type PortOneMethods,
  type Unrecognized,
} from "../../src/index.js";

const client = createPortOneClient({ secret: "s" });

describe("PortOne client types", () => {
  it("narrows an operation's API errors by code, and every error by kind", async () => {
    const result = await client.getBillingKeyInfo({ billingKey: "bk" });
    if (!result.error) return;
    switch (result.error.kind) {
      case "api":
        switch (result.error.code) {
          case "BILLING_KEY_NOT_FOUND":
            expectTypeOf(result.error.body).toExtend<components["schemas"]["BillingKeyNotFoundError"]>();
            expectTypeOf(result.error.httpStatus).toEqualTypeOf<number>();
            break;
          case "FORBIDDEN":
            expectTypeOf(result.error).toExtend<PaySpecApiError<"FORBIDDEN", components["schemas"]["ForbiddenError"]>>();
            break;
          default:
            expectTypeOf(result.error.code).toExtend<"INVALID_REQUEST" | "UNAUTHORIZED" | Unrecognized>();
        }
        // @ts-expect-error getBillingKeyInfo does not return PAYMENT_NOT_FOUND
        if (result.error.code === "PAYMENT_NOT_FOUND") return;
        break;
      case "validation":
        expectTypeOf(result.error).toEqualTypeOf<PaySpecValidationError>();
        expectTypeOf(result.error.field).toEqualTypeOf<string>();
        break;
      case "timeout":
        expectTypeOf(result.error).toEqualTypeOf<PaySpecTimeoutError>();
        break;
      default:
        expectTypeOf(result.error).toExtend<PaySpecHttpError | PaySpecInvalidResponseError | PaySpecNetworkError | PaySpecAbortedError>();
    }
  });

  it("PG_PROVIDER errors carry pgCode and pgMessage in the body", async () => {
    const result = await client.cancelPayment({ paymentId: "p", reason: "r" });
    if (result.error?.kind === "api" && result.error.code === "PG_PROVIDER") {
      expectTypeOf(result.error.body.pgCode).toEqualTypeOf<string>();
      expectTypeOf(result.error.body.pgMessage).toEqualTypeOf<string>();
    }
  });

  it("response enums and unions are open, request enums are closed", async () => {
    const result = await client.getPayment({ paymentId: "p" });
    if (result.data) {
      expectTypeOf<Unrecognized>().toExtend<typeof result.data.status>();
      expectTypeOf<"PAID">().toExtend<typeof result.data.status>();
      if (result.data.status === "PAID") expectTypeOf(result.data.paidAt).toEqualTypeOf<string>();
      expectTypeOf(result.response).toEqualTypeOf<Response>();
    }
    expectTypeOf<Unrecognized>().toExtend<components["schemas"]["Currency"]>();
    expectTypeOf<Unrecognized>().not.toExtend<components["schemas"]["CurrencyForRequest"]>();
    type Cancel = PortOneInput<"cancelPayment">;
    expectTypeOf<Cancel>().toHaveProperty("paymentId");
    // @ts-expect-error request enums are closed
    const bad: components["schemas"]["CurrencyForRequest"] = "XYZ";
    void bad;
  });

  it("bypass takes a PG's own object", () => {
    expectTypeOf<{ tosspayments: { useInternationalCardOnly: true } }>().toExtend<NonNullable<PortOneInput<"payWithBillingKey">["bypass"]>>();
  });

  it("requires path parameters", () => {
    // @ts-expect-error paymentId is required
    void client.getPayment({});
  });

  it("every operationId of the spec is a documented method (hover shows the spec's title)", () => {
    expectTypeOf<keyof PortOneMethods>().toEqualTypeOf<OperationId>();
    expectTypeOf<keyof PortOneClient>().toEqualTypeOf<OperationId | "baseUrl" | "toJSON">();
  });

  it("platform, B2B and payment-session calls narrow their error unions by code", async () => {
    const partner = await client.getPlatformPartner({ id: "partner-1" });
    if (partner.error?.kind === "api" && partner.error.code === "PLATFORM_PARTNER_NOT_FOUND") {
      expectTypeOf(partner.error.body).toExtend<components["schemas"]["PlatformPartnerNotFoundError"]>();
    }
    // @ts-expect-error getPlatformPartner does not return B2B errors
    if (partner.error?.kind === "api" && partner.error.code === "B2B_NOT_ENABLED") return;
    const invoice = await client.getB2bTaxInvoice({ taxInvoiceKey: "k" });
    if (invoice.error?.kind === "api" && invoice.error.code === "B2B_EXTERNAL_SERVICE") {
      expectTypeOf(invoice.error.body).toExtend<components["schemas"]["B2bExternalServiceError"]>();
    }
    const session = await client.getPaymentSession({ sessionId: "s" });
    if (session.error?.kind === "api") expectTypeOf(session.error.code).toExtend<"INVALID_REQUEST" | "SESSION_NOT_FOUND" | "SESSION_EXPIRED" | Unrecognized>();
    const sheet = await client.downloadB2bTaxInvoicesSheet({});
    if (sheet.data !== undefined) expectTypeOf(sheet.data).toEqualTypeOf<string>();
    const attached = await client.attachB2bTaxInvoiceFile({ taxInvoiceKey: "k", fileId: "f" } as never);
    if (!attached.error) expectTypeOf(attached.data).toEqualTypeOf<undefined>();
  });
});
