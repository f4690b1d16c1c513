// PortOne Global (api.portone.cloud) status codes: the table of the provider's error-code page
// (generated from specs/portone-global) and never-throwing helpers for what the wire really sends.
import {
  PortOneGlobalSeries,
  PortOneGlobalSeriesCode,
  PortOneGlobalStatusCode,
  portOneGlobalSeries,
  portOneGlobalStatusCatalogue,
  type PortOneGlobalSeriesInfo,
  type PortOneGlobalStatusName,
  type PortOneGlobalStatusRow,
} from "./generated/global-status-codes.js";

export { PortOneGlobalSeries, PortOneGlobalSeriesCode, PortOneGlobalStatusCode, portOneGlobalSeries, portOneGlobalStatusCatalogue };
export type { PortOneGlobalSeriesInfo, PortOneGlobalStatusName, PortOneGlobalStatusRow };

/** A code PortOne Global documents: a row of the page, or a series code (`1000`, `2000`). */
export type KnownPortOneGlobalCode = PortOneGlobalStatusCode | PortOneGlobalSeriesCode;

/** The series of any code, or `unrecognised` when it is not a four-digit code of a described series. */
export type PortOneGlobalSeriesKind = PortOneGlobalSeries | "unrecognised";

const hasOwn = Object.prototype.hasOwnProperty;
const namesByCode = new Map<string, PortOneGlobalStatusName[]>();
for (const row of portOneGlobalStatusCatalogue) {
  const names = namesByCode.get(row.code) ?? [];
  names.push(row.name);
  namesByCode.set(row.code, names);
}
const seriesNames: Record<string, string> = Object.fromEntries(
  Object.entries(PortOneGlobalSeriesCode).map(([name, code]) => [code, name]),
);

/** True when `value` is a code of the page's tables (not the series codes 1000 / 2000). Never throws. */
export function isPortOneGlobalStatusCode(value: unknown): value is PortOneGlobalStatusCode {
  return typeof value === "string" && namesByCode.has(value);
}

/** True when `value` is a table code or a series code. Never throws. */
export function isKnownPortOneGlobalCode(value: unknown): value is KnownPortOneGlobalCode {
  return isPortOneGlobalStatusCode(value) || (typeof value === "string" && hasOwn.call(seriesNames, value));
}

/**
 * Every name the page gives a code, in page order: `["PARTIAL_REFUND_NOT_ALLOWED", "ROLE_NOT_ALLOWED"]`
 * for `"4081"`, one name for the other rows, `[]` for anything else. Never throws.
 */
export function statusNamesOf(code: unknown): readonly PortOneGlobalStatusName[] {
  const key = typeof code === "number" ? String(code) : code;
  return typeof key === "string" ? (namesByCode.get(key) ?? []) : [];
}

/** The code of a name of the page (`INVALID_REQUEST` → `"4025"`), or undefined. Never throws. */
export function codeOfStatusName(name: unknown): PortOneGlobalStatusCode | undefined {
  return typeof name === "string" && hasOwn.call(PortOneGlobalStatusCode, name)
    ? PortOneGlobalStatusCode[name as PortOneGlobalStatusName]
    : undefined;
}

const seriesByThousand = new Map(Object.values(portOneGlobalSeries).map((s) => [s.series.slice(0, 1), s.kind]));

/**
 * The series of any code, listed or not: `"4004"` (a gap of the table) is `validation`, `"5999"`
 * `system`, `"1500"` `pending`. Codes other than four digits of a described series (`"3000"`,
 * `"9001"`, `"200"`, `""`, non-strings) are `unrecognised`. Numbers are read as their decimal digits.
 * Never throws.
 */
export function seriesOf(code: unknown): PortOneGlobalSeriesKind {
  const text = typeof code === "number" && Number.isSafeInteger(code) ? String(code) : code;
  if (typeof text !== "string" || !/^[1-9][0-9]{3}$/.test(text)) return "unrecognised";
  return seriesByThousand.get(text.slice(0, 1)) ?? "unrecognised";
}

/** What a status means for the caller. */
export type PortOneGlobalOutcome = "success" | "pending" | "failure" | "unknown";

interface StatusFields {
  /** `status_reason` (or `statusReason`, or `status_message`) as sent; undefined when absent or empty. */
  readonly reason: string | undefined;
  /** The code the reason names on the page (`INVALID_REQUEST` → `"4025"`), whatever code came with it. */
  readonly reasonCode: PortOneGlobalStatusCode | undefined;
  /** `message` as sent. Free text: do not branch on it. */
  readonly message: string | undefined;
  /** `is_success` read as a boolean (`true`, `"true"`), or undefined when absent or unreadable. */
  readonly isSuccess: boolean | undefined;
  /** Success, pending or failure, from the code first and `is_success` second. */
  readonly outcome: PortOneGlobalOutcome;
}

/** A code of the page or a series code. */
export interface KnownPortOneGlobalStatus extends StatusFields {
  readonly kind: "known";
  readonly code: KnownPortOneGlobalCode;
  /** The page's names of the code (two for 4081; `["SUCCESS"]` / `["PENDING"]` for the series codes). */
  readonly names: readonly string[];
  readonly series: PortOneGlobalSeries;
  /**
   * Whether the reason is one of the code's names (case and spaces ignored: `Success` matches 2000).
   * Undefined without a reason. Official examples often pair codes with other reasons (4001 with
   * INVALID_REQUEST, which the page gives 4025): branch on `code`, not on the reason.
   */
  readonly reasonMatchesCode: boolean | undefined;
}

/** A code that is not in the page: `"4000"`, `"200"`, `"400"`, a newer code, or odd text. */
export interface UnknownPortOneGlobalStatus extends StatusFields {
  readonly kind: "unknown";
  /** The code as sent (numbers as decimal digits, surrounding spaces removed). */
  readonly code: string;
  readonly series: PortOneGlobalSeriesKind;
}

/** No usable code: no `status_code`/`statusCode`, an empty string, `null`, or a non-string non-number. */
export interface AbsentPortOneGlobalStatus extends StatusFields {
  readonly kind: "absent";
  /** The code field as sent when it was present but unusable (`""`, `true`, `{}`), else undefined. */
  readonly raw: unknown;
}

export type PortOneGlobalStatus = KnownPortOneGlobalStatus | UnknownPortOneGlobalStatus | AbsentPortOneGlobalStatus;

function field(record: Record<string, unknown>, ...keys: string[]): unknown {
  for (const key of keys) {
    const value = record[key];
    if (value !== undefined && value !== null && value !== "") return value;
  }
  for (const key of keys) if (hasOwn.call(record, key)) return record[key];
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function readBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  return undefined;
}

const normalise = (reason: string) => reason.trim().toUpperCase().replace(/[\s-]+/g, "_");

function outcomeOf(series: PortOneGlobalSeriesKind | undefined, code: string | undefined, isSuccess: boolean | undefined): PortOneGlobalOutcome {
  if (series === "success") return "success";
  if (series === "pending") return "pending";
  if (series !== undefined && series !== "unrecognised") return "failure";
  // The subscription guide pages show HTTP-style `"200"` on success and `"400"` on error.
  if (code !== undefined && /^[0-9]{3}$/.test(code)) {
    if (code.startsWith("2")) return "success";
    if (code.startsWith("4") || code.startsWith("5")) return "failure";
  }
  if (isSuccess === true) return "success";
  if (isSuccess === false) return "failure";
  return "unknown";
}

/**
 * Reads the status of a PortOne Global body: a parsed JSON object, or its JSON text. Accepts every
 * form the official material shows: `status_code` as a string or a number, `""` (transaction still
 * Initiated), codes missing from the page (`"4000"`, `"200"`, `"400"`), camelCase `statusCode` /
 * `statusReason`, `status_message` instead of `status_reason`, `is_success` as a boolean or
 * `"true"`/`"false"`, and reasons that differ from the page's name for the code. Never throws.
 */
export function parseStatus(body: unknown): PortOneGlobalStatus {
  try {
    return readStatus(body);
  } catch {
    // A getter or proxy that throws: treat the body as carrying nothing.
    return { kind: "absent", raw: undefined, reason: undefined, reasonCode: undefined, message: undefined, isSuccess: undefined, outcome: "unknown" };
  }
}

function readStatus(body: unknown): PortOneGlobalStatus {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      value = undefined;
    }
  }
  const record: Record<string, unknown> =
    value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const rawCode = field(record, "status_code", "statusCode");
  const reason = text(field(record, "status_reason", "statusReason")) ?? text(field(record, "status_message", "statusMessage"));
  const message = typeof record["message"] === "string" ? record["message"] : undefined;
  const isSuccess = readBoolean(field(record, "is_success", "isSuccess"));
  const reasonCode = codeOfStatusName(reason === undefined ? undefined : normalise(reason));
  const common = { reason, reasonCode, message, isSuccess };
  const code =
    typeof rawCode === "string" ? text(rawCode) : typeof rawCode === "number" && Number.isFinite(rawCode) ? String(rawCode) : undefined;
  if (code === undefined) {
    return { kind: "absent", raw: rawCode, ...common, outcome: outcomeOf(undefined, undefined, isSuccess) };
  }
  if (isKnownPortOneGlobalCode(code)) {
    const names = namesByCode.get(code) ?? [seriesNames[code] as string];
    const series = seriesOf(code) as PortOneGlobalSeries;
    const reasonMatchesCode = reason === undefined ? undefined : names.includes(normalise(reason));
    return { kind: "known", code, names, series, reasonMatchesCode, ...common, outcome: outcomeOf(series, code, isSuccess) };
  }
  const series = seriesOf(code);
  return { kind: "unknown", code, series, ...common, outcome: outcomeOf(series, code, isSuccess) };
}
