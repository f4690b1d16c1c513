// Checks a request body against the spec's request schema (copied into generated/operations.ts)
// before anything is sent, and inbound payloads (callbacks, webhooks, redirects) against theirs. It
// understands the JSON Schema keywords the payspec request schemas use; each client's contract tests
// send the same invalid bodies to Prism to prove both sides apply the same rule.

/** The subset of JSON Schema that request schemas use. */
export interface RequestSchema {
  readonly type?: string | readonly string[];
  readonly required?: readonly string[];
  readonly properties?: { readonly [name: string]: RequestSchema };
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly if?: RequestSchema;
  readonly then?: RequestSchema;
  readonly else?: RequestSchema;
  readonly allOf?: readonly RequestSchema[];
  readonly anyOf?: readonly RequestSchema[];
  /** `true` or absent: extra fields are allowed; `false`: they are rejected. */
  readonly additionalProperties?: boolean | RequestSchema;
  readonly items?: RequestSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly oneOf?: readonly RequestSchema[];
  /** A named schema of the operation table's `schemas` (generated tables share named types this way). */
  readonly $ref?: string;
  readonly description?: string;
}

/** Named schemas that `$ref` points at. */
export type SchemaTable = { readonly [name: string]: RequestSchema };

/** One broken rule: the dotted path of the field, the keyword, and a message without the value. */
export interface ValidationIssue {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

// A number that JSON cannot carry (NaN, ±Infinity) is its own type: `JSON.stringify` would turn it into
// `null`, which PortOne reads as "field absent" (a full cancel instead of a partial one).
const typeOf = (value: unknown): string =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "array"
      : typeof value === "number"
        ? Number.isFinite(value)
          ? Number.isInteger(value)
            ? "integer"
            : "number"
          : "non-finite number"
        : typeof value;

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === "number" && actual === "integer");
}

const patternCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, "u");
    patternCache.set(pattern, re);
  }
  return re;
}

/** Whether year, month and day name a day of the calendar (`Date.parse` accepts 2026-02-30 as March 2nd). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const at = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

const FORMATS: Record<string, (value: string) => boolean> = {
  date: (v) => {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    return parts !== null && isCalendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  },
  // RFC 3339, as the specs mean by date-time (PortOne's `from`, `until`, `paidAt`, …), on the calendar.
  "date-time": (v) => {
    const parts = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/.exec(v);
    if (parts === null || !isCalendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3]))) return false;
    return Number(parts[4]) < 24 && Number(parts[5]) < 60 && Number(parts[6]) <= 60 && Number(parts[7] ?? 0) < 24 && Number(parts[8] ?? 0) < 60;
  },
  uri: (v) => {
    try {
      return new URL(v).protocol.length > 0;
    } catch {
      return false;
    }
  },
};

const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/**
 * Every rule of `schema` that `value` breaks. Only own enumerable properties count (a `__proto__`
 * key or an inherited field never satisfies `required`), numbers must be finite, and a value that
 * refers to itself is reported instead of followed.
 */
export function validate(schema: RequestSchema, value: unknown, field = "", table: SchemaTable = {}, seen: object[] = []): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // `seen` is the path of objects above `value`: pushed and popped around each object's children.
  check(schema, value, field, table, seen.slice(), issues);
  return issues;
}

/** The issues of `value` against `schema`, pushed onto `issues` (one array per call of `validate`: nothing allocated where nothing is wrong). */
function check(schema: RequestSchema, value: unknown, field: string, table: SchemaTable, seen: object[], issues: ValidationIssue[]): void {
  if (schema.$ref !== undefined) {
    const target = table[schema.$ref];
    if (target) check(target, value, field, table, seen, issues);
    return;
  }
  const name = field || "body";
  const add = (rule: string, message: string): void => void issues.push({ field: name, rule, message: `${name} ${message}` });
  const type = schema.type;
  if (type !== undefined) {
    const actual = typeOf(value);
    if (typeof type === "string" ? !typeMatches(type, actual) : !type.some((t) => typeMatches(t, actual))) {
      add("type", actual === "non-finite number" ? "must be a finite number" : `must be of type ${typeof type === "string" ? type : type.join(" or ")}`);
      return;
    }
    // JSON numbers beyond 2^53 are rounded when written: 9007199254740993 would be sent as …992.
    if (typeof value === "number" && !Number.isSafeInteger(value) && (typeof type === "string" ? type === "integer" : type.includes("integer") && !type.includes("number"))) {
      add("type", "must be a safe integer (at most 2^53 - 1 in size); a larger one is rounded when sent");
      return;
    }
  }
  if (schema.const !== undefined && value !== schema.const) add("const", `must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) {
    add("enum", `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined || schema.maxLength !== undefined) {
      const length = codePoints(value, schema.maxLength);
      if (schema.minLength !== undefined && length < schema.minLength) {
        add("minLength", schema.minLength === 1 ? "must not be empty" : `must be at least ${schema.minLength} characters`);
      }
      if (schema.maxLength !== undefined && length > schema.maxLength) {
        add("maxLength", `must be at most ${schema.maxLength} characters`);
      }
    }
    if (schema.pattern !== undefined && !regex(schema.pattern).test(value)) {
      add("pattern", `must match ${schema.pattern}${schema.description ? ` (${firstSentence(schema.description)})` : ""}`);
    }
    const format = schema.format ? FORMATS[schema.format] : undefined;
    if (format && !format(value)) add("format", `must be a valid ${schema.format}`);
  } else if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) add("minimum", `must be at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) add("maximum", `must be at most ${schema.maximum}`);
  } else if (value !== null && typeof value === "object") {
    if (seen.includes(value)) {
      add("cycle", "refers to itself");
      return;
    }
    seen.push(value);
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) add("minItems", `must have at least ${schema.minItems} items`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) add("maxItems", `must have at most ${schema.maxItems} items`);
      const items = schema.items;
      if (items) for (let i = 0; i < value.length; i++) check(items, value[i], `${name}[${i}]`, table, seen, issues);
    } else {
      const record = value as Record<string, unknown>;
      if (schema.required) {
        for (const key of schema.required) {
          if (!hasOwn(record, key) || record[key] === undefined) {
            const path = field ? `${field}.${key}` : key;
            issues.push({ field: path, rule: "required", message: `${path} is required` });
          }
        }
      }
      const properties = schema.properties;
      const additional = schema.additionalProperties;
      const keys = Object.keys(record);
      for (const key of keys) {
        if (record[key] === undefined) continue;
        const sub = properties !== undefined && hasOwn(properties, key) ? properties[key] : undefined;
        if (sub) check(sub, record[key], field ? `${field}.${key}` : key, table, seen, issues);
        else if (typeof additional === "object") check(additional, record[key], field ? `${field}.${key}` : key, table, seen, issues);
      }
      if (additional === false) {
        for (const key of keys) {
          if (properties === undefined || !hasOwn(properties, key)) {
            const path = field ? `${field}.${key}` : key;
            issues.push({ field: path, rule: "additionalProperties", message: `${path} is not a known field` });
          }
        }
      }
    }
    seen.pop();
  }
  if (schema.allOf) for (const sub of schema.allOf) check(sub, value, field, table, seen, issues);
  if (schema.anyOf && !schema.anyOf.some((sub) => validate(sub, value, field, table, seen).length === 0)) {
    add("anyOf", "does not match any of the allowed forms");
  }
  if (schema.oneOf) {
    const results = schema.oneOf.map((sub) => validate(sub, value, field, table, seen));
    const matching = results.filter((r) => r.length === 0).length;
    if (matching !== 1) {
      // Report the member the value was closest to, so the message names a field rather than "oneOf".
      const closest = results.reduce((a, b) => (b.length < a.length ? b : a), results[0] ?? []);
      if (matching === 0 && closest.length > 0) issues.push(...closest);
      else add("oneOf", matching === 0 ? "does not match any of the allowed forms" : "matches more than one of the allowed forms");
    }
  }
  if (schema.if) {
    const branch = validate(schema.if, value, field, table, seen).length === 0 ? schema.then : schema.else;
    if (branch) {
      const condition = describeCondition(schema.if, field);
      for (const issue of validate(branch, value, field, table, seen)) {
        issues.push(condition ? { ...issue, message: `${issue.message} when ${condition}` } : issue);
      }
    }
  }
}

/**
 * Characters (code points) of `text`, counted without building an array (a multi-megabyte field is
 * refused in milliseconds); past `2 × max` UTF-16 units the text is certainly too long and is not counted.
 */
function codePoints(text: string, max: number | undefined): number {
  if (max !== undefined && text.length > 2 * max) return text.length;
  let count = 0;
  for (let i = 0; i < text.length; i++, count++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return count;
}

function describeCondition(schema: RequestSchema, field: string): string {
  return Object.entries(schema.properties ?? {})
    .filter(([, s]) => s.const !== undefined)
    .map(([k, s]) => `${field ? `${field}.${k}` : k} is ${JSON.stringify(s.const)}`)
    .join(" and ");
}

function firstSentence(text: string): string {
  const line = text.split("\n")[0] ?? "";
  const end = line.search(/[.。](\s|$)/);
  return (end > 0 ? line.slice(0, end) : line).trim();
}
