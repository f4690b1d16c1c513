// One row per provider: how to make its client against a server, one read and one write call,
// where its bad inputs go, and a success body. Every case of the suite runs against every row.
import { createPaySsamClient } from "@payspec/payssam";
import { createPortOneClient } from "@payspec/portone";
import { createPortOneGlobalClient } from "@payspec/portone-global";
import type { CommonCallOptions, CommonClientOptions, PaySpecResult } from "@payspec/runtime";

/** What the suite looks at in a result: the same fields for every client. */
export type AnyResult = PaySpecResult<unknown, never> | { readonly data?: unknown; readonly error?: { readonly kind: string } & Error; readonly response?: Response };
type Call = (options?: CommonCallOptions) => Promise<AnyResult>;
type CallWith = (input: Record<string, unknown>, options?: CommonCallOptions) => Promise<AnyResult>;

export interface ProviderRow {
  readonly name: "portone" | "payssam" | "portone-global";
  /** The credential that must never appear in anything the client hands back. */
  readonly secret: string;
  /** The option that carries `secret`. */
  readonly secretOption: string;
  /**
   * Calls that send card data, personal numbers or billing keys (`values`), which must never appear in
   * an error even when the provider echoes the request; none where the API takes no such data.
   */
  readonly personal: { readonly calls: readonly ((client: Untyped) => Promise<AnyResult>)[]; readonly values: readonly string[] } | undefined;
  /** The client itself, untyped, for the rows that call other operations. */
  untyped(options: CommonClientOptions): Untyped;
  client(options: CommonClientOptions): { read: Call; write: CallWith; readWith: CallWith };
  /** A read's input with one field replaced (BigInt, circular, NaN, …), at a place the spec types as a number or string. */
  readonly numberField: string;
  /** The write's valid input; the suite changes one field at a time. */
  readonly writeInput: Record<string, unknown>;
  /** A field of the read's input that goes into a URL path, if the read has one. */
  readonly pathField: string | undefined;
  readonly readInput: Record<string, unknown>;
  /** An input field named like one of the configured credentials. */
  readonly credentialField: string;
  /** A 200 body of the read the client accepts as success. */
  readonly success: unknown;
  /** A required field of the write's input (the suite moves it onto the prototype). */
  readonly requiredField: string;
  /** A business decline of the read, as the provider sends it: never retried. */
  readonly decline: { readonly status: number; readonly body: unknown };
  /** Whether the provider honours an idempotency key, so that a write may be retried. */
  readonly idempotentWrites: boolean;
  /** Fields of the success body that decide success (the envelope): the fuzzer keeps them. */
  readonly envelopeKeys: readonly string[];
  /** Where the client's `data` is in the success body (the envelope's payload field), if not the whole body. */
  readonly dataKey: string | undefined;
}

export type Untyped = Record<string, (input?: unknown, options?: unknown) => Promise<AnyResult>>;
const untyped = (client: unknown) => client as Untyped;

export const providers: readonly ProviderRow[] = [
  {
    name: "portone",
    secret: "portone-conformance-secret-7f3a9c",
    secretOption: "secret",
    untyped(options) {
      return untyped(createPortOneClient({ secret: this.secret, ...options }));
    },
    personal: {
      calls: [
        (c) => c["issueBillingKey"]!({ method: { card: { credential: { number: "4111111111111111", expiryYear: "29", expiryMonth: "12", birthOrBusinessRegistrationNumber: "900101", passwordTwoDigits: "12" } } } }),
        (c) => c["getBillingKeyInfo"]!({ billingKey: "billing-key-0001-conformance" }),
      ],
      values: ["4111111111111111", "900101", "billing-key-0001-conformance"],
    },
    client(options) {
      const c = this.untyped(options);
      return {
        read: (o) => c["getPayment"]!(this.readInput, o),
        readWith: (input, o) => c["getPayment"]!(input, o),
        write: (input, o) => c["cancelPayment"]!(input, o),
      };
    },
    readInput: { paymentId: "pay-1" },
    pathField: "paymentId",
    writeInput: { paymentId: "pay-1", reason: "고객 요청", amount: 1000 },
    numberField: "amount",
    credentialField: "secret",
    requiredField: "reason",
    decline: { status: 502, body: { type: "PG_PROVIDER", message: "카드사 거절", pgCode: "E01", pgMessage: "한도 초과" } },
    idempotentWrites: true,
    envelopeKeys: [],
    dataKey: undefined,
    success: { status: "READY", id: "pay-1", transactionId: "tx-1", merchantId: "m", storeId: "s", channel: {}, version: "V2", requestedAt: "2026-12-01T00:00:00Z", updatedAt: "2026-12-01T00:00:00Z", statusChangedAt: "2026-12-01T00:00:00Z", orderName: "o", amount: { total: 1000, taxFree: 0, discount: 0, paid: 0, cancelled: 0, cancelledTaxFree: 0 }, currency: "KRW", customer: {}, origin: { platformType: "PC", ipAddress: "127.0.0.1" }, isCulturalExpense: false },
  },
  {
    name: "payssam",
    secret: "PAYSSAM-CONF-KEY-4d2e8b1",
    secretOption: "apiKey",
    untyped(options) {
      return untyped(createPaySsamClient({ apiKey: this.secret, member: "M001", merchant: "STORE01", ...options }));
    },
    personal: {
      calls: [(c) => c["issueCashReceipt"]!({ billId: "1024", price: "45000", supplyPrice: "40909", tax: "4091", issuanceNumber: "01012345678", trader: "0" })],
      values: ["01012345678"],
    },
    client(options) {
      const c = this.untyped(options);
      return {
        read: (o) => c["readBill"]!(this.readInput, o),
        readWith: (input, o) => c["readBill"]!(input, o),
        write: (input, o) => c["sendBill"]!(input, o),
      };
    },
    readInput: { billId: "INV-1" },
    pathField: undefined,
    writeInput: { billId: "INV-1", sendType: "URL", productName: "수강료", price: "45000", memberName: "홍길동", callbackUrl: "https://example.kr/cb" },
    numberField: "price",
    credentialField: "apiKey",
    requiredField: "billId",
    decline: { status: 200, body: { code: "BILL_003", message: "청구서가 존재하지 않습니다." } },
    idempotentWrites: false,
    envelopeKeys: ["code"],
    dataKey: "data",
    success: { code: "0000", message: "성공하였습니다.", data: { billId: "INV-1", apprState: "F" } },
  },
  {
    name: "portone-global",
    secret: "global-conformance-secret-9b1c2d",
    secretOption: "secretKey",
    untyped(options) {
      return untyped(createPortOneGlobalClient({ clientKey: "client-key-1", secretKey: this.secret, ...options }));
    },
    personal: undefined,
    client(options) {
      const c = this.untyped(options);
      return {
        read: (o) => c["getTransactionStatus"]!(this.readInput, o),
        readWith: (input, o) => c["getTransactionStatus"]!(input, o),
        write: (input, o) => c["createRefund"]!(input, o),
      };
    },
    readInput: { merchantOrderRef: "order-1" },
    pathField: "merchantOrderRef",
    writeInput: { portone_order_ref: "po-1", refund_type: "partial", environment: "sandbox", amount: 10.5 },
    numberField: "amount",
    credentialField: "portone_secret",
    requiredField: "refund_type",
    decline: { status: 404, body: { status_code: "4042", status_reason: "TRANSACTION_NOT_FOUND", message: "not found" } },
    idempotentWrites: false,
    envelopeKeys: ["status_code", "status_reason"],
    dataKey: "content",
    success: { content: { status: "Success" }, message: "Transaction status fetched.", status_code: "2000", status_reason: "SUCCESS" },
  },
];
