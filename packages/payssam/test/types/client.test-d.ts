import { describe, expectTypeOf, it } from "vitest";
import {
  createPaySsamClient,
  type PaySsamError,
  type PaySsamResultCode,
  type PaySsamResultFailure,
  type UnknownResultCode,
} from "../../src/index.js";

const client = createPaySsamClient({ apiKey: "k", member: "m", merchant: "c" });

describe("client types", () => {
  it("narrows results by ok and errors by kind", async () => {
    const result = await client.readBill({ billId: "1" });
    if (result.ok) {
      expectTypeOf(result.data).toHaveProperty("apprState");
      expectTypeOf(result.data.billId).toExtend<string | undefined>();
      expectTypeOf(result.error).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(result.error).toEqualTypeOf<PaySsamError>();
      if (result.error.kind === "validation") expectTypeOf(result.error.field).toEqualTypeOf<string>();
      if (result.error.kind === "timeout") expectTypeOf(result.error.timeoutMs).toEqualTypeOf<number>();
    }
  });

  it("narrows result codes: known codes by code, unknown codes typed as unknown", () => {
    const error = {} as PaySsamResultFailure;
    if (error.known) {
      expectTypeOf(error.code).toEqualTypeOf<Exclude<PaySsamResultCode, "0000">>();
      expectTypeOf(error.publishedMessage).toEqualTypeOf<string>();
      switch (error.code) {
        case "BILL_003":
          expectTypeOf(error.code).toEqualTypeOf<"BILL_003">();
          break;
        default:
          break;
      }
    } else {
      expectTypeOf(error.code).toEqualTypeOf<UnknownResultCode>();
      expectTypeOf(error.publishedMessage).toEqualTypeOf<undefined>();
      // @ts-expect-error an unknown code is not a known PaySsamResultCode
      const known: PaySsamResultCode = error.code;
      void known;
    }
  });

  it("request enums are closed and the client fills credentials and hash", () => {
    type SendBill = Parameters<typeof client.sendBill>[0];
    expectTypeOf<SendBill["sendType"]>().toEqualTypeOf<"TALK" | "URL">();
    expectTypeOf<SendBill>().not.toHaveProperty("hash");
    expectTypeOf<SendBill>().not.toHaveProperty("apiKey");
    // @ts-expect-error SMS is not a send type
    void client.sendBill({ billId: "1", sendType: "SMS", productName: "p", price: "1000", memberName: "m", callbackUrl: "https://x" });
  });

  it("unverified operations live apart from the stable surface", () => {
    expectTypeOf(client).not.toHaveProperty("chargeAutoPayBill");
    expectTypeOf(client.unverified).toHaveProperty("chargeAutoPayBill");
  });
});
