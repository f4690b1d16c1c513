// Token mode: log in with the API secret, keep the access token, refresh it shortly before it
// expires (PortOne's access tokens last 30 minutes, refresh tokens a day), and never run two
// logins or refreshes at once.
export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
}

export interface TokenSource {
  /** A valid access token, logging in or refreshing first when needed. */
  get(signal?: AbortSignal): Promise<string>;
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
  login: (signal?: AbortSignal) => Promise<TokenPair>,
  refresh: (refreshToken: string, signal?: AbortSignal) => Promise<TokenPair>,
  now: () => number = Date.now,
): TokenSource {
  let current: { access: string; refresh: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function renew(signal?: AbortSignal): Promise<string> {
    let pair: TokenPair;
    if (current) {
      try {
        pair = await refresh(current.refresh, signal);
      } catch {
        pair = await login(signal);
      }
    } else {
      pair = await login(signal);
    }
    current = { access: pair.accessToken, refresh: pair.refreshToken, expiresAt: jwtExpiry(pair.accessToken) ?? now() + FALLBACK_LIFETIME_MS };
    return pair.accessToken;
  }

  return {
    get(signal) {
      if (current && current.expiresAt - REFRESH_MARGIN_MS > now()) return Promise.resolve(current.access);
      if (!pending) {
        pending = renew(signal).finally(() => {
          pending = null;
        });
      }
      return pending;
    },
  };
}
