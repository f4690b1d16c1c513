// What a client checks before a 2xx body becomes `data`: depth before parsing, then the generated shape.
import { describe, expect, it } from "vitest";
import { referenceCheckShape } from "./shape-reference.js";
import { checkShape, isProblem, MAX_JSON_DEPTH, MAX_SHAPE_DEPTH, nestedDeeperThan, parseJson, PaySpecInvalidResponseError, redact, unexpectedShape, type ResponseShape, type ShapeTable } from "../src/index.js";

const nest = (depth: number, inner = "1") => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;

describe("parseJson", () => {
  it("refuses 100,000 levels of nesting before parsing (no throw, no stack overflow)", () => {
    expect(parseJson(nest(100_000))).toEqual({ failure: "too-deep" });
    expect(parseJson(`{"a":${nest(100_000)}}`)).toEqual({ failure: "too-deep" });
    // Unterminated: still refused by depth, never handed to JSON.parse.
    expect(parseJson("[".repeat(100_000))).toEqual({ failure: "too-deep" });
  });

  it("parses exactly MAX_JSON_DEPTH levels and refuses one more", () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    expect(parseJson(nest(64)).failure).toBeUndefined();
    expect(parseJson(nest(65))).toEqual({ failure: "too-deep" });
    expect(parseJson(`{"a":${nest(63)}}`).failure).toBeUndefined();
    expect(parseJson(`{"a":${nest(64)}}`)).toEqual({ failure: "too-deep" });
  });

  it("a value it accepts can be redacted whole (redact walks the same 64 levels)", () => {
    const parsed = parseJson(`{"a":${nest(63, '"x"')}}`);
    expect(JSON.stringify(redact(parsed.value, []))).not.toContain("nested too deep");
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(nestedDeeperThan(`{"a":"${"[".repeat(1000)}"}`, 2)).toBe(false);
    expect(nestedDeeperThan(`{"a":"\\"${"{".repeat(1000)}"}`, 2)).toBe(false);
    expect(nestedDeeperThan(`{"a":"\\\\", "b":[[[1]]]}`, 3)).toBe(true);
    expect(parseJson(`{"a":"${"[".repeat(1000)}"}`)).toEqual({ value: { a: "[".repeat(1000) } });
  });

  it("empty and malformed text are failures, never throws", () => {
    expect(parseJson("")).toEqual({ failure: "empty" });
    expect(parseJson(" \n ")).toEqual({ failure: "empty" });
    expect(parseJson('{"a":')).toEqual({ failure: "not-json" });
    expect(parseJson("<html>")).toEqual({ failure: "not-json" });
    expect(parseJson("null")).toEqual({ value: null });
  });

  it("duplicate keys: the last one wins, as in JSON.parse (and so in the shape check)", () => {
    expect(parseJson('{"a":1,"a":"x"}')).toEqual({ value: { a: "x" } });
  });
});

const table: ShapeTable = {
  Amount: { required: { total: "integer", paid: "integer" } },
  Payment: {
    required: { status: "string", id: "string", amount: { $ref: "Amount" }, customer: "object" },
    union: { field: "status", cases: { PAID: { required: { paidAt: "string", channel: { $ref: "Channel" } } } } },
  },
  Channel: { required: { type: "string", deep: { required: { never: "string" } } } },
};
const payment = { status: "READY", id: "p", amount: { total: 1000, paid: 0 }, customer: {} };
const shape: ResponseShape = { $ref: "Payment" };

describe("checkShape", () => {
  it("accepts a body with the required fields, extra fields and unknown values", () => {
    expect(checkShape(shape, { ...payment, extra: { x: [1] }, status: "BRAND_NEW" }, table)).toBeUndefined();
  });

  it("names a missing required field, one level further for a required object", () => {
    const { id: _id, ...noId } = payment;
    expect(checkShape(shape, noId, table)).toEqual({ field: "id", expected: "present" });
    expect(checkShape(shape, { ...payment, amount: { total: 1 } }, table)).toEqual({ field: "amount.paid", expected: "present" });
  });

  it("money of the wrong JSON type, an unsafe integer, a fraction or Infinity is flagged", () => {
    for (const total of ["1000", 2 ** 53, 10.5, Number.POSITIVE_INFINITY, null]) {
      expect(checkShape(shape, { ...payment, amount: { total, paid: 0 } }, table)).toEqual({ field: "amount.total", expected: "a safe integer" });
    }
    expect(checkShape({ required: { n: "number" } }, { n: Number.POSITIVE_INFINITY })).toEqual({ field: "n", expected: "number" });
    expect(checkShape({ required: { n: "number" } }, { n: 2 ** 60 })).toBeUndefined();
  });

  it("a required object that is not one is flagged; null only where the shape allows it", () => {
    expect(checkShape(shape, { ...payment, amount: [] }, table)).toEqual({ field: "amount", expected: "an object" });
    expect(checkShape(shape, { ...payment, customer: null }, table)).toEqual({ field: "customer", expected: "object" });
    expect(checkShape({ required: { a: ["string", "null"] } }, { a: null })).toBeUndefined();
    expect(checkShape({ required: { a: ["boolean", "string"] } }, { a: 0 })).toEqual({ field: "a", expected: "boolean or string" });
    expect(checkShape({ required: { a: "any" } }, { a: null })).toBeUndefined();
  });

  it("checks the union case the discriminator selects, at the same level; an unknown case only the common fields", () => {
    expect(checkShape(shape, { ...payment, status: "PAID" }, table)).toEqual({ field: "paidAt", expected: "present" });
    const paid = { ...payment, status: "PAID", paidAt: "t", channel: { type: "x" } };
    expect(checkShape(shape, paid, table)).toEqual({ field: "channel.deep", expected: "present" });
    expect(checkShape(shape, { ...payment, status: "toString" }, table)).toBeUndefined();
    expect(checkShape(shape, { ...payment, status: 5 }, table)).toEqual({ field: "status", expected: "string" });
  });

  it(`goes ${MAX_SHAPE_DEPTH} levels deep, no further`, () => {
    expect(MAX_SHAPE_DEPTH).toBe(2);
    const paid = { ...payment, status: "PAID", paidAt: "t", channel: { type: "x", deep: {} } };
    expect(checkShape(shape, paid, table)).toBeUndefined();
    expect(checkShape(shape, { ...paid, channel: { type: "x", deep: "not an object" } }, table)).toEqual({ field: "channel.deep", expected: "an object" });
  });

  it("the body must be an object; no shape checks presence of nothing; a dangling or looping $ref checks nothing", () => {
    expect(checkShape(shape, [], table)).toEqual({ field: "body", expected: "an object" });
    expect(checkShape(shape, [], table, "data")).toEqual({ field: "data", expected: "an object" });
    expect(checkShape(null, {})).toBeUndefined();
    expect(checkShape({ $ref: "Nowhere" }, {}, table)).toBeUndefined();
    expect(checkShape({ $ref: "A" }, {}, { A: { $ref: "B" }, B: { $ref: "A" } })).toBeUndefined();
  });

  it("reads own properties only: a field inherited from Object.prototype is missing", () => {
    const inherited: ResponseShape = { required: { ["toString"]: "any" as const } };
    expect(checkShape(inherited, {})).toEqual({ field: "toString", expected: "present" });
    expect(checkShape({ required: { a: "string" } }, JSON.parse('{"__proto__":{"a":"x"}}'))).toEqual({ field: "a", expected: "present" });
  });

  it("a path prefixes the field (PaySsam `data`, Global `content`)", () => {
    expect(checkShape(shape, {}, table, "content")).toEqual({ field: "content.status", expected: "present" });
  });
});

describe("checkShape, compiled", () => {
  // A shape runs as a checker compiled once (the per-call path of every client). It must answer as the
  // interpreter it replaced (test/shape-reference.ts) for every shape and body: random shapes (types,
  // type lists, nested shapes, unions, arrays) against bodies that match, then lose, retype or inherit a
  // field. A seeded generator, so a failure repeats.
  let seed = 20261206;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const types = ["string", "number", "integer", "boolean", "object", "array", "null", "any"] as const;
  const samples: Record<(typeof types)[number], unknown> = { string: "s", number: 1.5, integer: 7, boolean: true, object: { k: 1 }, array: [1], null: null, any: "x" };
  const wrong: unknown[] = ["s", 1.5, 7, 2 ** 60, true, { k: 1 }, [1], null, Number.POSITIVE_INFINITY];

  function randomShape(depth: number): ResponseShape {
    if (depth === 1 && random() < 0.05) return { type: "array" };
    const required: Record<string, ResponseShape["required"] extends infer R ? (R extends Record<string, infer V> ? V : never) : never> = {};
    for (let i = 0, n = Math.floor(random() * 5); i < n; i++) {
      const r = random();
      required[`f${i}`] = r < 0.55 ? pick(types) : r < 0.75 ? [pick(types), pick(types)] : depth < 4 ? randomShape(depth + 1) : "string";
    }
    if (random() < 0.3) {
      const cases: Record<string, ResponseShape> = {};
      for (const tag of ["A", "B"]) cases[tag] = { required: { [`${tag.toLowerCase()}0`]: pick(types), [`${tag.toLowerCase()}1`]: depth < 4 ? randomShape(depth + 1) : "integer" } };
      return { required: { ...required, kind: "string" }, union: { field: "kind", cases } };
    }
    return { required };
  }

  function matching(shape: ResponseShape): Record<string, unknown> | unknown[] {
    if (shape.type === "array") return [];
    const body: Record<string, unknown> = {};
    const fill = (required: ResponseShape["required"]) => {
      for (const [name, expected] of Object.entries(required ?? {})) {
        body[name] = typeof expected === "string" ? samples[expected] : Array.isArray(expected) ? samples[expected[0] as (typeof types)[number]] : matching(expected as ResponseShape);
      }
    };
    fill(shape.required);
    if (shape.union) {
      const tag = pick(["A", "B", "C"]);
      body["kind"] = tag;
      fill(shape.union.cases[tag]?.required);
    }
    return body;
  }

  function mutate(value: unknown, depth: number): unknown {
    if (Array.isArray(value) || typeof value !== "object" || value === null) return value;
    const body = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(body);
    if (keys.length === 0) return random() < 0.5 ? [] : body;
    const key = pick(keys);
    const r = random();
    if (r < 0.3) delete body[key];
    else if (r < 0.6) body[key] = pick(wrong);
    else if (r < 0.7) return Object.assign(Object.create({ [key]: body[key] }) as object, Object.fromEntries(keys.filter((k) => k !== key).map((k) => [k, body[k]])));
    else if (depth < 4) body[key] = mutate(body[key], depth + 1);
    return body;
  }

  it("agrees with the interpreter it replaced on 4,000 random shapes and bodies, with and without a table", () => {
    let failures = 0;
    for (let i = 0; i < 1000; i++) {
      const shape = randomShape(1);
      const good = matching(shape);
      for (const body of [good, mutate(good, 1), mutate(mutate(good, 1), 1), pick(wrong)]) {
        const reference = referenceCheckShape(shape, body, {}, "p");
        expect(checkShape(shape, body, undefined, "p")).toEqual(reference);
        expect(checkShape(shape, body, { Unused: { required: { x: "string" } } }, "p")).toEqual(reference);
        if (reference) failures++;
      }
    }
    // The bodies are not all good: the comparison covers issues, not only passes.
    expect(failures).toBeGreaterThan(1000);
  });

  it("is made once per shape (a shape changed after its first use keeps its checker); with a table, per call", () => {
    const shape = { required: { a: "string" } } as { required: Record<string, "string" | "integer"> };
    expect(checkShape(shape, { a: "x" })).toBeUndefined();
    shape.required.a = "integer";
    expect(checkShape(shape, { a: "x" })).toBeUndefined();
    expect(checkShape(shape, { a: "x" }, {})).toEqual({ field: "a", expected: "a safe integer" });
  });

  it("a required field whose shape is an array must be an array", () => {
    const shape: ResponseShape = { required: { items: { type: "array" } } };
    expect(checkShape(shape, { items: [] })).toBeUndefined();
    expect(checkShape(shape, { items: {} })).toEqual({ field: "items", expected: "an array" });
  });

  it("a $ref resolves through the table when the checker is made: a required object by name, a union case by name", () => {
    const named: ShapeTable = { Amount: { required: { total: "integer" } }, Paid: { required: { paidAt: "string" } } };
    const shape: ResponseShape = { required: { amount: { $ref: "Amount" }, status: "string" }, union: { field: "status", cases: { PAID: { $ref: "Paid" } } } };
    expect(checkShape(shape, { amount: { total: 1 }, status: "PAID", paidAt: "t" }, named)).toBeUndefined();
    expect(checkShape(shape, { amount: { total: "1" }, status: "READY" }, named, "data")).toEqual({ field: "data.amount.total", expected: "a safe integer" });
    expect(checkShape(shape, { amount: { total: 1 }, status: "PAID" }, named)).toEqual({ field: "paidAt", expected: "present" });
  });
});

describe("unexpectedShape", () => {
  it("is an invalid-response error whose message names the field, never the value", () => {
    const error = unexpectedShape({ provider: "portone", operation: "getPayment" }, { field: "amount.total", expected: "a safe integer" }, 200, "snippet");
    expect(error).toBeInstanceOf(PaySpecInvalidResponseError);
    expect(error).toMatchObject({ kind: "invalid-response", reason: "unexpected-shape", httpStatus: 200, bodySnippet: "snippet", name: "PaySpecInvalidResponseError" });
    expect(error.message).toBe(
      "getPayment: portone answered HTTP 200 with a body without a field the spec requires for success, or with a field of the wrong type (amount.total is not a safe integer); the outcome is unknown",
    );
    expect(error.stack).toContain("(amount.total is not a safe integer)");
    expect(unexpectedShape({ provider: "payssam", operation: "sendBill" }, { field: "data.billId", expected: "present" }, 200, "").message).toContain("(data.billId is missing)");
  });
});

describe("isProblem", () => {
  it("recognises application/problem+json with or without parameters, in any case", () => {
    const withType = (type: string | undefined) => new Response("{}", type === undefined ? {} : { headers: { "content-type": type } });
    expect(isProblem(withType("application/problem+json"))).toBe(true);
    expect(isProblem(withType("Application/Problem+JSON; charset=utf-8"))).toBe(true);
    expect(isProblem(withType("application/json"))).toBe(false);
    expect(isProblem(withType("text/plain; note=application/problem+json"))).toBe(false);
    expect(isProblem(new Response(null))).toBe(false);
  });
});
