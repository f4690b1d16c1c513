// Token mode: log in with the API secret, keep the access token, refresh it shortly before it
// expires (PortOne's access tokens last 30 minutes, refresh tokens a day), and never run two
// logins or refreshes at once.
export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
}

export interface TokenSource {
  /**
   * A valid access token, logging in or refreshing first when needed. The login is shared by all
   * callers and never tied to one caller's signal: an abort only ends that caller's wait.
   */
  get(signal?: AbortSignal): Promise<string>;
  /** The tokens held now (for redaction). */
  current(): readonly string[];
  /**
   * Drops `token` after the server refused it (a 401: revoked, or the clock was wrong), so that the
   * next `get` logs in again. A token already replaced is left alone: concurrent 401s cause one login.
   */
  invalidate(token: string): void;
}

/** Refresh this long before `exp`. */
export const REFRESH_MARGIN_MS = 60_000;
const FALLBACK_LIFETIME_MS = 30 * 60_000;

/** `exp` of a JWT in epoch milliseconds, or null if it cannot be read. */
export function jwtExpiry(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function createTokenSource(
  login: () => Promise<TokenPair>,
  refresh: (refreshToken: string) => Promise<TokenPair>,
  now: () => number = Date.now,
): TokenSource {
  let current: { access: string; refresh: string; expiresAt: number; margin: number } | null = null;
  let pending: Promise<string> | null = null;

  async function renew(): Promise<string> {
    let pair: TokenPair;
    if (current) {
      try {
        pair = await refresh(current.refresh);
      } catch {
        pair = await login();
      }
    } else {
      pair = await login();
    }
    const received = now();
    const expiresAt = jwtExpiry(pair.accessToken) ?? received + FALLBACK_LIFETIME_MS;
    // A token that lives less than twice the margin is refreshed at half its life, not at once: a
    // short-lived token must not cause a login per call.
    const margin = Math.min(REFRESH_MARGIN_MS, Math.max(0, expiresAt - received) / 2);
    current = { access: pair.accessToken, refresh: pair.refreshToken, expiresAt, margin };
    return pair.accessToken;
  }

  return {
    get(signal) {
      // An aborted caller starts nothing: no login is sent on its behalf.
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (current && current.expiresAt - current.margin > now()) return Promise.resolve(current.access);
      pending ??= renew().finally(() => {
        pending = null;
      });
      return signal ? untilAborted(pending, signal) : pending;
    },
    current: () => (current ? [current.access, current.refresh] : []),
    invalidate(token) {
      // The refresh token may still be good: keep it for the next renewal, which refreshes first.
      if (current?.access === token) current = { ...current, expiresAt: 0, margin: 0 };
    },
  };
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts; the listener is always removed. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
