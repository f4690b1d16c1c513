import { describe, expectTypeOf, it } from "vitest";
import type { PaySsamResultCode } from "@payspec/payssam-errors";
import {
  createPaySsamClient,
  createPaySsamFetchClient,
  type PaySpecApiError,
  type PaySpecCallError,
  type PaySsamEnvelope,
  type Unrecognized,
  type UnrecognizedResultCode,
} from "../../src/index.js";
import { parseApprovalSync, type PaySpecInboundError } from "../../src/webhooks.js";

const client = createPaySsamClient({ apiKey: "k", member: "m", merchant: "c" });

describe("client types", () => {
  it("results are { data, error, response }: exactly one of data and error", async () => {
    const { data, error, response } = await client.readBill({ billId: "1" });
    if (error) {
      expectTypeOf(data).toEqualTypeOf<undefined>();
      expectTypeOf(response).toEqualTypeOf<Response | undefined>();
      if (error.kind === "validation") expectTypeOf(error.field).toEqualTypeOf<string>();
      if (error.kind === "timeout") expectTypeOf(error.timeoutMs).toEqualTypeOf<number>();
      if (error.kind === "http" || error.kind === "invalid-response") expectTypeOf(error.httpStatus).toEqualTypeOf<number>();
    } else {
      expectTypeOf(data).toHaveProperty("apprState");
      expectTypeOf(data.billId).toExtend<string | undefined>();
      expectTypeOf(data.apprState).toEqualTypeOf<"F" | "W" | "C" | "D" | Unrecognized>();
      expectTypeOf(response).toEqualTypeOf<Response>();
    }
  });

  it("api errors: code typed per operation (x-result-codes) plus unrecognised codes; switch narrows", async () => {
    const { error } = await client.readBill({ billId: "1" });
    if (error?.kind !== "api") return;
    expectTypeOf(error.httpStatus).toEqualTypeOf<number>();
    expectTypeOf(error.serverMessage).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.code).toEqualTypeOf<
      | "BILL_003" | "ERROR" | "PARTNER_001" | "PARTNER_002" | "PARTNER_003" | "PARTNER_004" | "PARTNER_005" | "PARTNER_006"
      | "PARTNER_007" | "VALIDATION_001" | "BILL_007" | "MAINTAINED_METHOD" | UnrecognizedResultCode
    >();
    switch (error.code) {
      case "BILL_003":
        expectTypeOf(error).toEqualTypeOf<PaySpecApiError<"BILL_003", PaySsamEnvelope<"BILL_003">>>();
        expectTypeOf(error.body.code).toEqualTypeOf<"BILL_003">();
        break;
      default:
        break;
    }
    // @ts-expect-error POINT_001 is not documented for readBill
    if (error.code === "POINT_001") return;
    // @ts-expect-error an unrecognised code is not a catalogue code
    const known: PaySsamResultCode = error.code;
    void known;
    expectTypeOf(error).toExtend<PaySpecCallError>();
  });

  it("request enums are closed; the client fills credentials and hash", () => {
    type SendBill = Parameters<typeof client.sendBill>[0];
    expectTypeOf<SendBill["sendType"]>().toEqualTypeOf<"TALK" | "URL">();
    expectTypeOf<SendBill>().not.toHaveProperty("hash");
    expectTypeOf<SendBill>().not.toHaveProperty("apiKey");
    type Mapping = Parameters<typeof client.requestSubMerchantMapping>[0];
    expectTypeOf<Mapping>().not.toHaveProperty("merchantId");
    // @ts-expect-error SMS is not a send type
    void client.sendBill({ billId: "1", sendType: "SMS", productName: "p", price: "1000", memberName: "m", callbackUrl: "https://x" });
    // @ts-expect-error the API key comes from the options only
    void client.readPointBalance({ apiKey: "x" });
  });

  it("call options are the common ones", () => {
    void client.readBill({ billId: "1" }, { signal: new AbortController().signal, timeoutMs: 1000, headers: { Prefer: "example=success" } });
    // @ts-expect-error PaySsam has no idempotency key
    void client.readBill({ billId: "1" }, { idempotencyKey: "x" });
  });

  it("unverified operations live apart from the stable surface", () => {
    expectTypeOf(client).not.toHaveProperty("chargeAutoPayBill");
    expectTypeOf(client.unverified).toHaveProperty("chargeAutoPayBill");
  });

  it("createPaySsamFetchClient is an openapi-fetch client typed by paths", async () => {
    const raw = createPaySsamFetchClient({ apiKey: "k", member: "m", merchant: "c" });
    const { data } = await raw.POST("/read/remain_count", { body: { apiKey: "" } });
    expectTypeOf(data?.data).toExtend<{ balance: number } | null | undefined>();
    expectTypeOf(createPaySsamFetchClient(client)).toEqualTypeOf(raw);
    // @ts-expect-error not a path of the spec
    void raw.POST("/nope", { body: {} });
  });

  it("webhooks resolve to { data } | { error: PaySpecInboundError }", () => {
    const result = parseApprovalSync("{}");
    if (result.error) expectTypeOf(result.error).toEqualTypeOf<PaySpecInboundError<"invalid-body" | "not-json" | "invalid-payload">>();
    else {
      expectTypeOf(result.data.billId).toEqualTypeOf<string>();
      expectTypeOf(result.data["apiKey"]).toEqualTypeOf<unknown>(); // removed: only the open index signature is left
    }
  });
});
