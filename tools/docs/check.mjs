#!/usr/bin/env node
// pnpm docs:check — opens what `pnpm run docs` built in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core, which never downloads a browser), served from a static server on
// 127.0.0.1 as a documentation host would serve it, and checks that
//  - every spec page lists every operationId of its spec in the navigation,
//  - the TypeDoc index lists every published package,
//  - no page logs a console error, throws, or requests anything outside the file system,
//  - openapi-typescript's generated types have no pages (they are excluded: see build.mjs),
// and writes a screenshot of each front page to docs-dist/screenshots/.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, relative } from "node:path";
import { chromium } from "playwright-core";
import { bundleSpec, repoRoot } from "@payspec/codegen/bundle";
import { DOCS_DIR, SPECS, publishedPackages } from "./build.mjs";
import { operationExamples } from "../mock/src/examples.mjs";

const executablePath = process.env.PAYSPEC_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(executablePath)) {
  console.error(
    `docs:check needs Chromium at ${executablePath}. On Debian/Ubuntu: apt-get update && apt-get install -y chromium ` +
      "(as root), or set PAYSPEC_CHROMIUM to another Chromium binary.",
  );
  process.exit(2);
}
if (!existsSync(join(DOCS_DIR, "index.html"))) {
  console.error("docs-dist/ is missing or incomplete: run `pnpm run docs` first.");
  process.exit(1);
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json" };
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://docs").pathname)).replace(/^(\.\.[/\\])+/, "");
  const file = join(DOCS_DIR, path.endsWith("/") ? `${path}index.html` : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const failures = [];
await mkdir(join(DOCS_DIR, "screenshots"), { recursive: true });

// One tab for every page: the three spec pages inline the same Redoc bundle (2.6 MB of script), which the renderer
// then compiles once instead of three times.
const tab = await browser.newPage({ viewport: { width: 1280, height: 860 } });
let problems = [];
tab.on("console", (message) => {
  if (message.type() === "error") problems.push(`console error: ${message.text()}`);
});
tab.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
// Nothing may leave the machine: a page that needs the network is broken offline.
await tab.route((url) => !url.href.startsWith(origin) && !/^(data|blob|about):/.test(url.protocol), (route) => {
  problems.push(`remote request: ${route.request().url()}`);
  return route.abort();
});

/** Opens a page in the tab, with a fresh list of what goes wrong on it, and returns it for further checks. */
async function open(file) {
  problems = [];
  await tab.goto(`${origin}/${relative(DOCS_DIR, file)}`, { waitUntil: "load", timeout: 120_000 });
  return { page: tab, problems };
}

/** Screenshot of the page as it first appears. */
async function shoot(name, page) {
  const shot = join(DOCS_DIR, "screenshots", `${name}.png`);
  await page.screenshot({ path: shot });
  return shot;
}

function finish(file, shot, problems, missing) {
  const label = relative(repoRoot, file);
  if (missing.length > 0) problems.push(`not listed: ${missing.join(", ")}`);
  for (const problem of problems) failures.push(`${label}: ${problem}`);
  console.log(`${problems.length === 0 ? "ok  " : "FAIL"} ${label}  (screenshot ${relative(repoRoot, shot)})`);
}

for (const provider of SPECS) {
  const file = join(DOCS_DIR, "specs", `${provider}.html`);
  if (!existsSync(file)) {
    failures.push(`${relative(repoRoot, file)}: missing (run pnpm run docs)`);
    continue;
  }
  const operationIds = operationExamples(await bundleSpec(provider)).map((o) => o.operationId);
  const { page, problems } = await open(file);
  // Redoc renders the navigation after hydration, and the operations of a tag group only while that
  // group is expanded (`#/<tag>/<operationid>`): expand each group in turn and collect the links.
  await page.waitForSelector('[data-component-name="Menu/MenuItem"]', { timeout: 60_000 }).catch(() => problems.push("navigation never rendered"));
  const shot = await shoot(`spec-${provider}`, page);
  // Redoc renders the navigation after hydration, and the operations of a tag group only while that group is
  // expanded. A group's chevron expands it in place and keeps the others open; a click on its link would navigate to
  // the group's page and render it (Chromium spent 17 CPU-s on that for PortOne's 27 groups), so the navigation the
  // chevron's click would also start is prevented. Groups that appear inside expanded ones are expanded in turn.
  const hrefs = await page.evaluate(async () => {
    const item = '[data-component-name="Menu/MenuItem"]';
    const links = () => [...document.querySelectorAll(`${item} a[href]`)].map((a) => a.getAttribute("href") ?? "");
    const lists = (group, now) => now.some((href) => href.replace(/^#/, "").startsWith(`${group}/`));
    const stayHere = (event) => {
      if (event.target instanceof Element && event.target.closest("svg")) event.preventDefault();
    };
    document.addEventListener("click", stayHere, true);
    const expanded = new Set();
    for (let round = 0; round < 10; round++) {
      const now = links();
      const closed = [...document.querySelectorAll(`${item}.menu-item-type-group > a`)].filter((a) => !expanded.has(a.getAttribute("href")));
      if (closed.length === 0) break;
      for (const group of closed) {
        const href = group.getAttribute("href") ?? "";
        expanded.add(href);
        if (!lists(href, now)) group.querySelector("svg")?.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
      }
      // Until every expanded group lists its operations and the list stops changing (at most 5 s: a group that
      // lists nothing is then reported as missing operations).
      let last = "";
      for (let waited = 0; waited < 5000; waited += 20) {
        const current = links();
        if ([...expanded].every((href) => lists(href, current)) && current.join(" ") === last) break;
        last = current.join(" ");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    document.removeEventListener("click", stayHere, true);
    return links();
  });
  const listed = new Set(hrefs.map((href) => href.split("/").pop().toLowerCase()));
  const missing = operationIds.filter((id) => !listed.has(id.toLowerCase()));
  console.log(`     ${provider}: ${operationIds.length - missing.length}/${operationIds.length} operations listed`);
  finish(file, shot, problems, missing);
}

{
  const file = join(DOCS_DIR, "api", "index.html");
  const names = publishedPackages().map((p) => p.manifest.name);
  const { page, problems } = await open(file);
  const text = await page.evaluate(() => document.body.innerText);
  finish(file, await shoot("api", page), problems, names.filter((name) => !text.includes(name)));
}

{
  const file = join(DOCS_DIR, "index.html");
  const { page, problems } = await open(file);
  const targets = await page.$$eval("a[href]", (links) => links.map((a) => a.getAttribute("href")));
  const broken = targets.filter((href) => !existsSync(join(DOCS_DIR, href)));
  finish(file, await shoot("index", page), problems, broken.map((href) => `link target ${href}`));
}

// openapi-typescript's `paths`, `components`, `operations` and `webhooks` are excluded from TypeDoc: rendered, they were
// hundreds of MB of pages and most of the build's time. A page for one of them means the exclusion missed a file.
for (const kind of ["interfaces", "types"]) {
  const dir = join(DOCS_DIR, "api", kind);
  if (!existsSync(dir)) continue;
  for (const page of await readdir(dir)) {
    if (/\.(paths|components|operations|webhooks)\.html$/.test(page)) failures.push(`docs-dist/api/${kind}/${page}: openapi-typescript's types were rendered (see GENERATED_HTTP_TYPES in tools/docs/build.mjs)`);
  }
}

await browser.close();
server.close();
if (failures.length > 0) {
  console.error(`\ndocs:check failed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
  process.exit(1);
}
console.log("docs:check passed");
