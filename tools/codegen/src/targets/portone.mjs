import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { bundleSpec, repoRoot } from "../bundle.mjs";
import { generatePortOneEntries, openResponseTypes, splitRequestAndResponseSchemas } from "../portone.mjs";
import { generateTypes, UNRECOGNIZED_IMPORT } from "../types.mjs";

/** packages/portone/src/generated: types (requests closed, responses open), the entry points with their rows and shared constants, the method list. */
export default async function portone() {
  const bundled = await bundleSpec("portone");
  const { doc, responseSide } = splitRequestAndResponseSchemas(bundled);
  const types = await generateTypes({ provider: "portone", doc, transform: await openResponseTypes(doc, responseSide), prelude: UNRECOGNIZED_IMPORT });
  const pkg = JSON.parse(await readFile(join(repoRoot, "packages/portone/package.json"), "utf8"));
  const { files, ops } = generatePortOneEntries(doc, { userAgent: `${pkg.name}/${pkg.version}` });
  const entryOf = (id) => ops.find((op) => op.id === id).entry;
  return {
    ...types,
    ...files,
    "pagination.ts": (await import("../portone-pagination.mjs")).generatePortOnePagination(bundled, entryOf),
  };
}
