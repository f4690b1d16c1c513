import { describe, expectTypeOf, it } from "vitest";
import { parseStatus, PortOneGlobalStatusCode, seriesOf, statusNamesOf, type PortOneGlobalSeriesKind } from "../src/global.js";

describe("global types", () => {
  it("is a const object of literal codes", () => {
    expectTypeOf(PortOneGlobalStatusCode.PARTIAL_REFUND_NOT_ALLOWED).toEqualTypeOf<"4081">();
    expectTypeOf(PortOneGlobalStatusCode.ROLE_NOT_ALLOWED).toEqualTypeOf<"4081">();
    expectTypeOf<"4000">().not.toExtend<PortOneGlobalStatusCode>();
    expectTypeOf(seriesOf("x")).toEqualTypeOf<PortOneGlobalSeriesKind>();
    expectTypeOf(statusNamesOf("4081")).toEqualTypeOf<readonly (keyof typeof PortOneGlobalStatusCode)[]>();
  });

  it("narrows parseStatus by kind", () => {
    const status = parseStatus({});
    if (status.kind === "known") expectTypeOf(status.code).toExtend<PortOneGlobalStatusCode | "1000" | "2000">();
    if (status.kind === "unknown") expectTypeOf(status.code).toEqualTypeOf<string>();
    if (status.kind === "absent") expectTypeOf(status).not.toHaveProperty("code");
  });
});
