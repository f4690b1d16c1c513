// The one retry policy of every payspec client. Only requests that are safe to repeat are retried
// (reads, and writes that carry an Idempotency-Key where the provider honours one), only after a
// network error, a timeout, 408, 429 or a 5xx that is not the provider's business answer; with
// exponential backoff and full jitter, capped, and Retry-After honoured up to its own cap.
import { checkKnownKeys, checkNonNegative } from "./checks.js";
import type { ValidationIssue } from "./validate.js";

export interface RetryOptions {
  /** Retries after the first attempt (default 2, at most 10). */
  readonly limit?: number;
  /** First backoff step in milliseconds (default 200). */
  readonly baseDelayMs?: number;
  /** Longest backoff between attempts in milliseconds (default 5 000). */
  readonly maxDelayMs?: number;
  /** Longest wait a `Retry-After` header can ask for, in milliseconds (default 30 000); longer asks wait this long. */
  readonly maxRetryAfterMs?: number;
}

export interface RetryPolicy {
  readonly limit: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
}

export const NO_RETRY: RetryPolicy = { limit: 0, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };

/** `retry: true` gives the defaults, `false`/absent no retries. Issues name `options.retry.*`. */
export function normaliseRetry(option: unknown, issues: ValidationIssue[]): RetryPolicy {
  if (option === undefined || option === false) return NO_RETRY;
  if (option === true) return { ...NO_RETRY, limit: 2 };
  if (option === null || typeof option !== "object") {
    issues.push({ field: "options.retry", rule: "type", message: "options.retry must be a boolean or an object" });
    return NO_RETRY;
  }
  const o = option as RetryOptions;
  // `retries` (another library's name) would otherwise be ignored, and a write sent three times.
  issues.push(...checkKnownKeys("options.retry", o, ["limit", "baseDelayMs", "maxDelayMs", "maxRetryAfterMs"], "retry").map((i) => (i.field === "options.retry.retries" ? { ...i, message: `${i.message} (did you mean limit?)` } : i)));
  issues.push(
    ...checkNonNegative("options.retry.limit", o.limit, 10),
    ...checkNonNegative("options.retry.baseDelayMs", o.baseDelayMs),
    ...checkNonNegative("options.retry.maxDelayMs", o.maxDelayMs),
    ...checkNonNegative("options.retry.maxRetryAfterMs", o.maxRetryAfterMs),
  );
  const policy = {
    limit: o.limit ?? 2,
    baseDelayMs: o.baseDelayMs ?? NO_RETRY.baseDelayMs,
    maxDelayMs: o.maxDelayMs ?? NO_RETRY.maxDelayMs,
    maxRetryAfterMs: o.maxRetryAfterMs ?? NO_RETRY.maxRetryAfterMs,
  };
  if (policy.maxDelayMs < policy.baseDelayMs) {
    issues.push({ field: "options.retry.maxDelayMs", rule: "minimum", message: "options.retry.maxDelayMs must not be less than baseDelayMs" });
  }
  return policy;
}

/** Milliseconds a `Retry-After` value asks for (delta-seconds or an HTTP date), or null if it cannot be read. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** What the retry decision looks at: whether the attempt may be repeated at all and how it ended. */
export interface AttemptOutcome {
  /** `"transient"`: a network error, timeout, 408, 429 or a 5xx without a business answer. */
  readonly transient: boolean;
  readonly retryAfter: string | null;
}

/** Milliseconds to wait before the next attempt, or null to stop. Pure: randomness and time are injectable. */
export function decideRetry(outcome: AttemptOutcome, attempt: number, policy: RetryPolicy, random = Math.random, now = Date.now()): number | null {
  if (attempt >= policy.limit || !outcome.transient) return null;
  const backoff = Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
  const asked = parseRetryAfter(outcome.retryAfter, now);
  return asked === null ? backoff : Math.min(policy.maxRetryAfterMs, Math.max(asked, backoff));
}
