// The PaySsam client: one method per operation on the shared payspec transport, results
// `{ data, error, response }`, errors from the runtime family. Nothing here imports openapi-fetch:
// `createPaySsamFetchClient` (fetch-client.ts) builds that client on the same setup.
import {
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
  unexpectedShape,
  validate,
  type CommonCallOptions,
  type CommonClientOptions,
  type Core,
  type InvalidResponseReason,
  type PaySpecResult,
  type RequestSchema,
  type ValidationIssue,
} from "@payspec/runtime";
import type { paths } from "./generated/openapi.js";
import type { PaySsamMethods, PaySsamUnverifiedMethods } from "./generated/methods.js";
import { operations, outputs, schemas, USER_AGENT, type OperationId, type OperationResultCodes, type PaySsamOperation, type Unrecognized } from "./generated/operations.js";
import { isReserved, seal, type Credentials } from "./seal.js";

/** Sandbox host from the provider's documentation. The live host is issued after 연동검수. */
export const PAYSSAM_SANDBOX_URL = "https://sandbox.paymint.co.kr/partner";

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

type PathOf<K extends OperationId> = (typeof operations)[K]["path"];
type JsonBody<P extends keyof paths> = paths[P]["post"] extends { requestBody: { content: { "application/json": infer B } } } ? B : never;
type Filled = "apiKey" | "member" | "merchant" | "memberId" | "merchantId" | "hash";
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type OrNothing<T> = [keyof T] extends [never] ? Record<string, never> : T;

/** What a method takes: the `bill` / `cashReceipt` payload (or the flat fields) without credentials or hash. */
export type PaySsamInput<K extends OperationId> = OrNothing<Simplify<
  JsonBody<PathOf<K>> extends { bill: infer X }
    ? Omit<X, Filled>
    : JsonBody<PathOf<K>> extends { cashReceipt: infer X }
      ? Omit<X, Filled>
      : Omit<JsonBody<PathOf<K>>, Filled>
>>;

/** The `data` of a successful (`0000`) response. Unknown fields are kept. */
export type PaySsamData<K extends OperationId> = paths[PathOf<K>]["post"] extends {
  responses: { 200: { content: { "application/json": { data?: infer D } } } };
}
  ? NonNullable<D>
  : never;

/** The API errors of an operation: one member per documented result code, plus unrecognised codes. */
export type PaySsamApiError<K extends OperationId> =
  | { [C in OperationResultCodes[K]]: PaySpecApiError<C, PaySsamEnvelope<C>> }[OperationResultCodes[K]]
  | PaySpecApiError<UnrecognizedResultCode, PaySsamEnvelope>;

/** What every method resolves to: `{ data, error, response }`, exactly one of `data` and `error`. Never rejects. */
export type PaySsamResult<K extends OperationId> = PaySpecResult<PaySsamData<K>, PaySsamApiError<K>>;

export type Method<K extends OperationId> = {} extends PaySsamInput<K>
  ? (input?: PaySsamInput<K>, options?: PaySsamCallOptions) => Promise<PaySsamResult<K>>
  : (input: PaySsamInput<K>, options?: PaySsamCallOptions) => Promise<PaySsamResult<K>>;

export type PaySsamClient = PaySsamMethods & {
  /**
   * Operations whose request and response schemas the provider has not published. They are
   * modelled from what is known and may change without a major version: use with care.
   */
  readonly unverified: PaySsamUnverifiedMethods;
  readonly baseUrl: string;
  toJSON(): { baseUrl: string; member: string; merchant: string };
};

const PROVIDER = "payssam";
/** Fields named like the API key, whatever the case or separator: dropped from everything handed back. */
const KEY_FIELDS: ReadonlySet<string> = new Set(["apikey", "api_key", "api-key"]);

/** What a client is built on; a fetch client made from a client shares it. */
export interface Setup {
  readonly core: Core;
  readonly credentials: Credentials;
}

/** The setup behind each client made by `createPaySsamClient`. */
export const setups = new WeakMap<object, Setup>();

export function setup(options: PaySsamClientOptions, factory: string): Setup {
  const issues: ValidationIssue[] = [];
  if (options !== null && typeof options === "object") {
    issues.push(...checkSecret("options.apiKey", options.apiKey, MIN_SECRET_LENGTH));
    for (const [key, schema] of [["apiKey", "ApiKey"], ["member", "MemberCode"], ["merchant", "MerchantCode"]] as const) {
      if (key !== "apiKey" || issues.length === 0) issues.push(...validate(schemas[schema] ?? {}, options[key], `options.${key}`));
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

/** The schema of what a method takes: the `bill`/`cashReceipt` payload, or the whole flat body. */
function inputSchema(op: PaySsamOperation): RequestSchema {
  const body = op.input?.$ref ? schemas[op.input.$ref] : op.input;
  return (op.bodyKey ? body?.properties?.[op.bodyKey] : body) ?? {};
}

type AnyResult = PaySpecResult<unknown, PaySpecApiError<string, unknown>>;
type ErrorContext = { readonly provider: typeof PROVIDER; readonly operation: string };
/** How far a call got: whether its request was handed to the transport (then nothing may be called "not sent"), and the response. */
interface Progress {
  sent: boolean;
  response: Response | undefined;
}
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function createPaySsamClient(options: PaySsamClientOptions): PaySsamClient {
  const built = setup(options, "createPaySsamClient");
  const { core, credentials } = built;
  const secrets = [credentials.apiKey];

  async function call(id: OperationId, input: unknown, callOptions: PaySsamCallOptions | undefined, progress: Progress): Promise<AnyResult> {
    const context = { provider: PROVIDER, operation: id } as const;
    const op: PaySsamOperation = operations[id];
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
      // against its own schema; the envelope around it comes from the options, checked at creation.
      // A hash the client could not compute (billId or price missing) is not the caller's problem to report.
      const found = validate(inputSchema(op), payload, "", schemas).filter((i) => hashed || i.field !== "hash" || op.hashRule === "unknown");
      issues.push(...found);
    }
    const text = issues.length === 0 ? serialise(body, field) : undefined;
    if (text?.issue) issues.push(text.issue);
    if (issues.length > 0 || text?.text === undefined) return { error: new PaySpecValidationError(context, issues) };

    progress.sent = true;
    const received = await core.transport.send({
      operation: id,
      method: "POST",
      url: core.baseUrl + op.path,
      headers: { ...callOptions?.headers, "content-type": "application/json", accept: "application/json" },
      body: text.text,
      repeatable: op.read,
      signal: callOptions?.signal,
      timeoutMs: callOptions?.timeoutMs,
    });
    if (received.error) return received.response ? { error: received.error, response: received.response } : { error: received.error };
    progress.response = received.response;
    return read(context, op, received.response, received.text, received.sensitive);
  }

  /** A response as a result. Only total code here: what throws would be caught as `invalid-response` by the caller. */
  function read(context: ErrorContext, op: PaySsamOperation, response: Response, text: string, sensitive: readonly string[]): AnyResult {
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
      const envelope = redact(parsed.value, secrets, KEY_FIELDS) as PaySsamEnvelope;
      const data = envelope.data;
      // The spec's type of data (an object, or an array for list operations) is the shape check's to judge.
      if (data === null || typeof data !== "object") return invalid("not-envelope");
      const issue = checkShape(op.output, data, outputs, "data");
      return issue ? { error: unexpectedShape(context, issue, response.status, snippet(text, hide)), response } : { data, response };
    }
    // An error body echoes the request: card data and personal numbers are redacted too.
    const envelope = redact(parsed.value, hide, KEY_FIELDS, true) as PaySsamEnvelope;
    const message = typeof envelope.message === "string" ? envelope.message : typeof envelope.msg === "string" ? envelope.msg : undefined;
    return { error: new PaySpecApiError(context, { code, httpStatus: response.status, serverMessage: message, body: envelope }), response };
  }

  const stable: Record<string, unknown> = {};
  const unverified: Record<string, unknown> = {};
  for (const [id, op] of Object.entries(operations)) {
    (op.stability === "stable" ? stable : unverified)[id] = (input?: unknown, callOptions?: PaySsamCallOptions) => {
      const progress: Progress = { sent: false, response: undefined };
      return call(id as OperationId, input, callOptions, progress).catch((cause: unknown): AnyResult => {
        // Defensive: nothing above should throw, but a call must never reject. Once the request was
        // handed to the transport, the outcome is unknown: never "validation … nothing was sent".
        const context = { provider: PROVIDER, operation: id } as const;
        if (progress.sent) {
          const error = new PaySpecInvalidResponseError(context, "unexpected-shape", progress.response?.status ?? 0, "");
          return progress.response ? { error, response: progress.response } : { error };
        }
        return { error: new PaySpecValidationError(context, [{ field: "input", rule: "type", message: `input could not be processed (${cause instanceof Error ? cause.name : "error"})` }]) };
      });
    };
  }
  const { member, merchant } = credentials;
  const baseUrl = core.baseUrl;
  const client = {
    ...stable,
    unverified,
    baseUrl,
    toJSON: () => ({ baseUrl, member, merchant }),
    [Symbol.for("nodejs.util.inspect.custom")]: () => `PaySsamClient ${JSON.stringify({ baseUrl, member, merchant })}`,
  };
  setups.set(client, built);
  return client as unknown as PaySsamClient;
}
