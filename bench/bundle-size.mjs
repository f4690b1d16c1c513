// Minified and gzipped size of consumer bundles (esbuild --bundle --minify, browser-neutral ESM, gzip -9),
// side by side in one run: @payspec/portone's whole client, one operation (as a standalone function on
// the small core, and as a method of the whole client), each entry point whole, and the official
// @portone/server-sdk's equal consumers; then the same rows of @payspec/payssam and @payspec/portone-global
// (whole client, one operation as a function and as a method, each entry point whole; they have no official
// SDK). "without the runtime" marks @payspec/runtime external: what the package itself adds (the
// operation's row, schemas, shape and function, and the core) beside the shared runtime.
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const secret = `{ secret: "bench-secret-value" }`;
const payssam = `{ apiKey: "bench-api-key", member: "m", merchant: "s" }`;
const global = `{ clientKey: "bench-client-key", secretKey: "bench-secret-value" }`;
const consumers = {
  "@payspec/portone, whole client": `import { createPortOneClient } from "@payspec/portone";
    export const client = createPortOneClient(${secret});`,
  "@payspec/portone, getPayment (function)": `import { createPortOneCore, getPayment } from "@payspec/portone/payment";
    const portone = createPortOneCore(${secret});
    export const get = (id) => getPayment(portone, { paymentId: id });`,
  "@payspec/portone, getPayment (function) without the runtime": {
    contents: `import { createPortOneCore, getPayment } from "@payspec/portone/payment";
      const portone = createPortOneCore(${secret});
      export const get = (id) => getPayment(portone, { paymentId: id });`,
    external: ["@payspec/runtime"],
  },
  // What the trust checks weigh, and what is left without them: the runtime's check modules (input validation,
  // response checks, option checks, redaction) replaced by no-op stubs. Not a product: a figure for deciding
  // what a one-operation bundle can weigh while its timeouts abort, retries follow one policy and calls never throw.
  "@payspec/portone, getPayment (function) with every check stubbed out": {
    contents: `import { createPortOneCore, getPayment } from "@payspec/portone/payment";
      const portone = createPortOneCore(${secret});
      export const get = (id) => getPayment(portone, { paymentId: id });`,
    stubbed: true,
  },
  "@payspec/portone, the core alone without the runtime": {
    contents: `import { createPortOneCore } from "@payspec/portone/payment";
      export const portone = createPortOneCore(${secret});`,
    external: ["@payspec/runtime"],
  },
  "@payspec/portone, getPayment (method of the whole client)": `import { createPortOneClient } from "@payspec/portone";
    export const get = (id) => createPortOneClient(${secret}).getPayment({ paymentId: id });`,
  "@portone/server-sdk, whole client": `import { PortOneClient } from "@portone/server-sdk";
    export const client = PortOneClient(${secret});`,
  "@portone/server-sdk, getPayment (PaymentClient)": `import { PaymentClient } from "@portone/server-sdk/payment";
    export const get = (id) => PaymentClient(${secret}).getPayment({ paymentId: id });`,
  "@payspec/portone, openapi-fetch client": `import { createPortOneFetchClient } from "@payspec/portone";
    export const raw = createPortOneFetchClient(${secret});`,
  "@payspec/payssam, whole client": `import { createPaySsamClient } from "@payspec/payssam";
    export const client = createPaySsamClient(${payssam});`,
  "@payspec/payssam, whole client without the runtime": {
    contents: `import { createPaySsamClient } from "@payspec/payssam";
      export const client = createPaySsamClient(${payssam});`,
    external: ["@payspec/runtime"],
  },
  "@payspec/payssam, sendBill (function)": `import { createPaySsamCore, sendBill } from "@payspec/payssam/bill";
    const payssam = createPaySsamCore(${payssam});
    export const send = (bill) => sendBill(payssam, bill);`,
  "@payspec/payssam, sendBill (function) without the runtime": {
    contents: `import { createPaySsamCore, sendBill } from "@payspec/payssam/bill";
      const payssam = createPaySsamCore(${payssam});
      export const send = (bill) => sendBill(payssam, bill);`,
    external: ["@payspec/runtime"],
  },
  "@payspec/payssam, sendBill (method of the whole client)": `import { createPaySsamClient } from "@payspec/payssam";
    export const send = (bill) => createPaySsamClient(${payssam}).sendBill(bill);`,
  "@payspec/portone-global, whole client": `import { createPortOneGlobalClient } from "@payspec/portone-global";
    export const client = createPortOneGlobalClient(${global});`,
  "@payspec/portone-global, whole client without the runtime": {
    contents: `import { createPortOneGlobalClient } from "@payspec/portone-global";
      export const client = createPortOneGlobalClient(${global});`,
    external: ["@payspec/runtime"],
  },
  "@payspec/portone-global, getTransactionStatus (function)": `import { createPortOneGlobalCore, getTransactionStatus } from "@payspec/portone-global/payment";
    const global = createPortOneGlobalCore(${global});
    export const status = (ref) => getTransactionStatus(global, { merchantOrderRef: ref });`,
  "@payspec/portone-global, getTransactionStatus (function) without the runtime": {
    contents: `import { createPortOneGlobalCore, getTransactionStatus } from "@payspec/portone-global/payment";
      const global = createPortOneGlobalCore(${global});
      export const status = (ref) => getTransactionStatus(global, { merchantOrderRef: ref });`,
    external: ["@payspec/runtime"],
  },
  "@payspec/portone-global, getTransactionStatus (method of the whole client)": `import { createPortOneGlobalClient } from "@payspec/portone-global";
    export const status = (ref) => createPortOneGlobalClient(${global}).getTransactionStatus({ merchantOrderRef: ref });`,
};
// Every entry point of each package, all of its functions used.
for (const name of ["@payspec/portone", "@payspec/payssam", "@payspec/portone-global"]) {
  const root = dirname(createRequire(import.meta.url).resolve(`${name}/package.json`));
  for (const file of readdirSync(join(root, "src/generated/entries")).sort()) {
    const entry = file.replace(/\.ts$/, "");
    consumers[`${name}/${entry}, every function`] = `export * from "${name}/${entry}";`;
  }
}

// No-op stand-ins of the runtime's check modules, export for export (a missing one fails the build).
const checkStubs = {
  "validate.js": `const k = () => {}; export const isCalendarDate = () => true, validateWith = () => [], issuesOf = () => [], patternKeyword = k, dateFormat = k, dateTimeFormat = k, uriFormat = k, allOfKeyword = k, anyOfKeyword = k, oneOfKeyword = k, ifKeyword = k, ALL_KEYWORDS = {}, validate = () => [];`,
  "response.js": `export const nestedDeeperThan = () => false, MAX_SHAPE_DEPTH = 2, checkShape = () => undefined, unexpectedShape = (c) => new Error(c.operation), isProblem = () => false;
    export function parseJson(t) { try { return { value: JSON.parse(t) }; } catch { return { failure: "not-json" }; } }`,
  "checks.js": `const none = () => []; export const MAX_TIMEOUT_MS = 2147483647, MIN_SECRET_LENGTH = 8, RESERVED_HEADERS = [], checkTimeout = none, checkNonNegative = none, checkPathValue = none, checkHeaders = none, checkSignal = none, checkSecret = none, checkKnownKeys = none;
    export function checkBaseUrl(_field, value) { return value.replace(/\\/+$/, ""); }`,
  "redact.js": `const same = (x) => x; export const redactText = same, SENSITIVE_FIELDS = [], CARD_PARENTS = [], isSensitiveField = () => false, MAX_JSON_DEPTH = 64, sensitiveValues = () => [], personalData = {}, redact = same, redactWith = same, snippet = same, scrubError = same;`,
};
const stubChecks = {
  name: "stub-checks",
  setup(b) {
    b.onLoad({ filter: /runtime[\/\\]dist[\/\\](validate|response|checks|redact)\.js$/ }, (args) => ({ contents: checkStubs[args.path.split(/[\/\\]/).pop()], loader: "js" }));
  },
};

const sizes = {};
for (const [name, consumer] of Object.entries(consumers)) {
  const { contents, external = [], stubbed = false } = typeof consumer === "string" ? { contents: consumer } : consumer;
  const result = await build({
    stdin: { contents, resolveDir: import.meta.dirname, loader: "js" },
    // The clients are neutral ESM; the official SDK's dependencies need Node's resolution conditions.
    conditions: ["import", "default"],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    external,
    plugins: stubbed ? [stubChecks] : [],
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  sizes[name] = { min: code.length, gz: gzipSync(code, { level: 9 }).length };
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const width = Math.max(...Object.keys(sizes).map((n) => n.length));
console.log("consumer bundle sizes (esbuild --bundle --minify, gzip -9):");
for (const [name, { min, gz }] of Object.entries(sizes)) console.log(`  ${name.padEnd(width)} ${kb(min).padStart(9)} min  ${kb(gz).padStart(8)} gz`);
const ratio = (ours, theirs) => `${(sizes[ours].min / sizes[theirs].min).toFixed(2)} minified, ${(sizes[ours].gz / sizes[theirs].gz).toFixed(2)} gzipped`;
console.log(`  whole client, ours / official: ${ratio("@payspec/portone, whole client", "@portone/server-sdk, whole client")}`);
console.log(`  getPayment, ours (function) / official (PaymentClient): ${ratio("@payspec/portone, getPayment (function)", "@portone/server-sdk, getPayment (PaymentClient)")}`);
