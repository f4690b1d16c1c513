// What arrives is checked before it becomes `data`: JSON no deeper than a client can walk, and a
// success body that has what the spec promises. The shapes are generated from each spec's 2xx
// responses (`output` of an operation row); the check is deliberately shallow and tolerant.
import { PaySpecInvalidResponseError, type Provider } from "./errors.js";
import { MAX_JSON_DEPTH } from "./redact.js";

/** Why a body could not be parsed: nothing there, not JSON, or nested deeper than `MAX_JSON_DEPTH`. */
export type JsonParseFailure = "empty" | "not-json" | "too-deep";

/** The parsed value, or why there is none. */
export type ParsedJson = { readonly value: unknown; readonly failure?: undefined } | { readonly value?: undefined; readonly failure: JsonParseFailure };

/**
 * Whether `text` opens more than `max` arrays/objects inside one another, counted in one linear
 * scan outside strings. Malformed text can miscount; `JSON.parse` rejects it anyway.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // `\`: the next character is escaped (a `\"` does not end the string)
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Whether `text` holds more than `max` opening brackets (`{` or `[`), strings included. */
function moreBracketsThan(text: string, max: number): boolean {
  let count = 0;
  for (const bracket of ["{", "["]) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) if (++count > max) return true;
  }
  return false;
}

/**
 * `JSON.parse` that never throws and refuses JSON nested deeper than `MAX_JSON_DEPTH` (64) before
 * parsing: such a value could not be redacted or checked, and code that walks it recursively (the
 * caller's `JSON.stringify` included) would overflow the stack.
 */
export function parseJson(text: string, maxDepth: number = MAX_JSON_DEPTH): ParsedJson {
  if (text.trim() === "") return { failure: "empty" };
  // Nesting deeper than `maxDepth` needs more than `maxDepth` brackets: most bodies have fewer, and
  // counting them with indexOf costs a fraction of the character-by-character scan.
  if (moreBracketsThan(text, maxDepth) && nestedDeeperThan(text, maxDepth)) return { failure: "too-deep" };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { failure: "not-json" };
  }
}

/** A JSON type a response field may have. `integer` is a safe integer, `number` any finite number; `any` is presence only. */
export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array" | "null" | "any";

/**
 * What the spec promises a success body has, reduced to what the shape check reads: the required
 * fields and their JSON types, the shape of required objects one level further, and the case a
 * discriminator selects. Enum values and unknown fields are never checked (providers add them).
 */
export interface ResponseShape {
  /** A named shape of the operation table's `outputs` (generated tables share named shapes this way). */
  readonly $ref?: string;
  /** `array` when the spec promises an array (its items are not checked); an object otherwise. */
  readonly type?: "array";
  /** The required fields: the JSON types each may have, or the shape of a required object. */
  readonly required?: { readonly [field: string]: JsonType | readonly JsonType[] | ResponseShape };
  /**
   * A union discriminated by `field`: the shape of each known value, checked besides `required`
   * (which holds the fields every case requires). An unknown value is tolerated: `required` only.
   */
  readonly union?: { readonly field: string; readonly cases: { readonly [value: string]: ResponseShape } };
}

/** Named shapes that `$ref` points at. */
export type ShapeTable = { readonly [name: string]: ResponseShape };

/**
 * How deep the check goes: the body's own required fields (1) and the required fields of a required
 * object (2), e.g. PortOne `Payment.amount.total`. Deeper levels and array items are not checked:
 * enough to refuse a body that is not the promised answer, without re-validating the provider.
 */
export const MAX_SHAPE_DEPTH = 2;

/** The first field that breaks a shape: its dotted path and what was expected (never the value). */
export interface ShapeIssue {
  readonly field: string;
  readonly expected: string;
}

const hasOwn = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function hasType(type: JsonType, value: unknown): boolean {
  switch (type) {
    case "any":
      return true;
    case "null":
      return value === null;
    case "object":
      return isRecord(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      // Beyond 2^53 the parsed number is not the number sent: a money field would be silently rounded.
      return Number.isSafeInteger(value);
    case "number":
      // `1e400` parses to Infinity.
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

const describeTypes = (types: readonly JsonType[]) => types.map((t) => (t === "integer" ? "a safe integer" : t === "any" ? "a value" : t)).join(" or ");

function resolve(shape: ResponseShape, table: ShapeTable): ResponseShape | undefined {
  let current: ResponseShape | undefined = shape;
  // Named shapes point at other named shapes at most a few times; a loop is a generator bug.
  for (let hops = 0; current?.$ref !== undefined && hops < 8; hops++) current = table[current.$ref];
  return current?.$ref === undefined ? current : undefined;
}

/**
 * The first way `value` breaks `shape`, or undefined when it has what the shape requires. `value`
 * must be an object (an array where the shape says so). Walks at most `MAX_SHAPE_DEPTH` levels (and one union case per level), so it
 * never throws or recurses deeply on any parsed JSON. Without a `table`, the shape runs as a checker
 * compiled once per shape (closures, no `eval`: Workers forbid it); with one, it is interpreted.
 */
export function checkShape(shape: ResponseShape | null | undefined, value: unknown, table?: ShapeTable, path = "", depth = 1): ShapeIssue | undefined {
  if (table === undefined && shape && depth === 1) {
    if (shape.type === "array") return Array.isArray(value) ? undefined : { field: path || "body", expected: "an array" };
    return isRecord(value) ? checkerOf(shape)(value, path) : { field: path || "body", expected: "an object" };
  }
  return interpret(shape, value, table ?? NO_TABLE, path, depth);
}

const NO_TABLE: ShapeTable = {};

function interpret(shape: ResponseShape | null | undefined, value: unknown, table: ShapeTable, path: string, depth: number): ShapeIssue | undefined {
  const own = shape ? resolve(shape, table) : undefined;
  if (own?.type === "array") return Array.isArray(value) ? undefined : { field: path || "body", expected: "an array" };
  if (!isRecord(value)) return { field: path || "body", expected: "an object" };
  if (!own) return undefined;
  const issue = own.required && checkRequired(own.required, value, table, path, depth);
  if (issue) return issue;
  const union = own.union;
  if (union) {
    const tag = value[union.field];
    const selected = typeof tag === "string" && hasOwn(union.cases, tag) ? union.cases[tag] : undefined;
    const required = selected && resolve(selected, table)?.required;
    // The case is the same object as the union: same depth; its own fields only (no nested union).
    if (required) return checkRequired(required, value, table, path, depth);
  }
  return undefined;
}

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);

/** One required field of a shape, as `checkRequired` walks it: its name and its JSON type(s) or shape. */
type RequiredEntry = readonly [name: string, expected: JsonType | readonly JsonType[] | ResponseShape];

/** Each `required` table as an array of its own entries, made once: walking an array costs less than `for…in` with an own-key test per field. */
const entriesOf = new WeakMap<object, readonly RequiredEntry[]>();
function requiredEntries(required: NonNullable<ResponseShape["required"]>): readonly RequiredEntry[] {
  let entries = entriesOf.get(required);
  if (!entries) entriesOf.set(required, (entries = Object.entries(required)));
  return entries;
}

/** The first required field of `value` that is missing or of the wrong type. Runs on every success: no allocation unless a field fails. */
function checkRequired(required: NonNullable<ResponseShape["required"]>, value: Record<string, unknown>, table: ShapeTable, path: string, depth: number): ShapeIssue | undefined {
  const entries = requiredEntries(required);
  for (let i = 0; i < entries.length; i++) {
    const [name, expected] = entries[i] as RequiredEntry;
    // Own fields only: a field inherited from a polluted prototype is not in the body.
    if (!hasOwn(value, name)) return { field: join(path, name), expected: "present" };
    const child = value[name];
    if (typeof expected === "string") {
      if (!hasType(expected, child)) return { field: join(path, name), expected: describeTypes([expected]) };
    } else if (Array.isArray(expected)) {
      const types = expected as readonly JsonType[];
      let matched = false;
      for (let t = 0; t < types.length && !matched; t++) matched = hasType(types[t] as JsonType, child);
      if (!matched) return { field: join(path, name), expected: describeTypes(types) };
    } else {
      if (!isRecord(child)) return { field: join(path, name), expected: "an object" };
      if (depth < MAX_SHAPE_DEPTH) {
        const issue = interpret(expected as ResponseShape, child, table, join(path, name), depth + 1);
        if (issue) return issue;
      }
    }
  }
  return undefined;
}

/** A compiled shape: the first issue of an object (an array for `type: "array"`) under `path`. */
type Checker = (value: Record<string, unknown>, path: string) => ShapeIssue | undefined;
/** One required field, compiled: true when `value[name]` is there with an allowed type (or shape). */
type FieldTest = (child: unknown) => boolean;

const checkers = new WeakMap<ResponseShape, Checker>();
const PASS: Checker = () => undefined;

/**
 * The checker of a shape at depth 1, made once: per required field a type test chosen at compile
 * time (no per-call switch on the type name), required objects compiled one level further, the
 * union's cases as checkers of their own. An issue (rare) is found again by the interpreter, so the
 * message is the same whichever path ran.
 */
function checkerOf(shape: ResponseShape): Checker {
  let checker = checkers.get(shape);
  if (!checker) checkers.set(shape, (checker = compile(shape, 1)));
  return checker;
}

function compile(shape: ResponseShape, depth: number): Checker {
  if (shape.$ref !== undefined) return (value, path) => interpret(shape, value, NO_TABLE, path, depth);
  if (shape.type === "array") return PASS;
  const fields = compileRequired(shape.required, depth);
  const union = shape.union;
  const cases = new Map<string, (value: Record<string, unknown>) => boolean>();
  if (union) for (const tag of Object.keys(union.cases)) {
    const selected = union.cases[tag] as ResponseShape;
    cases.set(tag, (selected.$ref === undefined && compileRequired(selected.required, depth)) || (selected.$ref === undefined ? () => true : () => false));
  }
  const slow: Checker = (value, path) => interpret(shape, value, NO_TABLE, path, depth);
  if (!union) return fields ? (value, path) => (fields(value) ? undefined : slow(value, path)) : PASS;
  const field = union.field;
  return (value, path) => {
    if (fields && !fields(value)) return slow(value, path);
    const tag = value[field];
    const test = typeof tag === "string" ? cases.get(tag) : undefined; // a Map: no inherited keys
    return test === undefined || test(value) ? undefined : slow(value, path);
  };
}

/** All required fields of `required` as one test, or undefined when there are none. */
function compileRequired(required: ResponseShape["required"], depth: number): ((value: Record<string, unknown>) => boolean) | undefined {
  if (!required) return undefined;
  const names: string[] = [];
  const tests: FieldTest[] = [];
  for (const name of Object.keys(required)) {
    names.push(name);
    tests.push(fieldTest(required[name] as JsonType | readonly JsonType[] | ResponseShape, depth));
  }
  if (names.length === 0) return undefined;
  const count = names.length;
  return (value) => {
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      // Own fields only: a field inherited from a polluted prototype is not in the body.
      if (!(tests[i] as FieldTest)(value[name]) || !hasOwn(value, name)) return false;
    }
    return true;
  };
}

function fieldTest(expected: JsonType | readonly JsonType[] | ResponseShape, depth: number): FieldTest {
  if (typeof expected === "string") return typeTest(expected);
  if (Array.isArray(expected)) {
    const tests = (expected as readonly JsonType[]).map(typeTest);
    return (child) => tests.some((test) => test(child));
  }
  if (depth >= MAX_SHAPE_DEPTH) return isRecord;
  const nested = compile(expected as ResponseShape, depth + 1);
  return (child) => isRecord(child) && nested(child, "") === undefined;
}

function typeTest(type: JsonType): FieldTest {
  switch (type) {
    case "any":
      return () => true;
    case "null":
      return (value) => value === null;
    case "object":
      return isRecord;
    case "array":
      return Array.isArray;
    case "integer":
      return Number.isSafeInteger;
    case "number":
      return (value) => typeof value === "number" && Number.isFinite(value);
    case "string":
      return (value) => typeof value === "string";
    case "boolean":
      return (value) => typeof value === "boolean";
    default:
      // A type this runtime does not know (a newer generator): the interpreter's answer.
      return (value) => hasType(type, value);
  }
}

/**
 * The `invalid-response` error of a body that breaks its shape, with `unexpected-shape` as reason and
 * the field (not its value) named in the message.
 */
export function unexpectedShape(
  context: { readonly provider: Provider; readonly operation: string },
  issue: ShapeIssue,
  httpStatus: number,
  bodySnippet: string,
): PaySpecInvalidResponseError {
  const error = new PaySpecInvalidResponseError(context, "unexpected-shape", httpStatus, bodySnippet);
  const detail = issue.expected === "present" ? `${issue.field} is missing` : `${issue.field} is not ${issue.expected}`;
  const message = error.message.replace(/; the outcome is unknown$/, ` (${detail}); the outcome is unknown`);
  if (error.stack?.includes(error.message)) error.stack = error.stack.replace(error.message, message);
  error.message = message;
  return error;
}

/**
 * Whether a response is a problem document (RFC 9457 `application/problem+json`): what a gateway or
 * the payspec mock (Prism) answers on its own behalf. Never the provider's business answer, whatever
 * fields it has: every client makes it an `http` error with the text in `bodySnippet`.
 */
export function isProblem(response: Response): boolean {
  const type = response.headers.get("content-type") ?? "";
  return /^\s*application\/problem\+json\s*(;|$)/i.test(type);
}
