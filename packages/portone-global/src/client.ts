// The whole client: every operation as a method, built from the same pieces as the standalone
// functions (each operation's generated row and the one `call` of core.ts). Nothing here imports
// openapi-fetch: `createPortOneGlobalFetchClient` (fetch-client.ts) builds that client on the same core.
import type { PaySpecResult } from "@payspec/runtime";
import type { PortOneGlobalMethods, PortOneGlobalOperationTypes } from "./generated/methods.js";
import { operations, type OperationId } from "./generated/operations.js";
import { call, connect, coreObject, type PortOneGlobalCallOptions, type PortOneGlobalClientOptions, type PortOneGlobalCore } from "./core.js";
import { signPaymentRequest, type PaymentRequestFields } from "./signature.js";

export { outcomeOf } from "./core.js";

/** What a method takes: path parameters and body fields in one object, without what the client fills (`CreateRefundInput` for `"createRefund"`). */
export type PortOneGlobalInput<K extends OperationId> = PortOneGlobalOperationTypes[K]["input"];
/** What a successful call returns: the envelope's `content`, or the whole body where there is no envelope (`CreateRefundData`). */
export type PortOneGlobalData<K extends OperationId> = PortOneGlobalOperationTypes[K]["data"];
/**
 * The API errors of an operation: one member per status code the spec ties to it (`x-status-codes`),
 * and any other code (including `""` when a failure carried no code, e.g. `is_success: false`) (`CreateRefundApiError`).
 */
export type PortOneGlobalApiError<K extends OperationId> = PortOneGlobalOperationTypes[K]["apiError"];
/** `{ data, response }` or `{ error, response? }`. Calls never throw (`CreateRefundResult`). */
export type PortOneGlobalResult<K extends OperationId> = PaySpecResult<PortOneGlobalData<K>, PortOneGlobalApiError<K>>;
/** The method of one operation. */
export type Method<K extends OperationId> = PortOneGlobalMethods[K];

/** Every operation as a method; also a core, so every standalone function takes it (`createRefund(client, input)`). */
export interface PortOneGlobalClient extends PortOneGlobalMethods, PortOneGlobalCore {
  /** The `signature_hash` of a payment request, for checkout flows that post it from the browser. */
  signPaymentRequest(request: Omit<PaymentRequestFields, "portone_key">): Promise<string>;
}

/** Creates a client with every operation as a method; bundles every operation. Throws one `PaySpecValidationError` listing every problem with the options; calls never throw. */
export function createPortOneGlobalClient(options: PortOneGlobalClientOptions): PortOneGlobalClient {
  const connection = connect(options, "createPortOneGlobalClient");
  const client = coreObject(connection, "PortOneGlobalClient");
  const core = client as unknown as PortOneGlobalCore;
  for (const id of Object.keys(operations) as OperationId[]) {
    const op = operations[id];
    client[id] = (input?: unknown, callOptions?: PortOneGlobalCallOptions) => call(core, op, input, callOptions);
  }
  const { clientKey, secretKey } = connection;
  client["signPaymentRequest"] = (fields: Omit<PaymentRequestFields, "portone_key">) => signPaymentRequest(secretKey, { ...fields, portone_key: clientKey });
  return client as unknown as PortOneGlobalClient;
}
