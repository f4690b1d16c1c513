// The dashboard's static files (index.html, dashboard.js, dashboard.css: no build step), served under /__sandbox/.
// They sit beside this module in src/; the published package ships src/, so dist/dashboard/assets.js finds them in
// ../../src/dashboard/.
import { existsSync, readFileSync } from "node:fs";
import { problem, reply, type Outcome } from "../exchange.js";

const FILES: Readonly<Record<string, readonly [file: string, type: string]>> = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/index.html": ["index.html", "text/html; charset=utf-8"],
  "/dashboard.js": ["dashboard.js", "text/javascript; charset=utf-8"],
  "/dashboard.css": ["dashboard.css", "text/css; charset=utf-8"],
};

/**
 * The page may load only its own script and style sheet and call only its own origin: a payment id or a webhook
 * answer shown on it can never load or run anything (the script also writes every value as text, never as HTML).
 */
const HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

const cache = new Map<string, string>();

function folder(): URL {
  const here = new URL("./", import.meta.url);
  return existsSync(new URL("index.html", here)) ? here : new URL("../../src/dashboard/", import.meta.url);
}

/** The dashboard file at `path` (relative to /__sandbox), or `undefined` when `path` is not one of them. */
export function dashboardAsset(path: string): Outcome | undefined {
  const found = FILES[path];
  if (!found) return undefined;
  const [file, type] = found;
  let text = cache.get(file);
  if (text === undefined) {
    try {
      text = readFileSync(new URL(file, folder()), "utf8");
    } catch {
      return problem(500, "Dashboard missing", `the sandbox's dashboard file ${file} is not installed`);
    }
    cache.set(file, text);
  }
  return reply(200, text, { "content-type": type, ...HEADERS });
}
