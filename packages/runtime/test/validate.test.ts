import { describe, expect, it } from "vitest";
import { validate, type RequestSchema } from "../src/index.js";

const schema: RequestSchema = {
  type: "object",
  required: ["id", "kind"],
  properties: {
    id: { type: "string", minLength: 1, maxLength: 5 },
    kind: { type: "string", enum: ["A", "B"] },
    price: { type: "string", pattern: "^[1-9][0-9]{2,9}$" },
    day: { type: "string", format: "date" },
    url: { type: "string", format: "uri" },
    count: { type: "integer", minimum: 1, maximum: 3 },
    fixed: { const: "x" },
    phone: { type: "string" },
  },
  if: { properties: { kind: { const: "A" } } },
  then: { required: ["phone"] },
  anyOf: [{ required: ["id"] }, { required: ["url"] }],
};

const rules = (value: unknown) => validate(schema, value).map((i) => `${i.field}:${i.rule}`);

describe("validate", () => {
  it("accepts a valid value", () => {
    expect(validate(schema, { id: "a", kind: "B" })).toEqual([]);
    expect(validate(schema, { id: "a", kind: "A", phone: "010", price: "100", day: "2026-11-22", url: "https://x.kr", count: 2, fixed: "x" })).toEqual([]);
  });
  it("names each broken rule", () => {
    // JSON Schema semantics: an `if` on an absent property holds, so `then` applies too.
    expect(rules({})).toEqual(["id:required", "kind:required", "body:anyOf", "phone:required"]);
    expect(rules({ id: "", kind: "C" })).toEqual(["id:minLength", "kind:enum"]);
    expect(rules({ id: "abcdef", kind: "B", price: "99" })).toEqual(["id:maxLength", "price:pattern"]);
    expect(rules({ id: "a", kind: "B", day: "2026-13-45", url: "nope", count: 4, fixed: "y" })).toEqual([
      "day:format",
      "url:format",
      "count:maximum",
      "fixed:const",
    ]);
    expect(rules({ id: 1, kind: "B" })).toEqual(["id:type"]);
    expect(rules("x")).toEqual(["body:type"]);
  });
  it("explains conditional rules", () => {
    const [issue] = validate(schema, { id: "a", kind: "A" });
    expect(issue).toEqual({ field: "phone", rule: "required", message: 'phone is required when kind is "A"' });
  });
  it("counts characters, not UTF-16 units", () => {
    expect(validate({ type: "string", maxLength: 2 }, "가나")).toEqual([]);
    expect(validate({ type: "string", maxLength: 2 }, "😀😀")).toEqual([]);
  });
  it("rejects unknown fields only when additionalProperties is false", () => {
    expect(validate({ type: "object", properties: {}, additionalProperties: false }, { x: 1 })).toMatchObject([{ field: "x", rule: "additionalProperties" }]);
    expect(validate({ type: "object", properties: {} }, { x: 1 })).toEqual([]);
  });
  it("never puts the value into a message", () => {
    const secret = "SECRET-VALUE-123";
    for (const issue of validate(schema, { id: secret, kind: secret, price: secret })) expect(issue.message).not.toContain(secret);
  });
});
