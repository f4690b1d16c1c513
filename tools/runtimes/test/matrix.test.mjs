// `pnpm test` runs the runtime matrix here: one test per check per runtime, so that the closing total of
// `pnpm test` counts them and a failure names its runtime and check. The matrix runs once, while the file is
// collected (its own limits stop a hung runtime: no test timeout is involved), and prints one line per runtime.
import { describe, expect, it } from "vitest";
import { runMatrix, runtimes } from "../src/matrix.mjs";

const reports = await runMatrix();

it("every runtime ran, and the packed sandbox's bin", () => {
  expect(reports.map((report) => report.tag)).toEqual([...runtimes().map((runtime) => runtime.tag), "sandbox-bin"]);
});

describe.each(reports)("$version", ({ checks }) => {
  it.each(checks)("$name", ({ ok, detail }) => {
    // The detail says what went wrong; on a pass it is what was measured.
    expect(ok ? "passed" : detail).toBe("passed");
  });
});
