// The one shape of the generated entry points, for every provider: shared component schemas and
// response shapes as constants of their own modules (one `export const` each, referring to each other
// directly, so that a bundler keeps only those an operation reaches), one rows module per category
// (each operation's row as its own constant), and one entry module per category with each operation's
// named types and standalone function. Nothing here imports every operation: only the client's
// `operations.ts` does.
import { literal } from "./emit.mjs";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `getPayment` → `GetPayment`. */
export const pascal = (id) => id.charAt(0).toUpperCase() + id.slice(1);

/** A JSDoc block of `lines` at `indent`, or nothing when there are none. */
export function jsdoc(lines, indent = "") {
  const text = lines.map((l) => String(l ?? "")).join("\n").trim();
  if (!text) return [];
  const body = text.split("\n").map((line) => `${indent} * ${line.replace(/\*\//g, "*\\/")}`.trimEnd());
  return body.length === 1 && !body[0].includes("@") ? [`${indent}/** ${text.replace(/\*\//g, "*\\/")} */`] : [`${indent}/**`, ...body, `${indent} */`];
}

/**
 * `value` as source text in which every `{ "$ref": "Name" }` becomes `ns.Name` (or `Name` when `ns` is
 * null), a reference to the constant of that name. The generators write a `$ref` object with no other key (`compactSchema` and
 * `responseShape` refuse constraints beside one).
 */
export function withRefs(value, ns) {
  return literal(value).replace(/\{"\$ref":"([^"]+)"\}/g, (_, name) => {
    if (!IDENTIFIER.test(name)) throw new Error(`schema name ${name} is not an identifier`);
    return ns ? `${ns}.${name}` : name;
  });
}

/** The names `node` refers to with `$ref`. */
function refs(node, found = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => refs(n, found));
  else if (node && typeof node === "object") {
    if (typeof node.$ref === "string") found.add(node.$ref);
    for (const value of Object.values(node)) refs(value, found);
  }
  return found;
}

/**
 * A module of named constants (request schemas or response shapes), each written after those it
 * refers to. A cycle cannot be written as constants and fails the generator (none of the specs has one:
 * request schemas and the two levels of response shapes are trees).
 */
export function constantsModule({ header, typeImport, type, table }) {
  const order = [];
  const state = new Map();
  const visit = (name, path) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "open") throw new Error(`recursive schema ${[...path, name].join(" → ")} cannot be a constant`);
    if (!table.has(name)) throw new Error(`$ref to ${name}, which is not in the table`);
    state.set(name, "open");
    for (const ref of refs(table.get(name))) visit(ref, [...path, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of [...table.keys()].sort()) visit(name, []);
  const out = [header, typeImport, ""];
  for (const name of order) out.push(`export const ${name}: ${type} = ${withRefs(table.get(name), null)};`);
  return out.join("\n");
}

/** `billing-key` → `billingKey`. */
export const camel = (entry) => entry.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/**
 * A rows module of one entry point: each operation's row as its own constant of type `type`, its
 * `input` referring to the constants of `../schemas.js` (as `S.Name`) and its `output` to those of
 * `../shapes.js` (as `O.Name`), imported only when used. `rows` are `{ id, row, comment? }`.
 */
export function rowsModule({ header, type, rows }) {
  const lines = rows.map(({ id, row, comment }) => {
    const { input, output, ...rest } = row;
    const text = `${literal(rest).slice(0, -1)},"input":${input ? withRefs(input, "S") : "null"},"output":${output ? withRefs(output, "O") : "null"}}`;
    return [...(comment ? [`/** ${comment} */`] : []), `export const ${id}: ${type} = ${text};`].join("\n");
  });
  const uses = (ns) => lines.some((line) => new RegExp(`[,:\\[]${ns}\\.[A-Za-z_$]`).test(line));
  return [
    header,
    `import type { ${type} } from "../common.js";`,
    ...(uses("S") ? ['import * as S from "../schemas.js";'] : []),
    ...(uses("O") ? ['import * as O from "../shapes.js";'] : []),
    "",
    lines.join("\n"),
  ].join("\n");
}

/**
 * The `methods.ts` of a client: the named types imported from each entry module, one interface of
 * methods per group (documented as the spec documents each operation), and the table of each
 * operation's named types that the generic forms (`PortOneInput<K>`, …) look up.
 */
export function methodsModule({ head, client, ops, entries, doc, groups }) {
  const typeImports = entries.map((entry) => {
    const names = ops.filter((op) => op.entry === entry).flatMap((op) => ["Input", "Data", "ApiError", "Result"].map((s) => `${pascal(op.id)}${s}`));
    return `import type {\n${names.map((n) => `  ${n},`).join("\n")}\n} from "./entries/${entry}.js";`;
  });
  const method = (op) => [
    ...jsdoc(doc(op), "  "),
    `  ${op.id}(input${op.types.optional ? "?" : ""}: ${pascal(op.id)}Input, options?: ${client}CallOptions): Promise<${pascal(op.id)}Result>;`,
  ];
  return [
    head,
    `import type { ${client}CallOptions } from "../core.js";`,
    ...typeImports,
    "",
    ...groups.flatMap((group) => [`/** ${group.comment} */`, `export interface ${group.name} {`, ...group.ops.flatMap(method), "}\n"]),
    `/** The named types of each operation, by operationId (what \`${client}Input<K>\`, \`${client}Data<K>\` and \`${client}ApiError<K>\` look up). */`,
    `export interface ${client}OperationTypes {`,
    ...ops.map((op) => `  ${op.id}: { input: ${pascal(op.id)}Input; data: ${pascal(op.id)}Data; apiError: ${pascal(op.id)}ApiError };`),
    "}",
  ].join("\n");
}
