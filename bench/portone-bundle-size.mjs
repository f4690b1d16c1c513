// Minified and gzipped size of a consumer bundle (esbuild, browser-neutral ESM) that uses the
// whole client, and one that uses a single operation: @payspec/portone vs @portone/server-sdk.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const consumers = {
  "@payspec/portone, whole client": `import { createPortOneClient } from "@payspec/portone";
    export const client = createPortOneClient({ secret: "s" });`,
  "@payspec/portone, one operation": `import { createPortOneClient } from "@payspec/portone";
    export const get = (id) => createPortOneClient({ secret: "s" }).getPayment({ paymentId: id });`,
  "@portone/server-sdk, whole client": `import { PortOneClient } from "@portone/server-sdk";
    export const client = PortOneClient({ secret: "s" });`,
  "@portone/server-sdk, one operation": `import { PaymentClient } from "@portone/server-sdk/payment";
    export const get = (id) => PaymentClient({ secret: "s" }).getPayment({ paymentId: id });`,
};

const sizes = {};
for (const [name, contents] of Object.entries(consumers)) {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  sizes[name] = { min: code.length, gz: gzipSync(code, { level: 9 }).length };
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log("consumer bundle sizes (esbuild --minify, gzip -9):");
for (const [name, { min, gz }] of Object.entries(sizes)) console.log(`  ${name.padEnd(36)} ${kb(min).padStart(9)} min  ${kb(gz).padStart(8)} gz`);
const ours = sizes["@payspec/portone, whole client"];
const theirs = sizes["@portone/server-sdk, whole client"];
console.log(`  whole-client ratio (ours / official): ${(ours.min / theirs.min).toFixed(3)} minified, ${(ours.gz / theirs.gz).toFixed(3)} gzipped`);
