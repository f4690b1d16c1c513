// Checks every client applies the same way: options once at creation, per-call options and path
// values before anything is sent.
import type { ValidationIssue } from "./validate.js";

const issue = (field: string, rule: string, message: string): ValidationIssue => ({ field, rule, message: `${field} ${message}` });

/** What a check of a valid value returns: one empty array, never changed (callers spread it). */
const NONE: readonly ValidationIssue[] = Object.freeze([]);

/** Longest timer Node accepts (setTimeout clamps anything above to 1 ms). */
export const MAX_TIMEOUT_MS = 2_147_483_647;

export function checkTimeout(field: string, value: unknown): ValidationIssue[] {
  if (value === undefined) return [];
  return typeof value === "number" && Number.isInteger(value) && value > 0 && value <= MAX_TIMEOUT_MS
    ? []
    : [issue(field, "type", `must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`)];
}

export function checkNonNegative(field: string, value: unknown, max = MAX_TIMEOUT_MS): ValidationIssue[] {
  if (value === undefined) return [];
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= max
    ? []
    : [issue(field, "type", `must be a whole number from 0 to ${max}`)];
}

/** A path parameter: a non-empty string or finite number that cannot change which path is requested. */
export function checkPathValue(field: string, value: unknown): readonly ValidationIssue[] {
  if (value === undefined || value === null) return [{ field, rule: "required", message: `${field} is required` }];
  if (typeof value === "number" && Number.isFinite(value)) return NONE;
  if (typeof value !== "string") return [issue(field, "type", "must be a string")];
  if (value === "") return [issue(field, "minLength", "must not be empty")];
  if (value === "." || value === "..") return [issue(field, "pattern", "must not be a path segment like `.` or `..`")];
  return NONE;
}

/**
 * Headers the transport or the client owns: credentials, framing (a wrong `Content-Length` stalls a
 * write until its timeout; `Transfer-Encoding`, `Expect`, `Connection` are refused by fetch and
 * would surface as a network error, "outcome unknown", although nothing was sent) and routing.
 */
export const RESERVED_HEADERS: readonly string[] = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "user-agent",
  "content-type",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "host",
  "connection",
  "keep-alive",
  "expect",
  "upgrade",
  "te",
  "trailer",
  "idempotency-key",
];

/** A header value fetch sends unchanged on every runtime: visible ASCII, spaces and tabs (no CR/LF/NUL, nothing beyond ASCII). */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

/** Header names and values a caller may add: no CR/LF (header injection), no credentials or framing headers, ASCII only. */
export function checkHeaders(field: string, headers: unknown, reserved: readonly string[]): ValidationIssue[] {
  if (headers === undefined) return [];
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) return [issue(field, "type", "must be an object of header names to strings")];
  const issues: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const path = `${field}.${name}`;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) issues.push(issue(path, "pattern", "is not a valid header name"));
    else if (reserved.includes(name.toLowerCase())) issues.push(issue(path, "reserved", "is set by the client (credentials, framing or routing) and cannot be set per call"));
    else if (typeof value !== "string") issues.push(issue(path, "type", "must be a string"));
    else if (/[\r\n\0]/.test(value)) issues.push(issue(path, "pattern", "must not contain CR, LF or NUL"));
    else if (!HEADER_VALUE.test(value)) issues.push(issue(path, "pattern", "must be visible ASCII (fetch refuses other characters in a header, after nothing was sent)"));
  }
  return issues;
}

export function checkSignal(field: string, signal: unknown): ValidationIssue[] {
  if (signal === undefined) return [];
  return typeof signal === "object" && signal !== null && typeof (signal as AbortSignal).aborted === "boolean" && typeof (signal as AbortSignal).addEventListener === "function"
    ? []
    : [issue(field, "type", "must be an AbortSignal")];
}

/** An absolute http(s) URL without credentials, query, fragment, whitespace or control characters, returned without its trailing slashes. */
export function checkBaseUrl(field: string, value: unknown, issues: ValidationIssue[]): string {
  if (typeof value !== "string") {
    issues.push(issue(field, "type", "must be a string"));
    return "";
  }
  // The URL parser trims and drops tabs and newlines silently; the value as given must not have them.
  if (/[\s\u0000-\u001f\u007f]/.test(value)) {
    issues.push(issue(field, "pattern", "must not contain whitespace or control characters"));
    return "";
  }
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") issues.push(issue(field, "format", "must be an http(s) URL"));
    // A password in the URL would appear in every error message, event and log line.
    else if (url.username || url.password) issues.push(issue(field, "format", "must not contain a user name or password before the host"));
    else if (url.search || url.hash || value.includes("?") || value.includes("#")) issues.push(issue(field, "format", "must not have a query or fragment"));
  } catch {
    issues.push(issue(field, "format", "must be an absolute URL"));
  }
  return value.replace(/\/+$/, "");
}

/** A scheme pasted in front of a credential: `PortOne abc…`, `Bearer abc…`. */
const SCHEME = /^(PortOne|Bearer|Basic|Token)\s/i;

/**
 * A credential: a string of visible ASCII (it travels in a header or a signed body; anything else
 * fails every call after creation), without a scheme in front. `minLength` applies to the values the
 * client redacts from what it hands back: a very short one would rewrite ordinary words.
 */
export function checkSecret(field: string, value: unknown, minLength = 1): ValidationIssue[] {
  if (typeof value !== "string" || value.length === 0) return [issue(field, "type", "must be a non-empty string")];
  if (SCHEME.test(value)) return [issue(field, "pattern", "must be the credential alone, without a scheme such as `PortOne ` or `Bearer ` in front")];
  if (!/^[\x21-\x7e]+$/.test(value)) return [issue(field, "pattern", "must be visible ASCII without spaces or control characters (check for a pasted newline or quote)")];
  if (value.length < minLength) return [issue(field, "minLength", `must be at least ${minLength} characters (a real credential is longer; a short one cannot be redacted safely)`)];
  return [];
}

/** Shortest credential a client redacts: shorter values would rewrite ordinary words in messages. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Issues for the keys of `options` that are not in `known`: a misspelt option (`timeoutMS`, `storeID`)
 * would otherwise be ignored silently. A key that differs only in case names the intended one.
 */
export function checkKnownKeys(field: string, value: object, known: readonly string[], owner: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
    issues.push({ field: `${field}.${key}`, rule: "additionalProperties", message: `${field}.${key} is not an option of ${owner}${near ? ` (did you mean ${near}?)` : ""}` });
  }
  return issues;
}
