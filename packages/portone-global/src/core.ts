// The one implementation of a PortOne Global call, and the small core it runs on (credentials: the
// client key header, the JWT, `portone_key`, `portone_secret` and `signature_hash`; the transport). A
// standalone function (`createRefund(client, input)`, generated per operation) and a method of the whole
// client both run `call` with the operation's row: there is no second code path, and nothing here
// imports any operation. Calls never throw.
import {
  checkPathValue,
  checkSecret,
  carried,
  carrier,
  createCore,
  MIN_SECRET_LENGTH,
  PaySpecApiError,
  PaySpecHttpError,
  PaySpecInvalidResponseError,
  PaySpecValidationError,
  checkShape,
  isProblem,
  parseJson,
  redactWith,
  serialise,
  snippet,
  unexpectedShape,
  validateWith,
  type CommonCallOptions,
  type CommonClientOptions,
  type Core,
  type InvalidResponseReason,
  type PaySpecResult,
  type ValidationIssue,
} from "@payspec/runtime";
import { failureSeries, type PortOneGlobalOperation } from "./generated/common.js";
import type { components } from "./generated/components.js";
import { TokenSource } from "./jwt.js";
import { VERSION } from "./version.js";

export type { Unrecognized } from "./generated/common.js";

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

/** The body of an error answer: the status envelope (`status_code`, `status_reason`, `message`), fields kept as sent. */
export type PortOneGlobalErrorBody = Readonly<components["schemas"]["ErrorEnvelope"]> & { readonly [field: string]: unknown };

/**
 * What a standalone function takes: the credentials and the transport, made once by
 * `createPortOneGlobalCore` (or `createPortOneGlobalClient`, whose client is a core too) and shared by
 * every call, with its JWT. Its secret is private: `JSON.stringify` and `inspect` show only these fields.
 */
export interface PortOneGlobalCore {
  readonly baseUrl: string;
  readonly clientKey: string;
  toJSON(): { baseUrl: string; clientKey: string };
}

const PROVIDER = "portone-global";
/** PortOne's code for a rejected JWT: the cached token is dropped so that the next call signs a new one. */
export const JWT_REJECTED = "4054";
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

/** The state of one core: made by `connect`, reachable only through the core object that holds it. */
export interface Connection {
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

/** Checks the options (throwing one validation error listing every problem) and builds the transport and the JWT source. */
export function connect(options: PortOneGlobalClientOptions, factory: string): Connection {
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
    // The row names its signer (so that a bundle without a signed operation does not carry the signing);
    // a signed row without one is refused before sending, never sent unsigned.
    if (op.signature) {
      if (!op.sign) throw new Error(`${op.id}: the row has no signer for ${op.signature}`);
      out["signature_hash"] = await op.sign(secretKey, op.signature, out);
    }
    return out;
  }

  return { core, clientKey, secretKey, tokens: source, secrets, authorise, fill };
}

/** The key of a core's connection: a property no other code can name, not enumerable, so never serialised. */
const CONNECTION = Symbol("payspec.portone-global.connection");

/** The connection of a core or client, or undefined for anything else. */
export function connectionOf(client: unknown): Connection | undefined {
  return carried<Connection>(client, CONNECTION);
}

/** A core object over `connection`: `baseUrl`, `clientKey`, `toJSON` and `inspect` show the public options only. */
export function coreObject(connection: Connection, name: string): Record<string | symbol, unknown> {
  const shown = { baseUrl: connection.core.baseUrl, clientKey: connection.clientKey };
  return carrier(CONNECTION, connection, name, shown, shown);
}

/**
 * The core a standalone function takes (`createRefund(global, { … })`): credentials, JWT and
 * transport, checked once. Bad options throw one `PaySpecValidationError` listing every problem.
 */
export function createPortOneGlobalCore(options: PortOneGlobalClientOptions): PortOneGlobalCore {
  return coreObject(connect(options, "createPortOneGlobalCore"), "PortOneGlobalCore") as unknown as PortOneGlobalCore;
}

type AnyResult = PaySpecResult<unknown, PaySpecApiError<string, unknown>>;

/**
 * Runs one operation (its generated row) on a core or client: checks the input against the row's
 * schema, fills the credentials and the signature, sends, and reads the status envelope and the
 * row's shape. Never throws. `R` is the operation's named result type (`CreateRefundResult`).
 */
export function call<R extends AnyResult>(client: PortOneGlobalCore, op: PortOneGlobalOperation, input: unknown, options: PortOneGlobalCallOptions | undefined): Promise<R> {
  const connection = connectionOf(client);
  if (!connection) {
    const issue = { field: "client", rule: "type", message: "client must be made by createPortOneGlobalCore or createPortOneGlobalClient" };
    return Promise.resolve({ error: new PaySpecValidationError({ provider: PROVIDER, operation: op.id }, [issue]) } as R);
  }
  return invoke(connection, op, input, options) as Promise<R>;
}

/** A row's path split at its `{param}`s once (odd items are parameter names), as the PortOne core does: no regex per call. */
const paths = new WeakMap<PortOneGlobalOperation, readonly string[]>();
function pathOf(op: PortOneGlobalOperation): readonly string[] {
  let path = paths.get(op);
  if (!path) paths.set(op, (path = op.path.split(/\{([^}]+)\}/)));
  return path;
}

async function invoke(connection: Connection, op: PortOneGlobalOperation, input: unknown, options: unknown): Promise<AnyResult> {
  const { core, clientKey, secrets, authorise, fill } = connection;
  const id = op.id;
  const context = { provider: PROVIDER, operation: id } as const;
  const invalid = (issues: ValidationIssue[]): AnyResult => ({ error: new PaySpecValidationError(context, redactWith(issues, secrets()) as ValidationIssue[]) });
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
    issues.push(...validateWith(op.input ?? {}, record, op.keywords ?? {}).filter((i) => !FILLED.includes(i.field)));
    for (const p of op.pathParams) if (record[p] !== undefined && !(op.filled as readonly string[]).includes(p)) issues.push(...checkPathValue(p, record[p]));
    if (issues.length > 0) return invalid(issues);

    const values: Record<string, unknown> = {};
    const body: Record<string, unknown> = Object.create(null);
    for (const [key, value] of Object.entries(record)) (op.pathParams.includes(key) ? values : body)[key] = value;
    const path = pathOf(op);
    let url = core.baseUrl;
    for (let i = 0; i < path.length; i++) {
      const part = path[i] as string;
      url += i % 2 === 0 ? part : encodeURIComponent(String((op.filled as readonly string[]).includes(part) ? clientKey : values[part]));
    }
    const headers: Record<string, string> = { ...opts.headers };
    if (sub !== undefined) headers["X-Portone-SubMerchant-Key"] = sub;
    let text: string | undefined;
    // A signed row without its signer (a generator bug) is refused here with a reason; `fill` throws too.
    if (op.signature && !op.sign) return invalid([issue("signature_hash", "format", `cannot be computed: the ${id} row names no signer`)]);
    if (op.body === "json") {
      const json = serialise(await fill(op, body), "input");
      if (json.issue) return invalid([json.issue]);
      text = json.text;
      headers["Content-Type"] = "application/json";
    }
    token = await authorise(op, headers);
    // Card data, personal numbers and billing keys the body carries (the row names `personal` when its input may hold any).
    const sensitive = text !== undefined && op.personal ? op.personal.values(text) : undefined;
    request = { operation: id, method: op.method, url, headers, body: text, repeatable: op.read, signal: opts.signal, timeoutMs: opts.timeoutMs, sensitive };
  } catch {
    // A getter or proxy in the input that throws: nothing was sent.
    return invalid([issue("input", "type", "could not be read")]);
  }
  const received = await core.transport.send(request);
  if (received.error) return received.response ? { error: received.error, response: received.response } : { error: received.error };
  return read(connection, op, received.response, received.text, token, received.sensitive);
}

/** A response as a result: total (an exception after sending is `invalid-response`, never a throw). */
function read(connection: Connection, op: PortOneGlobalOperation, response: Response, text: string, token: string | undefined, sensitive: readonly string[]): AnyResult {
  try {
    return interpret(connection, op, response, text, token, sensitive);
  } catch {
    return { error: new PaySpecInvalidResponseError({ provider: PROVIDER, operation: op.id }, "unexpected-shape", response.status, ""), response };
  }
}

function interpret(connection: Connection, op: PortOneGlobalOperation, response: Response, text: string, token: string | undefined, sensitive: readonly string[]): AnyResult {
  const { secretKey, tokens, secrets } = connection;
  const context = { provider: PROVIDER, operation: op.id } as const;
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
    const body = redactWith(record, hide, SECRET_FIELDS, op.personal?.isField) as Record<string, unknown>;
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
  const issue = checkShape(op.output, data, undefined, op.enveloped ? "content" : "");
  if (issue) return { error: unexpectedShape(context, issue, response.status, snippet(text, hide)), response };
  return { data: redactWith(data, [secretKey], SECRET_FIELDS), response };
}

