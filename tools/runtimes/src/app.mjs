// The application the matrix runs: the six packages (and the sandbox) packed with `pnpm pack` and installed from their tarballs into a
// fresh folder outside the workspace, as a user installs them, with the checks (../app) copied beside them, the
// server's address and the list of entry points written there, and the two single-script bundles esbuild makes
// for workerd and edge-runtime.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "..", "..", "..");
const APP_SOURCES = join(here, "..", "app");

/** The packages a user installs: the three clients, the two error catalogues and the runtime they share. */
export const PACKAGES = ["runtime", "portone", "payssam", "portone-global", "portone-errors", "payssam-errors"];
/** Installed beside them but not imported by the runtimes' checks: a Node command-line tool (`npx @payspec/sandbox`). */
export const NODE_TOOLS = ["sandbox"];

/**
 * Packs the packages, installs them into a new folder and writes the checks there. Returns the folder (the caller
 * removes it: `rmSync(dir, { recursive: true })`) and the entry points found in the packed `exports`.
 */
export async function prepareApp({ base }) {
  const dir = mkdtempSync(join(tmpdir(), "payspec-runtimes-"));
  try {
    const tarballs = join(dir, "tarballs");
    mkdirSync(tarballs);
    const filters = [...PACKAGES, ...NODE_TOOLS].flatMap((name) => ["--filter", `./packages/${name}`]);
    const packs = JSON.parse(execFileSync("pnpm", ["-r", ...filters, "pack", "--json", "--pack-destination", tarballs], { cwd: ROOT, encoding: "utf8", env: cleanEnv() }));
    // Every @payspec dependency points at its tarball: the packed ranges (`^0.0.0`) must not reach the registry.
    const local = Object.fromEntries((Array.isArray(packs) ? packs : [packs]).map((p) => [p.name, `file:./tarballs/${posix.basename(p.filename)}`]));
    writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name: "payspec-runtime-matrix", private: true, type: "module", dependencies: local, pnpm: { overrides: local } }, null, 2)}\n`);
    // The store the workspace installed from already holds openapi-fetch: no download when it is warm.
    execFileSync("pnpm", ["install", "--prefer-offline", "--no-frozen-lockfile", "--ignore-workspace", "--reporter=append-only"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"], env: cleanEnv() });

    for (const file of readdirSync(APP_SOURCES)) copyFileSync(join(APP_SOURCES, file), join(dir, file));
    writeFileSync(join(dir, "config.mjs"), `export const BASE = ${JSON.stringify(base)};\n`);
    const entryPoints = PACKAGES.flatMap((name) => entryPointsOf(join(dir, "node_modules", "@payspec", name)));
    writeFileSync(
      join(dir, "entries.mjs"),
      `// Every entry point of the installed packages' \`exports\` (written by the runner).\nexport const entryPoints = [\n${entryPoints.map((s) => `  [${JSON.stringify(s)}, () => import(${JSON.stringify(s)})],\n`).join("")}];\n`,
    );

    // One script each, as wrangler and Next.js bundle for these runtimes (their export conditions included).
    const common = { absWorkingDir: dir, bundle: true, platform: "browser", target: "es2022", logLevel: "error" };
    await build({ ...common, entryPoints: [join(dir, "worker.mjs")], outfile: join(dir, "worker.js"), format: "esm", conditions: ["workerd", "worker", "browser"] });
    await build({ ...common, entryPoints: [join(dir, "edge.mjs")], outfile: join(dir, "edge.js"), format: "iife", conditions: ["edge-light", "worker", "browser"] });
    return { dir, entryPoints };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The import specifiers of a package's `exports` that have JavaScript (`import` or `default`), subpath patterns
 * expanded over the files the package ships; `./package.json` and type-only entries are not modules to import.
 */
export function entryPointsOf(packageDir) {
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  // A map of subpaths ("." and "./…" keys), or the main entry alone (a string, or conditions).
  const subpaths = pkg.exports !== null && typeof pkg.exports === "object" && Object.keys(pkg.exports).every((key) => key.startsWith("."));
  const exports = subpaths ? pkg.exports : { ".": pkg.exports ?? pkg.main };
  const specifiers = [];
  for (const [key, target] of Object.entries(exports ?? {})) {
    const file = javascriptOf(target);
    if (!file || key === "./package.json") continue;
    if (!key.includes("*")) {
      specifiers.push(key === "." ? pkg.name : `${pkg.name}/${key.slice(2)}`);
      continue;
    }
    // "./x/*": "./dist/x/*.js" — one specifier per shipped file that matches the target.
    const [prefix, suffix] = file.split("*");
    for (const shipped of listFiles(packageDir)) {
      if (shipped.startsWith(prefix) && shipped.endsWith(suffix) && shipped.length > prefix.length + suffix.length) {
        const stem = shipped.slice(prefix.length, shipped.length - suffix.length);
        specifiers.push(`${pkg.name}/${key.slice(2).replace("*", stem)}`);
      }
    }
  }
  return specifiers;
}

function javascriptOf(target) {
  if (typeof target === "string") return /\.(m?js|cjs)$/.test(target) ? target : undefined;
  if (target === null || typeof target !== "object") return undefined;
  for (const condition of ["import", "default", "module"]) {
    const found = javascriptOf(target[condition]);
    if (found) return found;
  }
  return undefined;
}

function listFiles(dir, prefix = ".") {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === "node_modules" ? [] : listFiles(join(dir, entry.name), `${prefix}/${entry.name}`)) : [`${prefix}/${entry.name}`],
  );
}

/** The environment without what `pnpm run` sets for the workspace, so the nested pnpm sees a plain project. */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|PNPM_SCRIPT)/i.test(name)));
}
