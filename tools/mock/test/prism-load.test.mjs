// Prism requires @faker-js/faker (every locale) when it loads, for dynamic responses the mock never makes: the mock
// defers it (dev-mock.mjs, deferFaker). Here: nothing of faker is loaded with Prism, and Prism's generator still gets
// a faker that works as the real one when something does ask for it.
import { createRequire } from "node:module";
import { expect, it } from "vitest";
import { prism } from "../src/dev-mock.mjs";

const require = createRequire(import.meta.url);
const prismHttp = createRequire(createRequire(require.resolve("@stoplight/prism-cli/package.json")).resolve("@stoplight/prism-http"));
const fakerMain = prismHttp.resolve("@faker-js/faker");
const fakerRoot = fakerMain.slice(0, fakerMain.lastIndexOf("/@faker-js/faker/") + "/@faker-js/faker/".length);
const fakerFilesLoaded = () => Object.keys(require.cache).filter((path) => path.startsWith(fakerRoot) && path !== fakerMain);

it("loads Prism without loading faker, and Prism's dynamic generator still gets a working faker", () => {
  prism();
  expect(fakerFilesLoaded()).toEqual([]);

  const { generate } = prismHttp("./mocker/generator/JSONSchema.js");
  const schema = { type: "object", properties: { name: { type: "string", faker: "name.firstName" } }, required: ["name"] };
  const generated = generate({}, {}, schema, "seed");
  expect(generated._tag).toBe("Right");
  expect(generated.right.name).toMatch(/^[A-Z][a-z'-]+$/);
  // The real faker (with its locales) is loaded now, on first use.
  expect(fakerFilesLoaded().length).toBeGreaterThan(100);
});
