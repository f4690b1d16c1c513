// The one implementation of a PortOne call, and the small core it runs on (credentials, transport,
// token mode). A standalone function (`getPayment(client, input)`, generated per operation) and a
// method of the whole client both run `call` with the operation's row: there is no second code path,
// and nothing here imports any operation. Token mode (its two login operations and the token source)
// is in token-mode.ts, which only the cores that offer it import.
import {
  checkPathValue,
  checkSecret,
  carried,
  carrier,
  createCore,
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
  redactWith,
  scrubError,
  serialise,
  snippet,
  unexpectedShape,
  validateWith,
  type CommonCallOptions,
  type CommonClientOptions,
  type Core,
  type PaySpecResult,
  type Received,
  type ValidationIssue,
} from "@payspec/runtime";
import { USER_AGENT, type PortOneOperation, type Unrecognized } from "./generated/common.js";
import type { TokenSource } from "./token.js";

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

/** An error body whose `type` this version of the spec does not document for the operation, every field as received. */
export interface UnrecognizedErrorBody {
  readonly type: Unrecognized;
  readonly message?: string;
  readonly [field: string]: unknown;
}

/**
 * What a standalone function takes: the credentials and the transport, made once by
 * `createPortOneCore` (or `createPortOneClient`, whose client is a core too) and shared by every call.
 * Its secret is private: `JSON.stringify` and `inspect` show only these fields.
 */
export interface PortOneCore {
  readonly baseUrl: string;
  toJSON(): { baseUrl: string; storeId: string | undefined; auth: "secret" | "token" };
}

/** The state of one core: made by `connect`, reachable only through the core object that holds it. */
export interface Connection {
  readonly core: Core;
  /** The `Authorization` value for an authenticated request: at once with the secret, after a login in token mode. */
  authorization(signal: AbortSignal | undefined): string | Promise<string>;
  /** The configured secret and the tokens held now, for redaction. */
  secrets(): readonly string[];
  readonly storeId: string | undefined;
  readonly tokens: TokenSource | null;
}

/** The key of a core's connection: a property no other code can name, not enumerable, so never serialised. */
const CONNECTION = Symbol("payspec.portone.connection");

/** The connection of a core or client, or undefined for anything else. */
export function connectionOf(client: unknown): Connection | undefined {
  return carried<Connection>(client, CONNECTION);
}

/** A core object over `connection`: `baseUrl`, `toJSON` and `inspect` show the public options only. */
export function coreObject(connection: Connection, options: PortOneClientOptions, name: string): Record<string | symbol, unknown> {
  const { baseUrl } = connection.core;
  return carrier(CONNECTION, connection, name, { baseUrl }, { baseUrl, storeId: options.storeId, auth: options.auth ?? "secret" });
}

/**
 * The core a standalone function takes (`getPayment(portone, { paymentId })`): credentials and
 * transport, checked once. Bad options throw one `PaySpecValidationError` listing every problem.
 * This one sends the secret (`auth: "secret"`); for token mode import `createPortOneCore` from
 * `@payspec/portone/auth` or `@payspec/portone` (token mode is not bundled where it is not used).
 */
export function createPortOneCore(options: PortOneClientOptions): PortOneCore {
  return coreObject(connect(options, "createPortOneCore"), options, "PortOneCore") as unknown as PortOneCore;
}

/** Makes the token source of a core in token mode, from the core's own call of a login operation and the secret. */
export type TokenMode = (run: (op: PortOneOperation, input: Record<string, string>) => Promise<PaySpecResult<unknown, PaySpecApiError<string, unknown>>>, secret: string) => TokenSource;

/**
 * What a row's parameters say, worked out once per row: all of them, those that hold personal data (a
 * billing key), and its path template split at the parameters (`/payments/{paymentId}` →
 * `["/payments/", "paymentId", ""]`: text at even places, a parameter's name at odd ones).
 */
interface ParamInfo {
  readonly all: ReadonlySet<string>;
  readonly sensitive: readonly string[];
  readonly path: readonly string[];
}
const paramInfo = new WeakMap<PortOneOperation, ParamInfo>();
function paramsOf(op: PortOneOperation): ParamInfo {
  let info = paramInfo.get(op);
  if (!info) {
    const all = [...op.pathParams, ...op.queryParams];
    const personal = op.personal;
    const path = op.path.split(/\{([^}]+)\}/);
    paramInfo.set(op, (info = { all: new Set(all), sensitive: personal ? all.filter((name) => personal.isField(name)) : [], path }));
  }
  return info;
}

/** The call option PortOne adds to the common ones (one array for every call). */
const CALL_OPTION_KEYS: readonly string[] = ["idempotencyKey"];
const NO_VALUES: readonly string[] = [];
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

type AnyResult = PaySpecResult<unknown, PaySpecApiError<string, unknown>>;

/** Checks the options (throwing one validation error listing every problem) and builds the transport and, in token mode, the token source. */
export function connect(options: PortOneClientOptions, factory: string, tokenMode?: TokenMode): Connection {
  const issues: ValidationIssue[] = [];
  const secret = options?.secret;
  issues.push(...checkSecret("options.secret", secret, MIN_SECRET_LENGTH));
  if (options?.storeId !== undefined) issues.push(...checkSecret("options.storeId", options.storeId));
  if (options?.auth !== undefined && options.auth !== "secret" && options.auth !== "token") {
    issues.push({ field: "options.auth", rule: "enum", message: 'options.auth must be "secret" or "token"' });
  } else if (options?.auth === "token" && !tokenMode) {
    issues.push({ field: "options.auth", rule: "enum", message: `options.auth "token" needs token mode: take ${factory} from "@payspec/portone/auth" or "@payspec/portone"` });
  }
  let tokens: TokenSource | null = null;
  const secrets = (): readonly string[] => [secret, ...(tokens?.current() ?? [])];
  const core = createCore(
    { provider: PROVIDER, factory, defaultBaseUrl: PORTONE_API_URL, optionKeys: ["secret", "storeId", "auth"], userAgent: USER_AGENT, secrets, sensitiveHeaders: [], transient },
    options,
    issues,
  );
  const secretHeader = `PortOne ${secret}`;
  const connection: Connection = {
    core,
    secrets,
    storeId: options.storeId,
    get tokens() {
      return tokens;
    },
    authorization: (signal) => (tokens ? tokens.get(signal).then((token) => `Bearer ${token}`) : secretHeader),
  };

  // The login exchange runs the core's own call; reading its answer is token mode's (not bundled without it).
  if (options.auth === "token" && tokenMode) tokens = tokenMode((op, input) => invoke(connection, op, input, undefined), secret);
  return connection;
}

/**
 * Runs one operation (its generated row) on a core or client: checks the input against the row's
 * schema, builds and sends the request, and reads the answer against the row's shape. Never throws.
 * `R` is the operation's named result type (`GetPaymentResult`), which the row's schema and shape guarantee.
 */
export function call<R extends AnyResult>(client: PortOneCore, op: PortOneOperation, input: unknown, options: PortOneCallOptions | undefined): Promise<R> {
  const connection = connectionOf(client);
  if (!connection) {
    const issue = { field: "client", rule: "type", message: "client must be made by createPortOneCore or createPortOneClient" };
    return Promise.resolve({ error: new PaySpecValidationError({ provider: PROVIDER, operation: op.id }, [issue]) } as R);
  }
  return invoke(connection, op, input, options) as Promise<R>;
}

function prepare(connection: Connection, op: PortOneOperation, input: unknown, call: PortOneCallOptions | undefined) {
  const { core, storeId } = connection;
  const issues = core.checkCall(call, CALL_OPTION_KEYS);
  if (call?.idempotencyKey !== undefined && !(typeof call.idempotencyKey === "string" && IDEMPOTENCY_KEY.test(call.idempotencyKey))) {
    issues.push({ field: "options.idempotencyKey", rule: "pattern", message: 'options.idempotencyKey must be 16–256 printable ASCII characters without " or \\' });
  }
  if (call?.idempotencyKey !== undefined && op.method === "GET") {
    issues.push({ field: "options.idempotencyKey", rule: "additionalProperties", message: `options.idempotencyKey is only for writes; ${op.id} is a read` });
  }
  if (input !== undefined && !isRecord(input)) issues.push({ field: "input", rule: "type", message: "input must be an object" });
  if (issues.length > 0) return { issues };
  const given = (input ?? {}) as Record<string, unknown>;
  const values = op.storeId !== null && storeId !== undefined && !hasOwn(given, "storeId") ? { ...given, storeId } : given;
  for (const name of op.pathParams) if (typeof values[name] === "string") issues.push(...checkPathValue(name, values[name]));
  issues.push(...validateWith(op.input ?? {}, values, op.keywords ?? {}));
  if (issues.length > 0) return { issues };

  const { all: params, sensitive: personal, path } = paramsOf(op);
  let url = core.baseUrl;
  for (let i = 0; i < path.length; i++) url += i % 2 === 0 ? path[i] : encodeURIComponent(String(values[path[i] as string]));
  let query = "";
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
  if (op.body !== "none" && (fields !== undefined || op.body === "json" || op.bodyRequired)) {
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
  // A billing key in the path or query is a credential of the customer's card: never handed back;
  // nor the card data of the body (the row names `personal` when its input may hold any).
  let sensitive: string[] | undefined;
  for (const name of personal) {
    const value = values[name];
    if (typeof value === "string" && value.length >= 6) (sensitive ??= []).push(value);
  }
  const found = body !== undefined && op.personal ? op.personal.values(body) : NO_VALUES;
  if (found.length > 0) (sensitive ??= []).push(...found);
  return { request: { url, headers, body, repeatable: !write || key !== undefined, sensitive } };
}

async function invoke(connection: Connection, op: PortOneOperation, input: unknown, options: PortOneCallOptions | undefined): Promise<AnyResult> {
  const { secrets } = connection;
  let prepared: ReturnType<typeof prepare>;
  try {
    prepared = prepare(connection, op, input, options);
  } catch (cause) {
    // A getter that throws, a Proxy, …: the input could not be read, so nothing is sent.
    const error = new PaySpecValidationError({ provider: PROVIDER, operation: op.id }, [{ field: "input", rule: "type", message: "input could not be read" }]);
    return { error: Object.assign(error, { cause: scrubError(cause, secrets()) }) };
  }
  if (prepared.issues) return { error: new PaySpecValidationError({ provider: PROVIDER, operation: op.id }, prepared.issues.map((i) => redactWith(i, secrets()) as ValidationIssue)) };
  const { request } = prepared;
  if (options?.signal?.aborted) return { error: new PaySpecAbortedError({ provider: PROVIDER, operation: op.id }, scrubError(options.signal.reason, secrets())) };
  let received = await dispatch(connection, op, request, options);
  if (!("sensitive" in received)) return received;
  // Token mode: a 401 to a bearer request means the token was revoked or expired early. It was not
  // applied, so the call is sent once more with a new token (one login for all the calls that saw it).
  const bearer = request.headers["Authorization"];
  const tokens = connection.tokens;
  if (tokens && received.response?.status === 401 && bearer?.startsWith("Bearer ")) {
    tokens.invalidate(bearer.slice(7));
    received = await dispatch(connection, op, request, options);
    if (!("sensitive" in received)) return received;
  }
  return interpret(connection, op, received);
}

type Prepared = NonNullable<ReturnType<typeof prepare>["request"]>;

/**
 * Sends a prepared request with its credential. With the secret the header is set at once and the
 * transport's promise returned as it is (no extra async step per call); token mode waits for the login.
 */
function dispatch(connection: Connection, op: PortOneOperation, request: Prepared, options: PortOneCallOptions | undefined): Promise<Received | AnyResult> {
  if (!op.auth) return transmit(connection, op, request, options);
  const authorization = connection.authorization(options?.signal);
  if (typeof authorization === "string") {
    request.headers["Authorization"] = authorization;
    return transmit(connection, op, request, options);
  }
  return authorization.then(
    (value) => {
      request.headers["Authorization"] = value;
      return transmit(connection, op, request, options);
    },
    // The shared login failed (its own typed error) or this caller's signal ended the wait.
    (error: unknown): AnyResult =>
      error instanceof PaySpecError
        ? { error: error as never }
        : { error: new PaySpecAbortedError({ provider: PROVIDER, operation: op.id }, scrubError(error, connection.secrets())) },
  );
}

function transmit(connection: Connection, op: PortOneOperation, request: Prepared, options: PortOneCallOptions | undefined): Promise<Received> {
  return connection.core.transport.send({
    operation: op.id,
    method: op.method,
    url: request.url,
    headers: request.headers,
    body: request.body,
    repeatable: request.repeatable,
    signal: options?.signal,
    timeoutMs: options?.timeoutMs,
    sensitive: request.sensitive,
  });
}

/** A response as a result: total (any exception after sending is `invalid-response`, never a throw or `validation`). */
function interpret(connection: Connection, op: PortOneOperation, received: Received): AnyResult {
  if (received.error) return received.response ? { error: received.error, response: received.response } : { error: received.error };
  try {
    return read(connection, op, received.response, received.text, received.sensitive);
  } catch {
    const error = new PaySpecInvalidResponseError({ provider: PROVIDER, operation: op.id }, "unexpected-shape", received.response.status, "");
    return { error, response: received.response };
  }
}

const contextOf = (op: PortOneOperation) => ({ provider: PROVIDER, operation: op.id }) as const;
const hidden = (connection: Connection, sensitive: readonly string[]): string[] => [...connection.secrets(), ...sensitive];

function read(connection: Connection, op: PortOneOperation, response: Response, text: string, sensitive: readonly string[]): AnyResult {
  // The error context and what to hide (the secret, and what the client sent that is sensitive: card data, billing
  // keys) are made only for an error: a success allocates neither.
  const ok = response.status >= 200 && response.status < 300;
  const problem = isProblem(response);
  if (ok && !problem && op.response === "none") return { data: undefined, response };
  if (ok && !problem && op.response === "text") return { data: text, response };
  const parsed = parseJson(text);
  if (ok && !problem) {
    const body = parsed.value;
    if (!isRecord(body)) {
      const reason = parsed.failure ?? "not-object";
      return { error: new PaySpecInvalidResponseError(contextOf(op), reason, response.status, snippet(text, hidden(connection, sensitive))), response };
    }
    const issue = checkShape(op.output, body);
    if (issue) return { error: unexpectedShape(contextOf(op), issue, response.status, snippet(text, hidden(connection, sensitive))), response };
    return { data: body, response };
  }
  // A problem document (the mock's own 422/404, a gateway) is not a PortOne business error,
  // even though it has a `type` (a URL): an HTTP error with its text kept.
  const body = parsed.value;
  if (!problem && !ok && isRecord(body) && typeof body["type"] === "string") {
    const clean = redactWith(body, hidden(connection, sensitive), undefined, op.personal?.isField) as Record<string, unknown>;
    const message = clean["message"];
    const error = new PaySpecApiError(contextOf(op), {
      code: clean["type"] as string,
      httpStatus: response.status,
      serverMessage: typeof message === "string" ? message : undefined,
      body: clean,
    });
    return { error, response };
  }
  const detail = response.status >= 300 && response.status < 400 ? "(a redirect, not followed)" : problem ? "with a problem document (application/problem+json)" : undefined;
  return { error: new PaySpecHttpError(contextOf(op), response.status, snippet(text, hidden(connection, sensitive)), detail), response };
}
