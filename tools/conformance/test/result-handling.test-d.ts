// The README's one result-handling section, as a type test: one generic function that switches on
// `error.kind` accepts the result of any operation of any payspec client.
import { createPaySsamClient } from "@payspec/payssam";
import { createPortOneClient, type PortOneData } from "@payspec/portone";
import { createPortOneGlobalClient } from "@payspec/portone-global";
import type { PaySpecApiError, PaySpecCallError } from "@payspec/portone";
import { describe, expectTypeOf, it } from "vitest";

/** Any error of any payspec client. */
type AnyPaySpecError = PaySpecCallError<PaySpecApiError<string, unknown>>;

/** Handles the result of any operation of any payspec client the same way: a line for the log. */
function handle(result: { readonly error?: AnyPaySpecError | undefined }): string {
  const { error } = result;
  if (error === undefined) return "ok";
  switch (error.kind) {
    case "validation":
      return `fix ${error.field} (${error.rule}); nothing was sent`;
    case "api":
      return `${error.provider} ${error.operation}: ${error.code} (HTTP ${error.httpStatus})`;
    case "http":
    case "invalid-response":
      return `HTTP ${error.httpStatus}: ${error.bodySnippet}`;
    case "timeout":
      return `no answer within ${error.timeoutMs} ms`;
    case "network":
    case "aborted":
      return error.message;
    default: {
      const unreachable: never = error;
      return unreachable;
    }
  }
}

const portone = createPortOneClient({ secret: "s" });
const payssam = createPaySsamClient({ apiKey: "k", member: "m", merchant: "s" });
const global = createPortOneGlobalClient({ clientKey: "c", secretKey: "s" });

describe("one result contract", () => {
  it("the same handler compiles against a result of each client", async () => {
    expectTypeOf(handle(await portone.getPayment({ paymentId: "p" }))).toEqualTypeOf<string>();
    expectTypeOf(handle(await portone.cancelPayment({ paymentId: "p", reason: "r" }))).toEqualTypeOf<string>();
    expectTypeOf(handle(await payssam.readBill({ billId: "b" }))).toEqualTypeOf<string>();
    expectTypeOf(handle(await global.getTransactionStatus({ merchantOrderRef: "o" }))).toEqualTypeOf<string>();
    expectTypeOf(handle).parameter(0).not.toBeAny();
  });

  it("destructured results narrow as openapi-fetch's do", async () => {
    const { data, error } = await portone.getPayment({ paymentId: "p" });
    if (error) return;
    expectTypeOf(data).toEqualTypeOf<PortOneData<"getPayment">>();
  });

  it("API errors carry the provider's code in `code` for every provider", async () => {
    const a = await portone.getPayment({ paymentId: "p" });
    const b = await payssam.readBill({ billId: "b" });
    const c = await global.getTransactionStatus({ merchantOrderRef: "o" });
    if (a.error?.kind === "api") expectTypeOf(a.error.code).toExtend<string>();
    if (b.error?.kind === "api") expectTypeOf(b.error.code).toExtend<string>();
    if (c.error?.kind === "api") expectTypeOf(c.error.code).toExtend<string>();
  });
});
