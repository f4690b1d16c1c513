import { describe, expect, it } from "vitest";
import { attwProblems, manifestProblems, packedManifestProblems, tarballProblems } from "../src/check.mjs";

const rootRepository = { type: "git", url: "git+https://github.com/payspec/payspec.git" };
const good = {
  name: "@payspec/example",
  description: "x",
  license: "MIT",
  author: "payspec contributors",
  type: "module",
  engines: { node: ">=20.19" },
  homepage: "https://github.com/payspec/payspec/tree/main/packages/example#readme",
  bugs: { url: "https://github.com/payspec/payspec/issues" },
  repository: { ...rootRepository, directory: "packages/example" },
  publishConfig: { access: "public", provenance: true },
  files: ["dist", "README.md", "CHANGELOG.md", "LICENSE"],
  exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./package.json": "./package.json" },
  dependencies: { "openapi-fetch": "^0.17.0", "@payspec/runtime": "workspace:^" },
};
const options = { rootRepository, directory: "packages/example" };
const without = (key) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== key));

describe("manifestProblems", () => {
  it("accepts a complete manifest", () => {
    expect(manifestProblems(good, options)).toEqual([]);
  });
  it.each(["repository", "homepage", "bugs", "author", "license", "publishConfig", "files"])("names a missing %s", (key) => {
    expect(manifestProblems(without(key), options).join("\n")).toMatch(key === "files" ? /files/ : new RegExp(key));
  });
  it("wants the directory and the root's URL", () => {
    const pkg = { ...good, repository: { type: "git", url: "https://github.com/someone/fork" } };
    expect(manifestProblems(pkg, options)).toEqual([
      expect.stringMatching(/^repository.url/),
      expect.stringMatching(/^repository.directory/),
    ]);
  });
  it("wants provenance and CHANGELOG.md in files", () => {
    const pkg = { ...good, publishConfig: { access: "public" }, files: ["dist", "README.md", "LICENSE"] };
    expect(manifestProblems(pkg, options)).toEqual([expect.stringMatching(/provenance/), expect.stringMatching(/CHANGELOG.md/)]);
  });
  it("rejects exact runtime dependency versions", () => {
    expect(manifestProblems({ ...good, dependencies: { "openapi-fetch": "0.17.0" } }, options)).toEqual([
      expect.stringMatching(/openapi-fetch is "0.17.0"/),
    ]);
  });
});

describe("tarballProblems", () => {
  const files = ["package.json", "README.md", "CHANGELOG.md", "LICENSE", "dist/index.js", "dist/index.d.ts"];
  it("accepts a complete listing", () => {
    expect(tarballProblems(files, good)).toEqual([]);
  });
  it("names missing LICENSE, CHANGELOG.md and exports targets", () => {
    const listing = files.filter((f) => f !== "LICENSE" && f !== "CHANGELOG.md" && f !== "dist/index.d.ts");
    expect(tarballProblems(listing, good)).toEqual([
      "the tarball has no CHANGELOG.md",
      "the tarball has no LICENSE",
      "the tarball lacks ./dist/index.d.ts, an exports target",
    ]);
  });
  it("rejects tests and build leftovers", () => {
    expect(tarballProblems([...files, "src/a.test.ts", "tsconfig.tsbuildinfo"], good)).toHaveLength(2);
  });
});

it("packedManifestProblems finds an unreplaced workspace range", () => {
  expect(packedManifestProblems({ dependencies: { "@payspec/runtime": "workspace:^", x: "^1.0.0" } })).toEqual([
    "packed dependencies.@payspec/runtime is still workspace:^",
  ]);
});

describe("attwProblems (esm-only profile)", () => {
  const analysis = (problems) => ({ types: { kind: "included" }, problems });
  it("accepts a package without problems", () => {
    expect(attwProblems(analysis([]))).toEqual([]);
  });
  it("ignores node10 and CommonJS resolutions, and reports the rest with where they are", () => {
    const problems = [
      { kind: "NoResolution", entrypoint: "./webhooks", resolutionKind: "node10" },
      { kind: "CJSResolvesToESM", entrypoint: ".", resolutionKind: "node16-cjs" },
      { kind: "FalseESM", entrypoint: ".", resolutionKind: "node16-esm" },
      { kind: "InternalResolutionError", entrypoint: "./webhooks", resolutionKind: "bundler" },
      { kind: "MissingExportEquals" },
    ];
    expect(attwProblems(analysis(problems))).toEqual([
      'FalseESM at "." (node16-esm)',
      'InternalResolutionError at "./webhooks" (bundler)',
      "MissingExportEquals",
    ]);
  });
  it("fails a package without types", () => {
    expect(attwProblems({ types: false })).toHaveLength(1);
  });
});
