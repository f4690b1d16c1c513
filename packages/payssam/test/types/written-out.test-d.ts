// Types written out to spare every consumer's compiler a computation (issue 16, item 3): each input and the
// approval-sync payload used to be `Omit<components["schemas"][…], filled fields>` (and `& { [extra]: unknown }`),
// computed again by every program that used them. Each must stay what that computed form meant, so that a
// user sees no difference and a spec change that makes them differ fails here.
import { describe, expectTypeOf, it } from "vitest";
import type { components, webhooks } from "../../src/index.js";
import type * as P from "../../src/index.js";
import type { ApprovalSyncPayload, ApprovalSyncRejection, ApprovalSyncResult, InboundResult } from "../../src/webhooks.js";

type Schemas = components["schemas"];
/** What the client fills in a payload: the envelope and the hash. */
type Filled = "apiKey" | "member" | "merchant" | "memberId" | "merchantId" | "hash";
/** The computed form the generator wrote before: the payload without what the client fills. */
type Computed<S extends keyof Schemas> = Omit<Schemas[S], Filled>;

describe("inputs written out instead of Omit<payload, filled fields>", () => {
  it("bill payloads", () => {
    expectTypeOf<P.SendBillInput>().toEqualTypeOf<Computed<"SendBillInfo">>();
    expectTypeOf<P.ResendBillInput>().toEqualTypeOf<Computed<"BillLookupInfo">>();
    expectTypeOf<P.ReadBillInput>().toEqualTypeOf<Computed<"BillLookupInfo">>();
    expectTypeOf<P.DestroyBillInput>().toEqualTypeOf<Computed<"DestroyBillInfo">>();
    expectTypeOf<P.CancelBillInput>().toEqualTypeOf<Computed<"CancelBillInfo">>();
  });

  it("cash-receipt payloads", () => {
    expectTypeOf<P.IssueCashReceiptInput>().toEqualTypeOf<Computed<"IssueCashReceiptInfo">>();
    expectTypeOf<P.CancelCashReceiptInput>().toEqualTypeOf<Computed<"CancelCashReceiptInfo">>();
    expectTypeOf<P.ReadCashReceiptInput>().toEqualTypeOf<Computed<"ReadCashReceiptInfo">>();
  });

  it("flat bodies", () => {
    expectTypeOf<P.RequestSubMerchantMappingInput>().toEqualTypeOf<Computed<"PartnerAuthMappingRequest">>();
  });

  it("open flat bodies (unpublished schemas) keep their index signature", () => {
    // `Omit` of `{ apiKey, member, merchant } & { [key: string]: unknown }` is `{ [x: string]: unknown; [x: number]: unknown }`;
    // the written-out `{ [field: string]: unknown }` covers number keys too, so the two accept the same values.
    expectTypeOf<P.ChargeAutoPayBillInput>().toEqualTypeOf<{ [field: string]: unknown }>();
    expectTypeOf<Computed<"ChargeAutoPayBillRequest">>().toExtend<P.ChargeAutoPayBillInput>();
    expectTypeOf<P.ChargeAutoPayBillInput>().toExtend<Computed<"ChargeAutoPayBillRequest">>();
    expectTypeOf<P.RegisterAutoPayMethodInput>().toEqualTypeOf<P.ChargeAutoPayBillInput>();
    expectTypeOf<Computed<"RegisterAutoPayMethodRequest">>().toEqualTypeOf<Computed<"ChargeAutoPayBillRequest">>();
    expectTypeOf<P.DeleteAutoPayMethodInput>().toEqualTypeOf<P.ChargeAutoPayBillInput>();
    expectTypeOf<Computed<"DeleteAutoPayMethodRequest">>().toEqualTypeOf<Computed<"ChargeAutoPayBillRequest">>();
    expectTypeOf<P.ReadCustomerPayMethodsInput>().toEqualTypeOf<P.ChargeAutoPayBillInput>();
    expectTypeOf<Computed<"ReadCustomerPayMethodsRequest">>().toEqualTypeOf<Computed<"ChargeAutoPayBillRequest">>();
    expectTypeOf<P.ReadSubMerchantMappingStatusInput>().toEqualTypeOf<P.ChargeAutoPayBillInput>();
    expectTypeOf<Computed<"ReadSubMerchantMappingStatusRequest">>().toEqualTypeOf<Computed<"ChargeAutoPayBillRequest">>();
  });

  it("inputs with nothing left to pass stay Record<string, never>", () => {
    expectTypeOf<P.ListSubMerchantMappingsInput>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<P.ReadPointBalanceInput>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<P.ReadMerchantPointBalanceInput>().toEqualTypeOf<Record<string, never>>();
  });

  it("every input stays assignable to Record<string, unknown>, as the Omit form was (an interface would not be)", () => {
    // Pins a difference toEqualTypeOf does not see: written as interfaces, `record as SendBillInput` (the
    // sandbox's contract test) and passing an input where a record is expected stopped compiling.
    type Rec = Record<string, unknown>;
    expectTypeOf<P.SendBillInput>().toExtend<Rec>();
    expectTypeOf<P.ResendBillInput>().toExtend<Rec>();
    expectTypeOf<P.ReadBillInput>().toExtend<Rec>();
    expectTypeOf<P.DestroyBillInput>().toExtend<Rec>();
    expectTypeOf<P.CancelBillInput>().toExtend<Rec>();
    expectTypeOf<P.IssueCashReceiptInput>().toExtend<Rec>();
    expectTypeOf<P.CancelCashReceiptInput>().toExtend<Rec>();
    expectTypeOf<P.ReadCashReceiptInput>().toExtend<Rec>();
    expectTypeOf<P.RequestSubMerchantMappingInput>().toExtend<Rec>();
    expectTypeOf<P.ChargeAutoPayBillInput>().toExtend<Rec>();
    expectTypeOf<ApprovalSyncPayload>().toExtend<Rec>();
    const record: Rec = { billId: "B1" };
    expectTypeOf(record as P.ReadBillInput).toEqualTypeOf<P.ReadBillInput>();
  });

  it("a written-out input still refuses what the client fills and keeps required fields", () => {
    // @ts-expect-error the client computes the hash
    expectTypeOf<P.CancelBillInput>().toHaveProperty("hash");
    // @ts-expect-error billId is required
    const missing: P.ReadBillInput = {};
    expectTypeOf(missing).toEqualTypeOf<P.ReadBillInput>();
  });
});

describe("the approval-sync payload written out instead of Omit<…, 'apiKey'> & { [extra]: unknown }", () => {
  type Body = webhooks["approvalSync"]["post"]["requestBody"] extends { content: { "application/json": infer B } } | undefined ? B : never;
  type Known = Omit<Body, "apiKey">;
  it("has exactly the spec's fields but apiKey, each as the spec types it, and the same index signature", () => {
    expectTypeOf<Pick<ApprovalSyncPayload, keyof Known>>().toEqualTypeOf<Known>();
    expectTypeOf<Exclude<keyof ApprovalSyncPayload, string | number>>().toEqualTypeOf<never>();
    expectTypeOf<ApprovalSyncPayload[string]>().toEqualTypeOf<unknown>();
    expectTypeOf<ApprovalSyncPayload["apprState"]>().toEqualTypeOf<Schemas["ApprovalState"]>();
  });
  it("accepts and gives the same values as the computed form", () => {
    expectTypeOf<ApprovalSyncPayload>().toExtend<Known & { readonly [extra: string]: unknown }>();
    expectTypeOf<Known & { readonly [extra: string]: unknown }>().toExtend<ApprovalSyncPayload>();
    // @ts-expect-error billId is required, as in the spec
    const partial: ApprovalSyncPayload = { apprState: "F" };
    expectTypeOf(partial).toEqualTypeOf<ApprovalSyncPayload>();
  });
});

describe("the approval-sync result written out instead of InboundResult<…>", () => {
  it("equals the runtime's generic form", () => {
    expectTypeOf<ApprovalSyncResult>().toEqualTypeOf<InboundResult<ApprovalSyncPayload, ApprovalSyncRejection>>();
  });
});
