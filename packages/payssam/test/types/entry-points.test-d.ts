// Issue 16, item 3: each operation has named types (`SendBillInput`, `…Data`, `…ApiError`, `…Error`,
// `…Result`) that the client's method and the standalone function use directly, so that hovers and
// messages show the names instead of an expansion computed at each use.
import { describe, expectTypeOf, it } from "vitest";
import {
  createPaySsamClient,
  type components,
  type PaySpecApiError,
  type PaySpecCallError,
  type PaySsamApiError,
  type PaySsamCallOptions,
  type PaySsamCore,
  type PaySsamData,
  type PaySsamEnvelope,
  type PaySsamInput,
  type PaySsamResult,
  type ReadBillApiError,
  type ReadBillData,
  type ReadBillError,
  type ReadBillInput,
  type ReadBillResult,
  type SendBillInput,
} from "../../src/index.js";
import { createPaySsamCore, readBill, sendBill } from "../../src/generated/entries/bill.js";
import { readPointBalance } from "../../src/generated/entries/point.js";
import { chargeAutoPayBill } from "../../src/generated/entries/auto-pay.js";

const client = createPaySsamClient({ apiKey: "k", member: "m", merchant: "c" });

describe("named operation types", () => {
  it("the method and the function take and return the named types", () => {
    expectTypeOf(client.readBill).parameter(0).toEqualTypeOf<ReadBillInput>();
    expectTypeOf(client.readBill).returns.toEqualTypeOf<Promise<ReadBillResult>>();
    expectTypeOf(readBill).parameters.toEqualTypeOf<[PaySsamCore, ReadBillInput, (PaySsamCallOptions | undefined)?]>();
    expectTypeOf(readBill).returns.toEqualTypeOf<Promise<ReadBillResult>>();
  });

  it("the generic forms look the names up", () => {
    expectTypeOf<PaySsamInput<"readBill">>().toEqualTypeOf<ReadBillInput>();
    expectTypeOf<PaySsamData<"readBill">>().toEqualTypeOf<ReadBillData>();
    expectTypeOf<PaySsamApiError<"readBill">>().toEqualTypeOf<ReadBillApiError>();
    expectTypeOf<PaySsamResult<"readBill">>().toEqualTypeOf<ReadBillResult>();
    expectTypeOf<ReadBillData>().toEqualTypeOf<components["schemas"]["BillReadPortResponse"]>();
    expectTypeOf<ReadBillError>().toEqualTypeOf<PaySpecCallError<ReadBillApiError>>();
    expectTypeOf<PaySpecApiError<"BILL_003", PaySsamEnvelope<"BILL_003">>>().toExtend<ReadBillApiError>();
  });

  it("the input is the payload without what the client fills", () => {
    expectTypeOf<SendBillInput>().not.toHaveProperty("hash");
    expectTypeOf<SendBillInput["sendType"]>().toEqualTypeOf<"TALK" | "URL">();
    // @ts-expect-error the API key comes from the options only
    void readPointBalance(client, { apiKey: "x" });
  });

  it("the whole client is a core: every function takes it", async () => {
    expectTypeOf(client).toExtend<PaySsamCore>();
    const result = await sendBill(client, { billId: "1", sendType: "URL", productName: "p", price: "1000", memberName: "m", callbackUrl: "https://x" });
    if (!result.error) expectTypeOf(result.data.shortUrl).toEqualTypeOf<string>();
    // @ts-expect-error billId is required
    void readBill(createPaySsamCore({ apiKey: "k", member: "m", merchant: "c" }), {});
    // @ts-expect-error an options object is not a core
    void readBill({ apiKey: "k", member: "m", merchant: "c" }, { billId: "1" });
  });

  it("an input without required fields may be left out", () => {
    void readPointBalance(client);
    void chargeAutoPayBill(client);
    expectTypeOf(chargeAutoPayBill).parameter(1).toEqualTypeOf<PaySsamInput<"chargeAutoPayBill"> | undefined>();
  });
});
