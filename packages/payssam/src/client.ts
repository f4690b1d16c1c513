// The whole client: every operation as a method, built from the same pieces as the standalone
// functions (each operation's generated row and the one `call` of core.ts). Nothing here imports
// openapi-fetch: `createPaySsamFetchClient` (fetch-client.ts) builds that client on the same core.
import type { PaySpecResult } from "@payspec/runtime";
import type { PaySsamMethods, PaySsamOperationTypes, PaySsamUnverifiedMethods } from "./generated/methods.js";
import { operations, type OperationId } from "./generated/operations.js";
import { call, connect, coreObject, type PaySsamCallOptions, type PaySsamClientOptions, type PaySsamCore } from "./core.js";

/** What a method takes: the `bill` / `cashReceipt` payload (or the flat fields) without credentials or hash (`SendBillInput` for `"sendBill"`). */
export type PaySsamInput<K extends OperationId> = PaySsamOperationTypes[K]["input"];
/** The `data` of a successful (`0000`) response; unknown fields are kept (`SendBillData`). */
export type PaySsamData<K extends OperationId> = PaySsamOperationTypes[K]["data"];
/** The API errors of an operation: one member per documented result code, plus unrecognised codes (`SendBillApiError`). */
export type PaySsamApiError<K extends OperationId> = PaySsamOperationTypes[K]["apiError"];
/** What every method resolves to: `{ data, error, response }`, exactly one of `data` and `error`. Never rejects (`SendBillResult`). */
export type PaySsamResult<K extends OperationId> = PaySpecResult<PaySsamData<K>, PaySsamApiError<K>>;
/** The method of one operation. */
export type Method<K extends OperationId> = (PaySsamMethods & PaySsamUnverifiedMethods)[K];

/** Every stable operation as a method; also a core, so every standalone function takes it (`sendBill(client, input)`). */
export type PaySsamClient = PaySsamMethods &
  PaySsamCore & {
    /**
     * Operations whose request and response schemas the provider has not published. They are
     * modelled from what is known and may change without a major version: use with care.
     */
    readonly unverified: PaySsamUnverifiedMethods;
  };

/** Every operation of the spec as a method (`client.sendBill({ … })`, `client.unverified.chargeAutoPayBill(…)`); bundles every operation. */
export function createPaySsamClient(options: PaySsamClientOptions): PaySsamClient {
  const client = coreObject(connect(options, "createPaySsamClient"), "PaySsamClient");
  const core = client as unknown as PaySsamCore;
  const unverified: Record<string, unknown> = {};
  for (const id of Object.keys(operations) as OperationId[]) {
    const op = operations[id];
    (op.stability === "stable" ? client : unverified)[id] = (input?: unknown, callOptions?: PaySsamCallOptions) => call(core, op, input, callOptions);
  }
  client["unverified"] = unverified;
  return client as unknown as PaySsamClient;
}
