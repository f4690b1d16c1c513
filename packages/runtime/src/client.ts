// What every payspec client has in common: the options it takes (checked once, at creation), the
// per-call options (checked on every call, before anything is sent), and its transport.
import { checkBaseUrl, checkHeaders, checkKnownKeys, checkNonNegative, checkSignal, checkTimeout, MAX_TIMEOUT_MS, RESERVED_HEADERS } from "./checks.js";
import { PaySpecValidationError, type Provider } from "./errors.js";
import { normaliseRetry, type RetryOptions } from "./retry.js";
import { createTransport, type Transport, type TransportConfig, type TransportEvent } from "./transport.js";
import type { ValidationIssue } from "./validate.js";

/** Options every payspec client takes besides its credentials. */
export interface CommonClientOptions {
  /** The API host; each client documents its default. */
  readonly baseUrl?: string;
  /** A `fetch` implementation; defaults to `globalThis.fetch` (read at call time). */
  readonly fetch?: typeof globalThis.fetch;
  /** Per-attempt timeout in milliseconds (default 30 000); the request is aborted when it passes. */
  readonly timeoutMs?: number;
  /** Retries of requests that are safe to repeat (off by default; `true` for the defaults). */
  readonly retry?: boolean | RetryOptions;
  /** Largest response body read, in bytes (default 8 MiB); larger bodies are an `invalid-response` error. */
  readonly maxResponseBytes?: number;
  /** Called for every request, response, error and retry, secrets already redacted. Must not throw. */
  readonly onEvent?: (event: TransportEvent) => void;
}

/** Options of one call, the same for every client. */
export interface CommonCallOptions {
  /** Aborts the call (a pending retry wait included); the result is an `aborted` error. */
  readonly signal?: AbortSignal;
  /** This call's timeout in milliseconds, replacing the client's. */
  readonly timeoutMs?: number;
  /** Extra request headers (e.g. `Prefer` for a mock). Credentials cannot be set this way. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The option names every client takes besides its own (`CommonClientOptions`). */
const COMMON_OPTION_KEYS: readonly string[] = ["baseUrl", "fetch", "timeoutMs", "retry", "maxResponseBytes", "onEvent"];

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export interface CoreConfig {
  readonly provider: Provider;
  /** e.g. `createPortOneClient`: names the options in errors. */
  readonly factory: string;
  readonly defaultBaseUrl: string;
  /** The provider's own option names (credentials and the like): any other key besides the common ones is an error. */
  readonly optionKeys: readonly string[];
  readonly userAgent: string;
  readonly secrets: () => readonly string[];
  readonly sensitiveHeaders: readonly string[];
  readonly transient: TransportConfig["transient"];
}

export interface Core {
  readonly baseUrl: string;
  readonly transport: Transport;
  /** Issues with a call's options (an empty array when they are fine). */
  checkCall(options: CommonCallOptions | undefined, extra?: readonly string[]): ValidationIssue[];
}

/**
 * Checks the common options (throwing one validation error that lists every problem, with the
 * provider's own `issues` added) and builds the transport.
 */
export function createCore(config: CoreConfig, options: CommonClientOptions, issues: ValidationIssue[]): Core {
  if (options === null || typeof options !== "object") {
    throw new PaySpecValidationError({ provider: config.provider, operation: config.factory }, [{ field: "options", rule: "type", message: "options must be an object" }]);
  }
  issues.push(...checkKnownKeys("options", options, [...COMMON_OPTION_KEYS, ...config.optionKeys], config.factory));
  const baseUrl = options.baseUrl === undefined ? config.defaultBaseUrl : checkBaseUrl("options.baseUrl", options.baseUrl, issues);
  issues.push(...checkTimeout("options.timeoutMs", options.timeoutMs), ...checkNonNegative("options.maxResponseBytes", options.maxResponseBytes, Number.MAX_SAFE_INTEGER));
  if (options.fetch !== undefined && typeof options.fetch !== "function") issues.push({ field: "options.fetch", rule: "type", message: "options.fetch must be a function" });
  if (options.onEvent !== undefined && typeof options.onEvent !== "function") issues.push({ field: "options.onEvent", rule: "type", message: "options.onEvent must be a function" });
  const retry = normaliseRetry(options.retry, issues);
  if (issues.length > 0) throw new PaySpecValidationError({ provider: config.provider, operation: config.factory }, issues);
  const given = options.fetch;
  const transport = createTransport({
    provider: config.provider,
    userAgent: config.userAgent,
    fetch: given ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    onEvent: options.onEvent,
    secrets: config.secrets,
    sensitiveHeaders: config.sensitiveHeaders,
    transient: config.transient,
  });
  const reserved = [...RESERVED_HEADERS, ...config.sensitiveHeaders.map((h) => h.toLowerCase())];
  return {
    baseUrl,
    transport,
    checkCall(call, extra = []) {
      if (call === undefined) return [];
      if (call === null || typeof call !== "object") return [{ field: "options", rule: "type", message: "options must be an object" }];
      const issues = [...checkSignal("options.signal", call.signal), ...checkTimeout("options.timeoutMs", call.timeoutMs), ...checkHeaders("options.headers", call.headers, reserved)];
      const known = new Set(["signal", "timeoutMs", "headers", ...extra]);
      for (const key of Object.keys(call)) if (!known.has(key)) issues.push({ field: `options.${key}`, rule: "additionalProperties", message: `options.${key} is not a call option` });
      return issues;
    },
  };
}

export { MAX_TIMEOUT_MS };

/**
 * What a core object carries under `key` (its package's private symbol), or undefined for anything else,
 * a Proxy that throws included: a standalone function given something that is not a core answers with a
 * validation error, never a throw.
 */
export function carried<T>(client: unknown, key: symbol): T | undefined {
  try {
    return typeof client === "object" && client !== null ? ((client as { [key: symbol]: T | undefined })[key] ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A core object: `fields` as its own properties, `shown` as what `JSON.stringify` and Node's `inspect`
 * print (never a credential), and `value` under `key`, a symbol no other code can name and that is not
 * enumerable, so it is never serialised. `carried(object, key)` reads it back.
 */
export function carrier(key: symbol, value: unknown, name: string, fields: Readonly<Record<string, unknown>>, shown: Readonly<Record<string, unknown>>): Record<string | symbol, unknown> {
  const object: Record<string | symbol, unknown> = {
    ...fields,
    toJSON: () => shown,
    [Symbol.for("nodejs.util.inspect.custom")]: () => `${name} ${JSON.stringify(shown)}`,
  };
  Object.defineProperty(object, key, { value });
  return object;
}
