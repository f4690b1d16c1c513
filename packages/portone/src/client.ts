import { scrubError, snippet } from "@payspec/runtime";
import {
  PortOneHttpError,
  PortOneInvalidResponseError,
  PortOneNetworkError,
  PortOneTimeoutError,
  PortOneValidationError,
  type PortOneError,
} from "./errors.js";
import type { operations as Ops } from "./generated/openapi.js";
import {
  AUTH,
  BODY_JSON,
  BODY_QUERY,
  METHOD_SHIFT,
  METHODS,
  operations,
  STORE_BODY,
  STORE_QUERY,
  type OperationErrors,
  type OperationId,
  type QueryBodies,
} from "./generated/operations.js";
import { decideRetry, normaliseRetry, sleep, type RetryOptions } from "./retry.js";
import { createTokenSource, type TokenSource } from "./token.js";

export const PORTONE_API_URL = "https://api.portone.io";

export interface PortOneClientOptions {
  /** V2 API secret from the PortOne console. Kept private: never logged, serialised or put in errors. */
  readonly secret: string;
  /** Default `storeId` for the operations that take one (a caller's own `storeId` wins). */
  readonly storeId?: string;
  readonly baseUrl?: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Per-request timeout in milliseconds (default 30 000). */
  readonly timeoutMs?: number;
  /** Retries of requests that are safe to repeat (off by default). */
  readonly retry?: RetryOptions | boolean;
  /**
   * `"secret"` (default) sends `Authorization: PortOne <secret>`. `"token"` logs in with the
   * secret and sends `Bearer` access tokens, refreshed before they expire.
   */
  readonly auth?: "secret" | "token";
}

export interface PortOneRequestOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** `Idempotency-Key` for POST/PATCH/DELETE; generated when retries are on and none is given. */
  readonly idempotencyKey?: string;
}

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Defined<T> = [T] extends [never] ? {} : [T] extends [undefined] ? {} : NonNullable<T>;
type PathInput<K extends OperationId> = Ops[K] extends { parameters: { path?: infer P } } ? Defined<P> : {};
type QueryInput<K extends OperationId> = Ops[K] extends { parameters: { query?: infer Q } } ? Omit<Defined<Q>, "requestBody"> : {};
type BodyInput<K extends OperationId> = K extends keyof QueryBodies
  ? QueryBodies[K]
  : Ops[K] extends { requestBody?: { content: { "application/json": infer B } } }
    ? B
    : {};

/** A method's input: path parameters, query parameters and body fields in one object. */
export type PortOneInput<K extends OperationId> = Simplify<PathInput<K> & QueryInput<K> & BodyInput<K>>;

/** The 200 response body of an operation. */
export type PortOneData<K extends OperationId> = Ops[K] extends {
  responses: { 200: { content: { "application/json": infer D } } };
}
  ? D
  : undefined;

export type PortOneResult<K extends OperationId> =
  | { readonly data: PortOneData<K>; readonly error?: undefined; readonly response: Response }
  | { readonly data?: undefined; readonly error: PortOneError<K>; readonly response?: Response };

type RequiredKeys<T> = { [P in keyof T]-?: {} extends Pick<T, P> ? never : P }[keyof T];
type Method<K extends OperationId> = [RequiredKeys<PortOneInput<K>>] extends [never]
  ? (input?: PortOneInput<K>, options?: PortOneRequestOptions) => Promise<PortOneResult<K>>
  : (input: PortOneInput<K>, options?: PortOneRequestOptions) => Promise<PortOneResult<K>>;

export type PortOneClient = { readonly [K in OperationId]: Method<K> } & {
  readonly baseUrl: string;
  toJSON(): { baseUrl: string; storeId: string | undefined; auth: "secret" | "token" };
};

const DEFAULT_TIMEOUT_MS = 30_000;
const readBody = async (response: Response): Promise<[Response, string]> => [response, await response.text()];
const TIMED_OUT = Symbol("timed out");

export function createPortOneClient(options: PortOneClientOptions): PortOneClient {
  const { secret, storeId } = options;
  if (typeof secret !== "string" || secret.trim() === "") throw new TypeError("createPortOneClient: options.secret must be a non-empty string");
  const baseUrl = (options.baseUrl ?? PORTONE_API_URL).replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry = normaliseRetry(options.retry);
  const auth = options.auth ?? "secret";
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const table = compile();
  const secretHeader = `PortOne ${secret}`;
  const tokens: TokenSource | null =
    auth === "token" ? createTokenSource((signal) => login(signal), (refreshToken, signal) => refresh(refreshToken, signal)) : null;

  async function login(signal?: AbortSignal) {
    const result = await send("loginViaApiSecret", { apiSecret: secret }, signal ? { signal } : {}, 0);
    if (result.error) throw result.error;
    return result.data as { accessToken: string; refreshToken: string };
  }
  async function refresh(refreshToken: string, signal?: AbortSignal) {
    const result = await send("refreshToken", { refreshToken }, signal ? { signal } : {}, 0);
    if (result.error) throw result.error;
    return result.data as { accessToken: string; refreshToken: string };
  }

  async function send(id: OperationId, input: Record<string, unknown> | undefined, request: PortOneRequestOptions, maxRetries: number): Promise<PortOneResult<OperationId>> {
    const op = table[id];
    const given = input ?? {};
    let url = baseUrl;
    for (const part of op.path) {
      if (typeof part === "string") {
        url += part;
        continue;
      }
      const value = given[part.name];
      if ((typeof value !== "string" || value === "") && typeof value !== "number") {
        const issue = { field: part.name, rule: "required", message: `${part.name} is required (a non-empty path parameter)` };
        return { error: new PortOneValidationError(id, [issue]) };
      }
      url += encodeURIComponent(value);
    }
    // Query parameters and body fields, without copying and deleting (which slows every later
    // access to the object): parameters are read by name, the rest goes to the body.
    let query = "";
    let fields: Record<string, unknown> | undefined;
    for (const key in given) {
      const value = given[key];
      if (value === undefined || op.pathNames.has(key)) continue;
      if (op.queryNames.has(key)) query += `${query ? "&" : "?"}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
      else (fields ??= {})[key] = value;
    }
    if (storeId !== undefined && op.storeId && given["storeId"] === undefined) {
      if (op.queryNames.has("storeId")) query += `${query ? "&" : "?"}storeId=${encodeURIComponent(storeId)}`;
      else (fields ??= {})["storeId"] = storeId;
    }
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (op.bodyInQuery) {
      if (fields) query += `${query ? "&" : "?"}requestBody=${encodeURIComponent(JSON.stringify(fields))}`;
    } else if (op.jsonBody) {
      body = JSON.stringify(fields ?? {});
      headers["Content-Type"] = "application/json";
    }
    let idempotencyKey = request.idempotencyKey;
    const write = op.method !== "GET";
    if (write && idempotencyKey === undefined && maxRetries > 0) idempotencyKey = globalThis.crypto.randomUUID();
    if (write && idempotencyKey !== undefined) headers["Idempotency-Key"] = idempotencyKey;
    const safe = !write || idempotencyKey !== undefined;
    const init: RequestInit & { headers: Record<string, string> } = { method: op.method, headers };
    if (body !== undefined) init.body = body;
    if (request.signal) init.signal = request.signal;
    url += query;

    for (let attempt = 0; ; attempt++) {
      const result = await once(id, op.auth, url, init, request);
      const decision = decideRetry(result, attempt, safe ? maxRetries : 0, retry);
      if (decision === null || request.signal?.aborted) return result.value;
      await sleep(decision, request.signal);
    }
  }

  async function once(id: OperationId, auth: boolean, url: string, init: RequestInit & { headers: Record<string, string> }, request: PortOneRequestOptions) {
    const limit = request.timeoutMs ?? timeoutMs;
    // The timeout races the call instead of aborting it through a signal: an AbortSignal on every
    // fetch costs undici about a fifth of its throughput. A timed-out connection is left to
    // undici's own timeouts; pass `signal` to abort it yourself.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(resolve, limit, TIMED_OUT);
    });
    try {
      if (auth) init.headers["Authorization"] = tokens ? `Bearer ${await tokens.get(request.signal)}` : secretHeader;
      const received = await Promise.race([fetchImpl(url, init).then(readBody), expired]);
      if (received === TIMED_OUT) return { value: { error: new PortOneTimeoutError(id, limit) }, status: 0, response: undefined };
      const [response, text] = received;
      return { value: interpret(id, response, text), status: response.status, response };
    } catch (cause) {
      if (cause instanceof PortOneNetworkError || cause instanceof PortOneTimeoutError) return { value: { error: cause }, status: 0, response: undefined };
      return { value: { error: new PortOneNetworkError(id, scrubError(cause, [secret])) }, status: 0, response: undefined };
    } finally {
      clearTimeout(timer);
    }
  }

  function interpret(id: OperationId, response: Response, text: string): PortOneResult<OperationId> {
    let body: unknown;
    let json = text !== "";
    try {
      if (json) body = JSON.parse(text);
    } catch {
      json = false;
    }
    if (response.ok) {
      if (json || text === "") return { data: body as never, response };
      return { error: new PortOneInvalidResponseError(id, response.status, snippet(text, [secret])), response };
    }
    // Any error object with a string `type` is an API error: its fields as sent, plus `kind` and
    // `httpStatus`. Whether the type is documented for this operation is a question for the types
    // (`Unrecognized`), not for the run time, which keeps the client small.
    if (body && typeof body === "object" && typeof (body as { type?: unknown }).type === "string") {
      return { error: { ...body, kind: "api", httpStatus: response.status } as never, response };
    }
    return { error: new PortOneHttpError(id, response.status, snippet(text, [secret])), response };
  }



  const client: Record<string | symbol, unknown> = {
    baseUrl,
    toJSON: () => ({ baseUrl, storeId, auth }),
  };
  for (const id of Object.keys(operations) as OperationId[]) {
    client[id] = (input?: Record<string, unknown>, request: PortOneRequestOptions = {}) => send(id, input, request, retry.retries);
  }
  return client as unknown as PortOneClient;
}

interface CompiledOperation {
  readonly method: string;
  /** The path template split into literal parts and parameters. */
  readonly path: readonly (string | { readonly name: string })[];
  readonly pathNames: ReadonlySet<string>;
  readonly queryNames: ReadonlySet<string>;
  readonly jsonBody: boolean;
  readonly bodyInQuery: boolean;
  readonly storeId: boolean;
  readonly auth: boolean;
}

let compiled: Record<OperationId, CompiledOperation> | undefined;

/** Expands the generated rows once per process into what `send` reads on every call. */
function compile(): Record<OperationId, CompiledOperation> {
  if (compiled) return compiled;
  const out = {} as Record<OperationId, CompiledOperation>;
  for (const [id, [path, flags, ...query]] of Object.entries(operations) as [OperationId, (typeof operations)[OperationId]][]) {
    const parts = path.split(/(\{[^}]+\})/).filter(Boolean).map((part) => (part.startsWith("{") ? { name: part.slice(1, -1) } : part));
    out[id] = {
      method: METHODS[flags >> METHOD_SHIFT] as string,
      path: parts,
      pathNames: new Set(parts.flatMap((part) => (typeof part === "string" ? [] : [part.name]))),
      queryNames: new Set(query),
      jsonBody: (flags & BODY_JSON) !== 0,
      bodyInQuery: (flags & BODY_QUERY) !== 0,
      storeId: (flags & (STORE_QUERY | STORE_BODY)) !== 0,
      auth: (flags & AUTH) !== 0,
    };
  }
  return (compiled = out);
}

export type { OperationErrors, OperationId };
