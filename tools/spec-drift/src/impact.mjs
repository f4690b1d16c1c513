// What each change touches in payspec, and the release it implies per package. Written by hand: this is the part
// no generic OpenAPI diff knows (which package is generated from which spec, what its types are called, which
// package carries the error codes).

/** One profile per provider spec under specs/. */
export const PROFILES = {
  portone: {
    spec: "specs/portone/openapi.yaml",
    client: "@payspec/portone",
    types: { input: "PortOneInput", output: "PortOneData", errors: "PortOneApiError" },
    // The error-type catalogue is generated from the error types of the operations.
    errors: { package: "@payspec/portone-errors", entry: (code) => `PortOneErrorType.${code}`, fromOperations: true },
    catalogueEntry: null,
  },
  payssam: {
    spec: "specs/payssam/openapi.yaml",
    client: "@payspec/payssam",
    types: { input: "PaySsamInput", output: "PaySsamData", errors: "PaySsamApiError" },
    // The result-code catalogue comes from `x-result-code-catalogue`, not from the operations.
    errors: { package: "@payspec/payssam-errors", entry: (code) => `PaySsamResultCode.${code}`, fromOperations: false },
  },
  "portone-global": {
    spec: "specs/portone-global/openapi.yaml",
    client: "@payspec/portone-global",
    types: { input: "PortOneGlobalInput", output: "PortOneGlobalData", errors: "PortOneGlobalApiError" },
    errors: { package: "@payspec/portone-errors", entry: (code) => `PortOneGlobalStatusCode["${code}"] (@payspec/portone-errors/global)`, fromOperations: false },
  },
};

/** The provider a document describes, from its servers (for `--base/--head` without `--provider`). */
export function guessProvider(model) {
  const servers = model.servers.join(" ");
  if (/api\.portone\.io/.test(servers)) return "portone";
  if (/portone\.cloud/.test(servers)) return "portone-global";
  if (/payssam|paymint/i.test(`${servers} ${model.title ?? ""}`)) return "payssam";
  return undefined;
}

const BUMP_RANK = { none: 0, patch: 1, minor: 2, major: 3 };
const CLASS_BUMP = { "breaking-callers": "major", "breaking-readers": "major", additive: "minor", tolerated: "patch", docs: "patch" };
export const maxBump = (a, b) => (BUMP_RANK[a] >= BUMP_RANK[b] ? a : b);
export const bumpRank = (bump) => BUMP_RANK[bump] ?? 0;

/**
 * Adds `touches` (client method, types, named schema, error-code entries, mock examples) and `bumps`
 * (`{package: patch|minor|major}`) to each change. `models` gives the examples and schema names.
 */
export function mapImpact(changes, { provider, base, head }) {
  const profile = PROFILES[provider];
  for (const change of changes) {
    const touches = {};
    const bumps = {};
    if (change.operation === "(catalogue)") {
      if (profile) {
        touches.errorEntries = [profile.errors.entry(change.location)];
        bumps[profile.errors.package] = change.kind === "catalogue-code-removed" ? "major" : "minor";
      }
      change.touches = touches;
      change.bumps = bumps;
      continue;
    }
    const key = [...base.operations.values(), ...head.operations.values()].find((op) => op.id === change.operation)?.key;
    const b = base.operations.get(key);
    const h = head.operations.get(key);
    if (profile) {
      touches.method = `${profile.client} client.${change.operation}()`;
      const type = profile.types[change.side === "input" ? "input" : change.side === "output" ? "output" : change.side === "errors" ? "errors" : undefined];
      if (type) touches.types = [`${type}<"${change.operation}">`];
      else if (change.side === "operation") touches.types = Object.values(profile.types).map((t) => `${t}<"${change.operation}">`);
      if (change.side === "input" || change.side === "output") {
        const entry = (change.side === "input" ? (b ?? h).input : (b ?? h).output).get(change.location) ?? (change.side === "input" ? h?.input : h?.output)?.get(change.location);
        if (entry?.schema) touches.types.push(`components["schemas"]["${entry.schema}"]`);
      }
      if (change.side === "errors" && profile.errors.fromOperations && (change.newType || change.goneType || change.kind === "error-status")) {
        touches.errorEntries = [profile.errors.entry(change.location)];
      }
    }
    // The mock answers with the spec's named examples: these are the ones to re-check.
    const examples = (op) => op?.examples ?? { input: [], output: [], errors: [] };
    const ex = { ...examples(b) };
    for (const [k, v] of Object.entries(examples(h))) ex[k] = [...new Set([...(ex[k] ?? []), ...v])].sort();
    if (change.side === "output") touches.mockExamples = ex.output;
    else if (change.side === "input") touches.mockExamples = ex.input;
    else if (change.side === "errors") touches.mockExamples = ex.errors.filter((name) => name === change.location);
    else touches.mockExamples = [...new Set([...ex.output, ...ex.errors, ...ex.input])].sort();
    if (touches.mockExamples?.length === 0) delete touches.mockExamples;

    if (profile && !change.deviation) {
      bumps[profile.client] = CLASS_BUMP[change.class];
      if (touches.errorEntries) bumps[profile.errors.package] = change.kind === "error-added" ? "minor" : change.kind === "error-removed" ? "major" : "patch";
    }
    change.touches = touches;
    change.bumps = bumps;
  }
  return changes;
}

/** The bump per package over all changes (deviations excluded). */
export function packageBumps(changes) {
  const out = {};
  for (const change of changes) {
    for (const [pkg, bump] of Object.entries(change.bumps ?? {})) out[pkg] = maxBump(out[pkg] ?? "none", bump);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
