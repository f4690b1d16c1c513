#!/usr/bin/env node
// `pnpm --filter @payspec/runtimes matrix`: the runtime matrix without vitest, one line per runtime; exits 1 when a
// check failed. (`pnpm test` runs the same matrix through test/matrix.test.mjs, one test per check.)
import { runMatrix } from "../src/matrix.mjs";

const reports = await runMatrix();
if (reports.some((report) => report.checks.some((check) => !check.ok))) process.exitCode = 1;
