// Keeps secrets out of everything a client hands back: providers echo keys in response data, and
// a proxy page could in theory contain one.
const REDACTED = "[REDACTED]";

/**
 * A copy of a JSON value in which every field named in `fields` and every occurrence of one of
 * `secrets` inside a string is replaced by `[REDACTED]`.
 */
export function redact(value: unknown, secrets: readonly string[], fields: ReadonlySet<string> = new Set()): unknown {
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets, fields));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fields.has(k) ? REDACTED : redact(v, secrets, fields);
    return out;
  }
  return value;
}

/** A string with every occurrence of one of `secrets` replaced by `[REDACTED]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret && out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** The first 500 characters of a body, secrets redacted first (so that a cut never leaves half a key). */
export function snippet(text: string, secrets: readonly string[]): string {
  const clean = redactText(text, secrets);
  return clean.length > 500 ? `${clean.slice(0, 500)}…` : clean;
}

/** An error whose message no longer contains any of `secrets` (the original is returned when clean). */
export function scrubError(cause: unknown, secrets: readonly string[]): unknown {
  if (!(cause instanceof Error) || !secrets.some((s) => s && cause.message.includes(s))) return cause;
  return new Error(redactText(cause.message, secrets));
}
