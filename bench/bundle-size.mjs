// Minified and gzipped size of consumer bundles (esbuild, browser-neutral ESM), side by side in one
// run: the whole client and a single operation of @payspec/portone vs @portone/server-sdk, and the
// whole clients of @payspec/payssam and @payspec/portone-global.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const consumers = {
  "@payspec/portone, whole client": `import { createPortOneClient } from "@payspec/portone";
    export const client = createPortOneClient({ secret: "bench-secret-value" });`,
  "@payspec/portone, one operation (method)": `import { createPortOneClient } from "@payspec/portone";
    export const get = (id) => createPortOneClient({ secret: "bench-secret-value" }).getPayment({ paymentId: id });`,
  "@payspec/portone, one operation (function)": `import { createPortOneCore, getPayment } from "@payspec/portone/payment";
    const portone = createPortOneCore({ secret: "bench-secret-value" });
    export const get = (id) => getPayment(portone, { paymentId: id });`,
  "@portone/server-sdk, whole client": `import { PortOneClient } from "@portone/server-sdk";
    export const client = PortOneClient({ secret: "bench-secret-value" });`,
  "@portone/server-sdk, one operation": `import { PaymentClient } from "@portone/server-sdk/payment";
    export const get = (id) => PaymentClient({ secret: "bench-secret-value" }).getPayment({ paymentId: id });`,
  "@payspec/portone, openapi-fetch client": `import { createPortOneFetchClient } from "@payspec/portone";
    export const raw = createPortOneFetchClient({ secret: "bench-secret-value" });`,
  "@payspec/payssam, whole client": `import { createPaySsamClient } from "@payspec/payssam";
    export const client = createPaySsamClient({ apiKey: "bench-api-key", member: "m", merchant: "s" });`,
  "@payspec/portone-global, whole client": `import { createPortOneGlobalClient } from "@payspec/portone-global";
    export const client = createPortOneGlobalClient({ clientKey: "bench-client-key", secretKey: "bench-secret-value" });`,
};

const sizes = {};
for (const [name, contents] of Object.entries(consumers)) {
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "js" },
    // The clients are neutral ESM; the official SDK's dependencies need Node's resolution conditions.
    conditions: ["import", "default"],
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
