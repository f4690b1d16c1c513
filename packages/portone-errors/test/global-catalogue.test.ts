// The generated PortOne Global table against the provider's page itself (seed 001 in ../shared):
// every row's code and name, character for character, in page order, with its series.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import {
  PortOneGlobalStatusCode,
  portOneGlobalSeries,
  portOneGlobalStatusCatalogue,
  statusNamesOf,
  type PortOneGlobalStatusName,
} from "../src/global.js";

// The seed lives in the shared reference folder beside the checkout (CI always has it there);
// PAYSPEC_SHARED points elsewhere. Outside CI a checkout without it reports every test below as
// skipped, with the reason.
const shared = process.env["PAYSPEC_SHARED"] ?? fileURLToPath(new URL("../../../../shared", import.meta.url));
const seed = `${shared}/seeds/001_a12cb08356af2edc.txt`;
const available = existsSync(seed);
if (!available && process.env["CI"]) throw new Error(`seed page not found at ${seed}: CI must run beside shared/`);
const skipReason = `seed page ${seed} not found (set PAYSPEC_SHARED)`;
const page = available ? readFileSync(seed, "utf8") : "";

interface PageRow {
  readonly code: string;
  readonly name: string;
  /** The `### NNNN Series - …` heading the row sits under. */
  readonly heading: string;
}

/** The page's markdown tables: `| 4001 | INVALID\_REQUEST\_DATA |` rows under `### … Series` headings. */
function pageRows(): PageRow[] {
  const rows: PageRow[] = [];
  let heading = "";
  for (const line of page.split("\n")) {
    const h = /^### (.+?)\s{2,}\[Skip link/.exec(line);
    if (h) heading = h[1] as string;
    const cells = /^\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|$/.exec(line);
    if (cells) rows.push({ code: cells[1] as string, name: (cells[2] as string).replace(/\\_/g, "_"), heading });
  }
  return rows;
}

function pageHeadings(): { heading: string; wording: string }[] {
  return [...page.matchAll(/^### (.+?)\s{2,}\[Skip link[^\n]*\n\n([^\n]+)/gm)].map((m) => ({ heading: m[1] as string, wording: m[2] as string }));
}

// Without the page, the catalogue names the rows, so that each one is still counted (as skipped).
const rows: PageRow[] = available
  ? pageRows()
  : portOneGlobalStatusCatalogue.map((r) => ({ code: r.code, name: r.name, heading: portOneGlobalSeries[r.series].heading }));

describe("PortOne Global catalogue against the seed page", () => {
  beforeEach((context) => context.skip(!available, skipReason));

  it("has the page's 135 rows, in page order", () => {
    expect(rows).toHaveLength(135);
    expect(portOneGlobalStatusCatalogue).toHaveLength(135);
    expect(portOneGlobalStatusCatalogue.map((r) => `${r.code} ${r.name}`)).toEqual(rows.map((r) => `${r.code} ${r.name}`));
  });

  it.each(rows.map((r, i) => [i + 1, r.code, r.name, r.heading] as const))("row %i: %s %s", (index, code, name, heading) => {
    const row = portOneGlobalStatusCatalogue[index - 1];
    expect(row?.code).toBe(code);
    expect(row?.name).toBe(name);
    expect(PortOneGlobalStatusCode[name as PortOneGlobalStatusName]).toBe(code);
    expect(statusNamesOf(code)).toContain(name);
    expect(portOneGlobalSeries[row!.series].heading).toBe(heading);
  });

  it("counts rows per series as the page does (96, 19, 15, 1, 4)", () => {
    const count = (kind: string) => portOneGlobalStatusCatalogue.filter((r) => r.series === kind).length;
    expect([count("validation"), count("system"), count("bank-card"), count("unknown"), count("other-psp")]).toEqual([96, 19, 15, 1, 4]);
    for (const info of Object.values(portOneGlobalSeries)) expect(info.rows).toBe(count(info.kind));
  });

  it("has every series heading and its wording exactly as published, 1000 and 2000 included", () => {
    const published = pageHeadings();
    expect(Object.values(portOneGlobalSeries).map((s) => ({ heading: s.heading, wording: s.wording }))).toEqual(published);
  });

  it("has as many names as rows and one code per distinct page code", () => {
    expect(Object.keys(PortOneGlobalStatusCode)).toHaveLength(135);
    expect(new Set(Object.values(PortOneGlobalStatusCode)).size).toBe(new Set(rows.map((r) => r.code)).size);
  });
});

describe("4081, the code the page lists twice", () => {
  it("has both names, in page order", () => {
    expect(statusNamesOf("4081")).toEqual(["PARTIAL_REFUND_NOT_ALLOWED", "ROLE_NOT_ALLOWED"]);
    expect(statusNamesOf(4081)).toEqual(["PARTIAL_REFUND_NOT_ALLOWED", "ROLE_NOT_ALLOWED"]);
    expect(PortOneGlobalStatusCode.PARTIAL_REFUND_NOT_ALLOWED).toBe("4081");
    expect(PortOneGlobalStatusCode.ROLE_NOT_ALLOWED).toBe("4081");
    expect(portOneGlobalStatusCatalogue.filter((r) => r.code === "4081")).toHaveLength(2);
  });

  it("keeps 4094 after 4096, as the page does", () => {
    const codes = portOneGlobalStatusCatalogue.map((r) => r.code);
    expect(codes.indexOf("4094")).toBe(codes.indexOf("4096") + 1);
  });

  it("every other code has exactly one name", () => {
    for (const code of new Set(Object.values(PortOneGlobalStatusCode))) {
      expect(statusNamesOf(code)).toHaveLength(code === "4081" ? 2 : 1);
    }
  });
});
