// The V2 error-type catalogue against the provider reference in ../shared (type value and HTTP
// status of every error object), and the helpers' never-throw contract.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describePortOneError, isPortOneErrorType, PortOneErrorType, portOneErrorTypes } from "../src/index.js";

const shared = process.env["PAYSPEC_SHARED"] ?? fileURLToPath(new URL("../../../../shared", import.meta.url));
const typesMd = `${shared}/providers/portone-v2/types.md`;
const available = existsSync(typesMd);
if (!available && process.env["CI"]) throw new Error(`${typesMd} not found: CI must run beside shared/`);

/** Error objects of the reference: schema name → { type, status }. */
function referenceErrors(): Map<string, { type: string; status: number }> {
  const out = new Map<string, { type: string; status: number }>();
  const text = readFileSync(typesMd, "utf8");
  for (const section of text.split(/\n<a id="/).slice(1)) {
    const name = section.slice(0, section.indexOf('"'));
    if (!section.includes("- **Kind:** error object")) continue;
    const status = /- \*\*HTTP status:\*\* (\d+)/.exec(section)?.[1];
    const type = /- \*\*`type` value:\*\* `([A-Z0-9_]+)`/.exec(section)?.[1];
    if (status && type) out.set(name, { type, status: Number(status) });
  }
  return out;
}

describe.runIf(available)("catalogue against the provider reference", () => {
  const reference = available ? referenceErrors() : new Map<string, { type: string; status: number }>();
  it("the reference was read", () => {
    expect(reference.size).toBeGreaterThan(150);
  });
  it.each(Object.values(portOneErrorTypes).map((info) => [info.type, info] as const))("%s: type and status as in the reference", (_type, info) => {
    expect(info.schemas.length).toBeGreaterThan(0);
    for (const schema of info.schemas) {
      expect(reference.get(schema), schema).toEqual({ type: info.type, status: info.status });
    }
    expect(info.operations.length).toBeGreaterThan(0);
  });
});

describe("helpers", () => {
  it("describe a known type or an error body", () => {
    expect(describePortOneError("BILLING_KEY_NOT_FOUND")).toMatchObject({ known: true, status: 404 });
    expect(describePortOneError({ type: "PG_PROVIDER", pgCode: "x" })).toMatchObject({ known: true, status: 502 });
    expect(PortOneErrorType.BILLING_KEY_NOT_FOUND).toBe("BILLING_KEY_NOT_FOUND");
  });
  it.each([
    ["undefined", undefined],
    ["null", null],
    ["number", 404],
    ["unknown type", "SOMETHING_NEW"],
    ["prototype key", "toString"],
    ["body without type", { message: "x" }],
    ["throwing getter", Object.defineProperty({}, "type", { get: () => { throw new Error("boom"); } })],
  ])("never throws on %s", (_name, value) => {
    expect(isPortOneErrorType(value)).toBe(false);
    expect(describePortOneError(value).known).toBe(false);
  });
});
