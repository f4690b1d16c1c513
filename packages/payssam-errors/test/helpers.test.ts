import { describe, expect, it } from "vitest";
import { describePaySsamResult, isPaySsamResultCode, isPaySsamSuccess, PaySsamResultCode } from "../src/index.js";

describe("helpers never throw on unknown input", () => {
  const weird: [string, unknown][] = [
    ["undefined", undefined],
    ["null", null],
    ["0", 0],
    ["a number", 1234],
    ["empty string", ""],
    ["lower-case code", "bill_003"],
    ["unlisted code", "BILL_999"],
    ["object", {}],
    ["array", []],
    ["symbol", Symbol("x")],
    ["bigint", 10n],
    ["object whose toString throws", { toString: () => { throw new Error("boom"); } }],
    ["null-prototype object", Object.create(null)],
  ];

  it.each(weird)("isPaySsamResultCode(%s) is false", (_name, value) => {
    expect(isPaySsamResultCode(value)).toBe(false);
  });

  it.each(weird)("describePaySsamResult(%s) is unknown", (_name, value) => {
    const d = describePaySsamResult(value);
    expect(d.known).toBe(false);
    expect(d.success).toBe(false);
    expect(typeof d.code).toBe("string");
  });

  it("does not mistake Object.prototype keys for codes", () => {
    expect(isPaySsamResultCode("toString")).toBe(false);
    expect(isPaySsamResultCode("__proto__")).toBe(false);
    expect(describePaySsamResult("constructor").known).toBe(false);
  });
});

describe("known codes", () => {
  it("describes BILL_003", () => {
    const d = describePaySsamResult("BILL_003");
    expect(d).toMatchObject({ known: true, code: "BILL_003", status: "실패", success: false, family: "BILL", message: "청구서를 찾을 수 없습니다." });
  });
  it("0000 is the only success", () => {
    expect(PaySsamResultCode.SUCCESS).toBe("0000");
    expect(isPaySsamSuccess("0000")).toBe(true);
    expect(isPaySsamSuccess("ERROR")).toBe(false);
    const successes = Object.values(PaySsamResultCode).filter((c) => describePaySsamResult(c).success);
    expect(successes).toEqual(["0000"]);
  });
});
