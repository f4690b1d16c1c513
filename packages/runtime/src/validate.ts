// Checks a request body against the spec's request schema (the `input` of a generated row) before
// anything is sent, and inbound payloads (callbacks, webhooks, redirects) against theirs. It
// understands the JSON Schema keywords the payspec request schemas use; each client's contract tests
// send the same invalid bodies to Prism to prove both sides apply the same rule. The core keywords are
// one interpreter; the others (`pattern`, the formats, `allOf`/`anyOf`/`oneOf`, `if`) are functions a
// row names (`OperationInfo.keywords`), so that a one-operation bundle carries only those it uses.

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

const NO_SCHEMAS: SchemaTable = Object.freeze({});

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

/** Whether year, month and day name a day of the calendar (`Date.parse` accepts 2026-02-30 as March 2nd). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  const at = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
}

const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** One walk of `validate`: the named schemas, the objects above the value, where issues go, and the checkers of the other keywords. */
export interface Walk {
  readonly table: SchemaTable;
  /** The path of objects above the value: pushed and popped around each object's children. */
  readonly seen: object[];
  readonly issues: ValidationIssue[];
  readonly keywords: Keywords;
}

/** The checker of one keyword (or one `format`): pushes the issues of `value` against `schema` onto `walk.issues`. */
export type KeywordCheck = (schema: RequestSchema, value: unknown, field: string, walk: Walk) => void;

/**
 * The checkers of the keywords beyond the core ones (`type`, `required`, `properties`,
 * `additionalProperties`, `items`, `enum`, `const`, lengths, `minimum`/`maximum`, `$ref`), by keyword, and
 * by format for `format`. A generated row carries those its input schema uses (`OperationInfo.keywords`),
 * so that a bundle has only what its operations use; a schema that uses one it was not given is refused
 * (`cannot be checked`), never passed unchecked.
 */
export interface Keywords {
  readonly pattern?: KeywordCheck;
  readonly date?: KeywordCheck;
  readonly "date-time"?: KeywordCheck;
  readonly uri?: KeywordCheck;
  readonly allOf?: KeywordCheck;
  readonly anyOf?: KeywordCheck;
  readonly oneOf?: KeywordCheck;
  readonly if?: KeywordCheck;
}

/** The formats a checker exists for; any other `format` is an annotation, not checked (as JSON Schema allows). */
const FORMATS: readonly string[] = ["date", "date-time", "uri"];

/**
 * Every rule of `schema` that `value` breaks, checked with the core keywords and those of `keywords`.
 * Only own enumerable properties count (a `__proto__` key or an inherited field never satisfies
 * `required`), numbers must be finite, and a value that refers to itself is reported instead of followed.
 */
export function validateWith(schema: RequestSchema, value: unknown, keywords: Keywords, field = "", table: SchemaTable = NO_SCHEMAS, seen?: object[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  check(schema, value, field, { table, seen: seen ? seen.slice() : [], issues, keywords });
  return issues;
}

/** The issues of `value` against `schema` in a walk of their own (a union member, a condition): the same keywords and path of objects. */
export const issuesOf = (schema: RequestSchema, value: unknown, field: string, walk: Walk): ValidationIssue[] =>
  validateWith(schema, value, walk.keywords, field, walk.table, walk.seen);

/** The issues of `value` against `schema`, pushed onto `walk.issues` (one array per call of `validateWith`: nothing allocated where nothing is wrong). */
/** Records that `name` breaks `rule` (a module function: no closure per schema node walked). */
function issue(issues: ValidationIssue[], name: string, rule: string, message: string): void {
  issues.push({ field: name, rule, message: `${name} ${message}` });
}

function check(schema: RequestSchema, value: unknown, field: string, walk: Walk): void {
  const { table, seen, issues } = walk;
  if (schema.$ref !== undefined) {
    const target = table[schema.$ref];
    if (target) check(target, value, field, walk);
    return;
  }
  const name = field || "body";
  const type = schema.type;
  if (type !== undefined) {
    const actual = typeOf(value);
    if (typeof type === "string" ? !typeMatches(type, actual) : !type.some((t) => typeMatches(t, actual))) {
      issue(issues, name, "type", actual === "non-finite number" ? "must be a finite number" : `must be of type ${typeof type === "string" ? type : type.join(" or ")}`);
      return;
    }
    // JSON numbers beyond 2^53 are rounded when written: 9007199254740993 would be sent as …992.
    if (typeof value === "number" && !Number.isSafeInteger(value) && (typeof type === "string" ? type === "integer" : type.includes("integer") && !type.includes("number"))) {
      issue(issues, name, "type", "must be a safe integer (at most 2^53 - 1 in size); a larger one is rounded when sent");
      return;
    }
  }
  if (schema.const !== undefined && value !== schema.const) issue(issues, name, "const", `must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) {
    issue(issues, name, "enum", `must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined || schema.maxLength !== undefined) {
      const length = codePoints(value, schema.maxLength);
      if (schema.minLength !== undefined && length < schema.minLength) {
        issue(issues, name, "minLength", schema.minLength === 1 ? "must not be empty" : `must be at least ${schema.minLength} characters`);
      }
      if (schema.maxLength !== undefined && length > schema.maxLength) {
        issue(issues, name, "maxLength", `must be at most ${schema.maxLength} characters`);
      }
    }
    if (schema.pattern !== undefined) use("pattern", "pattern", schema, value, field, walk);
    const format = schema.format;
    if (format !== undefined && FORMATS.includes(format)) use(format as keyof Keywords, "format", schema, value, field, walk);
  } else if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) issue(issues, name, "minimum", `must be at least ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) issue(issues, name, "maximum", `must be at most ${schema.maximum}`);
  } else if (value !== null && typeof value === "object") {
    if (seen.includes(value)) {
      issue(issues, name, "cycle", "refers to itself");
      return;
    }
    seen.push(value);
    if (Array.isArray(value)) {
      if (schema.minItems !== undefined && value.length < schema.minItems) issue(issues, name, "minItems", `must have at least ${schema.minItems} items`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) issue(issues, name, "maxItems", `must have at most ${schema.maxItems} items`);
      const items = schema.items;
      if (items) for (let i = 0; i < value.length; i++) check(items, value[i], `${name}[${i}]`, walk);
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
        if (sub) check(sub, record[key], field ? `${field}.${key}` : key, walk);
        else if (typeof additional === "object") check(additional, record[key], field ? `${field}.${key}` : key, walk);
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
  if (schema.allOf) use("allOf", "allOf", schema, value, field, walk);
  if (schema.anyOf) use("anyOf", "anyOf", schema, value, field, walk);
  if (schema.oneOf) use("oneOf", "oneOf", schema, value, field, walk);
  if (schema.if) use("if", "if", schema, value, field, walk);
}

/** A keyword beyond the core: its checker, or, when the walk was not given one, a refusal (fail closed, never skipped). */
function use(keyword: keyof Keywords, rule: string, schema: RequestSchema, value: unknown, field: string, walk: Walk): void {
  const checker = walk.keywords[keyword];
  if (checker) return checker(schema, value, field, walk);
  const name = field || "body";
  walk.issues.push({ field: name, rule, message: `${name} cannot be checked: the ${keyword} checker is not in this build` });
}

// The keywords beyond the core, each its own function: a bundle keeps those its rows name.

const patternCache = new Map<string, RegExp>();

/** `pattern` (Unicode regular expressions, compiled once each); the message quotes the field's description. */
export const patternKeyword: KeywordCheck = (schema, value, field, walk) => {
  const pattern = schema.pattern as string;
  if (typeof value !== "string") return;
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, "u");
    patternCache.set(pattern, re);
  }
  if (re.test(value)) return;
  const name = field || "body";
  walk.issues.push({ field: name, rule: "pattern", message: `${name} must match ${pattern}${schema.description ? ` (${firstSentence(schema.description)})` : ""}` });
};

/** The issue of a string that is not of its schema's `format`. */
function badFormat(schema: RequestSchema, field: string, walk: Walk): void {
  const name = field || "body";
  walk.issues.push({ field: name, rule: "format", message: `${name} must be a valid ${schema.format}` });
}

/** `format: date`: a day of the calendar. */
export const dateFormat: KeywordCheck = (schema, value, field, walk) => {
  if (typeof value !== "string") return;
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (parts === null || !isCalendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3]))) badFormat(schema, field, walk);
};

/** `format: date-time`: RFC 3339, as the specs mean by date-time (PortOne's `from`, `until`, `paidAt`, …), on the calendar. */
export const dateTimeFormat: KeywordCheck = (schema, value, field, walk) => {
  if (typeof value !== "string") return;
  const parts = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/.exec(value);
  const valid =
    parts !== null &&
    isCalendarDate(Number(parts[1]), Number(parts[2]), Number(parts[3])) &&
    Number(parts[4]) < 24 &&
    Number(parts[5]) < 60 &&
    Number(parts[6]) <= 60 &&
    Number(parts[7] ?? 0) < 24 &&
    Number(parts[8] ?? 0) < 60;
  if (!valid) badFormat(schema, field, walk);
};

/** `format: uri`: what the URL parser accepts as absolute. */
export const uriFormat: KeywordCheck = (schema, value, field, walk) => {
  if (typeof value !== "string") return;
  let valid: boolean;
  try {
    valid = new URL(value).protocol.length > 0;
  } catch {
    valid = false;
  }
  if (!valid) badFormat(schema, field, walk);
};

/** `allOf`: every member's issues. */
export const allOfKeyword: KeywordCheck = (schema, value, field, walk) => {
  for (const sub of schema.allOf ?? []) check(sub, value, field, walk);
};

/** `anyOf`: one issue when no member matches. */
export const anyOfKeyword: KeywordCheck = (schema, value, field, walk) => {
  if ((schema.anyOf ?? []).some((sub) => issuesOf(sub, value, field, walk).length === 0)) return;
  const name = field || "body";
  walk.issues.push({ field: name, rule: "anyOf", message: `${name} does not match any of the allowed forms` });
};

/** `oneOf`: exactly one member matches; when none does, the issues of the member the value was closest to. */
export const oneOfKeyword: KeywordCheck = (schema, value, field, walk) => {
  const results = (schema.oneOf ?? []).map((sub) => issuesOf(sub, value, field, walk));
  const matching = results.filter((r) => r.length === 0).length;
  if (matching === 1) return;
  // Report the member the value was closest to, so the message names a field rather than "oneOf".
  const closest = results.reduce((a, b) => (b.length < a.length ? b : a), results[0] ?? []);
  const name = field || "body";
  if (matching === 0 && closest.length > 0) walk.issues.push(...closest);
  else walk.issues.push({ field: name, rule: "oneOf", message: `${name} ${matching === 0 ? "does not match any of the allowed forms" : "matches more than one of the allowed forms"}` });
};

/** `if`/`then`/`else`: the branch the condition selects, its messages saying when they apply. */
export const ifKeyword: KeywordCheck = (schema, value, field, walk) => {
  const condition = schema.if as RequestSchema;
  const branch = issuesOf(condition, value, field, walk).length === 0 ? schema.then : schema.else;
  if (!branch) return;
  const when = describeCondition(condition, field);
  for (const issue of issuesOf(branch, value, field, walk)) walk.issues.push(when ? { ...issue, message: `${issue.message} when ${when}` } : issue);
};

/** Every keyword checker: what `validate` uses (inbound payloads, the options of a client, tests). */
export const ALL_KEYWORDS: Keywords = {
  pattern: patternKeyword,
  date: dateFormat,
  "date-time": dateTimeFormat,
  uri: uriFormat,
  allOf: allOfKeyword,
  anyOf: anyOfKeyword,
  oneOf: oneOfKeyword,
  if: ifKeyword,
};

/**
 * Every rule of `schema` that `value` breaks, every keyword of the subset checked (`validateWith`
 * with `ALL_KEYWORDS`). Only own enumerable properties count, numbers must be finite, and a value
 * that refers to itself is reported instead of followed.
 */
export function validate(schema: RequestSchema, value: unknown, field = "", table: SchemaTable = {}, seen: object[] = []): ValidationIssue[] {
  return validateWith(schema, value, ALL_KEYWORDS, field, table, seen);
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
