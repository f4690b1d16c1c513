// The HS256 JWT PortOne Global expects in `Authorization: Bearer …`, signed with the PortOne Secret
// (claims `iss: "PORTONE"`, `sub: <PortOne Key>`, `iat`, `exp`), built with WebCrypto.
import { hmacBase64 } from "./signature.js";

const base64url = (base64: string) => base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const encodeJson = (value: unknown) => {
  let binary = "";
  for (const byte of new TextEncoder().encode(JSON.stringify(value))) binary += String.fromCharCode(byte);
  return base64url(btoa(binary));
};

export interface PortOneGlobalJwtClaims {
  readonly iss: "PORTONE";
  /** The PortOne Key. */
  readonly sub: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

/** Signs a PortOne Global JWT valid for `ttlSeconds` from `nowMs`. */
export async function signPortOneGlobalJwt(
  clientKey: string,
  secretKey: string,
  { ttlSeconds = 300, nowMs = Date.now() }: { ttlSeconds?: number; nowMs?: number } = {},
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  const claims: PortOneGlobalJwtClaims = { iss: "PORTONE", sub: clientKey, iat, exp: iat + ttlSeconds };
  const unsigned = `${encodeJson({ alg: "HS256", typ: "JWT" })}.${encodeJson(claims)}`;
  return `${unsigned}.${base64url(await hmacBase64(secretKey, unsigned))}`;
}

/**
 * A cached JWT, re-signed when less than `refreshBeforeSeconds` of its life remain. Concurrent
 * callers during a refresh share the one signing in progress.
 */
export class TokenSource {
  readonly #clientKey: string;
  readonly #secretKey: string;
  readonly #ttlSeconds: number;
  readonly #refreshBeforeMs: number;
  #token: { value: string; expiresAtMs: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(clientKey: string, secretKey: string, ttlSeconds: number) {
    this.#clientKey = clientKey;
    this.#secretKey = secretKey;
    this.#ttlSeconds = ttlSeconds;
    // Refresh with a fifth of the lifetime left (at most a minute), so clock skew and slow calls never send an expired token.
    this.#refreshBeforeMs = Math.min(60, ttlSeconds / 5) * 1000;
  }

  /** A token valid for at least the refresh margin. */
  get(): Promise<string> {
    const now = Date.now();
    if (this.#token && now < this.#token.expiresAtMs - this.#refreshBeforeMs) return Promise.resolve(this.#token.value);
    this.#pending ??= signPortOneGlobalJwt(this.#clientKey, this.#secretKey, { ttlSeconds: this.#ttlSeconds, nowMs: now })
      .then((value) => {
        this.#token = { value, expiresAtMs: Math.floor(now / 1000) * 1000 + this.#ttlSeconds * 1000 };
        return value;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }

  /** Drops the cached token (after PortOne rejected it), so that the next call signs a new one. */
  invalidate(token?: string): void {
    if (token === undefined || this.#token?.value === token) this.#token = undefined;
  }

  /** The cached token, if any (so that the client can keep it out of errors). */
  current(): string | undefined {
    return this.#token?.value;
  }

  toJSON(): Record<string, never> {
    return {};
  }
}
