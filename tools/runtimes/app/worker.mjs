// The Cloudflare Worker of the matrix (ES module syntax, bundled by esbuild, run by workerd through miniflare
// without nodejs_compat): every request is a fetch event of this one isolate.
import { handle } from "./checks.mjs";

export default { fetch: (request) => handle(request) };
