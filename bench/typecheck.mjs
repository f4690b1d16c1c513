// Type-checking cost of a consumer program: the same four tasks (get, partial cancel, list, webhook)
// written against @payspec/portone and against @portone/server-sdk (typecheck/*.ts), compiled strict
// with --skipLibCheck. PaySsam and PortOne Global have no official SDK: their programs (four common
// tasks each, as the client and as functions) are printed beside, with the same ratios to the PortOne
// official program for scale.
//
// TypeScript 5.9 is measured through its JS API, not its CLI: `tsc --extendedDiagnostics` prints "Check
// time" to 10 ms and these programs check in 70-130 ms, so one tick was 10 % and a ratio swung 1.0-1.7x
// between runs. Here each program runs in a child process of its own (no program's JIT or heap state
// helps another's) with --expose-gc. The child parses the program's tsconfig and creates REPS programs
// one after the other, each a fresh `ts.createProgram` with a fresh checker (the libraries' .d.ts files
// are parsed and bound once, the program's own files again each time; equal type and instantiation
// counts on every repetition show that nothing the checker computes is reused). For each it calls
// `getTypeChecker()` (which binds: the CLI's "Bind time"), collects garbage, and times with
// performance.now() `getSemanticDiagnostics()` of the program's own files: the CLI's "Check time"
// (checkSourceFile; the .d.ts files are skipped, as --skipLibCheck does). Two figures per program:
//  - cold: the first program of a process, as `tsc` checks once; the JIT compiles the checker while it
//    checks, a cost the same for every program. Median of the rounds.
//  - warm: the later programs of a process, as an editor or `tsc --watch` checks again and again, with
//    the checker's code compiled: the checker's own work, so the sharper comparison. The fastest of all
//    rounds (the machine is shared; the fastest repetition is the least disturbed), with the median of the
//    rounds' fastest beside it.
// Types and instantiations (`checker.getTypeCount()`, `getInstantiationCount()`) are exact and equal to
// the CLI's. Rounds rotate the order of the programs.
//
// TypeScript 7 has no JS API: it is measured by its CLI (`--extendedDiagnostics`) as before, check and
// total time the fastest round's and the median.
//
// BENCH_ROUNDS (5) and BENCH_REPS (20) change the amount of work; ONLY=payspec-client,… limits the
// programs (the official one always runs); COMPILER=5.9 or COMPILER=7 runs one compiler.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const here = import.meta.dirname;
const tsc7 = `${root}node_modules/typescript/bin/tsc`;
const reps = Number(process.env.BENCH_REPS ?? 20);

if (process.argv[2] === "--child") {
  // One program measured REPS times; prints one JSON line.
  const ts = createRequire(import.meta.url)(`${root}node_modules/typescript-5.9`);
  const program = process.argv[3];
  const fail = (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  };
  const config = ts.getParsedCommandLineOfConfigFile(`${here}/typecheck/tsconfig.${program}.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: fail });
  const host = ts.createCompilerHost(config.options);
  // The declaration files (lib.*.d.ts, the packages' typings) are parsed and bound once; the program's own
  // files are parsed again for every program. Nothing the checker computes is kept: it is new per program.
  const parse = host.getSourceFile.bind(host);
  const declarations = new Map();
  host.getSourceFile = (fileName, ...rest) => {
    if (!fileName.endsWith(".d.ts")) return parse(fileName, ...rest);
    if (!declarations.has(fileName)) declarations.set(fileName, parse(fileName, ...rest));
    return declarations.get(fileName);
  };
  const checks = [];
  let counts;
  for (let rep = 0; rep < reps; rep++) {
    const created = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
    const own = created.getSourceFiles().filter((file) => !file.isDeclarationFile);
    const checker = created.getTypeChecker(); // binds every file and merges the globals: "Bind time", not "Check time"
    globalThis.gc();
    const start = performance.now();
    const diagnostics = own.flatMap((file) => created.getSemanticDiagnostics(file));
    checks.push(performance.now() - start);
    if (diagnostics.length > 0) fail({ messageText: `${program} does not compile:\n${ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => here, getNewLine: () => "\n" })}` });
    const now = { types: checker.getTypeCount(), instantiations: checker.getInstantiationCount() };
    // Equal counts prove every repetition did the same work from scratch.
    if (counts && (counts.types !== now.types || counts.instantiations !== now.instantiations)) fail({ messageText: `${program}: repetition ${rep} counted ${JSON.stringify(now)}, the first ${JSON.stringify(counts)}` });
    counts = now;
  }
  console.log(JSON.stringify({ cold: checks[0], warm: Math.min(...checks.slice(1)), ...counts }));
  process.exit(0);
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
// The official program is the reference of every ratio; ONLY limits the run to some programs (comma-separated).
const programs = ["official", "payspec-client", "payspec-functions", "payssam-client", "payssam-functions", "global-client", "global-functions"].filter((p) => !process.env.ONLY || p === "official" || process.env.ONLY.split(",").includes(p));

function run(args, program) {
  try {
    return execFileSync(process.execPath, args, { cwd: here, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(`${program} does not compile:\n${error.stdout}${error.stderr}`);
  }
}

function measure59(program) {
  return JSON.parse(run(["--expose-gc", fileURLToPath(import.meta.url), "--child", program], program));
}

function measure7(program) {
  const out = run([tsc7, "-p", `typecheck/tsconfig.${program}.json`, "--extendedDiagnostics"], program);
  const value = (name) => {
    const match = out.match(new RegExp(`^${name}:\\s+([\\d.]+)`, "m"));
    if (!match) throw new Error(`no "${name}" in the output of ${program}`);
    return Number(match[1]);
  };
  return { check: value("Check time"), total: value("Total time"), types: value("Types"), instantiations: value("Instantiations") };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function collect(measure) {
  const runs = Object.fromEntries(programs.map((p) => [p, []]));
  for (let round = 0; round < rounds; round++) {
    const order = programs.map((_, i) => programs[(i + round) % programs.length]);
    for (const program of order) runs[program].push(measure(program));
  }
  return runs;
}

// TypeScript 5.9, through the JS API.
if (process.env.COMPILER !== "7") {
  const runs = collect(measure59);
  const summary = Object.fromEntries(
    programs.map((p) => [p, { warm: Math.min(...runs[p].map((r) => r.warm)), warmMedian: median(runs[p].map((r) => r.warm)), cold: median(runs[p].map((r) => r.cold)), types: runs[p][0].types, instantiations: runs[p][0].instantiations }]),
  );
  const reference = summary["official"];
  console.log(
    `TypeScript 5.9, --skipLibCheck, JS API, ${rounds} rounds of ${reps} programs each (ratio to the official SDK's program): check warm = the fastest program after ` +
      `each round's first, of all rounds [median of the rounds' fastest]; cold = each round's first program (as tsc checks it), median of the rounds:`,
  );
  for (const [program, s] of Object.entries(summary)) {
    const ratio = (key) => (program === "official" ? "" : ` (${(s[key] / Math.max(reference[key], 1e-9)).toFixed(key === "types" || key === "instantiations" ? 2 : 3)}×)`);
    console.log(
      `  ${program.padEnd(18)} check warm ${s.warm.toFixed(2)} ms${ratio("warm")} [${s.warmMedian.toFixed(2)} ms${ratio("warmMedian")}]  cold ${s.cold.toFixed(2)} ms${ratio("cold")}  ` +
        `types ${s.types}${ratio("types")}  instantiations ${s.instantiations}${ratio("instantiations")}`,
    );
  }
}

// TypeScript 7, through its CLI (it has no JS API).
if (process.env.COMPILER !== "5.9") {
  const runs = collect(measure7);
  const summary = Object.fromEntries(
    programs.map((p) => {
      const times = (key) => runs[p].map((r) => r[key]);
      return [p, { check: Math.min(...times("check")), checkMedian: median(times("check")), total: Math.min(...times("total")), totalMedian: median(times("total")), types: runs[p][0].types, instantiations: runs[p][0].instantiations }];
    }),
  );
  const reference = summary["official"];
  console.log(`TypeScript 7, --skipLibCheck, CLI --extendedDiagnostics: fastest of ${rounds} rounds [median] (ratio to the official SDK's program):`);
  for (const [program, s] of Object.entries(summary)) {
    const ratio = (key) => (program === "official" ? "" : ` (${(s[key] / Math.max(reference[key], 1e-9)).toFixed(2)}×)`);
    console.log(
      `  ${program.padEnd(18)} check ${s.check.toFixed(3)} s${ratio("check")} [${s.checkMedian.toFixed(3)} s${ratio("checkMedian")}]  total ${s.total.toFixed(2)} s${ratio("total")} [${s.totalMedian.toFixed(2)} s]  ` +
        `types ${s.types}${ratio("types")}  instantiations ${s.instantiations}${ratio("instantiations")}`,
    );
  }
}
