// The shape check as it was before it was compiled (an interpreter walking the shape on every call):
// the oracle of the differential test in response.test.ts. Test code only; kept as it shipped.
import { MAX_SHAPE_DEPTH, type JsonType, type ResponseShape, type ShapeIssue, type ShapeTable } from "../src/index.js";

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
 * never throws or recurses deeply on any parsed JSON.
 */
export function referenceCheckShape(shape: ResponseShape | null | undefined, value: unknown, table: ShapeTable = {}, path = "", depth = 1): ShapeIssue | undefined {
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
        const issue = referenceCheckShape(expected as ResponseShape, child, table, join(path, name), depth + 1);
        if (issue) return issue;
      }
    }
  }
  return undefined;
}

