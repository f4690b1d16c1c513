// Which specifiers the import check loads: every JavaScript entry of a package's `exports`, patterns expanded
// over the files it ships, so that entry points added later (per-operation subpaths) are imported without a change here.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { entryPointsOf } from "../src/app.mjs";

const made = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function packageWith(exports, files = []) {
  const dir = mkdtempSync(join(tmpdir(), "payspec-entry-points-"));
  made.push(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "@payspec/x", exports }));
  for (const file of files) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), "");
  }
  return dir;
}

describe("entryPointsOf", () => {
  it("lists the JavaScript subpaths and leaves out ./package.json and type-only entries", () => {
    const dir = packageWith({
      ".": { types: "./dist/index.d.ts", default: "./dist/index.js" },
      "./webhooks": { types: "./dist/webhooks.d.ts", import: "./dist/webhooks.js" },
      "./types": { types: "./dist/types.d.ts" },
      "./package.json": "./package.json",
    });
    expect(entryPointsOf(dir)).toEqual(["@payspec/x", "@payspec/x/webhooks"]);
  });

  it("expands a subpath pattern over the shipped files that match it", () => {
    const dir = packageWith({ ".": "./dist/index.js", "./payment/*": { types: "./dist/payment/*.d.ts", default: "./dist/payment/*.js" } }, [
      "dist/index.js",
      "dist/payment/get-payment.js",
      "dist/payment/get-payment.d.ts",
      "dist/payment/cancel-payment.js",
    ]);
    expect(entryPointsOf(dir).sort()).toEqual(["@payspec/x", "@payspec/x/payment/cancel-payment", "@payspec/x/payment/get-payment"]);
  });

  it("reads a string or a conditions object as the package's main entry", () => {
    expect(entryPointsOf(packageWith("./dist/index.js"))).toEqual(["@payspec/x"]);
    expect(entryPointsOf(packageWith({ types: "./dist/index.d.ts", import: "./dist/index.js" }))).toEqual(["@payspec/x"]);
  });

  it("reads a map without a main entry as subpaths only", () => {
    expect(entryPointsOf(packageWith({ "./a": "./dist/a.js" }))).toEqual(["@payspec/x/a"]);
  });
});
