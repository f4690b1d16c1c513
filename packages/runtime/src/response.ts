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

/** A type test per JSON type, chosen when a shape is compiled (no switch on the type name per call). */
const TYPE_TESTS: { readonly [type in JsonType]: (value: unknown) => boolean } = {
  any: () => true,
  null: (value) => value === null,
  object: isRecord,
  array: Array.isArray,
  // Beyond 2^53 the parsed number is not the number sent: a money field would be silently rounded.
  integer: Number.isSafeInteger,
  // `1e400` parses to Infinity.
  number: (value) => typeof value === "number" && Number.isFinite(value),
  string: (value) => typeof value === "string",
  boolean: (value) => typeof value === "boolean",
};
// A type this runtime does not know (a newer generator) never matches: the field is reported, not skipped.
const typeTest = (type: JsonType) => (hasOwn(TYPE_TESTS, type) ? TYPE_TESTS[type] : () => false);

const describeTypes = (types: readonly JsonType[]) => types.map((t) => (t === "integer" ? "a safe integer" : t === "any" ? "a value" : t)).join(" or ");

function resolve(shape: ResponseShape, table: ShapeTable): ResponseShape | undefined {
  let current: ResponseShape | undefined = shape;
  // Named shapes point at other named shapes at most a few times; a loop is a generator bug.
  for (let hops = 0; current?.$ref !== undefined && hops < 8; hops++) current = table[current.$ref];
  return current?.$ref === undefined ? current : undefined;
}

/**
 * A shape compiled into a check of an object: the first issue, its field relative to the object
 * (the caller puts its own path in front, only when there is an issue), or undefined.
 */
type Checker = (value: Record<string, unknown>) => ShapeIssue | undefined;

const NO_TABLE: ShapeTable = {};
const compiled = new WeakMap<ResponseShape, Checker>();

/**
 * The first way `value` breaks `shape`, or undefined when it has what the shape requires. `value`
 * must be an object (an array where the shape says so). Walks at most `MAX_SHAPE_DEPTH` levels (and
 * one union case per level), so it never throws or recurses deeply on any parsed JSON. The shape runs
 * as a checker made once per shape (closures, no `eval`, which Workers forbid); `$ref`s are resolved
 * against `table` when it is made, so a shape given with a table is compiled for that call only.
 */
export function checkShape(shape: ResponseShape | null | undefined, value: unknown, table?: ShapeTable, path = ""): ShapeIssue | undefined {
  const own = shape ? resolve(shape, table ?? NO_TABLE) : undefined;
  if (own?.type === "array") return Array.isArray(value) ? undefined : { field: path || "body", expected: "an array" };
  if (!isRecord(value)) return { field: path || "body", expected: "an object" };
  if (!shape || !own) return undefined;
  let checker = table ? undefined : compiled.get(shape);
  if (!checker) {
    checker = compile(own, table ?? NO_TABLE, 1);
    if (!table) compiled.set(shape, checker);
  }
  const issue = checker(value);
  return issue && path ? { field: `${path}.${issue.field}`, expected: issue.expected } : issue;
}

const PASS: Checker = () => undefined;

function compile(shape: ResponseShape, table: ShapeTable, depth: number): Checker {
  const common = compileRequired(shape.required, table, depth);
  const union = shape.union;
  if (!union) return common ?? PASS;
  // The case is the same object as the union: same depth; its own fields only (no nested union).
  const cases = new Map<string, Checker>();
  for (const tag of Object.keys(union.cases)) {
    const selected = resolve(union.cases[tag] as ResponseShape, table);
    const check = selected && compileRequired(selected.required, table, depth);
    if (check) cases.set(tag, check);
  }
  const field = union.field;
  return (value) => {
    const issue = common?.(value);
    if (issue) return issue;
    const tag = value[field];
    // A Map has no inherited keys: `toString` selects nothing. An unknown case: the common fields only.
    return typeof tag === "string" ? cases.get(tag)?.(value) : undefined;
  };
}

/** The first required field of `value` that is missing or of the wrong type. Runs on every success: no allocation unless a field fails. */
function compileRequired(required: ResponseShape["required"], table: ShapeTable, depth: number): Checker | undefined {
  const names = Object.keys(required ?? {});
  if (!required || names.length === 0) return undefined;
  const tests: Array<(value: unknown) => boolean> = [];
  const expected: string[] = [];
  const nested: Array<Checker | undefined> = [];
  for (const name of names) {
    const wanted = required[name] as JsonType | readonly JsonType[] | ResponseShape;
    let inner: Checker | undefined;
    if (typeof wanted === "string") {
      tests.push(typeTest(wanted));
      expected.push(describeTypes([wanted]));
    } else if (Array.isArray(wanted)) {
      const any = (wanted as readonly JsonType[]).map(typeTest);
      tests.push((value) => any.some((test) => test(value)));
      expected.push(describeTypes(wanted as readonly JsonType[]));
    } else if ((wanted as ResponseShape).type === "array") {
      tests.push(Array.isArray);
      expected.push("an array");
    } else {
      tests.push(isRecord);
      expected.push("an object");
      const own = resolve(wanted as ResponseShape, table);
      // A required object's own required fields, one level further (`Payment.amount.total`); no deeper.
      if (own && depth < MAX_SHAPE_DEPTH) inner = compile(own, table, depth + 1);
    }
    nested.push(inner === PASS ? undefined : inner);
  }
  const count = names.length;
  return (value) => {
    for (let i = 0; i < count; i++) {
      const name = names[i] as string;
      // Own fields only: a field inherited from a polluted prototype is not in the body.
      if (!hasOwn(value, name)) return { field: name, expected: "present" };
      const child = value[name];
      if (!(tests[i] as (value: unknown) => boolean)(child)) return { field: name, expected: expected[i] as string };
      const check = nested[i];
      const issue = check && check(child as Record<string, unknown>);
      if (issue) return { field: `${name}.${issue.field}`, expected: issue.expected };
    }
    return undefined;
  };
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
