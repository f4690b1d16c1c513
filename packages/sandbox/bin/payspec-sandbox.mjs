#!/usr/bin/env node
// The `payspec-sandbox` command (`npx @payspec/sandbox`): runs the built CLI (src/cli.ts). A file of its own, not
// dist/cli.js itself, so that the bin exists before the package is built: pnpm links a workspace package's bins at
// install, and warned on every fresh clone that dist/cli.js was missing.
import "../dist/cli.js";
