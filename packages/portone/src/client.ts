// The whole client: every operation as a method, built from the same pieces as the standalone
// functions (each operation's generated row and the one `call` of core.ts), and the openapi-fetch
// client on the same transport and credentials.
import createClient, { type Client } from "openapi-fetch";
import { transportFetch } from "@payspec/runtime";
import type { PortOneMethods, PortOneOperationTypes } from "./generated/methods.js";
import type { paths } from "./generated/openapi.js";
import { operations, type OperationErrors, type OperationId } from "./generated/operations.js";
import { call, connect, connectionOf, coreObject, type Connection, type PortOneCallOptions, type PortOneClientOptions, type PortOneCore } from "./core.js";
import type { PaySpecApiError, PaySpecResult } from "@payspec/runtime";
import { tokenMode } from "./token-mode.js";

/** A method's input: path parameters, query parameters and body fields in one object (`GetPaymentInput` for `"getPayment"`). */
export type PortOneInput<K extends OperationId> = PortOneOperationTypes[K]["input"];
/** The 200 response of an operation: its JSON body, the text of a CSV download, or `undefined` when it has no body (`GetPaymentData`). */
export type PortOneData<K extends OperationId> = PortOneOperationTypes[K]["data"];
/** The API errors of an operation: one `PaySpecApiError` per documented `type` (narrow with `error.code`), or an unrecognised one (`GetPaymentApiError`). */
export type PortOneApiError<K extends OperationId> = PortOneOperationTypes[K]["apiError"];
/** `{ data, error, response }`: exactly one of `data` and `error`. Calls never throw (`GetPaymentResult`). */
export type PortOneResult<K extends OperationId> = PaySpecResult<PortOneData<K>, PortOneApiError<K>>;
/** The method of one operation. */
export type Method<K extends OperationId> = PortOneMethods[K];

/** The openapi-fetch client typed by the spec's `paths`, running on the same transport and credentials. */
export type PortOneFetchClient = Client<paths>;

/** Every operation as a method; also a core, so every standalone function takes it (`getPayment(client, input)`). */
export type PortOneClient = PortOneMethods & PortOneCore;

function fetchClient(connection: Connection): PortOneFetchClient {
  const { core } = connection;
  // Paths that take no credentials, as patterns (templates with `{…}` parameters).
  const publicPaths = Object.values(operations)
    .filter((op) => !op.auth)
    .map((op) => new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`));
  const base = new URL(core.baseUrl).pathname.replace(/\/+$/, "");
  const client = createClient<paths>({
    baseUrl: core.baseUrl,
    fetch: transportFetch(core.transport, (request) => request.method === "GET" || request.headers.has("idempotency-key")),
  });
  client.use({
    async onRequest({ request }) {
      const path = new URL(request.url).pathname.slice(base.length);
      if (!publicPaths.some((pattern) => pattern.test(path))) request.headers.set("Authorization", await connection.authorization(request.signal));
      return request;
    },
  });
  return client;
}

/**
 * An openapi-fetch client for PortOne V2 typed by the spec (`GET("/payments/{paymentId}", …)`), with
 * the payspec transport (timeouts, retries, no redirects, events) and the credentials installed.
 * Results are openapi-fetch's own; add your middleware with `use`. Pass a client made by
 * `createPortOneClient` or `createPortOneCore` to share its transport and access token, or options for a new one.
 */
export function createPortOneFetchClient(from: PortOneCore | PortOneClientOptions): PortOneFetchClient {
  return fetchClient(connectionOf(from) ?? connect(from as PortOneClientOptions, "createPortOneFetchClient", tokenMode));
}

/** Every operation of the spec as a method (`client.getPayment({ paymentId })`); bundles every operation. */
export function createPortOneClient(options: PortOneClientOptions): PortOneClient {
  const client = coreObject(connect(options, "createPortOneClient", tokenMode), options, "PortOneClient");
  const core = client as unknown as PortOneCore;
  for (const id of Object.keys(operations) as OperationId[]) {
    const op = operations[id];
    client[id] = (input?: unknown, options?: PortOneCallOptions): Promise<PaySpecResult<unknown, PaySpecApiError<string, unknown>>> => call(core, op, input, options);
  }
  return client as unknown as PortOneClient;
}

export type { OperationErrors, OperationId };
