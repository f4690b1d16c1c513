import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { bundleSpec, repoRoot } from "../bundle.mjs";
import { generatePortOneMethods, generatePortOneOperations, openResponseTypes, splitRequestAndResponseSchemas } from "../portone.mjs";
import { generateTypes } from "../types.mjs";

/** packages/portone/src/generated: types (requests closed, responses open), the operation table and the method list. */
export default async function portone() {
  const bundled = await bundleSpec("portone");
  const { doc, responseSide } = splitRequestAndResponseSchemas(bundled);
  const types = await generateTypes({ provider: "portone", doc, transform: await openResponseTypes(doc, responseSide) });
  const pkg = JSON.parse(await readFile(join(repoRoot, "packages/portone/package.json"), "utf8"));
  const { operations, rows } = generatePortOneOperations(doc, { userAgent: `${pkg.name}/${pkg.version}` });
  return {
    "openapi.ts": types.replace(/^(\/\/[^\n]*\n)+/, (h) => `${h}import type { Unrecognized } from "./operations.js";\n`),
    "operations.ts": operations,
    "methods.ts": generatePortOneMethods(bundled, rows),
    "pagination.ts": (await import("../portone-pagination.mjs")).generatePortOnePagination(bundled),
  };
}
