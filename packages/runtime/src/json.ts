// JSON.stringify throws on BigInt and on objects that refer to themselves; a client call must
// resolve to a validation error instead.
import type { ValidationIssue } from "./validate.js";

/** The JSON text of `value`, or an issue naming `field` when it cannot be written as JSON. */
export function serialise(value: unknown, field: string): { text: string; issue?: undefined } | { text?: undefined; issue: ValidationIssue } {
  try {
    return { text: JSON.stringify(value) };
  } catch (error) {
    const why = error instanceof TypeError && /BigInt/i.test(error.message) ? "contains a BigInt" : "refers to itself or cannot be written as JSON";
    return { issue: { field, rule: "type", message: `${field} ${why}` } };
  }
}
