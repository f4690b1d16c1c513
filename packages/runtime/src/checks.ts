// Checks every client applies the same way: options once at creation, per-call options and path
// values before anything is sent.
import type { ValidationIssue } from "./validate.js";

const issue = (field: string, rule: string, message: string): ValidationIssue => ({ field, rule, message: `${field} ${message}` });

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
export function checkPathValue(field: string, value: unknown): ValidationIssue[] {
  if (value === undefined || value === null) return [{ field, rule: "required", message: `${field} is required` }];
  if (typeof value === "number" && Number.isFinite(value)) return [];
  if (typeof value !== "string") return [issue(field, "type", "must be a string")];
  if (value === "") return [issue(field, "minLength", "must not be empty")];
  if (value === "." || value === "..") return [issue(field, "pattern", "must not be a path segment like `.` or `..`")];
  return [];
}

/** Header names and values a caller may add: no CR/LF (header injection), no credentials. */
export function checkHeaders(field: string, headers: unknown, reserved: readonly string[]): ValidationIssue[] {
  if (headers === undefined) return [];
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) return [issue(field, "type", "must be an object of header names to strings")];
  const issues: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const path = `${field}.${name}`;
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) issues.push(issue(path, "pattern", "is not a valid header name"));
    else if (reserved.includes(name.toLowerCase())) issues.push(issue(path, "reserved", "is set by the client from its configured credentials and cannot be overridden"));
    else if (typeof value !== "string") issues.push(issue(path, "type", "must be a string"));
    else if (/[\r\n\0]/.test(value)) issues.push(issue(path, "pattern", "must not contain CR, LF or NUL"));
  }
  return issues;
}

export function checkSignal(field: string, signal: unknown): ValidationIssue[] {
  if (signal === undefined) return [];
  return typeof signal === "object" && signal !== null && typeof (signal as AbortSignal).aborted === "boolean" && typeof (signal as AbortSignal).addEventListener === "function"
    ? []
    : [issue(field, "type", "must be an AbortSignal")];
}

/** An absolute http(s) URL without a query or fragment, returned without its trailing slashes. */
export function checkBaseUrl(field: string, value: unknown, issues: ValidationIssue[]): string {
  if (typeof value !== "string") {
    issues.push(issue(field, "type", "must be a string"));
    return "";
  }
  try {
    const url = new URL(value);
    if (url.protocol !== "https:" && url.protocol !== "http:") issues.push(issue(field, "format", "must be an http(s) URL"));
    else if (url.search || url.hash) issues.push(issue(field, "format", "must not have a query or fragment"));
  } catch {
    issues.push(issue(field, "format", "must be an absolute URL"));
  }
  return value.replace(/\/+$/, "");
}

/** A credential: a non-empty string without whitespace at the ends or control characters. */
export function checkSecret(field: string, value: unknown): ValidationIssue[] {
  if (typeof value !== "string" || value.length === 0) return [issue(field, "type", "must be a non-empty string")];
  if (value.trim() !== value || /[\u0000-\u001f\u007f]/.test(value)) return [issue(field, "pattern", "must not contain control characters or surrounding whitespace")];
  return [];
}
