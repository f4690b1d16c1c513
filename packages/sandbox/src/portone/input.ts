// Reading PortOne request inputs as the provider would: JSON whatever the content type (the official SDK sends
// text/plain), fields checked by type, and any violation answered with the provider's INVALID_REQUEST.
import { invalid, type PortOneFailure } from "./errors.js";

export type Fields = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The JSON object of a body (or `requestBody` query value); an empty text is `{}`. */
export function readObject(text: string): { readonly ok: true; readonly value: Fields } | PortOneFailure {
  if (text.trim() === "") return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid("요청 본문이 올바른 JSON이 아닙니다. (the request body is not JSON)");
  }
  return isRecord(value) ? { ok: true, value } : invalid("요청 본문은 JSON 객체여야 합니다. (the request body must be a JSON object)");
}

/** Reads fields and collects their problems; `failure()` is one INVALID_REQUEST naming them all. */
export class FieldReader {
  readonly #problems: string[] = [];

  /** An amount of money: a whole number from 0 to 2^53 − 1. */
  amount(value: unknown, name: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      this.#problems.push(`${name}: 0 이상의 정수여야 합니다. (must be a whole number ≥ 0)`);
      return undefined;
    }
    return value;
  }

  integer(value: unknown, name: string, min: number): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
      this.#problems.push(`${name}: ${min} 이상의 정수여야 합니다. (must be a whole number ≥ ${min})`);
      return undefined;
    }
    return value;
  }

  string(value: unknown, name: string, { required = false, maxLength = Infinity } = {}): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.#problems.push(`${name}: 필수 입력 항목입니다. (required)`);
      return undefined;
    }
    if (typeof value !== "string") {
      this.#problems.push(`${name}: 문자열이어야 합니다. (must be a string)`);
      return undefined;
    }
    if (required && value.trim() === "") this.#problems.push(`${name}은 비어 있을 수 없습니다. (must not be empty)`);
    if ([...value].length > maxLength) this.#problems.push(`${name}: ${maxLength}자를 넘을 수 없습니다. (at most ${maxLength} characters)`);
    return value;
  }

  boolean(value: unknown, name: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") {
      this.#problems.push(`${name}: true 또는 false여야 합니다. (must be a boolean)`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      this.#problems.push(`${name}: 허용되지 않은 값입니다. (one of ${allowed.join(", ")})`);
      return undefined;
    }
    return value as T;
  }

  list<T extends string>(value: unknown, name: string, allowed: readonly T[] | undefined): T[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) {
      this.#problems.push(`${name}: 배열이어야 합니다. (must be an array)`);
      return undefined;
    }
    const items: T[] = [];
    value.forEach((item, i) => {
      const read = allowed ? this.oneOf(item, `${name}[${i}]`, allowed) : typeof item === "string" ? (item as T) : undefined;
      if (read !== undefined) items.push(read);
      else if (!allowed) this.#problems.push(`${name}[${i}]: 문자열이어야 합니다. (must be a string)`);
    });
    return items;
  }

  dateTime(value: unknown, name: string): number | undefined {
    if (value === undefined || value === null) return undefined;
    const time = typeof value === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(value) ? Date.parse(value) : NaN;
    if (!Number.isFinite(time)) {
      this.#problems.push(`${name}: RFC 3339 날짜-시간이어야 합니다. (must be an RFC 3339 date-time)`);
      return undefined;
    }
    return time;
  }

  object(value: unknown, name: string): Fields | undefined {
    if (value === undefined || value === null) return undefined;
    if (!isRecord(value)) {
      this.#problems.push(`${name}: 객체여야 합니다. (must be an object)`);
      return undefined;
    }
    return value;
  }

  problem(message: string): void {
    this.#problems.push(message);
  }

  failure(): PortOneFailure | undefined {
    return this.#problems.length > 0 ? invalid(this.#problems.join("; ")) : undefined;
  }
}

/** A currency: an ISO 4217 code (three capital letters). */
export function readCurrency(read: FieldReader, value: unknown, name = "currency"): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !/^[A-Z]{3}$/.test(value)) {
    read.problem(`${name}: ISO 4217 통화 코드여야 합니다. (must be an ISO 4217 currency code)`);
    return undefined;
  }
  return value;
}
