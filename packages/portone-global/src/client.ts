import createClient from "openapi-fetch";
import { parseStatus, type PortOneGlobalStatus } from "@payspec/portone-errors/global";
import {
  PortOneGlobalHttpError,
  PortOneGlobalInvalidResponseError,
  PortOneGlobalNetworkError,
  PortOneGlobalStatusError,
  PortOneGlobalTimeoutError,
  PortOneGlobalValidationError,
  type PortOneGlobalError,
} from "./errors.js";
import type { operations as Ops, paths } from "./generated/openapi.js";
import { operations, type OperationId } from "./generated/operations.js";
import {
  verifyPaymentLinkWebhook,
  verifyPaymentRedirect,
  verifyPaymentWebhook,
  type InboundResult,
  type PaymentLinkWebhookPayload,
  type PaymentRedirectParams,
  type PaymentWebhookPayload,
  type RedirectInput,
} from "./inbound.js";
import { TokenSource } from "./jwt.js";
import { redact, snippet } from "./redact.js";
import { computeSignature, signPaymentRequest, type PaymentRequestFields } from "./signature.js";
import { scrubError, validate, type RequestSchema, type ValidationIssue } from "@payspec/runtime";

/** The one host of PortOne Global, for sandbox and live (requests choose with `environment`). */
export const PORTONE_GLOBAL_URL = "https://api.portone.cloud";

export interface PortOneGlobalClientOptions {
  /** The PortOne Key (client key), sent as `X-Portone-Client-Key`. */
  readonly clientKey: string;
  /** The PortOne Secret: signs the JWT and `signature_hash`. Never sent except to getAuthToken, never logged or put in errors. */
  readonly secretKey: string;
  /** Defaults to {@link PORTONE_GLOBAL_URL}. */
  readonly baseUrl?: string;
  /** A `fetch` implementation; defaults to `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch;
  /** Per-request timeout in milliseconds (default 30 000). */
  readonly timeoutMs?: number;
  /** Lifetime of the self-signed JWT in seconds (default 300); it is re-signed before it expires. */
  readonly tokenTtlSeconds?: number;
}

export interface PortOneGlobalRequestOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** `X-Portone-SubMerchant-Key`: a master merchant acting for a sub-merchant (payment-link creation). */
  readonly subMerchantKey?: string;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** Fields the client fills itself: the key, the secret and the signature. */
type Filled = "key" | "portone_key" | "portone_secret" | "signature_hash";
type PathOf<K extends OperationId> = Ops[K]["parameters"] extends { path: infer P } ? (P extends object ? P : {}) : {};
type BodyOf<K extends OperationId> = Ops[K] extends { requestBody: { content: { "application/json": infer B } } }
  ? B
  : Ops[K] extends { requestBody?: { content: { "application/json": infer B } } }
    ? B
    : {};

/** What a method takes: path parameters and body fields in one object, without what the client fills. */
export type PortOneGlobalInput<K extends OperationId> = Simplify<Omit<PathOf<K>, Filled> & Omit<BodyOf<K>, Filled>>;

type SuccessBody<K extends OperationId> = Ops[K]["responses"] extends { 200: { content: { "application/json": infer B } } } ? B : never;

/** What a successful call returns: the envelope's `content`, or the whole body where there is no envelope. */
export type PortOneGlobalData<K extends OperationId> = (typeof operations)[K]["enveloped"] extends true
  ? SuccessBody<K> extends { content: infer C }
    ? C
    : never
  : SuccessBody<K>;

/** `{ ok: true, data }` on success, `{ ok: false, error }` otherwise. Calls never throw. */
export type PortOneGlobalResult<T> =
  | { readonly ok: true; readonly data: T; readonly status: PortOneGlobalStatus; readonly httpStatus: number; readonly error?: undefined }
  | { readonly ok: false; readonly error: PortOneGlobalError; readonly data?: undefined };

type Method<K extends OperationId> = {} extends PortOneGlobalInput<K>
  ? (input?: PortOneGlobalInput<K>, options?: PortOneGlobalRequestOptions) => Promise<PortOneGlobalResult<PortOneGlobalData<K>>>
  : (input: PortOneGlobalInput<K>, options?: PortOneGlobalRequestOptions) => Promise<PortOneGlobalResult<PortOneGlobalData<K>>>;

export type PortOneGlobalClient = { readonly [K in OperationId]: Method<K> } & {
  readonly baseUrl: string;
  readonly clientKey: string;
  /** The `signature_hash` of a payment request, for checkout flows that post it from the browser. */
  signPaymentRequest(request: Omit<PaymentRequestFields, "portone_key">): Promise<string>;
  /** Verifies the query of a buyer redirected to `success_url` / `failure_url`. Never throws. */
  verifyPaymentRedirect(query: RedirectInput): Promise<InboundResult<PaymentRedirectParams>>;
  /** Verifies and parses a payment webhook body (text, bytes or parsed JSON). Never throws. */
  verifyPaymentWebhook(body: unknown): Promise<InboundResult<PaymentWebhookPayload>>;
  /** Verifies and parses a payment-link webhook body. Never throws. */
  verifyPaymentLinkWebhook(body: unknown): Promise<InboundResult<PaymentLinkWebhookPayload>>;
  toJSON(): { baseUrl: string; clientKey: string };
};

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_TOKEN_TTL_SECONDS = 300;
/** PortOne's code for a rejected JWT: the cached token is dropped so that the next call signs a new one. */
const JWT_REJECTED = "4054";

export function createPortOneGlobalClient(options: PortOneGlobalClientOptions): PortOneGlobalClient {
  checkOptions(options);
  const { clientKey, secretKey } = options;
  const baseUrl = (options.baseUrl ?? PORTONE_GLOBAL_URL).replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const tokens = new TokenSource(clientKey, secretKey, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const http = createClient<paths>({ baseUrl, fetch: (request: Request) => fetchImpl(request) });
  const request = http.request as unknown as (
    method: string,
    path: string,
    init: { params: { path: Record<string, string> }; body?: unknown; headers: Record<string, string>; signal: AbortSignal; parseAs: "text" },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const secrets = () => [secretKey, tokens.current() ?? ""].filter((s) => s.length > 0);

  async function call(id: OperationId, input: Record<string, unknown> = {}, opts: PortOneGlobalRequestOptions = {}) {
    const op = operations[id];
    const pathValues: Record<string, unknown> = {};
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input ?? {})) {
      if ((op.pathParams as readonly string[]).includes(key)) pathValues[key] = value;
      else body[key] = value;
    }
    if ((op.pathParams as readonly string[]).includes("key")) pathValues["key"] = clientKey;
    const bodySchema = op.body as RequestSchema | null;
    const bodyProps = bodySchema?.properties ?? {};
    if ("portone_key" in bodyProps) body["portone_key"] = clientKey;
    if ("portone_secret" in bodyProps) body["portone_secret"] = secretKey;
    if (op.signature) body["signature_hash"] = await computeSignature(secretKey, op.signature, body);
    const issues: ValidationIssue[] = validate(op.params as RequestSchema, pathValues);
    if (bodySchema) issues.push(...validate(bodySchema, body));
    else issues.push(...Object.keys(body).map((f) => ({ field: f, rule: "additionalProperties", message: `${f} is not an input of ${id}` })));
    if (opts.subMerchantKey !== undefined && !(op.headerParams as readonly string[]).includes("X-Portone-SubMerchant-Key")) {
      issues.push({ field: "options.subMerchantKey", rule: "additionalProperties", message: `options.subMerchantKey is not accepted by ${id}` });
    }
    if (issues.length > 0) return fail(new PortOneGlobalValidationError(id, issues.map((i) => redact(i, secrets()) as ValidationIssue)));

    const headers: Record<string, string> = {};
    if (op.auth !== "none") headers["X-Portone-Client-Key"] = clientKey;
    let token: string | undefined;
    if (op.auth === "jwt") {
      token = await tokens.get();
      headers["Authorization"] = `Bearer ${token}`;
    }
    if (opts.subMerchantKey !== undefined) headers["X-Portone-SubMerchant-Key"] = opts.subMerchantKey;

    const limit = opts.timeoutMs ?? timeoutMs;
    const timeout = AbortSignal.timeout(limit);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let response: Response;
    let raw: string;
    try {
      const init = { params: { path: pathValues as Record<string, string> }, headers, signal, parseAs: "text" as const };
      const result = await request(op.method.toLowerCase(), op.path, bodySchema ? { ...init, body } : init);
      response = result.response;
      const text = result.response.ok ? result.data : result.error;
      raw = typeof text === "string" ? text : text === undefined ? "" : JSON.stringify(text);
    } catch (cause) {
      if (timeout.aborted && !opts.signal?.aborted) return fail(new PortOneGlobalTimeoutError(id, limit));
      return fail(new PortOneGlobalNetworkError(id, scrubError(cause, secrets())));
    }
    return read(id, response, raw, token);
  }

  function read(id: OperationId, response: Response, raw: string, token: string | undefined) {
    const op = operations[id];
    let parsed: unknown;
    let jsonError: "empty" | "not-json" | undefined;
    if (raw.trim() === "") jsonError = "empty";
    else {
      try {
        parsed = JSON.parse(raw);
      } catch {
        jsonError = "not-json";
      }
    }
    const isObject = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
    // getAuthToken's success carries a (server-issued) token on purpose; only the secret is removed there.
    const body = (isObject ? redact(parsed, id === "getAuthToken" && response.ok ? [secretKey] : secrets()) : {}) as Record<string, unknown>;
    const status = parseStatus(isObject ? body : undefined);
    if (!response.ok) {
      if (!isObject || status.kind === "absent") return fail(new PortOneGlobalHttpError(id, response.status, snippet(raw, secrets())));
      if (status.kind === "known" && status.code === JWT_REJECTED) tokens.invalidate(token);
      return fail(new PortOneGlobalStatusError(id, response.status, status, body));
    }
    if (jsonError) return fail(new PortOneGlobalInvalidResponseError(id, jsonError, response.status, snippet(raw, secrets())));
    if (!isObject) return fail(new PortOneGlobalInvalidResponseError(id, "not-object", response.status, snippet(raw, secrets())));
    if (op.enveloped && status.kind === "absent") {
      return fail(new PortOneGlobalInvalidResponseError(id, "not-envelope", response.status, snippet(raw, secrets())));
    }
    const succeeded = status.outcome === "success" || status.outcome === "pending" || (!op.enveloped && status.outcome === "unknown" && status.kind === "absent");
    if (!succeeded) return fail(new PortOneGlobalStatusError(id, response.status, status, body));
    const data = op.enveloped ? body["content"] : body;
    return { ok: true as const, data, status, httpStatus: response.status };
  }


  const client: Record<string | symbol, unknown> = {};
  for (const id of Object.keys(operations) as OperationId[]) {
    client[id] = (input?: Record<string, unknown>, opts?: PortOneGlobalRequestOptions) => call(id, input, opts);
  }
  Object.assign(client, {
    baseUrl,
    clientKey,
    signPaymentRequest: (fields: Omit<PaymentRequestFields, "portone_key">) => signPaymentRequest(secretKey, { ...fields, portone_key: clientKey }),
    verifyPaymentRedirect: (query: RedirectInput) => verifyPaymentRedirect(secretKey, query),
    verifyPaymentWebhook: (body: unknown) => verifyPaymentWebhook(secretKey, body),
    verifyPaymentLinkWebhook: (body: unknown) => verifyPaymentLinkWebhook(secretKey, body),
    toJSON: () => ({ baseUrl, clientKey }),
    [Symbol.for("nodejs.util.inspect.custom")]: () => `PortOneGlobalClient ${JSON.stringify({ baseUrl, clientKey })}`,
  });
  return client as unknown as PortOneGlobalClient;
}

function fail(error: PortOneGlobalError) {
  return { ok: false as const, error };
}

function checkOptions(options: PortOneGlobalClientOptions): void {
  const issues: ValidationIssue[] = [];
  for (const key of ["clientKey", "secretKey"] as const) {
    if (typeof options?.[key] !== "string" || options[key].length === 0) {
      issues.push({ field: `options.${key}`, rule: "minLength", message: `options.${key} must be a non-empty string` });
    }
  }
  for (const key of ["timeoutMs", "tokenTtlSeconds"] as const) {
    const value = options?.[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      issues.push({ field: `options.${key}`, rule: "minimum", message: `options.${key} must be a positive number` });
    }
  }
  if (options?.baseUrl !== undefined) {
    try {
      new URL(options.baseUrl);
    } catch {
      issues.push({ field: "options.baseUrl", rule: "format", message: "options.baseUrl must be an absolute URL" });
    }
  }
  if (issues.length > 0) throw new PortOneGlobalValidationError("createPortOneGlobalClient", issues);
}
