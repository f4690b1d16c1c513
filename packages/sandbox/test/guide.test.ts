// The root README's "Develop against the sandbox" guide cannot drift: its TypeScript blocks are, character for
// character, the test files of test/guide/, which run in this suite against the built package (`@payspec/sandbox`
// resolves to this package's dist/, as in a user's project). Changing an example means changing the file and the
// README together.
import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";

const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
const start = readme.indexOf("\n## Develop against the sandbox\n");
const section = start < 0 ? "" : readme.slice(start, readme.indexOf("\n## ", start + 1));
const blocks = [...section.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
const folder = new URL("./guide/", import.meta.url);
const files = ["portone", "payssam", "global"].map((name) => ({ name, text: readFileSync(new URL(`${name}.test.ts`, folder), "utf8") }));

it("the README has the guide, with one TypeScript block per provider", () => {
  expect(section).not.toBe("");
  expect(blocks).toHaveLength(3);
  expect(readdirSync(folder).sort()).toEqual(files.map((f) => `${f.name}.test.ts`).sort());
});

it.each(files.map((f, i) => [f.name, i] as const))("the %s example is its file in test/guide/, as it is", (name, i) => {
  expect(blocks[i], `README block ${i + 1} vs test/guide/${name}.test.ts`).toBe(files[i]?.text);
});

it("each example is a whole test file: its imports, a sandbox, a test, and the sandbox closed", () => {
  for (const text of blocks) {
    expect(text).toMatch(/^import /);
    expect(text).toMatch(/from "@payspec\/sandbox";/);
    expect(text).toMatch(/\nit\("/);
    expect(text).toContain("onTestFinished(() => sb.close())");
  }
});
