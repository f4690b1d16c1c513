// Retry policy: only requests that are safe to repeat (GET, or a write carrying an Idempotency-Key),
// only on network errors, 429 and 5xx; exponential backoff with full jitter, capped, and
// Retry-After honoured up to the cap.
import { PortOneNetworkError } from "./errors.js";

export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  readonly retries?: number;
  /** First backoff step in milliseconds (default 200). */
  readonly baseDelayMs?: number;
  /** Longest wait between attempts in milliseconds (default 5 000). */
  readonly maxDelayMs?: number;
}

export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export function normaliseRetry(option: RetryOptions | boolean | undefined): RetryPolicy {
  if (!option) return { retries: 0, baseDelayMs: 200, maxDelayMs: 5_000 };
  const o = option === true ? {} : option;
  const retries = o.retries ?? 2;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) throw new RangeError("retry.retries must be an integer from 0 to 10");
  return { retries, baseDelayMs: o.baseDelayMs ?? 200, maxDelayMs: o.maxDelayMs ?? 5_000 };
}

export interface Attempt {
  readonly value: { readonly error?: unknown };
  /** HTTP status, 0 when no response arrived. */
  readonly status: number;
  /** The response, if one arrived (read only for `Retry-After` when the attempt is retried). */
  readonly response: { readonly headers: { get(name: string): string | null } } | undefined;
}

/** Milliseconds to wait before the next attempt, or null to stop and return this attempt's result. */
export function decideRetry(attempt: Attempt, index: number, maxRetries: number, policy: RetryPolicy, random = Math.random): number | null {
  if (index >= maxRetries) return null;
  const retryable =
    attempt.value.error instanceof PortOneNetworkError || attempt.status === 429 || (attempt.status >= 500 && attempt.status <= 599);
  if (!retryable) return null;
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** index);
  const jittered = Math.floor(random() * backoff);
  const retryAfter = attempt.response?.headers.get("retry-after") ?? null;
  const after = retryAfter === null ? Number.NaN : Number(retryAfter) * 1000;
  return Number.isFinite(after) && after >= 0 ? Math.min(policy.maxDelayMs, Math.max(after, jittered)) : jittered;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
