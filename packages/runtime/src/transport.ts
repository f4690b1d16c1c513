// The one transport of every payspec client: timeouts that abort the request (and so free the
// socket), the caller's signal, retries by one policy, no redirects, a User-Agent, a size limit on
// responses, and one hook for logs and metrics. The clients' operation methods call `send`; the
// openapi-fetch client each package exports gets `fetch`, which runs the same code.
import {
  PaySpecAbortedError,
  PaySpecInvalidResponseError,
  PaySpecNetworkError,
  PaySpecTimeoutError,
  type PaySpecTransportError,
  type Provider,
} from "./errors.js";
import { createDeadlines } from "./deadline.js";
import { redactText, scrubError, sensitiveValues } from "./redact.js";
import { decideRetry, type RetryPolicy } from "./retry.js";

/** One event of a call, secrets already redacted. `onEvent` must not throw (what it throws is ignored). */
export type TransportEvent =
  | { readonly type: "request"; readonly provider: Provider; readonly operation: string; readonly attempt: number; readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly type: "response"; readonly provider: Provider; readonly operation: string; readonly attempt: number; readonly method: string; readonly url: string; readonly httpStatus: number; readonly durationMs: number }
  | { readonly type: "error"; readonly provider: Provider; readonly operation: string; readonly attempt: number; readonly method: string; readonly url: string; readonly error: PaySpecTransportError; readonly durationMs: number }
  | { readonly type: "retry"; readonly provider: Provider; readonly operation: string; readonly attempt: number; readonly method: string; readonly url: string; readonly delayMs: number };

export interface TransportConfig {
  readonly provider: Provider;
  readonly userAgent: string;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly maxResponseBytes: number;
  readonly onEvent: ((event: TransportEvent) => void) | undefined;
  /** The secrets of this client, read at redaction time (a token may change). */
  readonly secrets: () => readonly string[];
  /** Header names whose values never appear in events (besides the secrets themselves). */
  readonly sensitiveHeaders: readonly string[];
  /**
   * Whether a response is a transient failure worth retrying: 408, 429, or a 5xx whose body is not
   * the provider's business answer (a PortOne `PG_PROVIDER` 502 is a decision, not an outage).
   */
  readonly transient: (status: number, text: string) => boolean;
}

export interface OutgoingRequest {
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string | undefined;
  /** A read, or a write carrying an idempotency key the provider honours: may be sent again. */
  readonly repeatable: boolean;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
  /**
   * Values of this request that must never be handed back: a billing key in the path, the card data of
   * the body. The caller finds them (a client with its row's `personal.values`, `transportFetch` with
   * `sensitiveValues`): the transport does not read bodies, so that a bundle whose operations send no
   * such field does not carry the scan.
   */
  readonly sensitive?: readonly string[] | undefined;
}

/**
 * What one call brought back: the response and its whole body, or a transport error; and `sensitive`,
 * the values of the request (card data, billing keys) that a client must redact from whatever it hands
 * back besides its secrets.
 */
export type Received =
  | { readonly response: Response; readonly text: string; readonly error?: undefined; readonly sensitive: readonly string[] }
  | { readonly response?: Response; readonly text?: undefined; readonly error: PaySpecTransportError; readonly sensitive: readonly string[] };

export interface Transport {
  readonly config: TransportConfig;
  send(request: OutgoingRequest): Promise<Received>;
}

const decoder = new TextDecoder();
const NONE: readonly string[] = [];

/** Most of a non-2xx body that is read: enough for any error body, and a 50 MB proxy page still becomes an `http` error. */
const ERROR_BODY_BYTES = 1024 * 1024;

/**
 * The body as text, at most `limit` bytes of it, counted as they are decoded: a `Content-Length`
 * counts compressed bytes, so a 0.3 MB gzip body can expand to 300 MB. `over` when there was more
 * (the rest is cancelled, not read).
 */
async function readBody(response: Response, limit: number): Promise<{ readonly text: string; readonly over: boolean }> {
  if (!response.body) return { text: "", over: false };
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = declared > limit && response.ok;
  try {
    while (!over) {
      const { done, value } = await reader.read();
      if (done) break;
      if (total + value.byteLength > limit) {
        chunks.push(value.subarray(0, limit - total));
        total = limit;
        over = true;
      } else {
        chunks.push(value);
        total += value.byteLength;
      }
    }
  } finally {
    if (over) await reader.cancel().catch(() => undefined);
  }
  if (chunks.length === 1) return { text: decoder.decode(chunks[0]), over };
  const all = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { text: decoder.decode(all), over };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const done = (completed: boolean) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      resolve(completed);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(done, ms, true);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export function createTransport(config: TransportConfig): Transport {
  const { provider, onEvent } = config;
  // This client's timers and signals: never shared with another client's calls.
  const deadlines = createDeadlines();
  const sensitiveHeaders = new Set(["authorization", "proxy-authorization", "cookie", ...config.sensitiveHeaders.map((h) => h.toLowerCase())]);

  function emit(event: TransportEvent): void {
    if (!onEvent) return;
    try {
      onEvent(event);
    } catch {
      // A logging hook must not change the outcome of a payment call.
    }
  }
  /** The secrets of this client and the sensitive values of one request. */
  const hide = (sensitive: readonly string[]): readonly string[] => (sensitive.length === 0 ? config.secrets() : [...config.secrets(), ...sensitive]);
  const safeUrl = (url: string, hidden: readonly string[] = config.secrets()) => redactText(url, hidden);
  function safeHeaders(headers: Record<string, string>, hidden: readonly string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) out[name] = sensitiveHeaders.has(name.toLowerCase()) ? "[REDACTED]" : redactText(value, hidden);
    return out;
  }

  async function once(request: OutgoingRequest, attempt: number, sensitive: readonly string[]): Promise<Received> {
    const limit = request.timeoutMs ?? config.timeoutMs;
    const caller = request.signal;
    if (caller?.aborted) return { error: new PaySpecAbortedError({ provider, operation: request.operation }, scrubError(caller.reason, hide(sensitive))), sensitive };
    const deadline = deadlines.start(limit, caller);
    const started = onEvent ? performance.now() : 0;
    if (onEvent) emit({ type: "request", provider, operation: request.operation, attempt, method: request.method, url: safeUrl(request.url, hide(sensitive)), headers: safeHeaders(request.headers, hide(sensitive)) });
    let response: Response | undefined;
    // Set only on failure: the success path allocates no context, error or closure.
    let error: PaySpecTransportError;
    try {
      const init: RequestInit = { method: request.method, headers: request.headers, redirect: "manual", signal: deadline.signal };
      if (request.body !== undefined) init.body = request.body;
      response = await config.fetch(request.url, init);
      // A non-2xx is an error whatever its size: its first part is enough to say which (and whether to retry).
      const { text, over } = await readBody(response, response.ok ? config.maxResponseBytes : Math.min(config.maxResponseBytes, ERROR_BODY_BYTES));
      if (over && response.ok) {
        error = new PaySpecInvalidResponseError({ provider, operation: request.operation }, "too-large", response.status, "");
      } else {
        if (onEvent) emit({ type: "response", provider, operation: request.operation, attempt, method: request.method, url: safeUrl(request.url, hide(sensitive)), httpStatus: response.status, durationMs: performance.now() - started });
        return { response, text, sensitive };
      }
    } catch (cause) {
      const context = { provider, operation: request.operation };
      error = deadline.expired()
        ? new PaySpecTimeoutError(context, limit)
        : caller?.aborted
          ? new PaySpecAbortedError(context, scrubError(caller.reason, hide(sensitive)))
          : new PaySpecNetworkError(context, scrubError(cause, hide(sensitive)));
    } finally {
      deadline.release();
    }
    if (onEvent) emit({ type: "error", provider, operation: request.operation, attempt, method: request.method, url: safeUrl(request.url, hide(sensitive)), error, durationMs: performance.now() - started });
    return response ? { error, response, sensitive } : { error, sensitive };
  }

  function send(request: OutgoingRequest): Promise<Received> {
    if (request.headers["user-agent"] === undefined && request.headers["User-Agent"] === undefined) request.headers["User-Agent"] = config.userAgent;
    const sensitive = request.sensitive ?? NONE;
    // Nothing to decide after the one attempt: its promise is the call's (no async step of its own).
    return !request.repeatable || config.retry.limit === 0 ? once(request, 0, sensitive) : attempts(request, sensitive);
  }

  async function attempts(request: OutgoingRequest, sensitive: readonly string[]): Promise<Received> {
    for (let attempt = 0; ; attempt++) {
      const received = await once(request, attempt, sensitive);
      if (!request.repeatable || attempt >= config.retry.limit) return received;
      const kind = received.error?.kind;
      const status = received.response?.status ?? 0;
      const transient =
        kind === "network" || kind === "timeout" || (kind === undefined && (status === 408 || status === 429 || (status >= 500 && config.transient(status, received.text ?? ""))));
      const delay = decideRetry({ transient, retryAfter: received.response?.headers.get("retry-after") ?? null }, attempt, config.retry);
      if (delay === null) return received;
      emit({ type: "retry", provider, operation: request.operation, attempt, method: request.method, url: safeUrl(request.url, [...config.secrets(), ...sensitive]), delayMs: delay });
      if (!(await sleep(delay, request.signal))) {
        return { error: new PaySpecAbortedError({ provider, operation: request.operation }, scrubError(request.signal?.reason, config.secrets())), sensitive };
      }
    }
  }

  return { config, send };
}

/**
 * A `fetch` for openapi-fetch that runs every request through the transport: same timeout, retry,
 * redirect, size-limit and event behaviour as the operation methods. Transport failures reject
 * with the payspec error (an `Error` with `kind`), which openapi-fetch passes on to the caller.
 * `repeatable` decides per request whether it may be retried.
 */
export function transportFetch(transport: Transport, repeatable: (request: Request) => boolean): (request: Request) => Promise<Response> {
  return async (request: Request) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const body = request.body === null ? undefined : await request.text();
    const received = await transport.send({
      operation: `${request.method} ${url.pathname}`,
      method: request.method,
      url: request.url,
      headers,
      body,
      repeatable: repeatable(request),
      signal: request.signal,
      // Any path of the spec: its card data, personal numbers and billing keys are found in the body.
      sensitive: sensitiveValues(body),
    });
    if (received.error) throw received.error;
    const { response, text } = received;
    const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
    return new Response(nullBody ? null : text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
