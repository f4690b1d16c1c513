// Keeps secrets out of everything a client hands back: providers echo keys in response data and
// error bodies, proxies echo headers, and a custom `fetch` may put a key in an error message.
const REDACTED = "[REDACTED]";

/**
 * A pattern matching a secret however a JSON writer or a URL escaped it: every character other
 * than a letter or digit may appear as itself, as `\uXXXX` (any case), `\/` for `/`, or
 * percent-encoded. Gson, for one, escapes only `=`, `<`, `>`, `&` and `'`.
 */
const patterns = new Map<string, RegExp>();
function pattern(secret: string): RegExp {
  let re = patterns.get(secret);
  if (!re) {
    const parts = [...secret].map((c) => {
      if (/[A-Za-z0-9]/.test(c)) return c;
      const code = c.codePointAt(0) ?? 0;
      // Hex digits in either case; the secret's own letters stay case-sensitive.
      const hex = (n: number, width: number) => n.toString(16).padStart(width, "0").replace(/[a-f]/g, (d) => `[${d}${d.toUpperCase()}]`);
      const forms = [c.replace(/[\\^$.*+?()[\]{}|\/-]/g, "\\$&"), `\\\\u${hex(code, 4)}`];
      if (c === "/") forms.push("\\\\/");
      if (code < 0x80) forms.push(`%${hex(code, 2)}`);
      return `(?:${forms.join("|")})`;
    });
    re = new RegExp(parts.join(""), "g");
    if (patterns.size > 64) patterns.clear();
    patterns.set(secret, re);
  }
  re.lastIndex = 0;
  return re;
}

/** Bearer and PortOne authorisation values, whatever the token is. */
const AUTH_VALUE = /\b(Bearer|PortOne)\s+[A-Za-z0-9._~+\/=-]{8,}/g;

/** A string with every occurrence of one of `secrets` (in any common escaping) and every bearer token replaced by `[REDACTED]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.replace(pattern(secret), REDACTED);
  return out.replace(AUTH_VALUE, `$1 ${REDACTED}`);
}

/**
 * A copy of a JSON value in which every field named in `fields` (case-insensitive) and every
 * occurrence of one of `secrets` inside a string or a key is replaced by `[REDACTED]`.
 */
export function redact(value: unknown, secrets: readonly string[], fields: ReadonlySet<string> = new Set()): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, fields));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = redactText(k, secrets);
      Object.defineProperty(out, key, {
        value: fields.has(k.toLowerCase()) ? REDACTED : redact(v, secrets, fields),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** The first 500 characters of a body, secrets redacted first (so that a cut never leaves half a key). */
export function snippet(text: string, secrets: readonly string[]): string {
  const clean = redactText(text, secrets);
  return clean.length > 500 ? `${clean.slice(0, 500)}…` : clean;
}

/**
 * An error safe to hand back: its message and the messages of its whole `cause` chain without any
 * of `secrets`. A clean error is returned as is; otherwise a plain copy with redacted messages.
 */
export function scrubError(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (!(cause instanceof Error) || depth > 8) return cause;
  const inner = "cause" in cause ? scrubError(cause.cause, secrets, depth + 1) : undefined;
  const message = redactText(cause.message, secrets);
  const stack = cause.stack === undefined ? undefined : redactText(cause.stack, secrets);
  if (message === cause.message && stack === cause.stack && inner === (cause as { cause?: unknown }).cause) return cause;
  const copy = new Error(message, inner === undefined ? undefined : { cause: inner });
  copy.name = cause.name;
  if (stack !== undefined) copy.stack = stack;
  return copy;
}
