// Types written out to spare every consumer's compiler a computation (issue 16, item 3): each must stay
// what the computed form meant, so that a user sees no difference.
import { describe, expectTypeOf, it } from "vitest";
import { createPortOneClient, paginate, type components, type PaySpecApiError, type PaySpecCallError, type PortOnePages } from "../../src/index.js";
import type { Unrecognized } from "../../src/generated/common.js";
import type { Webhook, WebhookOf, WebhookType } from "../../src/webhooks.js";

type Schemas = components["schemas"];

describe("types written out instead of computed", () => {
  it("Webhook lists exactly the spec's known webhook cases (was Exclude<Schemas['Webhook'], unrecognized>)", () => {
    expectTypeOf<Webhook>().toEqualTypeOf<Exclude<Schemas["Webhook"], { readonly type: Unrecognized; readonly [field: string]: unknown }>>();
    expectTypeOf<Webhook["type"]>().toEqualTypeOf<WebhookType>();
    expectTypeOf<WebhookOf<"Transaction.Paid">>().toEqualTypeOf<Schemas["WebhookTransactionPaid"]>();
  });

  it("paginate takes any object with the list's method, as Pick<PortOneMethods, K> did, and nothing without it", () => {
    const client = createPortOneClient({ secret: "api-secret-value" });
    const onlyTheMethod = { getPayments: client.getPayments };
    expectTypeOf(paginate(onlyTheMethod, "getPayments")).toEqualTypeOf<PortOnePages<"getPayments">>();
    expectTypeOf(paginate(client, "getPayments").error).toEqualTypeOf<PaySpecCallError<import("../../src/generated/entries/payment.js").GetPaymentsApiError> | undefined>();
    // @ts-expect-error an object without getPayments cannot page it
    paginate({ getPayment: client.getPayment }, "getPayments");
  });

  it("PaySpecApiError's declared `out` variance is what the compiler measured before (covariant in code and body)", () => {
    // The annotation spares consumers the measurement; a wrong one (`in`, or none on a parameter used
    // contravariantly) would change which errors are assignable to which.
    type NotFound = PaySpecApiError<"PAYMENT_NOT_FOUND", Schemas["PaymentNotFoundError"]>;
    expectTypeOf<NotFound>().toExtend<PaySpecApiError>();
    expectTypeOf<NotFound>().toExtend<PaySpecApiError<string, unknown>>();
    expectTypeOf<PaySpecApiError<string, unknown>>().not.toExtend<NotFound>();
    expectTypeOf<PaySpecApiError<"PAYMENT_NOT_FOUND", unknown>>().not.toExtend<NotFound>();
    expectTypeOf<PaySpecApiError<string, Schemas["PaymentNotFoundError"]>>().not.toExtend<NotFound>();
  });
});
