// Keeps the PortOne Secret (and the JWT signed with it) out of everything the client hands back.
const REDACTED = "[REDACTED]";
const SECRET_FIELDS = new Set(["portone_secret", "secretKey", "secret_key"]);

/** A copy of a JSON value with secret fields and any occurrence of the given secrets replaced. */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") {
    let out = value;
    for (const secret of secrets) if (secret && out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_FIELDS.has(k) ? REDACTED : redact(v, secrets);
    return out;
  }
  return value;
}

/** The first 500 characters of a body, redacted. */
export function snippet(text: string, secrets: readonly string[]): string {
  const clean = redact(text, secrets) as string;
  return clean.length > 500 ? `${clean.slice(0, 500)}…` : clean;
}
