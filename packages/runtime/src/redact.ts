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
 * Field names whose values are card data, personal numbers or billing keys, compared without case,
 * `_`, `-` or spaces. Their values are redacted in every error body and message a client hands back
 * (providers echo the request in error bodies), and the long ones wherever they appear in text.
 * `number` counts only inside a `card` or `credential` object (a page has a `number` too).
 */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set([
  "cardnumber",
  "expiry",
  "expiryyear",
  "expirymonth",
  "cvc",
  "cvv",
  "passwordtwodigits",
  "cardpassword",
  "birth",
  "birthdate",
  "birthorbusinessregistrationnumber",
  "billingkey",
  "issuancenumber",
  "residentregistrationnumber",
]);
export const CARD_PARENTS: ReadonlySet<string> = new Set(["card", "credential", "cardcredential"]);
const normalise = (name: string): string => name.toLowerCase().replace(/[\s_-]/g, "");

/** Whether a field holds card data, a personal number or a billing key (its parent's name decides for `number`). */
export function isSensitiveField(name: string, parent = ""): boolean {
  const key = normalise(name);
  return SENSITIVE_FIELDS.has(key) || (key === "number" && CARD_PARENTS.has(normalise(parent)));
}

/** Deepest JSON a client walks (redaction, validation): deeper values are replaced, never followed (no stack overflow). */
export const MAX_JSON_DEPTH = 64;

const NONE: readonly string[] = [];

/**
 * The values of the sensitive fields of a request body (JSON text) long enough to be found again in
 * text without rewriting ordinary words (6 characters or more: card numbers, birth dates, billing keys,
 * issuance numbers). A body that is not JSON yields none.
 */
export function sensitiveValues(body: string | undefined): readonly string[] {
  if (body === undefined || !/card|credential|expiry|cv[cv]|password|birth|billing|issuance|resident/i.test(body)) return NONE;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return NONE;
  }
  const found: string[] = [];
  const walk = (node: unknown, parent: string, depth: number): void => {
    if (depth > MAX_JSON_DEPTH || node === null || typeof node !== "object") return;
    for (const [key, child] of Object.entries(node)) {
      const name = Array.isArray(node) ? parent : key;
      if (typeof child === "string" && child.length >= 6 && isSensitiveField(name, parent)) found.push(child);
      else walk(child, name, depth + 1);
    }
  };
  walk(value, "", 0);
  return found;
}

/**
 * What a generated row names (`OperationInfo.personal`) when its input may hold card data, personal
 * numbers or billing keys (a field so named, or an object open to any field): how to find their values
 * in the request and their fields in an error body. A bundle whose rows name none does not carry them.
 */
export interface PersonalData {
  /** Whether a field holds card data, a personal number or a billing key (`isSensitiveField`). */
  readonly isField: (name: string, parent?: string) => boolean;
  /** The values of such fields in a request body (`sensitiveValues`). */
  readonly values: (body: string | undefined) => readonly string[];
}

/** The one `PersonalData`: the rows of operations whose input may hold such fields refer to it. */
export const personalData: PersonalData = { isField: isSensitiveField, values: sensitiveValues };

/**
 * A copy of a JSON value in which every field named in `fields` (case-insensitive), every occurrence
 * of one of `secrets` inside a string or a key and, with `personal` (error bodies: what the client
 * sent, echoed back), every sensitive field (card data, personal numbers, billing keys) is replaced by
 * `[REDACTED]`. Values nested deeper than `MAX_JSON_DEPTH` are replaced too, never followed.
 */
export function redact(value: unknown, secrets: readonly string[], fields: ReadonlySet<string> = new Set(), personal = false): unknown {
  return redactWith(value, secrets, fields, personal ? isSensitiveField : undefined);
}

/**
 * `redact` with the test of personal fields given (a row's `personal.isField`) or none: the clients'
 * form, so that a bundle without personal fields does not carry their names.
 */
export function redactWith(value: unknown, secrets: readonly string[], fields: ReadonlySet<string> = new Set(), isPersonal?: (name: string, parent: string) => boolean): unknown {
  const walk = (node: unknown, parent: string, depth: number): unknown => {
    if (typeof node === "string") return redactText(node, secrets);
    if (node === null || typeof node !== "object") return node;
    if (depth >= MAX_JSON_DEPTH) return "[REDACTED: nested too deep]";
    if (Array.isArray(node)) return node.map((v) => walk(v, parent, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      Object.defineProperty(out, redactText(k, secrets), {
        value: fields.has(k.toLowerCase()) || isPersonal?.(k, parent) ? REDACTED : walk(v, k, depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  };
  return walk(value, "", 0);
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
