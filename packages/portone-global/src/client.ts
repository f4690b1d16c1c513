// The PortOne Global client: one method per operation of the spec, each validating the whole input
// before anything is sent, filling in the credentials (client key header, JWT, `portone_key`,
// `portone_secret`, `signature_hash`) and reading the status envelope; and the same credentials
// installed once as an openapi-fetch middleware (`createPortOneGlobalFetchClient`, which can share a client's transport and JWT).
// Every request goes through the runtime's transport. Calls never throw.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import {
  checkPathValue,
  checkSecret,
  createCore,
  MIN_SECRET_LENGTH,
  PaySpecApiError,
  PaySpecHttpError,
  PaySpecInvalidResponseError,
  PaySpecValidationError,
  checkShape,
  isProblem,
  parseJson,
  redact,
  serialise,
  snippet,
  transportFetch,
  unexpectedShape,
  validate,
  type CommonCallOptions,
  type CommonClientOptions,
  type Core,
  type InvalidResponseReason,
  type PaySpecResult,
  type ValidationIssue,
} from "@payspec/runtime";
import type { PortOneGlobalMethods } from "./generated/methods.js";
import type { components, operations as Ops, paths } from "./generated/openapi.js";
import { failureSeries, operations, outputs, schemas, type OperationId, type PortOneGlobalOperation, type StatusCodes } from "./generated/operations.js";
import { TokenSource } from "./jwt.js";
import { computeSignature, signPaymentRequest, type PaymentRequestFields } from "./signature.js";
import { VERSION } from "./version.js";

/** The one host of PortOne Global, for sandbox and live (requests choose with `environment`). */
export const PORTONE_GLOBAL_URL = "https://api.portone.cloud";

export interface PortOneGlobalClientOptions extends CommonClientOptions {
  /** The PortOne Key (client key), sent as `X-Portone-Client-Key`. */
  readonly clientKey: string;
  /** The PortOne Secret: signs the JWT and `signature_hash`. Sent only to getAuthToken, never logged or put in errors. */
  readonly secretKey: string;
  /** Lifetime of the self-signed JWT in whole seconds, 1 to 86 400 (default 300); it is re-signed before it expires. */
  readonly tokenTtlSeconds?: number;
}

export interface PortOneGlobalCallOptions extends CommonCallOptions {
  /** `X-Portone-SubMerchant-Key`: a master merchant acting for a sub-merchant (payment-link creation only). */
  readonly subMerchantKey?: string;
}

/** A status code the spec does not tie to the operation. Never equal to a literal, so `switch (error.code)` narrows. */
export type Unrecognized = `${string}\u0000unrecognized`;

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

/** The body of an error answer: the status envelope (`status_code`, `status_reason`, `message`), fields kept as sent. */
export type PortOneGlobalErrorBody = Readonly<components["schemas"]["ErrorEnvelope"]> & { readonly [field: string]: unknown };

/**
 * The API errors of an operation: one member per status code the spec ties to it (`x-status-codes`),
 * and any other code (including `""` when a failure carried no code, e.g. `is_success: false`).
 */
export type PortOneGlobalApiError<K extends OperationId> =
  | { [C in StatusCodes[K]]: PaySpecApiError<C, PortOneGlobalErrorBody> }[StatusCodes[K]]
  | PaySpecApiError<Unrecognized, Readonly<Record<string, unknown>>>;

/** `{ data, response }` or `{ error, response? }`. Calls never throw. */
export type PortOneGlobalResult<K extends OperationId> = PaySpecResult<PortOneGlobalData<K>, PortOneGlobalApiError<K>>;

export type Method<K extends OperationId> = {} extends PortOneGlobalInput<K>
  ? (input?: PortOneGlobalInput<K>, options?: PortOneGlobalCallOptions) => Promise<PortOneGlobalResult<K>>
  : (input: PortOneGlobalInput<K>, options?: PortOneGlobalCallOptions) => Promise<PortOneGlobalResult<K>>;

type Loosen<B> = Simplify<Omit<B, Filled> & { [F in Extract<keyof B, Filled>]?: B[F] }>;
type FillBody<O> = O extends { requestBody: { content: { "application/json": infer B } } }
  ? Simplify<Omit<O, "requestBody"> & { requestBody: { content: { "application/json": Loosen<B> } } }>
  : O;
/** The spec's `paths`, with the body fields the middleware fills (`portone_key`, `portone_secret`, `signature_hash`) optional. */
export type PortOneGlobalPaths = { [P in keyof paths]: { [M in keyof paths[P]]: FillBody<paths[P][M]> } };
/** An openapi-fetch client of PortOne Global with the credentials installed. */
export type PortOneGlobalFetchClient = Client<PortOneGlobalPaths>;

export interface PortOneGlobalClient extends PortOneGlobalMethods {
  readonly baseUrl: string;
  readonly clientKey: string;
  /** The `signature_hash` of a payment request, for checkout flows that post it from the browser. */
  signPaymentRequest(request: Omit<PaymentRequestFields, "portone_key">): Promise<string>;
  toJSON(): { baseUrl: string; clientKey: string };
}

const PROVIDER = "portone-global";
/** PortOne's code for a rejected JWT: the cached token is dropped so that the next call signs a new one. */
const JWT_REJECTED = "4054";
const FILLED: readonly string[] = ["key", "portone_key", "portone_secret", "signature_hash"];
const SECRET_FIELDS: ReadonlySet<string> = new Set(["portone_secret", "secretkey", "secret_key"]);
const hasOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);
const issue = (field: string, rule: string, message: string): ValidationIssue => ({ field, rule, message: `${field} ${message}` });

/** The status code of a body (`status_code` or `statusCode`, a string or a number), or undefined. */
function statusCode(record: Record<string, unknown>): string | undefined {
  for (const value of [record["status_code"], record["statusCode"]]) {
    const code = typeof value === "number" && Number.isFinite(value) ? String(value) : typeof value === "string" ? value.trim() : "";
    if (code) return code;
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The `is_success` (or `isSuccess`) flag: a boolean or its string, absent, or something else (`0`, `"0"`, `"yes"`). */
function successFlag(record: Record<string, unknown>): boolean | undefined | "unreadable" {
  const flag = record["is_success"] ?? record["isSuccess"];
  if (flag === undefined) return undefined;
  const text = typeof flag === "string" ? flag.trim().toLowerCase() : flag;
  return text === true || text === "true" ? true : text === false || text === "false" ? false : "unreadable";
}

/**
 * What a status means, as `parseStatus` of `@payspec/portone-errors/global` reads it (a unit test
 * compares the two), without its tables: the series of a four-digit code, an HTTP-style three-digit
 * code, then `is_success`.
 */
export function outcomeOf(code: string | undefined, record: Record<string, unknown>): "success" | "pending" | "failure" | "unknown" {
  if (code !== undefined) {
    const first = code[0] as string;
    if (/^[1-9]\d{3}$/.test(code)) {
      if (first === "1") return "pending";
      if (first === "2") return "success";
      if (failureSeries.includes(first)) return "failure";
    } else if (/^\d{3}$/.test(code)) {
      if (first === "2") return "success";
      if (first === "4" || first === "5") return "failure";
    }
  }
  const flag = record["is_success"] ?? record["isSuccess"];
  const text = typeof flag === "string" ? flag.trim().toLowerCase() : flag;
  return text === true || text === "true" ? "success" : text === false || text === "false" ? "failure" : "unknown";
}

interface Setup {
  readonly core: Core;
  readonly clientKey: string;
  readonly secretKey: string;
  readonly tokens: TokenSource;
  readonly secrets: () => string[];
  /** Adds the operation's credential headers; returns the JWT sent, if any. */
  authorise(op: PortOneGlobalOperation, headers: Record<string, string>): Promise<string | undefined>;
  /** The body as sent: the key and the secret where the spec has them, then the signature. */
  fill(op: PortOneGlobalOperation, body: Record<string, unknown>): Promise<Record<string, unknown>>;
}

function setup(options: PortOneGlobalClientOptions, factory: string): Setup {
  const given: Partial<PortOneGlobalClientOptions> = options !== null && typeof options === "object" ? options : {};
  const issues = [...checkSecret("options.clientKey", given.clientKey), ...checkSecret("options.secretKey", given.secretKey, MIN_SECRET_LENGTH)];
  const ttl = given.tokenTtlSeconds ?? 300;
  if (!(Number.isInteger(ttl) && ttl >= 1 && ttl <= 86_400)) issues.push(issue("options.tokenTtlSeconds", "type", "must be a whole number of seconds from 1 to 86400"));
  const clientKey = given.clientKey as string;
  const secretKey = given.secretKey as string;
  let tokens: TokenSource | undefined;
  // Gson escapes only `<>&='` (`\u003d`); the runtime's spellings cover `\/` and all-escaped forms.
  const gson = typeof secretKey === "string" ? secretKey.replace(/[<>&=']/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : "";
  const keys = gson === secretKey ? [secretKey] : [secretKey, gson];
  const secrets = () => {
    const token = tokens?.current();
    return token ? [...keys, token] : keys;
  };
  const core = createCore(
    {
      provider: PROVIDER,
      factory,
      defaultBaseUrl: PORTONE_GLOBAL_URL,
      optionKeys: ["clientKey", "secretKey", "tokenTtlSeconds"],
      userAgent: `@payspec/portone-global/${VERSION}`,
      secrets,
      sensitiveHeaders: ["X-Portone-Client-Key", "X-Portone-SubMerchant-Key"],
      // A 5xx carrying a status code is PortOne's answer, not an outage: never sent again.
      transient: (_status, text) => !/"status_?[cC]ode"\s*:\s*"?\d/.test(text),
    },
    options,
    issues,
  );
  tokens = new TokenSource(clientKey, secretKey, ttl);
  const source = tokens;

  async function authorise(op: PortOneGlobalOperation, headers: Record<string, string>): Promise<string | undefined> {
    if (op.auth === "none") return undefined;
    headers["X-Portone-Client-Key"] = clientKey;
    if (op.auth !== "jwt") return undefined;
    const token = await source.get();
    headers["Authorization"] = `Bearer ${token}`;
    return token;
  }

  async function fill(op: PortOneGlobalOperation, body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const out = { ...body };
    if (op.filled.includes("portone_key")) out["portone_key"] = clientKey;
    if (op.filled.includes("portone_secret")) out["portone_secret"] = secretKey;
    if (op.signature) out["signature_hash"] = await computeSignature(secretKey, op.signature as "InitiatePaymentRequest", out);
    return out;
  }

  return { core, clientKey, secretKey, tokens: source, secrets, authorise, fill };
}

/** The setup behind each client, so that a fetch client made from it shares its transport and JWT. */
const setups = new WeakMap<object, Setup>();

function fetchClient(setup: Setup): PortOneGlobalFetchClient {
  const { core, authorise, fill, tokens: source } = setup;
  const rows: PortOneGlobalOperation[] = Object.values(operations);
  const route = (method: string, path: string) => rows.find((op) => op.method === method && new RegExp(`${op.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path));
  const client = createClient<PortOneGlobalPaths>({
    baseUrl: core.baseUrl,
    fetch: transportFetch(core.transport, (request) => route(request.method, new URL(request.url).pathname)?.read === true),
  });
  const credentials: Middleware = {
    async onRequest({ request, schemaPath }) {
      const op = rows.find((row) => row.method === request.method && row.path === schemaPath);
      if (!op) return undefined;
      const headers: Record<string, string> = {};
      await authorise(op, headers);
      let body: string | undefined;
      if (op.body === "json" && (op.signature || op.filled.some((f) => f !== "key"))) {
        const parsed: unknown = JSON.parse((await request.clone().text()) || "{}");
        if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)) body = JSON.stringify(await fill(op, parsed as Record<string, unknown>));
      }
      const out = body === undefined ? request : new Request(request, { body });
      for (const [name, value] of Object.entries(headers)) out.headers.set(name, value);
      return out;
    },
    async onResponse({ response }) {
      if (response.status === 401 && (await response.clone().text()).includes(JWT_REJECTED)) source.invalidate();
      return undefined;
    },
  };
  client.use(credentials);
  return client;
}


/**
 * An openapi-fetch client of PortOne Global, typed by the spec's `paths`, on the payspec transport
 * (timeouts, retries of reads, no redirects, User-Agent, events), with the client key header, the JWT,
 * `portone_key`, `portone_secret` and `signature_hash` filled in by one middleware. No validation:
 * use the operation methods of {@link createPortOneGlobalClient} for that. Throws one validation
 * error for bad options.
 */
export function createPortOneGlobalFetchClient(from: PortOneGlobalClient | PortOneGlobalClientOptions): PortOneGlobalFetchClient {
  return fetchClient(setups.get(from) ?? setup(from as PortOneGlobalClientOptions, "createPortOneGlobalFetchClient"));
}

type AnyResult = PaySpecResult<unknown, PaySpecApiError<string, unknown>>;

/** Creates a client. Throws one `PaySpecValidationError` listing every problem with the options; calls never throw. */
export function createPortOneGlobalClient(options: PortOneGlobalClientOptions): PortOneGlobalClient {
  const state = setup(options, "createPortOneGlobalClient");
  const { core, clientKey, secretKey, tokens, secrets, authorise, fill } = state;

  async function call(id: OperationId, input: unknown, options: unknown): Promise<AnyResult> {
    const op: PortOneGlobalOperation = operations[id];
    const context = { provider: PROVIDER, operation: id } as const;
    const invalid = (issues: ValidationIssue[]): AnyResult => ({ error: new PaySpecValidationError(context, redact(issues, secrets()) as ValidationIssue[]) });
    let request: Parameters<Core["transport"]["send"]>[0];
    let token: string | undefined;
    try {
      const opts = (options !== null && typeof options === "object" ? options : {}) as PortOneGlobalCallOptions;
      const issues = core.checkCall(options as PortOneGlobalCallOptions, ["subMerchantKey"]);
      const sub = opts.subMerchantKey;
      if (sub !== undefined) {
        if (!op.subMerchant) issues.push(issue("options.subMerchantKey", "additionalProperties", `is not accepted by ${id}`));
        else issues.push(...checkSecret("options.subMerchantKey", sub));
      }
      const record = (input === undefined ? {} : input) as Record<string, unknown>;
      if (record === null || typeof record !== "object" || Array.isArray(record)) return invalid([...issues, issue("input", "type", "must be an object")]);
      for (const field of FILLED) {
        if (hasOwn(record, field)) issues.push(issue(field, "reserved", "is filled in by the client from its credentials and cannot be passed"));
      }
      issues.push(...validate(op.input as NonNullable<PortOneGlobalOperation["input"]>, record, "", schemas).filter((i) => !FILLED.includes(i.field)));
      for (const p of op.pathParams) if (record[p] !== undefined && !(op.filled as readonly string[]).includes(p)) issues.push(...checkPathValue(p, record[p]));
      if (issues.length > 0) return invalid(issues);

      const values: Record<string, unknown> = {};
      const body: Record<string, unknown> = Object.create(null);
      for (const [key, value] of Object.entries(record)) (op.pathParams.includes(key) ? values : body)[key] = value;
      const url = core.baseUrl + op.path.replace(/\{([^}]+)\}/g, (_, p: string) => encodeURIComponent(String((op.filled as readonly string[]).includes(p) ? clientKey : values[p])));
      const headers: Record<string, string> = { ...opts.headers };
      if (sub !== undefined) headers["X-Portone-SubMerchant-Key"] = sub;
      let text: string | undefined;
      if (op.body === "json") {
        const json = serialise(await fill(op, body), "input");
        if (json.issue) return invalid([json.issue]);
        text = json.text;
        headers["Content-Type"] = "application/json";
      }
      token = await authorise(op, headers);
      request = { operation: id, method: op.method, url, headers, body: text, repeatable: op.read, signal: opts.signal, timeoutMs: opts.timeoutMs };
    } catch {
      // A getter or proxy in the input that throws: nothing was sent.
      return invalid([issue("input", "type", "could not be read")]);
    }
    const received = await core.transport.send(request);
    if (received.error) return received.response ? { error: received.error, response: received.response } : { error: received.error };
    return read(op, id, received.response, received.text, token, received.sensitive);
  }

  /** A response as a result: total (an exception after sending is `invalid-response`, never a throw). */
  function read(op: PortOneGlobalOperation, id: OperationId, response: Response, text: string, token: string | undefined, sensitive: readonly string[]): AnyResult {
    try {
      return interpret(op, id, response, text, token, sensitive);
    } catch {
      return { error: new PaySpecInvalidResponseError({ provider: PROVIDER, operation: id }, "unexpected-shape", response.status, ""), response };
    }
  }

  function interpret(op: PortOneGlobalOperation, id: OperationId, response: Response, text: string, token: string | undefined, sensitive: readonly string[]): AnyResult {
    const context = { provider: PROVIDER, operation: id } as const;
    // The JWT of this call and what the client sent that is sensitive are hidden like the secret.
    const hide = [...secrets(), ...(token ? [token] : []), ...sensitive];
    const invalid = (reason: InvalidResponseReason): AnyResult => ({
      error: new PaySpecInvalidResponseError(context, reason, response.status, snippet(text, hide)),
      response,
    });
    // A problem document (the mock's own 422/404, a gateway) is never PortOne's answer.
    if (isProblem(response)) return { error: new PaySpecHttpError(context, response.status, snippet(text, hide), "with a problem document (application/problem+json)"), response };
    const parsed = parseJson(text);
    const record = isRecord(parsed.value) ? parsed.value : undefined;
    const code = record && statusCode(record);
    const apiError = (): AnyResult => {
      if (code === JWT_REJECTED) tokens.invalidate(token);
      // Error bodies echo the request: card data and personal numbers are redacted too.
      const body = redact(record, hide, SECRET_FIELDS, true) as Record<string, unknown>;
      const message = body["message"];
      return {
        error: new PaySpecApiError(context, { code: code ?? "", httpStatus: response.status, serverMessage: typeof message === "string" ? message : undefined, body }),
        response,
      };
    };
    if (!response.ok) {
      if (!record || code === undefined) return { error: new PaySpecHttpError(context, response.status, snippet(text, hide)), response };
      return apiError();
    }
    if (parsed.failure) return invalid(parsed.failure);
    if (!record) return invalid("not-object");
    if (op.enveloped && code === undefined) return invalid("not-envelope");
    // Both success signals must be readable and agree before a body is data: a success code with
    // `is_success: false` (or a failure code with `true`) leaves the outcome unknown.
    const flag = successFlag(record);
    if (flag === "unreadable") return { error: unexpectedShape(context, { field: "is_success", expected: "true or false" }, response.status, snippet(text, hide)), response };
    const byCode = code === undefined ? "unknown" : outcomeOf(code, {});
    if (((byCode === "success" || byCode === "pending") && flag === false) || (byCode === "failure" && flag === true)) return invalid("contradictory");
    const outcome = outcomeOf(code, record);
    const succeeded = outcome === "success" || outcome === "pending" || (!op.enveloped && code === undefined && outcome === "unknown");
    if (!succeeded) return apiError();
    const data = op.enveloped ? record["content"] : record;
    if (!isRecord(data)) return invalid("not-envelope");
    const issue = checkShape(op.output, data, outputs, op.enveloped ? "content" : "");
    if (issue) return { error: unexpectedShape(context, issue, response.status, snippet(text, hide)), response };
    return { data: redact(data, [secretKey], SECRET_FIELDS), response };
  }

  const client: Record<string | symbol, unknown> = {};
  for (const id of Object.keys(operations) as OperationId[]) client[id] = (input?: unknown, opts?: unknown) => call(id, input, opts);
  const shown = { baseUrl: core.baseUrl, clientKey };
  Object.assign(client, {
    ...shown,
    signPaymentRequest: (fields: Omit<PaymentRequestFields, "portone_key">) => signPaymentRequest(secretKey, { ...fields, portone_key: clientKey }),
    toJSON: () => shown,
    [Symbol.for("nodejs.util.inspect.custom")]: () => `PortOneGlobalClient ${JSON.stringify(shown)}`,
  });
  setups.set(client, state);
  return client as unknown as PortOneGlobalClient;
}
