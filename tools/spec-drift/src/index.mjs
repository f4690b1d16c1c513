// The library behind `pnpm spec:drift`, for other tools (tools/changeset-check.mjs).
export { loadDocument, parseGitSource, providerSpecs } from "./load.mjs";
export { normalizeDocument, flattenSchema, operationKey } from "./normalize.mjs";
export { diffModels } from "./diff.mjs";
export { PROFILES, packageBumps, bumpRank } from "./impact.mjs";
export { buildReport, renderMarkdown, suggestedChangeset, failed, CLASSES } from "./report.mjs";
export { main, plan, USAGE, JSON_SCHEMA_ID } from "./cli.mjs";
