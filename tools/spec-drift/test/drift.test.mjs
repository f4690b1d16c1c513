import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { changesetBumps, missingMajors } from "../../changeset-check.mjs";
import { buildReport, loadDocument, main, renderMarkdown, suggestedChangeset } from "../src/index.mjs";

const fixture = (name) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const load = (name) => loadDocument(fixture(name));
const flat = (report) => report.operations.flatMap((o) => o.changes.map((c) => `${o.operation} ${c.key} ${c.class}`)).sort();

/** Runs the CLI in process; returns its exit status and what it printed. */
async function cli(args, options = {}) {
  let out = "";
  let err = "";
  const status = await main(args, { stdout: { write: (s) => (out += s) }, stderr: { write: (s) => (err += s) }, ...options });
  return { status, out, err };
}

describe("fixture documents: every kind of change, each detected and classified, nothing else", () => {
  // head.yaml is base.yaml with these changes (each marked CHANGE in the file).
  const expected = [
    "archiveItem operation-removed:POST /items/{}/archive breaking-callers",
    "deleteItem operation-added:DELETE /items/{} additive",
    "getBanks enum-value-added:banks[]:WOORI tolerated", // a response enum value: kept as unrecognised
    "getBanks field-removed:updatedAt breaking-readers", // a response field removed
    "getBanks stability:(operation) docs", // marked unstable
    "getItem auth:(security) breaking-callers", // the PortOne scheme is no longer accepted
    "getItem error-added:ITEM_LOCKED tolerated", // a new error type: an unrecognised code today
    "getItem error-status:ITEM_NOT_FOUND tolerated",
    "getItem variant-added:method:VIRTUAL tolerated", // a response union case
    "getItems error-removed:INVALID_REQUEST breaking-readers",
    "getItems field-added:cursor breaking-callers", // a required query parameter
    "getItems required:(body) tolerated", // the query-or-body input became required; its fields stay optional
    "getItems required:page.totalCount additive", // a response field became required
    "getItems type:page.number breaking-readers",
    "getItems variant-added:items[].method:VIRTUAL tolerated",
    "updateItem constraint:amount:minimum breaking-callers", // stricter input
    "updateItem constraint:name:maxLength additive", // looser input
    "updateItem enum-value-removed:kind:FOOD breaking-callers",
    "updateItem field-added:note additive", // an optional input field
    "updateItem format:amount breaking-callers",
    "updateItem parameter-moved:test breaking-callers", // query → body
    "updateItem required:memo breaking-callers", // an input field became required
    "updateItem variant-added:method:VIRTUAL tolerated",
  ];

  it("base → head yields exactly the known changes", async () => {
    const report = buildReport({ base: await load("base.yaml"), head: await load("head.yaml") });
    expect(flat(report)).toEqual([...expected].sort());
    expect(report.summary).toEqual({
      changes: 23,
      byClass: { "breaking-callers": 8, "breaking-readers": 3, additive: 4, tolerated: 7, docs: 1 },
      breaking: true,
      deviations: 0,
    });
    expect(report.provider).toBe("portone");
    expect(report.bumps).toEqual({ "@payspec/portone": "major", "@payspec/portone-errors": "minor" });
  });

  it("maps changes onto the package: methods, types, error-code entries, mock examples, bumps", async () => {
    const report = buildReport({ base: await load("base.yaml"), head: await load("head.yaml") });
    const change = (op, key) => report.operations.find((o) => o.operation === op).changes.find((c) => c.key === key);
    expect(change("getItem", "error-added:ITEM_LOCKED")).toMatchObject({
      after: "409",
      touches: { method: "@payspec/portone client.getItem()", types: ['PortOneApiError<"getItem">'], errorEntries: ["PortOneErrorType.ITEM_LOCKED"] },
      bumps: { "@payspec/portone": "patch", "@payspec/portone-errors": "minor" },
    });
    expect(change("getItems", "error-removed:INVALID_REQUEST")).toMatchObject({
      touches: { mockExamples: ["INVALID_REQUEST"] },
      bumps: { "@payspec/portone": "major" }, // INVALID_REQUEST stays in other operations: the catalogue keeps it
    });
    expect(change("getItems", "variant-added:items[].method:VIRTUAL").touches).toEqual({
      method: "@payspec/portone client.getItems()",
      types: ['PortOneData<"getItems">', 'components["schemas"]["ItemMethod"]'],
      mockExamples: ["success"],
    });
    expect(change("getItems", "required:(body)").note).toMatch(/send `\{\}`/);
  });

  it("normalises away what does not change behaviour ($ref/inline, allOf, order, descriptions, x- notes, error-union style)", async () => {
    const report = buildReport({ base: await load("base.yaml"), head: await load("equivalent.yaml") });
    expect(flat(report)).toEqual([]);
    // updateItem's `name` limit is payspec's own: against a provider's document it is a deviation, not news.
    expect(report.foreign).toBe(true);
    expect(report.deviations).toEqual([
      expect.objectContaining({ operation: "updateItem", key: "constraint:name:maxLength", deviation: expect.stringMatching(/payspec's own limit/) }),
    ]);
  });

  it("an x-payspec-deviations entry turns a change into a recorded deviation, out of the counts and bumps", async () => {
    const head = await load("head.yaml");
    head.doc.paths["/items/{itemId}"].post["x-payspec-deviations"] = [{ change: "format:amount", reason: "we keep int64: the provider's int32 is a typo" }];
    const report = buildReport({ base: await load("base.yaml"), head });
    expect(flat(report)).not.toContain("updateItem format:amount breaking-callers");
    expect(report.summary.changes).toBe(22);
    expect(report.deviations).toEqual([{ operation: "updateItem", key: "format:amount", kind: "format", location: "amount", deviation: "we keep int64: the provider's int32 is a typo" }]);
  });

  it("--json validates against the documented schema; --fail-on sets the exit status", async () => {
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL("../schema/report.schema.json", import.meta.url)), "utf8"));
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    const args = ["--base", fixture("base.yaml"), "--head", fixture("head.yaml"), "--json"];
    const run = await cli([...args, "--fail-on", "breaking"]);
    const output = JSON.parse(run.out);
    expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
    expect([run.status, output.failed, output.reports[0].summary.changes]).toEqual([1, true, 23]);
    const equivalent = JSON.parse((await cli(["--base", fixture("base.yaml"), "--head", fixture("equivalent.yaml"), "--json"])).out);
    expect(validate(equivalent), JSON.stringify(validate.errors)).toBe(true);
    expect((await cli([...args, "--fail-on", "none"])).status).toBe(0);
    expect((await cli(["--base", fixture("base.yaml"), "--head", fixture("equivalent.yaml"), "--fail-on", "any"])).status).toBe(0);
    expect((await cli(["--base", fixture("base.yaml"), "--head", fixture("head.yaml"), "--fail-on", "maybe"])).status).toBe(2);
  });

  it("Markdown groups by operation with the severity and what is touched; a changeset draft follows", async () => {
    const { out } = await cli(["--base", fixture("base.yaml"), "--head", fixture("head.yaml"), "--changeset"]);
    expect(out).toContain("### `updateItem` — POST `/items/{itemId}`");
    expect(out).toContain("| breaking for callers | `test` moved from query to body | `@payspec/portone client.updateItem()`, `PortOneInput<\"updateItem\">` |");
    expect(out).toContain("| `@payspec/portone` | major |");
    expect(out).toMatch(/```md\n---\n"@payspec\/portone": major\n"@payspec\/portone-errors": minor\n---\n/);
  });

  it("loads a provider's document from a URL", async () => {
    const text = readFileSync(fixture("equivalent.yaml"), "utf8");
    const requested = [];
    const fetchImpl = async (url) => (requested.push(url), new Response(JSON.stringify(parse(text)), { status: 200 }));
    const run = await cli(["--base", fixture("base.yaml"), "--head", "https://example.test/v2.openapi.json", "--json"], { fetchImpl });
    expect(requested).toEqual(["https://example.test/v2.openapi.json"]);
    expect(JSON.parse(run.out).reports[0].summary.changes).toBe(0);
    const failing = await cli(["--base", fixture("base.yaml"), "--head", "https://example.test/x"], { fetchImpl: async () => new Response("", { status: 404 }) });
    expect([failing.status, failing.err]).toEqual([2, "spec-drift: https://example.test/x: HTTP 404\n"]);
  });
});

describe("our specs", () => {
  it.each(["portone", "payssam", "portone-global"])("%s against itself: an empty report", async (provider) => {
    const spec = `specs/${provider}/openapi.yaml`;
    const file = fileURLToPath(new URL(`../../../${spec}`, import.meta.url));
    const report = buildReport({ base: await loadDocument(file), head: await loadDocument(file), provider });
    expect([report.summary.changes, report.deviations.length, report.bumps]).toEqual([0, 0, {}]);
    expect(report.base.operations).toBeGreaterThan(5);
    expect(renderMarkdown(report)).toContain("No changes that affect payspec users.");
  });

  it("portone's recorded deviations hide what we do on purpose from a report against the provider", async () => {
    const file = fileURLToPath(new URL("../../../specs/portone/openapi.yaml", import.meta.url));
    const provider = await loadDocument(file);
    delete provider.doc.info["x-provider-reference-version"]; // as in the provider's own document
    // The provider declares an optional body without fields on deleteB2bCounterparty; we model none.
    provider.doc.paths["/b2b/counterparties/{counterpartyId}"].delete.requestBody = {
      required: false,
      content: { "application/json": { schema: { type: "object", properties: {} } } },
    };
    const report = buildReport({ base: await loadDocument(file), head: provider, provider: "portone" });
    expect(report.summary.changes).toBe(0);
    expect(report.deviations).toEqual([expect.objectContaining({ operation: "deleteB2bCounterparty", key: "field-added:(body)" })]);
  });

  // Two commits of our own history: b72e000 added payspec's input limits (money ≥ 0 and safe integers, http(s) URLs,
  // text lengths) to the PortOne spec and changed nothing else.
  const shallow = execFileSync("git", ["rev-parse", "--is-shallow-repository"], { encoding: "utf8" }).trim() === "true";
  it.skipIf(shallow)("portone between two commits (git:REF:path): only the limits b72e000 added", async () => {
    const [base, head] = await Promise.all([loadDocument("git:b72e000~1:specs/portone/openapi.yaml"), loadDocument("git:b72e000:specs/portone/openapi.yaml")]);
    const report = buildReport({ base, head, provider: "portone" });
    const changes = report.operations.flatMap((o) => o.changes.map((c) => ({ op: o.operation, ...c })));
    const kinds = new Set(changes.map((c) => `${c.side} ${c.kind} ${c.value ?? ""} ${c.class}`.replace(/ +/g, " ")));
    expect([...kinds].sort()).toEqual([
      "input constraint maxItems breaking-callers",
      "input constraint maxLength breaking-callers",
      "input constraint maximum breaking-callers",
      "input constraint minimum breaking-callers",
      "input constraint pattern breaking-callers",
      "input format breaking-callers",
      "output constraint maxLength tolerated",
      "output constraint maximum tolerated",
      "output constraint minimum tolerated",
      "output constraint pattern tolerated",
      "output format tolerated",
    ]);
    expect(changes).toContainEqual(expect.objectContaining({ op: "payWithBillingKey", key: "constraint:orderName:maxLength", before: null, after: 1000 }));
    expect(report.bumps).toEqual({ "@payspec/portone": "major" });
    expect(suggestedChangeset([report])).toMatch(/^---\n"@payspec\/portone": major\n---\n/);
  });
});

describe("changeset check (tools/changeset-check.mjs)", () => {
  it("reads the bumps of a changeset's frontmatter", () => {
    expect(changesetBumps('---\n"@payspec/portone": major\n\'@payspec/portone-errors\': minor\n---\n\nText: major.\n')).toEqual({
      "@payspec/portone": "major",
      "@payspec/portone-errors": "minor",
    });
  });

  it("a breaking spec change needs a major changeset for each package it breaks", () => {
    const breaking = { summary: { breaking: true }, bumps: { "@payspec/portone": "major", "@payspec/portone-errors": "minor" } };
    const additive = { summary: { breaking: false }, bumps: { "@payspec/payssam": "minor" } };
    expect(missingMajors([breaking, additive], [{ "@payspec/portone": "minor" }])).toEqual(["@payspec/portone"]);
    expect(missingMajors([breaking, additive], [{ "@payspec/portone-errors": "minor" }, { "@payspec/portone": "major" }])).toEqual([]);
    expect(missingMajors([additive], [])).toEqual([]);
  });
});
