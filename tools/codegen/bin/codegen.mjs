#!/usr/bin/env node
// Usage: payspec-codegen <target>   (run by each package's `codegen` script through turbo)
// Reads specs/<provider>/openapi.yaml and writes packages/<target>/src/generated/.
import { join } from "node:path";
import { bundleSpec, repoRoot } from "../src/bundle.mjs";
import { writeGenerated } from "../src/emit.mjs";
import { generatePaySsamErrors, generatePaySsamOperations } from "../src/payssam.mjs";
import { generateTypes } from "../src/types.mjs";

const targets = {
  async payssam() {
    const doc = await bundleSpec("payssam");
    return {
      "openapi.ts": await generateTypes({ provider: "payssam", doc }),
      "operations.ts": generatePaySsamOperations(doc),
    };
  },
  async "payssam-errors"() {
    const doc = await bundleSpec("payssam");
    return { "result-codes.ts": generatePaySsamErrors(doc) };
  },
};

const target = process.argv[2];
if (!(target in targets)) {
  console.error(`usage: payspec-codegen <${Object.keys(targets).join("|")}>`);
  process.exit(2);
}
const files = await targets[target]();
for (const [name, text] of Object.entries(files)) {
  const path = join(repoRoot, "packages", target, "src", "generated", name);
  await writeGenerated(path, text);
  console.log(`wrote packages/${target}/src/generated/${name}`);
}
