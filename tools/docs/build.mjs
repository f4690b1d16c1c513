#!/usr/bin/env node
// pnpm run docs — builds the browsable references into docs-dist/ (git-ignored):
//   docs-dist/index.html           a landing page linking everything below
//   docs-dist/specs/<provider>.html  one self-contained Redoc page per spec (Redocly CLI build-docs,
//                                    scripts inlined: no CDN, opens from the file system)
//   docs-dist/api/                 TypeDoc of the published packages, a module per entry of each
//                                    package's `exports`, from the sources (the root script runs the
//                                    build first, which regenerates src/generated/)
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { Application, MinimalSourceFile, OptionDefaults } from "typedoc";
import { repoRoot } from "@payspec/codegen/bundle";

export const DOCS_DIR = join(repoRoot, "docs-dist");

/** The specs, in the order the READMEs list them. */
export const SPECS = ["payssam", "portone", "portone-global"].filter((p) => existsSync(join(repoRoot, "specs", p, "openapi.yaml")));

/** The published packages (every non-private package under packages/). */
export function publishedPackages() {
  return readdirSync(join(repoRoot, "packages"))
    .map((dir) => ({ dir: join(repoRoot, "packages", dir), json: join(repoRoot, "packages", dir, "package.json") }))
    .filter((p) => existsSync(p.json))
    .map((p) => ({ ...p, manifest: JSON.parse(readFileSync(p.json, "utf8")) }))
    .filter((p) => !p.manifest.private)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

const require = createRequire(import.meta.url);
const redoclyPackage = require.resolve("@redocly/cli/package.json");
const redoclyBin = join(dirname(redoclyPackage), require(redoclyPackage).bin.redocly ?? require(redoclyPackage).bin.openapi);

const REDOCLY_BADGE = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="96" height="16"><text x="0" y="12" font-family="sans-serif" font-size="11" fill="#888">Redocly</text></svg>',
)}`;

function buildSpecPage(provider) {
  const out = join(DOCS_DIR, "specs", `${provider}.html`);
  const result = spawnSync(
    process.execPath,
    [redoclyBin, "build-docs", join("specs", provider, "openapi.yaml"), "--inlineBundle", "--output", out],
    { cwd: repoRoot, encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
  );
  if (result.status !== 0) throw new Error(`redocly build-docs ${provider} failed:\n${result.stdout}\n${result.stderr}`);
  // The page must open offline without a console error. With the scripts inlined, the one remote
  // resource left is Redoc's "powered by" logo on cdn.redoc.ly: replace it with an inline image.
  const html = readFileSync(out, "utf8");
  const offline = html.replace(/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g, REDOCLY_BADGE);
  if (/https:\/\/cdn\.redoc\.ly\//.test(offline)) throw new Error(`${out}: Redoc loads another file from cdn.redoc.ly; update build.mjs`);
  writeFileSync(out, offline);
  return out;
}

/** openapi-typescript's output (two files since 2026-12-06), left out of the TypeDoc output (see buildApiReference). */
const GENERATED_HTTP_TYPES = ["**/src/generated/openapi.ts", "**/src/generated/components.ts"];

const commentOptions = {
  // openapi-typescript writes @description (and @constant) on every generated member.
  blockTags: [...OptionDefaults.blockTags, "@description", "@constant"],
  // Helper types (path/body mappers of the clients) are deliberately not exported.
  validation: { notExported: false, invalidLink: true, rewrittenLink: true },
};

/**
 * The modules of the reference, one per entry of each package's `exports` (`.` → `@payspec/portone`, `./webhooks` →
 * `@payspec/portone/webhooks`), with the source file it is built from (dist/x.js → src/x.ts).
 */
export function referenceModules(packages) {
  return packages.flatMap((p) =>
    Object.entries(p.manifest.exports)
      .filter(([subpath, target]) => subpath !== "./package.json" && typeof target === "object")
      .map(([subpath, target]) => ({
        name: subpath === "." ? p.manifest.name : `${p.manifest.name}/${subpath.slice(2)}`,
        package: p,
        main: subpath === ".",
        source: join(p.dir, target.default.replace(/^\.\/dist\//, "src/").replace(/\.js$/, ".ts")),
      })),
  );
}

async function buildApiReference() {
  const packages = publishedPackages();
  const modules = referenceModules(packages);
  // One TypeScript program for every package (tools/docs/tsconfig.json: all packages' src/): TypeDoc's "packages"
  // mode made one per package and parsed the same libraries six times (15 CPU-s instead of 9).
  // A class that several packages re-export gets its page under the first module that exports it: the package that
  // declares it (runtime's errors, not the first client's re-export), so dependencies are converted first.
  const depth = (p) => Math.max(0, ...Object.keys(p.manifest.dependencies ?? {}).map((name) => {
    const dependency = packages.find((q) => q.manifest.name === name);
    return dependency ? depth(dependency) + 1 : 0;
  }));
  const app = await Application.bootstrapWithPlugins({
    name: "payspec packages",
    entryPointStrategy: "resolve",
    entryPoints: [...modules].sort((a, b) => depth(a.package) - depth(b.package)).map((m) => m.source),
    tsconfig: join(repoRoot, "tools", "docs", "tsconfig.json"),
    // openapi-typescript's `paths`, `components` and `operations` restate the whole spec as types: rendered, they
    // were 230 MB of HTML (121 MB for PortOne's components alone) that no one could open, and converting them took
    // most of the build. TypeDoc skips what is declared in an excluded file; the spec pages show the same shapes.
    exclude: GENERATED_HTTP_TYPES,
    out: join(DOCS_DIR, "api"),
    // The root README links into the repository; the index lists the packages instead, each with its own README.
    readme: "none",
    ...commentOptions,
    // The root typecheck (pnpm test) has checked these sources; TypeDoc only converts them.
    skipErrorChecking: true,
    // No "defined in" source links: a clone's remote may be a local path or a fork (TypeDoc warned once per
    // package, and the links led nowhere); the READMEs link the repository.
    disableSources: true,
    excludePrivate: true,
    githubPages: false,
    hideGenerator: true,
    logLevel: "Warn",
  });
  const project = await app.convert();
  if (!project) throw new Error("TypeDoc could not convert the packages (see the messages above)");
  // TypeDoc names each module by its path under packages/ ("portone/src", "portone/src/webhooks"): give it the name
  // it is imported by, and each package's main module the package's README, as the package page of npm shows it.
  const byPath = new Map(modules.map((m) => [relative(join(repoRoot, "packages"), m.source).replace(/(\/index)?\.ts$/, ""), m]));
  for (const reflection of project.children ?? []) {
    const module = byPath.get(reflection.name);
    if (!module) throw new Error(`TypeDoc made a module "${reflection.name}" that no package exports; update build.mjs`);
    byPath.delete(reflection.name);
    reflection.name = module.name;
    const readme = join(module.package.dir, "README.md");
    if (module.main && existsSync(readme)) {
      reflection.readme = app.converter.parseRawComment(new MinimalSourceFile(readFileSync(readme, "utf8"), readme), project.files).content;
    }
  }
  if (byPath.size > 0) throw new Error(`TypeDoc made no module for ${[...byPath.values()].map((m) => m.name).join(", ")}; update build.mjs`);
  // Each package's modules together, its main module first: the order of `modules`.
  const order = modules.map((m) => m.name);
  project.children?.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  await app.generateOutputs(project);
  if (app.logger.hasErrors()) throw new Error("TypeDoc reported errors (see above)");
  return packages;
}

function landingPage(specTitles, packages) {
  const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const specItems = specTitles.map(([provider, title]) => `<li><a href="specs/${provider}.html">${escape(title)}</a> <code>specs/${provider}</code></li>`);
  const packageItems = packages.map((p) => `<li><code>${escape(p.manifest.name)}</code> — ${escape(p.manifest.description ?? "")}</li>`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>payspec API references</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}code{font-size:.9em}</style></head>
<body>
<h1>payspec API references</h1>
<h2>HTTP APIs (from the OpenAPI specs)</h2>
<ul>
${specItems.join("\n")}
</ul>
<h2>TypeScript packages</h2>
<p><a href="api/index.html">TypeDoc reference of every package</a>. The request and response shapes that
openapi-typescript generates (<code>paths</code>, <code>components</code>, <code>operations</code>) are not repeated there:
the HTTP API pages above show the same schemas.</p>
<ul>
${packageItems.join("\n")}
</ul>
<p>Built by <code>pnpm run docs</code>; checked in headless Chromium by <code>pnpm docs:check</code> (screenshots of each front page in <code>screenshots/</code>).</p>
</body>
</html>
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await rm(DOCS_DIR, { recursive: true, force: true });
  await mkdir(join(DOCS_DIR, "specs"), { recursive: true });
  const titles = [];
  for (const provider of SPECS) {
    const started = Date.now();
    const out = buildSpecPage(provider);
    const title = /<title>([^<]*)<\/title>/.exec(readFileSync(out, "utf8"))?.[1] ?? provider;
    titles.push([provider, title]);
    console.log(`${relative(repoRoot, out)}  (${Date.now() - started} ms)`);
  }
  const started = Date.now();
  const packages = await buildApiReference();
  console.log(`docs-dist/api/  ${packages.length} packages (${Date.now() - started} ms)`);
  await writeFile(join(DOCS_DIR, "index.html"), landingPage(titles, packages));
  console.log("docs-dist/index.html");
}
