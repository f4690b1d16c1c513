// Type-checking cost of a consumer program: the same four tasks (get, partial cancel, list, webhook)
// written against @payspec/portone and against @portone/server-sdk (typecheck/*.ts), compiled strict
// with --skipLibCheck by TypeScript 5.9 and by TypeScript 7, `--extendedDiagnostics`. Rounds rotate the
// order of the programs; check and total time are the fastest round's and the median (the machine is
// shared: the fastest round is the least disturbed), types and instantiations are exact. PaySsam and
// PortOne Global have no official SDK: their programs (four common tasks each, as the client and as
// functions) are printed beside, with the same ratios to the PortOne official program for scale.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const root = fileURLToPath(new URL("..", import.meta.url));
const compilers = {
  "TypeScript 5.9": `${root}node_modules/typescript-5.9/bin/tsc`,
  "TypeScript 7": `${root}node_modules/typescript/bin/tsc`,
};
// The official program is the reference of every ratio; `only` limits the run to some programs (comma-separated).
const programs = ["official", "payspec-client", "payspec-functions", "payssam-client", "payssam-functions", "global-client", "global-functions"].filter((p) => !process.env.ONLY || p === "official" || process.env.ONLY.split(",").includes(p));

function measure(tsc, program) {
  let out;
  try {
    out = execFileSync(process.execPath, [tsc, "-p", `typecheck/tsconfig.${program}.json`, "--extendedDiagnostics"], { cwd: import.meta.dirname, encoding: "utf8" });
  } catch (error) {
    throw new Error(`${program} does not compile:\n${error.stdout}`);
  }
  const value = (name) => {
    const match = out.match(new RegExp(`^${name}:\\s+([\\d.]+)`, "m"));
    if (!match) throw new Error(`no "${name}" in the output of ${program}`);
    return Number(match[1]);
  };
  return { check: value("Check time"), total: value("Total time"), types: value("Types"), instantiations: value("Instantiations") };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const [compiler, tsc] of Object.entries(compilers)) {
  const runs = Object.fromEntries(programs.map((p) => [p, []]));
  for (let round = 0; round < rounds; round++) {
    const order = programs.map((_, i) => programs[(i + round) % programs.length]);
    for (const program of order) runs[program].push(measure(tsc, program));
  }
  const summary = Object.fromEntries(
    programs.map((p) => {
      const times = (key) => runs[p].map((r) => r[key]);
      return [p, { check: Math.min(...times("check")), checkMedian: median(times("check")), total: Math.min(...times("total")), totalMedian: median(times("total")), types: runs[p][0].types, instantiations: runs[p][0].instantiations }];
    }),
  );
  const reference = summary["official"];
  console.log(`${compiler}, --skipLibCheck, fastest of ${rounds} rounds [median] (ratio to the official SDK's program):`);
  for (const [program, s] of Object.entries(summary)) {
    const ratio = (key) => (program === "official" ? "" : ` (${(s[key] / Math.max(reference[key], 1e-9)).toFixed(2)}×)`);
    console.log(
      `  ${program.padEnd(18)} check ${s.check.toFixed(3)} s${ratio("check")} [${s.checkMedian.toFixed(3)} s${ratio("checkMedian")}]  total ${s.total.toFixed(2)} s${ratio("total")} [${s.totalMedian.toFixed(2)} s]  ` +
        `types ${s.types}${ratio("types")}  instantiations ${s.instantiations}${ratio("instantiations")}`,
    );
  }
}
