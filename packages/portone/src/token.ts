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
  let current: { access: string; refresh: string; expiresAt: number } | null = null;
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
    current = { access: pair.accessToken, refresh: pair.refreshToken, expiresAt: jwtExpiry(pair.accessToken) ?? now() + FALLBACK_LIFETIME_MS };
    return pair.accessToken;
  }

  return {
    get(signal) {
      if (current && current.expiresAt - REFRESH_MARGIN_MS > now()) return Promise.resolve(current.access);
      pending ??= renew().finally(() => {
        pending = null;
      });
      return signal ? untilAborted(pending, signal) : pending;
    },
    current: () => (current ? [current.access, current.refresh] : []),
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
