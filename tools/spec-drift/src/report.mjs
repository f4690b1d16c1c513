// The report: built from two loaded documents, rendered as Markdown for people or kept as JSON for machines
// (schema/report.schema.json).
import { diffModels } from "./diff.mjs";
import { guessProvider, mapImpact, packageBumps } from "./impact.mjs";
import { normalizeDocument } from "./normalize.mjs";

export const CLASSES = ["breaking-callers", "breaking-readers", "additive", "tolerated", "docs"];
const CLASS_LABEL = {
  "breaking-callers": "breaking for callers",
  "breaking-readers": "breaking for readers",
  additive: "additive",
  tolerated: "already tolerated",
  docs: "documentation",
};

/**
 * Compares two documents. `foreign`: the head is a provider's own document (our `x-payspec-limit-source: payspec`
 * limits are then expected to be missing from it); by default, when the base is one of our specs and the head is not.
 */
export function buildReport({ base, head, provider, foreign }) {
  const baseModel = normalizeDocument(base.doc);
  const headModel = normalizeDocument(head.doc);
  const isForeign = foreign ?? (baseModel.ours && !headModel.ours);
  const chosen = provider ?? guessProvider(baseModel) ?? guessProvider(headModel);
  const changes = mapImpact(diffModels(baseModel, headModel, { foreign: isForeign }), { provider: chosen, base: baseModel, head: headModel });
  for (const change of changes) {
    if (change.kind === "operation-removed" && isForeign) change.note = "gone from the provider's public document (it may have been hidden rather than removed)";
    if (change.kind === "required" && change.location === "(body)" && change.class === "tolerated" && change.after === true) {
      change.note = "the body is required but every field in it is optional: the client must send `{}` when the input is empty";
    }
    delete change.newType;
    delete change.goneType;
  }
  const live = changes.filter((c) => !c.deviation);
  const deviations = changes.filter((c) => c.deviation);
  const byClass = Object.fromEntries(CLASSES.map((c) => [c, live.filter((x) => x.class === c).length]));
  const groups = new Map();
  for (const change of live) {
    const id = change.operation;
    if (!groups.has(id)) {
      const op = [...headModel.operations.values(), ...baseModel.operations.values()].find((o) => o.id === id);
      groups.set(id, { operation: id, method: change.method, path: change.path, stability: op?.stability ?? null, changes: [] });
    }
    const { operation, method, path, ...rest } = change;
    groups.get(id).changes.push(rest);
  }
  return {
    provider: chosen ?? null,
    base: { source: base.label, title: baseModel.title ?? null, version: baseModel.version ?? null, operations: baseModel.operations.size },
    head: { source: head.label, title: headModel.title ?? null, version: headModel.version ?? null, operations: headModel.operations.size },
    foreign: isForeign,
    summary: { changes: live.length, byClass, breaking: byClass["breaking-callers"] + byClass["breaking-readers"] > 0, deviations: deviations.length },
    bumps: packageBumps(live),
    operations: [...groups.values()],
    deviations: deviations.map(({ operation, kind, location, value, deviation, key }) => ({ operation, key, kind, location, ...(value !== undefined ? { value } : {}), deviation })),
  };
}

/** Exit status for `--fail-on`. */
export function failed(report, failOn) {
  if (failOn === "any") return report.summary.changes > 0;
  if (failOn === "breaking") return report.summary.breaking;
  return false;
}

const code = (v) => (v === null || v === undefined ? "—" : `\`${typeof v === "string" ? v : JSON.stringify(v)}\``);

function describeChange(c) {
  const where = c.location === "(body)" ? "request body" : c.location === "(response)" ? "success response" : `\`${c.location}\``;
  switch (c.kind) {
    case "operation-added":
      return "operation added";
    case "operation-removed":
      return "operation removed";
    case "field-added":
      return `${c.side === "input" ? "input" : "response"} field ${where} added${c.after?.required ? " (required)" : ""}${c.after?.type ? ` ${code(c.after.type)}` : ""}`;
    case "field-removed":
      return `${c.side === "input" ? "input" : "response"} field ${where} removed`;
    case "parameter-moved":
      return `${where} moved from ${c.before} to ${c.after}`;
    case "required":
      return `${where} became ${c.after ? "required" : "optional"}`;
    case "type":
    case "format":
    case "const":
      return `${c.kind} of ${where}: ${code(c.before)} → ${code(c.after)}`;
    case "constraint":
      return `\`${c.value}\` of ${where}: ${code(c.before)} → ${code(c.after)}`;
    case "enum-value-added":
      return `enum value ${code(c.value)} added to ${where}`;
    case "enum-value-removed":
      return `enum value ${code(c.value)} removed from ${where}`;
    case "enum-added":
      return `${where} restricted to ${code(c.after)}`;
    case "enum-removed":
      return `${where} no longer an enum`;
    case "variant-added":
      return `union case ${code(c.value)} added to ${where}`;
    case "variant-removed":
      return `union case ${code(c.value)} removed from ${where}`;
    case "response":
      return `${c.location === "(response).status" ? "success status" : "success media type"}: ${code(c.before)} → ${code(c.after)}`;
    case "error-added":
      return `error type ${code(c.location)} added (status ${c.after})`;
    case "error-removed":
      return `error type ${code(c.location)} removed (was status ${c.before})`;
    case "error-status":
      return `status of error type ${code(c.location)}: ${c.before} → ${c.after}`;
    case "stability":
      return `stability: ${c.before} → ${c.after}`;
    case "auth":
      return `${c.location === "(hash)" ? "request hash rule" : "auth"}: ${code(c.before)} → ${code(c.after)}`;
    case "catalogue-code-added":
      return `code ${code(c.location)} added to the catalogue`;
    case "catalogue-code-removed":
      return `code ${code(c.location)} removed from the catalogue`;
    default:
      return c.key;
  }
}

const cell = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");

/** Markdown for people: a summary, the bumps, then one table per operation. */
export function renderMarkdown(report) {
  const lines = [];
  lines.push(`## Spec drift${report.provider ? ` (${report.provider})` : ""}: \`${report.base.source}\` → \`${report.head.source}\``, "");
  if (report.summary.changes === 0) {
    lines.push("No changes that affect payspec users.");
  } else {
    const counts = Object.entries(report.summary.byClass).filter(([, n]) => n > 0).map(([c, n]) => `${n} ${CLASS_LABEL[c]}`);
    lines.push(`${report.summary.changes} change(s) in ${report.operations.length} operation(s): ${counts.join(", ")}.`, "");
    if (Object.keys(report.bumps).length > 0) {
      lines.push("| package | release it implies |", "|---|---|");
      for (const [pkg, bump] of Object.entries(report.bumps)) lines.push(`| \`${pkg}\` | ${bump} |`);
      lines.push("");
    }
    for (const group of report.operations) {
      const title = group.operation === "(catalogue)" ? "Code catalogue" : `\`${group.operation}\` — ${group.method} \`${group.path}\`${group.stability && group.stability !== "stable" ? ` (${group.stability})` : ""}`;
      lines.push(`### ${title}`, "", "| severity | change | touches |", "|---|---|---|");
      for (const c of group.changes) {
        const touches = [c.touches?.method, ...(c.touches?.types ?? []), ...(c.touches?.errorEntries ?? [])].filter(Boolean).map((t) => `\`${t}\``);
        if (c.touches?.mockExamples?.length) touches.push(`mock examples ${c.touches.mockExamples.map((e) => `\`${e}\``).join(", ")}`);
        const what = describeChange(c) + (c.note ? ` — ${c.note}` : "");
        lines.push(`| ${CLASS_LABEL[c.class]} | ${cell(what)} | ${cell(touches.join(", "))} |`);
      }
      lines.push("");
    }
  }
  if (report.deviations.length > 0) {
    lines.push(`<details><summary>${report.deviations.length} recorded deviation(s) from the provider's document, not counted</summary>`, "");
    const reasons = new Map();
    for (const d of report.deviations) reasons.set(d.deviation, (reasons.get(d.deviation) ?? 0) + 1);
    for (const [reason, n] of reasons) lines.push(`- ${n} × ${reason}`);
    lines.push("", "</details>", "");
  }
  return lines.join("\n");
}

/** A changeset draft from one or more reports: the bumps as frontmatter, the changes as its paragraph. */
export function suggestedChangeset(reports) {
  const bumps = {};
  const sentences = [];
  for (const report of reports) {
    for (const [pkg, bump] of Object.entries(report.bumps)) {
      const rank = { patch: 1, minor: 2, major: 3 };
      if (!bumps[pkg] || rank[bump] > rank[bumps[pkg]]) bumps[pkg] = bump;
    }
    for (const group of report.operations) {
      const parts = group.changes.map((c) => describeChange(c).replace(/`/g, "`"));
      sentences.push(`${group.operation === "(catalogue)" ? "Code catalogue" : `\`${group.operation}\``}: ${parts.join("; ")}.`);
    }
  }
  if (Object.keys(bumps).length === 0) return "";
  return ["---", ...Object.entries(bumps).map(([pkg, bump]) => `"${pkg}": ${bump}`), "---", "", sentences.join(" "), ""].join("\n");
}
