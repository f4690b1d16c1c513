import { describe, expectTypeOf, it } from "vitest";
import {
  createPortOneClient,
  paginate,
  type components,
  type OperationId,
  type PaginatedOperationId,
  type PaySpecAbortedError,
  type PaySpecCallError,
  type PaySpecInvalidResponseError,
  type PortOneApiError,
  type PortOneCallError,
  type PortOneListItem,
  type PortOneResult,
} from "../../src/index.js";

const client = createPortOneClient({ secret: "s" });
type Schemas = components["schemas"];

describe("paginate types", () => {
  it("yields the item type of each operation", async () => {
    for await (const payment of paginate(client, "getPayments", { filter: { status: ["PAID"] } })) {
      expectTypeOf(payment).toEqualTypeOf<Schemas["Payment"]>();
    }
    for await (const partner of paginate(client, "getPlatformPartners")) {
      expectTypeOf(partner).toEqualTypeOf<Schemas["PlatformPartner"]>();
    }
    for await (const summary of paginate(client, "getPlatformTransferSummaries")) {
      expectTypeOf(summary).toEqualTypeOf<Schemas["PlatformTransferSummary"]>();
    }
    for await (const invoice of paginate(client, "getB2bTaxInvoices", { pageSize: 100 })) {
      expectTypeOf(invoice).toEqualTypeOf<Schemas["B2bTaxInvoiceSummary"]>();
    }
    for await (const item of paginate(client, "getAllPaymentsByCursor", { size: 100 })) {
      expectTypeOf(item).toEqualTypeOf<Schemas["PaymentWithCursor"]>();
      expectTypeOf(item.cursor).toEqualTypeOf<string>();
    }
    expectTypeOf<PortOneListItem<"getAllPaymentEventsByCursor">>().toEqualTypeOf<Schemas["PaymentEventWithCursor"]>();
  });

  it("the error is the operation's own call error", () => {
    const pages = paginate(client, "getPlatformPartners");
    expectTypeOf(pages.error).toEqualTypeOf<PortOneCallError<"getPlatformPartners"> | undefined>();
    expectTypeOf<PortOneCallError<"getPlatformPartners">>().toEqualTypeOf<NonNullable<PortOneResult<"getPlatformPartners">["error"]>>();
    expectTypeOf<PortOneCallError<"getPlatformPartners">>().toEqualTypeOf<PaySpecCallError<PortOneApiError<"getPlatformPartners">>>();
    expectTypeOf(pages.pages).toEqualTypeOf<number>();
    expectTypeOf(pages.items).toEqualTypeOf<number>();
    const error = pages.error;
    if (error?.kind === "api") {
      // @ts-expect-error getPlatformPartners does not return PAYMENT_NOT_FOUND
      if (error.code === "PAYMENT_NOT_FOUND") return;
      if (error.code === "FORBIDDEN") expectTypeOf(error.body).toExtend<Schemas["ForbiddenError"]>();
    }
    if (error?.kind === "aborted") expectTypeOf(error).toEqualTypeOf<PaySpecAbortedError>();
    // A page that lies (issue 15, item 2) is an invalid-response error whose bodySnippet says what was wrong.
    if (error?.kind === "invalid-response") {
      expectTypeOf(error).toEqualTypeOf<PaySpecInvalidResponseError>();
      expectTypeOf(error.bodySnippet).toEqualTypeOf<string>();
    }
  });

  it("accepts only list operations, their own input and read call options", () => {
    expectTypeOf<PaginatedOperationId>().toExtend<OperationId>();
    expectTypeOf<"getPayments" | "getAllPaymentsByCursor" | "getB2bTaxInvoices">().toExtend<PaginatedOperationId>();
    // @ts-expect-error getPayment reads one payment: not a list
    paginate(client, "getPayment", { paymentId: "p" });
    // @ts-expect-error getPayments has no `cursor`
    paginate(client, "getPayments", { cursor: "c" });
    // @ts-expect-error a list is a read: no idempotency key
    paginate(client, "getPayments", {}, { idempotencyKey: "k".repeat(16) });
    paginate(client, "getPayments", { page: { number: 2, size: 50 } }, { signal: AbortSignal.timeout(1000), timeoutMs: 5000, headers: { "X-Trace": "1" } });
  });
});
