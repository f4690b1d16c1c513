// seriesOf for codes in and out of the table, and parseStatus on every wire form the reference
// collects from the official material (REFERENCE.md §5.5), plus garbage it must survive.
import { describe, expect, it } from "vitest";
import {
  codeOfStatusName,
  isKnownPortOneGlobalCode,
  isPortOneGlobalStatusCode,
  parseStatus,
  PortOneGlobalSeriesCode,
  seriesOf,
  statusNamesOf,
} from "../src/global.js";

describe("seriesOf", () => {
  it.each([
    ["1000", "pending"],
    ["1500", "pending"],
    ["2000", "success"],
    ["2999", "success"],
    ["4000", "validation"], // in examples, not a row
    ["4004", "validation"], // a gap of the table
    ["4074", "validation"],
    ["4999", "validation"],
    ["5000", "system"],
    ["5005", "system"], // gap
    ["5027", "system"], // gap
    ["6007", "bank-card"], // gap
    ["6999", "bank-card"],
    ["7000", "unknown"],
    ["7001", "unknown"],
    ["8001", "other-psp"],
    ["8500", "other-psp"],
    ["3000", "unrecognised"], // no 3000 series on the page
    ["9001", "unrecognised"],
    ["0400", "unrecognised"],
    ["200", "unrecognised"],
    ["400", "unrecognised"],
    ["40010", "unrecognised"],
    ["", "unrecognised"],
    [" 4001", "unrecognised"],
    ["4O01", "unrecognised"],
  ])("%j is %s", (code, series) => {
    expect(seriesOf(code)).toBe(series);
  });

  it("reads integers as their digits and rejects anything else", () => {
    expect(seriesOf(4010)).toBe("validation");
    expect(seriesOf(6014)).toBe("bank-card");
    for (const value of [4001.5, Number.NaN, -4001, null, undefined, true, {}, [], Symbol("x"), 10n]) {
      expect(seriesOf(value)).toBe("unrecognised");
    }
  });
});

describe("lookups", () => {
  it("knows table codes and series codes apart", () => {
    expect(isPortOneGlobalStatusCode("4054")).toBe(true);
    expect(isPortOneGlobalStatusCode("2000")).toBe(false);
    expect(isKnownPortOneGlobalCode("2000")).toBe(true);
    expect(isKnownPortOneGlobalCode(PortOneGlobalSeriesCode.PENDING)).toBe(true);
    expect(isKnownPortOneGlobalCode("4000")).toBe(false);
    expect(isPortOneGlobalStatusCode(4054)).toBe(false);
    expect(isPortOneGlobalStatusCode("toString")).toBe(false);
  });

  it("maps names to codes and codes to names, for odd input too", () => {
    expect(codeOfStatusName("INVALID_REQUEST")).toBe("4025");
    expect(codeOfStatusName("INVALID_JWT_TOKEN")).toBeUndefined();
    expect(codeOfStatusName("constructor")).toBeUndefined();
    expect(statusNamesOf("4000")).toEqual([]);
    expect(statusNamesOf({})).toEqual([]);
    expect(statusNamesOf("__proto__")).toEqual([]);
  });
});

describe("parseStatus: the wire variants of the official material", () => {
  it("a table code with its own name", () => {
    const s = parseStatus({ message: "The JWT Token or header is invalid or expired!", status_code: "4054", status_reason: "INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR", is_success: false });
    expect(s).toMatchObject({ kind: "known", code: "4054", names: ["INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR"], series: "validation", reasonMatchesCode: true, reasonCode: "4054", isSuccess: false, outcome: "failure", message: "The JWT Token or header is invalid or expired!" });
  });

  it("the success envelope, 2000 SUCCESS", () => {
    expect(parseStatus({ content: {}, status_code: "2000", status_reason: "SUCCESS" })).toMatchObject({ kind: "known", code: "2000", names: ["SUCCESS"], series: "success", reasonMatchesCode: true, outcome: "success" });
  });

  it("2000 with title-case Success (§5.5 #5)", () => {
    expect(parseStatus({ status_code: "2000", status_reason: "Success" })).toMatchObject({ kind: "known", reason: "Success", reasonMatchesCode: true, outcome: "success" });
  });

  it("a code given as a JSON number (subscription redirects)", () => {
    expect(parseStatus({ status_code: 4001, status_reason: "INVALID_REQUEST_DATA" })).toMatchObject({ kind: "known", code: "4001", reasonMatchesCode: true });
    expect(parseStatus({ status_code: 2000 })).toMatchObject({ kind: "known", code: "2000", outcome: "success" });
  });

  it("4001 paired with reasons the table gives other codes (§5.5 #1)", () => {
    for (const [reason, reasonCode] of [["INVALID_REQUEST", "4025"], ["INVALID_ENVIRONMENT", "4034"], ["INVALID_PAYMENT_REQUEST", undefined], ["SYSTEM_ERROR", undefined]] as const) {
      const s = parseStatus({ status_code: "4001", status_reason: reason });
      expect(s).toMatchObject({ kind: "known", code: "4001", names: ["INVALID_REQUEST_DATA"], reason, reasonMatchesCode: false, outcome: "failure" });
      expect(s.reasonCode).toBe(reasonCode);
    }
  });

  it("4010 with INVALID_UNAUTHORISED_TRANSACTION_ERROR and INVALID_JWT_TOKEN (§5.5 #2)", () => {
    expect(parseStatus({ status_code: "4010", status_reason: "INVALID_UNAUTHORISED_TRANSACTION_ERROR" })).toMatchObject({ kind: "known", code: "4010", reasonMatchesCode: false, reasonCode: "4012" });
    expect(parseStatus({ status_code: "4010", status_reason: "INVALID_JWT_TOKEN" })).toMatchObject({ kind: "known", code: "4010", reasonMatchesCode: false, reasonCode: undefined });
  });

  it("4042 with MERCHANT_NOT_FOUND and DATA_NOT_FOUND (§5.5 #3)", () => {
    expect(parseStatus({ status_code: "4042", status_reason: "MERCHANT_NOT_FOUND" })).toMatchObject({ kind: "known", names: ["MERCHANT_ALREADY_EXISTS"], reasonCode: "4016", reasonMatchesCode: false });
    expect(parseStatus({ status_code: "4042", status_reason: "DATA_NOT_FOUND" })).toMatchObject({ kind: "known", reasonMatchesCode: false });
  });

  it("4081 matches either of its names", () => {
    expect(parseStatus({ status_code: "4081", status_reason: "PARTIAL_REFUND_NOT_ALLOWED" })).toMatchObject({ names: ["PARTIAL_REFUND_NOT_ALLOWED", "ROLE_NOT_ALLOWED"], reasonMatchesCode: true });
    expect(parseStatus({ status_code: "4081", status_reason: "ROLE_NOT_ALLOWED" })).toMatchObject({ reasonMatchesCode: true });
  });

  it("4000, which is not a row (§5.5 #4)", () => {
    expect(parseStatus({ status_code: "4000", status_reason: "INVALID_TRANSACTION_ERROR" })).toMatchObject({ kind: "unknown", code: "4000", series: "validation", outcome: "failure" });
    expect(parseStatus({ status_code: "4000", status_reason: "BAD_REQUEST" })).toMatchObject({ kind: "unknown", outcome: "failure" });
  });

  it('HTTP-style "200" and "400" of the subscription guides (§5.5 #6)', () => {
    expect(parseStatus({ status_code: "200", status_reason: "SUCCESS", is_success: "true" })).toMatchObject({ kind: "unknown", code: "200", series: "unrecognised", outcome: "success" });
    expect(parseStatus({ status_code: "400", status_reason: "Bad Request", is_success: "false" })).toMatchObject({ kind: "unknown", code: "400", reason: "Bad Request", reasonCode: undefined, outcome: "failure" });
  });

  it('empty strings for a transaction still Initiated (§5.5 #7)', () => {
    expect(parseStatus({ status: "Initiated", status_code: "", status_reason: "", status_channel_reason: "" })).toMatchObject({ kind: "absent", raw: "", reason: undefined, outcome: "unknown" });
  });

  it("camelCase statusCode / statusReason of payment-link fetch-status (§5.5 #8)", () => {
    expect(parseStatus({ statusCode: "2000", statusReason: "Success" })).toMatchObject({ kind: "known", code: "2000", reason: "Success", outcome: "success" });
    expect(parseStatus({ statusCode: "6014", statusReason: "INVALID_CARD_DECLINED_ERROR" })).toMatchObject({ kind: "known", series: "bank-card", reasonMatchesCode: true });
  });

  it("status_message instead of status_reason (§5.5 #9)", () => {
    expect(parseStatus({ status_code: "2000", status_message: "Success" })).toMatchObject({ kind: "known", reason: "Success", reasonMatchesCode: true });
    expect(parseStatus({ status_code: "4010", status_reason: "", status_message: "INVALID_UNAUTHORISED_TRANSACTION_IAMPORTKEY_ERROR" })).toMatchObject({ reasonMatchesCode: true });
    expect(parseStatus({ status_code: "4010", status_reason: "INVALID_JWT_TOKEN", status_message: "X" })).toMatchObject({ reason: "INVALID_JWT_TOKEN" });
  });

  it('is_success as a boolean or the strings "true" / "false" (§5.5 #10)', () => {
    expect(parseStatus({ is_success: true }).isSuccess).toBe(true);
    expect(parseStatus({ is_success: "true" }).isSuccess).toBe(true);
    expect(parseStatus({ is_success: "false" }).isSuccess).toBe(false);
    expect(parseStatus({ is_success: " FALSE " }).isSuccess).toBe(false);
    expect(parseStatus({ isSuccess: "true" }).isSuccess).toBe(true);
    expect(parseStatus({ is_success: "yes" }).isSuccess).toBeUndefined();
    expect(parseStatus({ is_success: 1 }).isSuccess).toBeUndefined();
  });

  it("bodies without a code: initiatePayment's bare object, refund and payment-link webhooks (§5.5 #12)", () => {
    expect(parseStatus({ is_success: true, redirect_url: "https://x" })).toMatchObject({ kind: "absent", raw: undefined, outcome: "success" });
    expect(parseStatus({ is_success: false, message: "no" })).toMatchObject({ kind: "absent", outcome: "failure", message: "no" });
    expect(parseStatus({ refund_status: "SUCCESS" })).toMatchObject({ kind: "absent", outcome: "unknown" });
  });

  it("a code that is later than the table keeps its series", () => {
    expect(parseStatus({ status_code: "4103", status_reason: "SOMETHING_NEW" })).toMatchObject({ kind: "unknown", code: "4103", series: "validation", outcome: "failure" });
    expect(parseStatus({ status_code: "9999" })).toMatchObject({ kind: "unknown", series: "unrecognised", outcome: "unknown" });
    expect(parseStatus({ status_code: "1000" })).toMatchObject({ kind: "known", names: ["PENDING"], outcome: "pending" });
  });

  it("trims spaces around codes and reasons", () => {
    expect(parseStatus({ status_code: " 4054 ", status_reason: " INVALID_UNAUTHORIZED_JWT_TOKEN_ERROR " })).toMatchObject({ kind: "known", code: "4054", reasonMatchesCode: true });
  });

  it("reads a JSON text body", () => {
    expect(parseStatus('{"status_code":"4011","status_reason":"INVALID_UNAUTHORISED_TRANSACTION_SIGNATURE_ERROR"}')).toMatchObject({ kind: "known", code: "4011" });
  });
});

describe("parseStatus never throws", () => {
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const hostile = new Proxy({}, { get() { throw new Error("boom"); }, has() { throw new Error("boom"); }, getOwnPropertyDescriptor() { throw new Error("boom"); } });
  const getter = Object.defineProperty({}, "status_code", { get() { throw new Error("boom"); }, enumerable: true });
  const garbage: [string, unknown][] = [
    ["undefined", undefined], ["null", null], ["a number", 4001], ["a string that is not JSON", "<html>502</html>"],
    ["a JSON array", [1, 2]], ["JSON text of an array", "[1]"], ["an empty object", {}], ["a boolean code", { status_code: true }],
    ["an object code", { status_code: { code: "4001" } }], ["an array code", { status_code: ["4001"] }], ["NaN", { status_code: Number.NaN }],
    ["Infinity", { status_code: Number.POSITIVE_INFINITY }], ["a float", { status_code: 4001.5 }], ["a bigint", { status_code: 4001n }],
    ["a symbol", { status_code: Symbol("x") }], ["a reason object", { status_code: "4001", status_reason: { a: 1 } }],
    ["a revoked proxy", revoked.proxy], ["a hostile proxy", hostile], ["a throwing getter", getter],
    ["__proto__ code", JSON.parse('{"status_code":"__proto__"}')], ["a huge string", { status_code: "9".repeat(100_000) }],
    ["a function", () => "4001"], ["Uint8Array", new Uint8Array([1, 2])],
  ];
  it.each(garbage)("%s", (_name, value) => {
    const s = parseStatus(value);
    expect(["known", "unknown", "absent"]).toContain(s.kind);
    expect(["success", "pending", "failure", "unknown"]).toContain(s.outcome);
  });

  it("keeps unusable codes in `raw` and never calls them success", () => {
    expect(parseStatus({ status_code: true })).toMatchObject({ kind: "absent", raw: true, outcome: "unknown" });
    expect(parseStatus({ status_code: 4001.5 })).toMatchObject({ kind: "unknown", code: "4001.5", series: "unrecognised" });
    expect(parseStatus({ status_code: "SUCCESS" })).toMatchObject({ kind: "unknown", code: "SUCCESS", outcome: "unknown" });
  });
});
