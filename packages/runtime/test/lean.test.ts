// Issue 16, item 2: a one-operation bundle carries only the validation and redaction its operation uses.
// The keywords beyond the core validator are checkers a generated row names, and the scan for card data,
// personal numbers and billing keys is `personalData`, named by the rows whose input may hold them. What
// is not carried must never be skipped silently: a keyword without its checker is a refusal.
import { describe, expect, it } from "vitest";
import {
  dateTimeFormat,
  isSensitiveField,
  oneOfKeyword,
  patternKeyword,
  personalData,
  redact,
  redactWith,
  sensitiveValues,
  validate,
  validateWith,
  type Keywords,
  type RequestSchema,
} from "../src/index.js";
import { CARD_PARENTS, SENSITIVE_FIELDS } from "../src/redact.js";

const schema: RequestSchema = {
  type: "object",
  properties: {
    url: { type: "string", pattern: "^https://" },
    from: { type: "string", format: "date-time" },
    kind: { type: "string", enum: ["A", "B"] },
    choice: { oneOf: [{ type: "string" }, { type: "integer" }] },
  },
  additionalProperties: false,
};

describe("validateWith: the core validator and the checkers it is given", () => {
  it("checks the core keywords without any checker", () => {
    expect(validateWith(schema, { kind: "C" }, {}).map((i) => `${i.field}:${i.rule}`)).toEqual(["kind:enum"]);
    expect(validateWith(schema, { kind: "A" }, {})).toEqual([]);
  });

  it("refuses a value whose schema uses a keyword it has no checker for (fail closed, never skipped)", () => {
    // Defect pinned: a validator that carries only some keywords must not pass what it cannot check.
    const issues = validateWith(schema, { url: "https://x.kr", from: "2026-01-01T00:00:00Z", choice: "x" }, {});
    expect(issues.map((i) => `${i.field}:${i.rule}`)).toEqual(["url:pattern", "from:format", "choice:oneOf"]);
    for (const issue of issues) expect(issue.message).toMatch(/cannot be checked/);
    for (const issue of issues) expect(issue.message).not.toContain("https://x.kr");
  });

  it("applies the checkers it is given, as validate does with all of them", () => {
    const keywords: Keywords = { pattern: patternKeyword, "date-time": dateTimeFormat, oneOf: oneOfKeyword };
    const bad = { url: "http://x.kr", from: "2026-02-30T00:00:00Z", choice: true };
    expect(validateWith(schema, bad, keywords)).toEqual(validate(schema, bad));
    expect(validateWith(schema, bad, keywords).map((i) => `${i.field}:${i.rule}`)).toEqual(["url:pattern", "from:format", "choice:type"]);
    expect(validateWith(schema, { url: "https://x.kr", from: "2026-02-28T00:00:00Z", choice: 1 }, keywords)).toEqual([]);
  });

  it("leaves formats it has no checker for unchecked, as before (annotations)", () => {
    expect(validateWith({ type: "string", format: "email" }, "not an email", {})).toEqual([]);
  });
});

describe("redactWith and personalData", () => {
  const body = { type: "INVALID", cardNumber: "4111111111111111", card: { number: "4111111111111111" }, page: { number: 2 } };

  it("hides personal fields only with the test it is given; redact(…, true) is redactWith with isSensitiveField", () => {
    expect(redactWith(body, [])).toEqual(body);
    const hidden = { type: "INVALID", cardNumber: "[REDACTED]", card: { number: "[REDACTED]" }, page: { number: 2 } };
    expect(redactWith(body, [], undefined, personalData.isField)).toEqual(hidden);
    expect(redact(body, [], undefined, true)).toEqual(hidden);
  });

  it("personalData is the runtime's field test and body scan", () => {
    expect(personalData.isField).toBe(isSensitiveField);
    expect(personalData.values).toBe(sensitiveValues);
  });

  it("the generator's list of personal field names is the runtime's (it cannot import the runtime: it runs before the build)", async () => {
    const path = new URL("../../../tools/codegen/src/entries.mjs", import.meta.url).href;
    const codegen = (await import(path)) as { SENSITIVE_FIELDS: string[]; CARD_PARENTS: string[]; isSensitiveField: (name: string, parent?: string) => boolean };
    expect([...codegen.SENSITIVE_FIELDS].sort()).toEqual([...SENSITIVE_FIELDS].sort());
    expect([...codegen.CARD_PARENTS].sort()).toEqual([...CARD_PARENTS].sort());
    for (const [name, parent] of [["card_number", ""], ["Number", "card"], ["number", "page"], ["Billing-Key", ""], ["orderName", ""]] as const) {
      expect(codegen.isSensitiveField(name, parent)).toBe(isSensitiveField(name, parent));
    }
  });
});
