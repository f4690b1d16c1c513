// `pnpm spec:drift`: argument handling, loading, output and exit status. See the README for the forms.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { repoRoot } from "@payspec/codegen/bundle";
import { PROFILES } from "./impact.mjs";
import { loadDocument, providerSpecs } from "./load.mjs";
import { buildReport, failed, renderMarkdown, suggestedChangeset } from "./report.mjs";

export const USAGE = `usage:
  spec-drift --base <file|url|git:REF:path> --head <file|url|git:REF:path> [--provider <name>]
  spec-drift <provider> --against <file|url>      our specs/<provider> against a provider's document
  spec-drift [<provider>] --since <git ref>        specs/<provider> (default: every provider spec that changed) since REF
options:
  --json                      print the reports as JSON (schema: tools/spec-drift/schema/report.schema.json)
  --fail-on breaking|any|none exit 1 when a report has a breaking change / any change (default: none)
  --changeset                 print a suggested .changeset/*.md after the Markdown
  --foreign / --no-foreign    whether the head is a provider's own document (default: guessed)`;

export const JSON_SCHEMA_ID = "https://payspec.dev/schemas/spec-drift-report.v1.json";

/** Which comparisons an argument list asks for: `[{provider, base, head, foreign}]`. */
export function plan(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      base: { type: "string" },
      head: { type: "string" },
      provider: { type: "string" },
      against: { type: "string" },
      since: { type: "string" },
      json: { type: "boolean", default: false },
      changeset: { type: "boolean", default: false },
      "fail-on": { type: "string", default: "none" },
      foreign: { type: "boolean" },
      "no-foreign": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (!["breaking", "any", "none"].includes(values["fail-on"])) throw new UsageError(`--fail-on must be breaking, any or none (got ${values["fail-on"]})`);
  const foreign = values.foreign ? true : values["no-foreign"] ? false : undefined;
  const options = { json: values.json, changeset: values.changeset, failOn: values["fail-on"], help: values.help };
  const [name, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
  const known = providerSpecs();
  if (name !== undefined && !known.includes(name)) throw new UsageError(`unknown provider ${name}: specs/ has ${known.join(", ")}`);
  const spec = (p) => `specs/${p}/openapi.yaml`;
  if (values.base || values.head) {
    if (!values.base || !values.head) throw new UsageError("--base and --head go together");
    return { options, runs: [{ provider: values.provider ?? name, base: values.base, head: values.head, foreign }] };
  }
  if (values.against) {
    if (!name) throw new UsageError("--against needs a provider: spec-drift portone --against <file|url>");
    return { options, runs: [{ provider: name, base: spec(name), head: values.against, foreign: foreign ?? true }] };
  }
  if (values.since) {
    let providers = name ? [name] : known;
    if (!name) {
      // Only the specs that changed since REF (and existed then).
      providers = providers.filter((p) => {
        try {
          execFileSync("git", ["cat-file", "-e", `${values.since}:${spec(p)}`], { cwd: repoRoot, stdio: "ignore" });
        } catch {
          return false;
        }
        try {
          execFileSync("git", ["diff", "--quiet", values.since, "--", `specs/${p}`], { cwd: repoRoot, stdio: "ignore" });
          return false;
        } catch {
          return true;
        }
      });
    }
    return { options, runs: providers.map((p) => ({ provider: p, base: `git:${values.since}:${spec(p)}`, head: spec(p), foreign: foreign ?? false })) };
  }
  if (values.help) return { options, runs: [] };
  throw new UsageError("give --base/--head, <provider> --against, or --since");
}

export class UsageError extends Error {}

/** Runs the CLI; returns the exit status. */
export async function main(argv, { stdout = process.stdout, stderr = process.stderr, fetchImpl } = {}) {
  let planned;
  try {
    planned = plan(argv);
  } catch (error) {
    stderr.write(`spec-drift: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const { options, runs } = planned;
  if (options.help) {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  const reports = [];
  try {
    for (const run of runs) {
      const [base, head] = await Promise.all([loadDocument(run.base, { fetchImpl }), loadDocument(run.head, { fetchImpl })]);
      if (run.provider && !PROFILES[run.provider]) throw new UsageError(`no payspec mapping for provider ${run.provider}`);
      reports.push(buildReport({ base, head, provider: run.provider, foreign: run.foreign }));
    }
  } catch (error) {
    stderr.write(`spec-drift: ${error.message}\n`);
    return 2;
  }
  const fail = reports.some((r) => failed(r, options.failOn));
  if (options.json) {
    stdout.write(`${JSON.stringify({ $schema: JSON_SCHEMA_ID, failOn: options.failOn, failed: fail, reports }, null, 2)}\n`);
  } else {
    if (reports.length === 0) stdout.write("No provider spec changed.\n");
    for (const report of reports) stdout.write(`${renderMarkdown(report)}\n`);
    const draft = suggestedChangeset(reports);
    if (options.changeset && draft) stdout.write(`### Suggested changeset\n\n\`\`\`md\n${draft}\`\`\`\n`);
  }
  return fail ? 1 : 0;
}
