// Users copy the READMEs' examples, so every ```ts block of README.md and packages/*/README.md is compiled here as a
// user's project compiles it: TypeScript 5.9 (the JS-based line users compile with, not the repository's 7), strict, NodeNext,
// skipLibCheck, types ["node"], against the built packages (dist/, through this package's workspace links, as from
// npm). One program for all blocks, each block its own module; a diagnostic names the README and its line there.
//
// A block that is a fragment gets its context from an HTML comment right before the fence, which GitHub does not
// render (several may follow each other; no blank line between them and the fence):
//   <!-- example-context: import type { PortOneCore } from "@payspec/portone"; declare const portone: PortOneCore; -->
// is compiled in front of the block, and
//   <!-- example-context: async -->
// compiles the block as the body of an async function (its imports stay at the top), for a handler's `return`.
// A block that is not TypeScript (shell, JSON, a tree) is not ```ts.
//
// (This file took over readme.test.ts: the rule on what an example may import now covers every README.)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript-5.9";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const HERE = fileURLToPath(new URL("./", import.meta.url));

/** Where a line of a compiled block comes from: a README line and the column offset of the text on it. */
interface Origin {
  readonly line: number;
  readonly column: number;
}

/** One ```ts block as it is compiled: its text, line by line, and where each line comes from. */
interface Example {
  readonly readme: string;
  /** The README line of the opening fence. */
  readonly fence: number;
  /** The block as the README shows it (what a user copies). */
  readonly code: string;
  /** What is compiled: the contexts, then the block. */
  readonly text: string;
  readonly origins: readonly Origin[];
}

/** The README's ```ts blocks with their contexts; `problems` lists misplaced or unclosed context comments. */
function extractExamples(readme: string, markdown: string): { examples: Example[]; problems: string[] } {
  const lines = markdown.split("\n");
  const examples: Example[] = [];
  const problems: string[] = [];
  let contexts: { text: string; line: number; column: number }[] = [];
  let open: { lang: string; fence: number; body: { text: string; line: number }[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const lineNo = i + 1;
    if (open) {
      if (/^```\s*$/.test(line)) {
        if (open.lang === "ts") examples.push(assemble(readme, open.fence, contexts, open.body));
        else if (contexts.length > 0) problems.push(`${readme}:${open.fence}: an example-context comment before a \`\`\`${open.lang} block (only \`\`\`ts blocks are compiled)`);
        contexts = [];
        open = undefined;
      } else open.body.push({ text: line, line: lineNo });
      continue;
    }
    const fence = /^```(\S*)\s*$/.exec(line);
    if (fence) {
      open = { lang: fence[1] ?? "", fence: lineNo, body: [] };
      continue;
    }
    const start = line.indexOf("<!-- example-context:");
    if (start === 0) {
      // The comment may span lines: each of its lines keeps its own README line.
      let column = start + "<!-- example-context:".length;
      for (let j = i; j < lines.length; j++) {
        const text = lines[j] ?? "";
        const end = text.indexOf("-->", j === i ? column : 0);
        contexts.push({ text: text.slice(j === i ? column : 0, end < 0 ? undefined : end), line: j + 1, column: j === i ? column : 0 });
        column = 0;
        if (end >= 0) {
          i = j;
          break;
        }
        if (j === lines.length - 1) {
          problems.push(`${readme}:${lineNo}: an example-context comment that is not closed`);
          i = j;
        }
      }
      continue;
    }
    if (contexts.length > 0) problems.push(`${readme}:${contexts[0]?.line}: an example-context comment not right before a \`\`\`ts block`);
    contexts = [];
  }
  return { examples, problems };
}

/** The compiled text of a block: contexts first, then the block (in an async function for `async`). */
function assemble(readme: string, fence: number, contexts: readonly { text: string; line: number; column: number }[], body: readonly { text: string; line: number }[]): Example {
  const out: { text: string; origin: Origin }[] = [];
  const isAsync = contexts.some((c) => c.text.trim() === "async");
  for (const c of contexts) if (c.text.trim() !== "async") out.push({ text: c.text, origin: { line: c.line, column: c.column } });
  if (!isAsync) for (const b of body) out.push({ text: b.text, origin: { line: b.line, column: 0 } });
  else {
    // An import is not allowed in a function: the block's imports (up to their `from "…"` line) stay at the top.
    const rest: { text: string; line: number }[] = [];
    for (let k = 0; k < body.length; k++) {
      const b = body[k];
      if (b === undefined) continue;
      if (!/^import\s/.test(b.text)) {
        rest.push(b);
        continue;
      }
      for (; k < body.length; k++) {
        const part = body[k];
        if (part === undefined) break;
        out.push({ text: part.text, origin: { line: part.line, column: 0 } });
        if (/(from\s+|^import\s+)["'][^"']+["'];?\s*(\/\/.*)?$/.test(part.text)) break;
      }
    }
    out.push({ text: "export async function example() {", origin: { line: fence, column: 0 } });
    for (const b of rest) out.push({ text: b.text, origin: { line: b.line, column: 0 } });
    out.push({ text: "}", origin: { line: fence, column: 0 } });
  }
  return { readme, fence, code: body.map((b) => b.text).join("\n"), text: `${out.map((o) => o.text).join("\n")}\n`, origins: out.map((o) => o.origin) };
}

/** What a user's project compiles with: no DOM (these are server packages: the globals they use come from @types/node). */
const OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  skipLibCheck: true,
  types: ["node"],
  noEmit: true,
};

/**
 * Compiles the examples in one program and returns one line per diagnostic: `README:line:column: TSxxxx message`.
 * Each example is a virtual file in this folder (nothing is written), so that `@payspec/*` and `vitest` resolve
 * through this package's node_modules as a user's do through theirs.
 */
function compileExamples(examples: readonly Example[]): string[] {
  const files = new Map(examples.map((e, i) => [join(HERE, "readme-examples", `${i}.mts`), e] as const));
  const host = ts.createCompilerHost(OPTIONS, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (name) => files.has(name) || fileExists.call(host, name);
  host.readFile = (name) => files.get(name)?.text ?? readFile.call(host, name);
  host.getSourceFile = (name, language, ...rest) => {
    const example = files.get(name);
    return example ? ts.createSourceFile(name, example.text, language, true) : getSourceFile.call(host, name, language, ...rest);
  };
  host.getCurrentDirectory = () => HERE;
  const program = ts.createProgram({ rootNames: [...files.keys()], options: OPTIONS, host });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const message = `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    if (d.file === undefined || d.start === undefined) return message;
    const at = d.file.getLineAndCharacterOfPosition(d.start);
    const example = files.get(d.file.fileName);
    if (example === undefined) return `${relative(ROOT, d.file.fileName)}:${at.line + 1}:${at.character + 1}: ${message}`;
    const origin = example.origins[at.line] ?? { line: example.fence, column: 0 };
    return `${example.readme}:${origin.line}:${origin.column + at.character + 1}: ${message}`;
  });
}

const readmes = ["README.md", ...readdirSync(join(ROOT, "packages"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `packages/${d.name}/README.md`)]
  .filter((path) => existsSync(join(ROOT, path)));
const extracted = readmes.map((readme) => ({ readme, ...extractExamples(readme, readFileSync(join(ROOT, readme), "utf8")) }));
/** A README that breaks its example on purpose, compiled in the same program: the test can fail, and says where. */
const BROKEN = [
  "# broken",
  "",
  "<!-- example-context: import type { PortOneCore } from \"@payspec/portone\"; declare const portone: PortOneCore; -->",
  "<!-- example-context: async -->",
  "```ts",
  'import { getPayment } from "@payspec/portone/payment";',
  "",
  'const { data, error } = await getPayment(portone, { paymentID: "order-1" });',
  "if (error) return error.kind;",
  "return data.stauts;",
  "```",
  "",
].join("\n");
const broken = extractExamples("broken/README.md", BROKEN);
const all = extracted.flatMap((e) => e.examples);
const diagnostics = compileExamples([...all, ...broken.examples]);

/**
 * A package a user installs: a client (any of its subpaths), an errors package or the sandbox; never the runtime they
 * share (a user who installed only @payspec/portone has no @payspec/runtime to import). The sandbox guide's examples
 * are whole test files, so they also import the test runner they are written for.
 */
const installable = (source: string) =>
  /^@payspec\/(portone|payssam|portone-global|portone-errors|payssam-errors|sandbox)(\/[a-z-]+)?$/.test(source) || source === "vitest" || source.startsWith("node:");

describe("the README examples import only what a user installs", () => {
  it("the root README has TypeScript examples", () => {
    expect(extracted.find((e) => e.readme === "README.md")?.examples.length).toBeGreaterThan(1);
  });

  it.each(extracted.map((e) => [e.readme, e.examples] as const))("%s", (_readme, examples) => {
    const wrong = examples.flatMap((e) => [...e.code.matchAll(/from "([^"]+)"/g)].map((m) => m[1] ?? "").filter((s) => !installable(s)).map((s) => `${e.readme}:${e.fence}: ${s}`));
    expect(wrong, "not a package a user installs").toEqual([]);
  });

  it("the result-handling type test imports what the root README imports", () => {
    const test = readFileSync(new URL("./result-handling.test-d.ts", import.meta.url), "utf8");
    const root = extracted.find((e) => e.readme === "README.md")?.examples.map((e) => e.code).join("\n") ?? "";
    expect(test).toContain('import type { PaySpecApiError, PaySpecCallError } from "@payspec/portone";');
    expect(root).toContain('import type { PaySpecApiError, PaySpecCallError } from "@payspec/portone";');
  });
});

describe("the README examples compile as a user's project compiles them (TypeScript 5.9, strict, NodeNext)", () => {
  it.each(extracted.map((e) => [e.readme, e] as const))("%s", (_readme, { readme, examples, problems }) => {
    expect(problems).toEqual([]);
    expect(diagnostics.filter((d) => d.startsWith(`${readme}:`))).toEqual([]);
    if (readme !== "packages/runtime/README.md") expect(examples.length).toBeGreaterThan(0);
  });

  it("no diagnostic outside the examples (options, libraries)", () => {
    expect(diagnostics.filter((d) => !extracted.some((e) => d.startsWith(`${e.readme}:`)) && !d.startsWith("broken/"))).toEqual([]);
  });

  it("a wrong example fails, named by README path, line and column, contexts included", () => {
    expect(broken.problems).toEqual([]);
    const lines = diagnostics.filter((d) => d.startsWith("broken/"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^broken\/README\.md:8:53: TS2561 .*'paymentID'/);
    expect(lines[1]).toMatch(/^broken\/README\.md:10:13: TS2551 .*'stauts'/);
  });

  it("context comments and fences are read as documented", () => {
    const { examples, problems } = extractExamples("x.md", [
      "<!-- example-context: declare const a: number; -->",
      "<!-- example-context:",
      "declare const b: number; -->",
      "```ts",
      "a + b;",
      "```",
      "<!-- example-context: declare const c: number; -->",
      "",
      "```sh",
      "echo",
      "```",
      "<!-- example-context: declare const d: number; -->",
      "```json",
      "{}",
      "```",
    ].join("\n"));
    expect(examples).toHaveLength(1);
    expect(examples[0]?.text).toBe(" declare const a: number; \n\ndeclare const b: number; \na + b;\n");
    expect(examples[0]?.origins.map((o) => o.line)).toEqual([1, 2, 3, 5]);
    expect(problems).toEqual(["x.md:7: an example-context comment not right before a ```ts block", "x.md:13: an example-context comment before a ```json block (only ```ts blocks are compiled)"]);
  });

  // One program for all blocks: it parses @types/node, vitest's and the packages' typings once (a program per block
  // took about a minute). Its time is not asserted (timing belongs in benchmarks); the count is.
  it("compiles every block of every README in one program", () => {
    expect(all.length).toBe(extracted.reduce((n, e) => n + e.examples.length, 0));
    expect(all.length).toBeGreaterThanOrEqual(30);
  });
});
