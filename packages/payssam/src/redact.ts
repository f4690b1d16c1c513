// Keeps the API key out of everything the client hands back: PaySsam echoes `apiKey` in its
// response data, and a proxy page could in theory contain it.
const REDACTED = "[REDACTED]";

/** A copy of a JSON value with `apiKey` fields and any occurrence of the key replaced. */
export function redact(value: unknown, secret: string): unknown {
  if (typeof value === "string") return secret && value.includes(secret) ? value.split(secret).join(REDACTED) : value;
  if (Array.isArray(value)) return value.map((v) => redact(v, secret));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === "apiKey" || k === "apikey" ? REDACTED : redact(v, secret);
    return out;
  }
  return value;
}

/** The first 500 characters of a body, redacted. */
export function snippet(text: string, secret: string): string {
  const clean = redact(text, secret) as string;
  return clean.length > 500 ? `${clean.slice(0, 500)}…` : clean;
}
