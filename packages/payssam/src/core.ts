// The one implementation of a PaySsam call, and the small core it runs on (credentials, transport).
// A standalone function (`sendBill(client, input)`, generated per operation) and a method of the
// whole client both run `call` with the operation's row: there is no second code path, and nothing
// here imports any operation.
import {
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
import { USER_AGENT, type PaySsamOperation, type Unrecognized } from "./generated/common.js";
import { ApiKey, MemberCode, MerchantCode } from "./generated/schemas.js";
import { isReserved, seal, type Credentials } from "./seal.js";

/** Sandbox host from the provider's documentation. The live host is issued after 연동검수. */
export const PAYSSAM_SANDBOX_URL = "https://sandbox.paymint.co.kr/partner";
const PROVIDER = "payssam";

export interface PaySsamClientOptions extends CommonClientOptions {
  /** Partner API key (max 32 characters). Kept private: never logged, serialised or put in errors. */
  readonly apiKey: string;
  /** Partner user code (`member`, max 60 characters). */
  readonly member: string;
  /** Sub-merchant code (`merchant`, max 60 characters). */
  readonly merchant: string;
}

/** Options of one call: `signal`, `timeoutMs`, `headers` (e.g. `Prefer` for a mock). */
export type PaySsamCallOptions = CommonCallOptions;

/**
 * A result code this version of the spec does not list for the operation (PaySsam adds codes).
 * Typed apart so that `switch (error.code)` narrows the listed ones; compare it as a `string`.
 */
export type UnrecognizedResultCode = Unrecognized;

/** The response envelope as received, with the API key redacted. Unknown fields are kept. */
export interface PaySsamEnvelope<Code extends string = string> {
  readonly code: Code;
  readonly message?: string;
  /** Alternate message key: the provider's prose docs use `msg`, its schema and sandbox use `message`. */
  readonly msg?: string;
  readonly data?: unknown;
  readonly [key: string]: unknown;
}

/**
 * What a standalone function takes: the credentials and the transport, made once by
 * `createPaySsamCore` (or `createPaySsamClient`, whose client is a core too) and shared by every call.
 * Its API key is private: `JSON.stringify` and `inspect` show only these fields.
 */
export interface PaySsamCore {
  readonly baseUrl: string;
  toJSON(): { baseUrl: string; member: string; merchant: string };
}

/** The state of one core: made by `connect`, reachable only through the core object that holds it. */
export interface Connection {
  readonly core: Core;
  readonly credentials: Credentials;
}

/** The key of a core's connection: a property no other code can name, not enumerable, so never serialised. */
const CONNECTION = Symbol("payspec.payssam.connection");

/** The connection of a core or client, or undefined for anything else. */
export function connectionOf(client: unknown): Connection | undefined {
  return carried<Connection>(client, CONNECTION);
}

/** A core object over `connection`: `baseUrl`, `toJSON` and `inspect` show the public options only. */
export function coreObject(connection: Connection, name: string): Record<string | symbol, unknown> {
  const { baseUrl } = connection.core;
  const { member, merchant } = connection.credentials;
  return carrier(CONNECTION, connection, name, { baseUrl }, { baseUrl, member, merchant });
}

/** Checks the options (throwing one validation error listing every problem) and builds the transport. */
export function connect(options: PaySsamClientOptions, factory: string): Connection {
  const issues: ValidationIssue[] = [];
  if (options !== null && typeof options === "object") {
    issues.push(...checkSecret("options.apiKey", options.apiKey, MIN_SECRET_LENGTH));
    for (const [key, schema] of [["apiKey", ApiKey], ["member", MemberCode], ["merchant", MerchantCode]] as const) {
      if (key !== "apiKey" || issues.length === 0) issues.push(...validateWith(schema, options[key], {}, `options.${key}`));
    }
  }
  const credentials: Credentials = { apiKey: options?.apiKey, member: options?.member, merchant: options?.merchant };
  const core = createCore(
    {
      provider: PROVIDER,
      factory,
      defaultBaseUrl: PAYSSAM_SANDBOX_URL,
      optionKeys: ["apiKey", "member", "merchant"],
      userAgent: USER_AGENT,
      secrets: () => [credentials.apiKey],
      sensitiveHeaders: [],
      // PaySsam answers business errors with 200; a 5xx with an envelope is still an answer.
      transient: (_status, text) => !/"code"\s*:/.test(text),
    },
    options,
    issues,
  );
  return { core, credentials };
}

/**
 * The core a standalone function takes (`sendBill(payssam, { billId, … })`): credentials and
 * transport, checked once. Bad options throw one `PaySpecValidationError` listing every problem.
 */
export function createPaySsamCore(options: PaySsamClientOptions): PaySsamCore {
  return coreObject(connect(options, "createPaySsamCore"), "PaySsamCore") as unknown as PaySsamCore;
}

/** Fields named like the API key, whatever the case or separator: dropped from everything handed back. */
const KEY_FIELDS: ReadonlySet<string> = new Set(["apikey", "api_key", "api-key"]);

type AnyResult = PaySpecResult<unknown, PaySpecApiError<string, unknown>>;
type ErrorContext = { readonly provider: typeof PROVIDER; readonly operation: string };
/** How far a call got: whether its request was handed to the transport (then nothing may be called "not sent"), and the response. */
interface Progress {
  sent: boolean;
  response: Response | undefined;
}
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Runs one operation (its generated row) on a core or client: seals and checks the input against the
 * row's schema, sends it, and reads the envelope against the row's shape. Never throws. `R` is the
 * operation's named result type (`SendBillResult`), which the row's schema and shape guarantee.
 */
export function call<R extends AnyResult>(client: PaySsamCore, op: PaySsamOperation, input: unknown, options: PaySsamCallOptions | undefined): Promise<R> {
  const context = { provider: PROVIDER, operation: op.id } as const;
  const connection = connectionOf(client);
  if (!connection) {
    const issue = { field: "client", rule: "type", message: "client must be made by createPaySsamCore or createPaySsamClient" };
    return Promise.resolve({ error: new PaySpecValidationError(context, [issue]) } as R);
  }
  const progress: Progress = { sent: false, response: undefined };
  return invoke(connection, op, input, options, progress).catch((cause: unknown): AnyResult => {
    // Defensive: nothing in `invoke` should throw, but a call must never reject. Once the request was
    // handed to the transport, the outcome is unknown: never "validation … nothing was sent".
    if (progress.sent) {
      const error = new PaySpecInvalidResponseError(context, "unexpected-shape", progress.response?.status ?? 0, "");
      return progress.response ? { error, response: progress.response } : { error };
    }
    return { error: new PaySpecValidationError(context, [{ field: "input", rule: "type", message: `input could not be processed (${cause instanceof Error ? cause.name : "error"})` }]) };
  }) as Promise<R>;
}

async function invoke(connection: Connection, op: PaySsamOperation, input: unknown, callOptions: PaySsamCallOptions | undefined, progress: Progress): Promise<AnyResult> {
  const { core, credentials } = connection;
  const context = { provider: PROVIDER, operation: op.id } as const;
  const issues = core.checkCall(callOptions);
  const field = "input";
  let payload: Record<string, unknown> = {};
  if (input !== undefined && (input === null || typeof input !== "object" || Array.isArray(input))) {
    issues.push({ field, rule: "type", message: `${field} must be an object` });
  } else if (input !== undefined) {
    // Own enumerable fields only, copied with define semantics (a `__proto__` key stays data).
    payload = { ...(input as Record<string, unknown>) };
    for (const key of Object.keys(payload)) {
      if (isReserved(key) && !(key === "hash" && op.hashRule === "unknown")) {
        issues.push({ field: key, rule: "reserved", message: `${key} is set by the client from its configuration and cannot be passed` });
      }
    }
  }
  const body: Record<string, unknown> = op.bodyKey ? { [op.bodyKey]: payload } : payload;
  const hashed = issues.length === 0 && (await seal(op, body, credentials));
  if (issues.length === 0) {
    // Field paths are those of the method's input (`price`, not `bill.price`): the payload is checked
    // against its own schema (the row's input); the envelope around it comes from the options, checked at creation.
    // A hash the client could not compute (billId or price missing) is not the caller's problem to report.
    const found = validateWith(op.input ?? {}, payload, op.keywords ?? {}).filter((i) => hashed || i.field !== "hash" || op.hashRule === "unknown");
    issues.push(...found);
  }
  const text = issues.length === 0 ? serialise(body, field) : undefined;
  if (text?.issue) issues.push(text.issue);
  if (issues.length > 0 || text?.text === undefined) return { error: new PaySpecValidationError(context, issues) };

  progress.sent = true;
  const received = await core.transport.send({
    operation: op.id,
    method: "POST",
    url: core.baseUrl + op.path,
    headers: { ...callOptions?.headers, "content-type": "application/json", accept: "application/json" },
    body: text.text,
    repeatable: op.read,
    signal: callOptions?.signal,
    timeoutMs: callOptions?.timeoutMs,
    // Card data, personal numbers and billing keys the body carries (the row names `personal` when its input may hold any).
    sensitive: op.personal?.values(text.text),
  });
  if (received.error) return received.response ? { error: received.error, response: received.response } : { error: received.error };
  progress.response = received.response;
  return read(credentials, context, op, received.response, received.text, received.sensitive);
}

/** A response as a result. Only total code here: what throws would be caught as `invalid-response` by `call`. */
function read(credentials: Credentials, context: ErrorContext, op: PaySsamOperation, response: Response, text: string, sensitive: readonly string[]): AnyResult {
  const secrets = [credentials.apiKey];
  // What the client sent that is sensitive (billing keys, issuance numbers) is hidden like the key.
  const hide = [...secrets, ...sensitive];
  const invalid = (reason: InvalidResponseReason) => ({
    error: new PaySpecInvalidResponseError(context, reason, response.status, snippet(text, hide)),
    response,
  });
  const ok = response.status >= 200 && response.status < 300;
  // A problem document (the mock's own 422/404, a gateway) is never PaySsam's answer.
  if (isProblem(response)) return { error: new PaySpecHttpError(context, response.status, snippet(text, hide), "with a problem document (application/problem+json)"), response };
  const parsed = parseJson(text);
  const isObject = isRecord(parsed.value);
  const code = isObject ? (parsed.value as { code?: unknown }).code : undefined;
  if (typeof code !== "string" || (!ok && code === "0000")) {
    if (!ok) return { error: new PaySpecHttpError(context, response.status, snippet(text, hide)), response };
    return invalid(parsed.failure ?? (isObject ? "not-envelope" : "not-object"));
  }
  if (code === "0000") {
    // Success data is redacted of the key (PaySsam echoes it) but keeps what the caller sent and
    // personal fields: they are the answer (an issued receipt's number).
    const envelope = redactWith(parsed.value, secrets, KEY_FIELDS) as PaySsamEnvelope;
    const data = envelope.data;
    // The spec's type of data (an object, or an array for list operations) is the shape check's to judge.
    if (data === null || typeof data !== "object") return invalid("not-envelope");
    const issue = checkShape(op.output, data, undefined, "data");
    return issue ? { error: unexpectedShape(context, issue, response.status, snippet(text, hide)), response } : { data, response };
  }
  // An error body echoes the request: card data and personal numbers are redacted too.
  const envelope = redactWith(parsed.value, hide, KEY_FIELDS, op.personal?.isField) as PaySsamEnvelope;
  const message = typeof envelope.message === "string" ? envelope.message : typeof envelope.msg === "string" ? envelope.msg : undefined;
  return { error: new PaySpecApiError(context, { code, httpStatus: response.status, serverMessage: message, body: envelope }), response };
}
