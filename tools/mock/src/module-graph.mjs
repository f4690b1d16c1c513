// The modules a source file reaches by its static value imports (and re-exports) within one package: what a
// bundler would have to keep. The three clients' entry-point tests check with it that an entry point reaches
// only its own rows (no operation table, no client). `import type` is skipped (it is erased).
import { readFileSync } from "node:fs";

const STATIC_IMPORT = /^(?:import|export)\s(?!type\s)[^;]*?from\s+"(\.[^"]+)"/gm;

/**
 * @param {URL} start the `.ts` file to start from
 * @param {URL} root the package's source folder: the paths returned are relative to it
 * @returns {Set<string>} every module reached, `start` included, as paths relative to `root`
 */
export function reachedModules(start, root) {
  const seen = new Set();
  const visit = (url) => {
    const path = url.pathname.slice(root.pathname.length);
    if (seen.has(path)) return;
    seen.add(path);
    for (const [, spec] of readFileSync(url, "utf8").matchAll(STATIC_IMPORT)) visit(new URL(spec.replace(/\.js$/, ".ts"), url));
  };
  visit(start);
  return seen;
}
