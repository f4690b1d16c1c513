import createClient, { type Client } from "openapi-fetch";
import {
  checkPathValue,
  checkSecret,
  createCore,
  isSensitiveField,
  MIN_SECRET_LENGTH,
  PaySpecAbortedError,
  PaySpecApiError,
  PaySpecError,
  PaySpecHttpError,
  PaySpecInvalidResponseError,
  PaySpecValidationError,
  checkShape,
  isProblem,
  parseJson,
  redact,
  scrubError,
  serialise,
  snippet,
  transportFetch,
  unexpectedShape,
  validate,
  type CommonCallOptions,
  type CommonClientOptions,
  type Core,
  type PaySpecResult,
  type Received,
  type ValidationIssue,
} from "@payspec/runtime";
import type { PortOneMethods } from "./generated/methods.js";
import type { operations as Ops, paths } from "./generated/openapi.js";
import { operations, outputs, schemas, USER_AGENT, type OperationErrors, type OperationId, type PortOneOperation, type QueryBodies, type Unrecognized } from "./generated/operations.js";
import { createTokenSource, type TokenPair, type TokenSource } from "./token.js";

export const PORTONE_API_URL = "https://api.portone.io";
const PROVIDER = "portone";

export interface PortOneClientOptions extends CommonClientOptions {
  /** V2 API secret from the PortOne console. Kept private: never logged, serialised or put in errors. */
  readonly secret: string;
  /** Default `storeId` for the operations that take one (a caller's own `storeId` wins). */
  readonly storeId?: string;
  /**
   * `"secret"` (default) sends `Authorization: PortOne <secret>`. `"token"` logs in with the
   * secret and sends `Bearer` access tokens, refreshed before they expire.
   */
  readonly auth?: "secret" | "token";
}

export interface PortOneCallOptions extends CommonCallOptions {
  /**
   * `Idempotency-Key` of a write (16–256 printable ASCII characters, no `"` or `\`). Generated per
   * call when retries are on; a write is only ever retried with the same key.
   */
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

type Success<K extends OperationId> = Ops[K]["responses"] extends { 200: infer R } ? R : never;
/** The 200 response of an operation: its JSON body, the text of a CSV download, or `undefined` when it has no body. */
export type PortOneData<K extends OperationId> = Success<K> extends { content: { "application/json": infer D } }
  ? D
  : Success<K> extends { content: Record<string, infer T> }
    ? T
    : undefined;

/** An error body whose `type` this version of the spec does not document for the operation, every field as received. */
export interface UnrecognizedErrorBody {
  readonly type: Unrecognized;
  readonly message?: string;
  readonly [field: string]: unknown;
}

type ApiErrorOf<M> = M extends { readonly type: infer T extends string } ? PaySpecApiError<T, M> : never;
/** The API errors of an operation: one `PaySpecApiError` per documented `type` (narrow with `error.code`), or an unrecognised one. */
export type PortOneApiError<K extends OperationId> = ApiErrorOf<OperationErrors[K]> | PaySpecApiError<Unrecognized, UnrecognizedErrorBody>;

/** `{ data, error, response }`: exactly one of `data` and `error`. Calls never throw. */
export type PortOneResult<K extends OperationId> = PaySpecResult<PortOneData<K>, PortOneApiError<K>>;

type RequiredKeys<T> = { [P in keyof T]-?: {} extends Pick<T, P> ? never : P }[keyof T];
/** The method of one operation. */
export type Method<K extends OperationId> = [RequiredKeys<PortOneInput<K>>] extends [never]
  ? (input?: PortOneInput<K>, options?: PortOneCallOptions) => Promise<PortOneResult<K>>
  : (input: PortOneInput<K>, options?: PortOneCallOptions) => Promise<PortOneResult<K>>;

/** The openapi-fetch client typed by the spec's `paths`, running on the same transport and credentials. */
export type PortOneFetchClient = Client<paths>;

export type PortOneClient = PortOneMethods & {
  readonly baseUrl: string;
  toJSON(): { baseUrl: string; storeId: string | undefined; auth: "secret" | "token" };
};

interface Connection {
  readonly core: Core;
  readonly options: PortOneClientOptions;
  /** The `Authorization` value for an authenticated request (token mode logs in first). */
  authorization(signal: AbortSignal | undefined): Promise<string>;
  call<K extends OperationId>(id: K, input: unknown, options: PortOneCallOptions | undefined): Promise<PortOneResult<K>>;
}

/** The path and query parameters of each operation that hold personal data (a billing key), found once per operation. */
const personalParams = new Map<PortOneOperation, readonly string[]>();
function sensitiveParams(op: PortOneOperation): readonly string[] {
  let names = personalParams.get(op);
  if (!names) personalParams.set(op, (names = [...op.pathParams, ...op.queryParams].filter((name) => isSensitiveField(name))));
  return names;
}

const IDEMPOTENCY_KEY = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{16,256}$/;
const hasOwn = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Whether a 5xx body is a transient failure: anything but a PortOne error object (a `PG_PROVIDER` 502 is an answer). */
function transient(_status: number, text: string): boolean {
  try {
    const body: unknown = JSON.parse(text);
    return !(isRecord(body) && typeof body["type"] === "string");
  } catch {
    return true;
  }
}

function connect(options: PortOneClientOptions, factory: string): Connection {
  const issues: ValidationIssue[] = [];
  const secret = options?.secret;
  issues.push(...checkSecret("options.secret", secret, MIN_SECRET_LENGTH));
  if (options?.storeId !== undefined) issues.push(...checkSecret("options.storeId", options.storeId));
  if (options?.auth !== undefined && options.auth !== "secret" && options.auth !== "token") {
    issues.push({ field: "options.auth", rule: "enum", message: 'options.auth must be "secret" or "token"' });
  }
  let tokens: TokenSource | null = null;
  const secrets = (): readonly string[] => [secret, ...(tokens?.current() ?? [])];
  const core = createCore(
    { provider: PROVIDER, factory, defaultBaseUrl: PORTONE_API_URL, optionKeys: ["secret", "storeId", "auth"], userAgent: USER_AGENT, secrets, sensitiveHeaders: [], transient },
    options,
    issues,
  );
  const secretHeader = `PortOne ${secret}`;
  const storeId = options.storeId;

  async function exchange(id: "loginViaApiSecret" | "refreshToken", input: Record<string, string>): Promise<TokenPair> {
    const result = await call(id, input, undefined);
    if (result.error) throw result.error;
    const { accessToken, refreshToken } = result.data as Partial<Record<string, unknown>>;
    // A login answer without tokens would be sent as `Bearer undefined` on every call.
    if (typeof accessToken !== "string" || accessToken === "" || typeof refreshToken !== "string" || refreshToken === "") {
      throw new PaySpecInvalidResponseError({ provider: PROVIDER, operation: id }, "unexpected-shape", result.response.status, "");
    }
    return { accessToken, refreshToken };
  }
  if (options.auth === "token") {
    tokens = createTokenSource(
      () => exchange("loginViaApiSecret", { apiSecret: secret }),
      (refreshToken) => exchange("refreshToken", { refreshToken }),
    );
  }
  const tokenSource = tokens;
  const authorization = (signal: AbortSignal | undefined) =>
    tokenSource ? tokenSource.get(signal).then((token) => `Bearer ${token}`) : Promise.resolve(secretHeader);

  function prepare(id: OperationId, op: PortOneOperation, input: unknown, call: PortOneCallOptions | undefined) {
    const issues = core.checkCall(call, ["idempotencyKey"]);
    if (call?.idempotencyKey !== undefined && !(typeof call.idempotencyKey === "string" && IDEMPOTENCY_KEY.test(call.idempotencyKey))) {
      issues.push({ field: "options.idempotencyKey", rule: "pattern", message: 'options.idempotencyKey must be 16–256 printable ASCII characters without " or \\' });
    }
    if (call?.idempotencyKey !== undefined && op.method === "GET") {
      issues.push({ field: "options.idempotencyKey", rule: "additionalProperties", message: `options.idempotencyKey is only for writes; ${id} is a read` });
    }
    if (input !== undefined && !isRecord(input)) issues.push({ field: "input", rule: "type", message: "input must be an object" });
    if (issues.length > 0) return { issues };
    const given = (input ?? {}) as Record<string, unknown>;
    const values = op.storeId !== null && storeId !== undefined && !hasOwn(given, "storeId") ? { ...given, storeId } : given;
    for (const name of op.pathParams) if (typeof values[name] === "string") issues.push(...checkPathValue(name, values[name]));
    issues.push(...validate(op.input ?? {}, values, "", schemas));
    if (issues.length > 0) return { issues };

    let url = core.baseUrl + op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));
    let query = "";
    const params = new Set<string>([...op.pathParams, ...op.queryParams]);
    for (const name of op.queryParams) {
      const value = values[name];
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) query += `${query ? "&" : "?"}${name}=${encodeURIComponent(String(item))}`;
    }
    let fields: Record<string, unknown> | undefined;
    for (const key of Object.keys(values)) {
      if (params.has(key) || values[key] === undefined) continue;
      (fields ??= {})[key] = values[key];
    }
    const headers: Record<string, string> = { ...call?.headers };
    let body: string | undefined;
    if (op.body !== "none" && (fields !== undefined || op.body === "json")) {
      const json = serialise(fields ?? {}, "input");
      if (json.issue) return { issues: [json.issue] };
      if (op.body === "query") query += `${query ? "&" : "?"}requestBody=${encodeURIComponent(json.text)}`;
      else {
        body = json.text;
        headers["Content-Type"] = "application/json";
      }
    }
    url += query;
    const write = op.method !== "GET";
    let key = call?.idempotencyKey;
    if (write && key === undefined && core.transport.config.retry.limit > 0) key = globalThis.crypto.randomUUID();
    // RFC 8941 string, as PortOne's idempotency guide shows: `Idempotency-Key: "…"`.
    if (write && key !== undefined) headers["Idempotency-Key"] = `"${key}"`;
    // A billing key in the path or query is a credential of the customer's card: never handed back.
    let sensitive: string[] | undefined;
    for (const name of sensitiveParams(op)) {
      const value = values[name];
      if (typeof value === "string" && value.length >= 6) (sensitive ??= []).push(value);
    }
    return { request: { url, headers, body, repeatable: !write || key !== undefined, sensitive } };
  }

  async function call<K extends OperationId>(id: K, input: unknown, options: PortOneCallOptions | undefined): Promise<PortOneResult<K>> {
    const context = { provider: PROVIDER, operation: id } as const;
    const op: PortOneOperation = operations[id];
    let prepared: ReturnType<typeof prepare>;
    try {
      prepared = prepare(id, op, input, options);
    } catch (cause) {
      // A getter that throws, a Proxy, …: the input could not be read, so nothing is sent.
      const error = new PaySpecValidationError(context, [{ field: "input", rule: "type", message: "input could not be read" }]);
      return { error: Object.assign(error, { cause: scrubError(cause, secrets()) }) };
    }
    if (prepared.issues) return { error: new PaySpecValidationError(context, prepared.issues.map((i) => redact(i, secrets()) as ValidationIssue)) };
    const { request } = prepared;
    if (options?.signal?.aborted) return { error: new PaySpecAbortedError(context, scrubError(options.signal.reason, secrets())) };
    const send = async (): Promise<Received | PortOneResult<K>> => {
      if (op.auth) {
        try {
          request.headers["Authorization"] = await authorization(options?.signal);
        } catch (error) {
          // The shared login failed (its own typed error) or this caller's signal ended the wait.
          if (error instanceof PaySpecError) return { error: error as never };
          return { error: new PaySpecAbortedError(context, scrubError(error, secrets())) };
        }
      }
      return core.transport.send({
        operation: id,
        method: op.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
        repeatable: request.repeatable,
        signal: options?.signal,
        timeoutMs: options?.timeoutMs,
        sensitive: request.sensitive,
      });
    };
    let received = await send();
    if (!("sensitive" in received)) return received;
    // Token mode: a 401 to a bearer request means the token was revoked or expired early. It was not
    // applied, so the call is sent once more with a new token (one login for all the calls that saw it).
    const bearer = request.headers["Authorization"];
    if (tokenSource && received.response?.status === 401 && bearer?.startsWith("Bearer ")) {
      tokenSource.invalidate(bearer.slice(7));
      received = await send();
      if (!("sensitive" in received)) return received;
    }
    return interpret(id, op, received) as PortOneResult<K>;
  }

  /** A response as a result: total (any exception after sending is `invalid-response`, never a throw or `validation`). */
  function interpret(id: OperationId, op: PortOneOperation, received: Received): PortOneResult<OperationId> {
    if (received.error) return received.response ? { error: received.error, response: received.response } : { error: received.error };
    try {
      return read(id, op, received.response, received.text, received.sensitive);
    } catch {
      const error = new PaySpecInvalidResponseError({ provider: PROVIDER, operation: id }, "unexpected-shape", received.response.status, "");
      return { error, response: received.response };
    }
  }

  function read(id: OperationId, op: PortOneOperation, response: Response, text: string, sensitive: readonly string[]): PortOneResult<OperationId> {
    const context = { provider: PROVIDER, operation: id } as const;
    // What the client sent that is sensitive (card data, billing keys) is hidden like the secret
    // (built only for an error: a success hands back nothing to hide).
    const hide = () => [...secrets(), ...sensitive];
    const ok = response.status >= 200 && response.status < 300;
    const problem = isProblem(response);
    if (ok && !problem && op.response === "none") return { data: undefined as never, response };
    if (ok && !problem && op.response === "text") return { data: text as never, response };
    const parsed = parseJson(text);
    if (ok && !problem) {
      const body = parsed.value;
      if (!isRecord(body)) {
        const reason = parsed.failure ?? "not-object";
        return { error: new PaySpecInvalidResponseError(context, reason, response.status, snippet(text, hide())), response };
      }
      const issue = checkShape(op.output, body, outputs);
      if (issue) return { error: unexpectedShape(context, issue, response.status, snippet(text, hide())), response };
      return { data: body as never, response };
    }
    // A problem document (the mock's own 422/404, a gateway) is not a PortOne business error,
    // even though it has a `type` (a URL): an HTTP error with its text kept.
    const body = parsed.value;
    if (!problem && !ok && isRecord(body) && typeof body["type"] === "string") {
      const clean = redact(body, hide(), undefined, true) as Record<string, unknown>;
      const message = clean["message"];
      const error = new PaySpecApiError(context, {
        code: clean["type"] as string,
        httpStatus: response.status,
        serverMessage: typeof message === "string" ? message : undefined,
        body: clean,
      });
      return { error: error as never, response };
    }
    const detail = response.status >= 300 && response.status < 400 ? "(a redirect, not followed)" : problem ? "with a problem document (application/problem+json)" : undefined;
    return { error: new PaySpecHttpError(context, response.status, snippet(text, hide()), detail), response };
  }

  return { core, options, authorization, call };
}

/** Paths that take no credentials, as patterns (templates with `{…}` parameters); built by the first fetch client. */
let publicPaths: RegExp[] | undefined;

function fetchClient(connection: Connection): PortOneFetchClient {
  const { core } = connection;
  const PUBLIC_PATHS = (publicPaths ??= Object.values(operations as Record<string, PortOneOperation>)
    .filter((op) => !op.auth)
    .map((op) => new RegExp(`^${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`)));
  const base = new URL(core.baseUrl).pathname.replace(/\/+$/, "");
  const client = createClient<paths>({
    baseUrl: core.baseUrl,
    fetch: transportFetch(core.transport, (request) => request.method === "GET" || request.headers.has("idempotency-key")),
  });
  client.use({
    async onRequest({ request }) {
      const path = new URL(request.url).pathname.slice(base.length);
      if (!PUBLIC_PATHS.some((pattern) => pattern.test(path))) request.headers.set("Authorization", await connection.authorization(request.signal));
      return request;
    },
  });
  return client;
}

/** The connection behind each client, so that a fetch client made from it shares its transport and token. */
const connections = new WeakMap<object, Connection>();

/**
 * An openapi-fetch client for PortOne V2 typed by the spec (`GET("/payments/{paymentId}", …)`), with
 * the payspec transport (timeouts, retries, no redirects, events) and the credentials installed.
 * Results are openapi-fetch's own; add your middleware with `use`. Pass a client made by
 * `createPortOneClient` to share its transport and access token, or options for a new one.
 */
export function createPortOneFetchClient(from: PortOneClient | PortOneClientOptions): PortOneFetchClient {
  return fetchClient(connections.get(from) ?? connect(from as PortOneClientOptions, "createPortOneFetchClient"));
}

export function createPortOneClient(options: PortOneClientOptions): PortOneClient {
  const connection = connect(options, "createPortOneClient");
  const { baseUrl } = connection.core;
  const describe = () => ({ baseUrl, storeId: options.storeId, auth: options.auth ?? ("secret" as const) });
  const client: Record<string | symbol, unknown> = {
    baseUrl,
    toJSON: describe,
    [Symbol.for("nodejs.util.inspect.custom")]: () => `PortOneClient ${JSON.stringify(describe())}`,
  };
  connections.set(client, connection);
  for (const id of Object.keys(operations) as OperationId[]) {
    client[id] = (input?: unknown, call?: PortOneCallOptions) => connection.call(id, input, call);
  }
  return client as unknown as PortOneClient;
}

export type { OperationErrors, OperationId };
