#!/usr/bin/env node
// pnpm spec:drift — see tools/spec-drift/README.md.
import { main } from "../src/cli.mjs";

process.exitCode = await main(process.argv.slice(2));
