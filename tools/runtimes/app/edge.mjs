// The Vercel edge-runtime script of the matrix (bundled by esbuild into one script): every request is a fetch event.
import { handle } from "./checks.mjs";

addEventListener("fetch", (event) => event.respondWith(handle(event.request)));
