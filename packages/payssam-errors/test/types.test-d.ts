import { describe, expectTypeOf, it } from "vitest";
import { describePaySsamResult, isPaySsamResultCode, PaySsamResultCode, type PaySsamResultFamily } from "../src/index.js";

describe("types", () => {
  it("PaySsamResultCode is the union of the codes", () => {
    expectTypeOf<PaySsamResultCode>().toEqualTypeOf<(typeof PaySsamResultCode)[keyof typeof PaySsamResultCode]>();
    expectTypeOf(PaySsamResultCode.BILL_003).toEqualTypeOf<"BILL_003">();
    expectTypeOf<"0000">().toExtend<PaySsamResultCode>();
    // @ts-expect-error not a code
    const bad: PaySsamResultCode = "BILL_999";
    void bad;
  });

  it("isPaySsamResultCode narrows unknown input", () => {
    const value: unknown = "BILL_003";
    if (isPaySsamResultCode(value)) expectTypeOf(value).toEqualTypeOf<PaySsamResultCode>();
  });

  it("describePaySsamResult narrows on known", () => {
    const d = describePaySsamResult("x");
    if (d.known) {
      expectTypeOf(d.code).toEqualTypeOf<PaySsamResultCode>();
      expectTypeOf(d.family).toEqualTypeOf<PaySsamResultFamily>();
    } else {
      expectTypeOf(d.code).toEqualTypeOf<string>();
      expectTypeOf(d.success).toEqualTypeOf<false>();
    }
  });
});
