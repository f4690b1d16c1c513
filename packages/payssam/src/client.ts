import createClient from "openapi-fetch";
import { describePaySsamResult } from "@payspec/payssam-errors";
import {
  PaySsamHttpError,
  PaySsamInvalidResponseError,
  PaySsamNetworkError,
  PaySsamResultError,
  PaySsamTimeoutError,
  PaySsamValidationError,
  type PaySsamEnvelope,
  type PaySsamError,
} from "./errors.js";
import type { paths } from "./generated/openapi.js";
import { operations, type OperationId } from "./generated/operations.js";
import { computeHash } from "./hash.js";
import { redact, snippet } from "./redact.js";
import { scrubError, validate, type RequestSchema } from "@payspec/runtime";

/** Sandbox host from the provider's documentation. The live host is issued after 연동검수. */
export const PAYSSAM_SANDBOX_URL = "https://sandbox.paymint.co.kr/partner";

export interface PaySsamClientOptions {
  /** Partner API key (max 32 characters). Kept private: never logged, serialised or put in errors. */
  readonly apiKey: string;
  /** Partner user code (`member`, max 60 characters). */
  readonly member: string;
  /** Sub-merchant code (`merchant`, max 60 characters). */
  readonly merchant: string;
  /** Defaults to the sandbox, {@link PAYSSAM_SANDBOX_URL}. */
  readonly baseUrl?: string;
  /** A `fetch` implementation; defaults to `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch;
  /** Per-request timeout in milliseconds (default 30 000). */
  readonly timeoutMs?: number;
}

export interface PaySsamRequestOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

type PathOf<K extends OperationId> = (typeof operations)[K]["path"];
type JsonBody<P extends keyof paths> = paths[P]["post"] extends { requestBody: { content: { "application/json": infer B } } }
  ? B
  : paths[P]["post"] extends { requestBody?: { content: { "application/json": infer B } } }
    ? B
    : never;
type Filled = "apiKey" | "member" | "merchant" | "hash";
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** What a method takes: the `bill` / `cashReceipt` payload (or flat fields) without credentials or hash. */
export type PaySsamInput<K extends OperationId> = Simplify<
  JsonBody<PathOf<K>> extends { bill: infer X }
    ? Omit<X, Filled>
    : JsonBody<PathOf<K>> extends { cashReceipt: infer X }
      ? Omit<X, Filled>
      : Omit<JsonBody<PathOf<K>>, Filled | "memberId" | "merchantId"> &
          Partial<Pick<JsonBody<PathOf<K>>, Extract<keyof JsonBody<PathOf<K>>, "memberId" | "merchantId">>>
>;

/** The `data` of a successful (`0000`) response. */
export type PaySsamData<K extends OperationId> = paths[PathOf<K>]["post"] extends {
  responses: { 200: { content: { "application/json": { data?: infer D } } } };
}
  ? NonNullable<D>
  : never;

/** `{ ok: true, data }` on code `0000`, `{ ok: false, error }` otherwise. Calls never throw. */
export type PaySsamResult<T> =
  | { readonly ok: true; readonly data: T; readonly envelope: PaySsamEnvelope; readonly error?: undefined }
  | { readonly ok: false; readonly error: PaySsamError; readonly data?: undefined };

type Method<K extends OperationId> = {} extends PaySsamInput<K>
  ? (input?: PaySsamInput<K>, options?: PaySsamRequestOptions) => Promise<PaySsamResult<PaySsamData<K>>>
  : (input: PaySsamInput<K>, options?: PaySsamRequestOptions) => Promise<PaySsamResult<PaySsamData<K>>>;

type StableId = { [K in OperationId]: (typeof operations)[K]["stability"] extends "stable" ? K : never }[OperationId];
type UnverifiedId = Exclude<OperationId, StableId>;

export type PaySsamClient = { readonly [K in StableId]: Method<K> } & {
  /**
   * Operations whose request and response schemas the provider has not published. They are
   * modelled from what is known and may change without a major version: use with care.
   */
  readonly unverified: { readonly [K in UnverifiedId]: Method<K> };
  readonly baseUrl: string;
  toJSON(): { baseUrl: string; member: string; merchant: string };
};

const DEFAULT_TIMEOUT_MS = 30_000;

export function createPaySsamClient(options: PaySsamClientOptions): PaySsamClient {
  const { apiKey, member, merchant } = options;
  const baseUrl = (options.baseUrl ?? PAYSSAM_SANDBOX_URL).replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  checkOptions(options);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const http = createClient<paths>({ baseUrl, fetch: (request: Request) => fetchImpl(request) });
  const post = http.POST as unknown as (
    path: string,
    init: { body: unknown; signal: AbortSignal; parseAs: "text" },
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

  async function call(id: OperationId, input: Record<string, unknown> = {}, request: PaySsamRequestOptions = {}) {
    const op = operations[id];
    const body: Record<string, unknown> = {};
    const credentials: Record<string, string> = { apiKey, member, merchant };
    for (const key of op.envelope) body[key] = credentials[key];
    let payload: Record<string, unknown>;
    if (op.bodyKey) {
      payload = { ...input };
      body[op.bodyKey] = payload;
    } else {
      payload = body;
      Object.assign(body, input);
      if ("memberId" in (op.request.properties ?? {}) && body["memberId"] === undefined) body["memberId"] = member;
      if ("merchantId" in (op.request.properties ?? {}) && body["merchantId"] === undefined) body["merchantId"] = merchant;
    }
    if (op.hashRule === "three-part" || op.hashRule === "two-part") {
      const { billId, price, phone } = payload;
      if (typeof billId === "string" && typeof price === "string") {
        payload["hash"] = await computeHash(op.hashRule, { billId, price, phone: typeof phone === "string" ? phone : undefined });
      }
    }
    const issues = validate(op.request as RequestSchema, body);
    if (issues.length > 0) return { ok: false as const, error: new PaySsamValidationError(id, issues) };
    return send(id, op.path, body, request);
  }

  async function send(id: OperationId, path: string, body: unknown, request: PaySsamRequestOptions) {
    const limit = request.timeoutMs ?? timeoutMs;
    const timeout = AbortSignal.timeout(limit);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let response: Response;
    let text: unknown;
    try {
      const result = await post(path, { body, signal, parseAs: "text" });
      response = result.response;
      text = result.response.ok ? result.data : result.error;
    } catch (cause) {
      if (timeout.aborted && !request.signal?.aborted) return fail(new PaySsamTimeoutError(id, limit));
      return fail(new PaySsamNetworkError(id, scrubError(cause, [apiKey])));
    }
    const raw = typeof text === "string" ? text : text === undefined ? "" : JSON.stringify(text);
    if (response.status !== 200) return fail(new PaySsamHttpError(id, response.status, snippet(raw, apiKey)));
    if (raw.trim() === "") return fail(new PaySsamInvalidResponseError(id, "empty", response.status, ""));
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return fail(new PaySsamInvalidResponseError(id, "not-json", response.status, snippet(raw, apiKey)));
    }
    if (!isEnvelope(parsed)) {
      return fail(new PaySsamInvalidResponseError(id, "not-envelope", response.status, snippet(raw, apiKey)));
    }
    const envelope = redact(parsed, apiKey) as PaySsamEnvelope;
    if (envelope.code === "0000") return { ok: true as const, data: envelope.data, envelope };
    const description = describePaySsamResult(envelope.code);
    const publishedMessage = description.known ? description.message : undefined;
    const serverMessage =
      typeof envelope.message === "string" ? envelope.message : typeof envelope.msg === "string" ? envelope.msg : undefined;
    return fail(
      new PaySsamResultError(id, envelope.code, description.known, {
        status: response.status,
        message: serverMessage ?? publishedMessage ?? "(no message)",
        publishedMessage,
        envelope,
      }),
    );
  }


  const method = (id: OperationId) => (input?: Record<string, unknown>, request?: PaySsamRequestOptions) =>
    call(id, input, request);
  const stable: Record<string, unknown> = {};
  const unverified: Record<string, unknown> = {};
  for (const [id, op] of Object.entries(operations)) {
    (op.stability === "stable" ? stable : unverified)[id] = method(id as OperationId);
  }
  const client = {
    ...stable,
    unverified,
    baseUrl,
    toJSON: () => ({ baseUrl, member, merchant }),
    [Symbol.for("nodejs.util.inspect.custom")]: () => `PaySsamClient ${JSON.stringify({ baseUrl, member, merchant })}`,
  };
  return client as unknown as PaySsamClient;
}

function fail(error: PaySsamError | PaySsamTimeoutError | PaySsamNetworkError | PaySsamResultError) {
  return { ok: false as const, error: error as PaySsamError };
}

function isEnvelope(value: unknown): value is PaySsamEnvelope {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as { code?: unknown }).code === "string";
}

function checkOptions(options: PaySsamClientOptions): void {
  const envelope = operations.sendBill.request.properties;
  const issues = (["apiKey", "member", "merchant"] as const).flatMap((key) =>
    validate(envelope[key] as RequestSchema, options[key], `options.${key}`),
  );
  if (options.timeoutMs !== undefined && !(Number.isFinite(options.timeoutMs) && options.timeoutMs > 0)) {
    issues.push({ field: "options.timeoutMs", rule: "minimum", message: "options.timeoutMs must be a positive number" });
  }
  if (issues.length > 0) throw new PaySsamValidationError("createPaySsamClient", issues);
}
