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
 * What every client's entry point says of one operation after its input and data types: its API errors
 * (`apiErrors`, the union's members with the unrecognised one last, under `apiErrorsDoc`), its error and result
 * types, and its standalone function, which runs the client's one `call` with the operation's row. `client` is
 * the client's prefix (`PortOne`, `PaySsam`, `PortOneGlobal`); `doc` the operation's documentation lines.
 */
export function operationTail({ op, client, optional, apiErrorsDoc, apiErrors, doc }) {
  const name = pascal(op.id);
  return [
    ...jsdoc([apiErrorsDoc]),
    `export type ${name}ApiError =`,
    ...apiErrors.map((member, i) => `  | ${member}${i === apiErrors.length - 1 ? ";" : ""}`),
    ...jsdoc([`Every error of {@link ${op.id}}: \`validation\` (nothing was sent), \`api\` (one of {@link ${name}ApiError}) or a transport error.`]),
    // Written out rather than `PaySpecCallError<…>` and `PaySpecResult<…>` (the same unions): a generic alias is
    // instantiated again in every program that uses the operation; these are declared once, under their names.
    `export type ${name}Error = PaySpecValidationError | ${name}ApiError | PaySpecTransportError;`,
    ...jsdoc([`\`{ data, error, response }\` of {@link ${op.id}}: exactly one of \`data\` and \`error\`.`]),
    `export type ${name}Result =`,
    `  | { readonly data: ${name}Data; readonly error?: undefined; readonly response: Response }`,
    `  | { readonly data?: undefined; readonly error: ${name}Error; readonly response?: Response };`,
    ...jsdoc([...doc, "", `@param client a client from \`create${client}Core\` or \`create${client}Client\``, "@returns `{ data, error, response }`; never throws"]),
    `export function ${op.id}(client: ${client}Core, input${optional ? "?" : ""}: ${name}Input, options?: ${client}CallOptions): Promise<${name}Result> {`,
    `  return call(client, rows.${op.id}, input, options);`,
    "}",
  ];
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
 * Field names whose values are card data, personal numbers or billing keys, compared without case, `_`,
 * `-` or spaces; `number` only inside a `card` or `credential` object. The same lists as the runtime's
 * `isSensitiveField` (packages/runtime/src/redact.ts; a runtime test compares them): the generator
 * runs before anything is built, so it cannot import the runtime.
 */
export const SENSITIVE_FIELDS = [
  "cardnumber",
  "expiry",
  "expiryyear",
  "expirymonth",
  "cvc",
  "cvv",
  "passwordtwodigits",
  "cardpassword",
  "birth",
  "birthdate",
  "birthorbusinessregistrationnumber",
  "billingkey",
  "issuancenumber",
  "residentregistrationnumber",
];
export const CARD_PARENTS = ["card", "credential", "cardcredential"];
const normalise = (name) => name.toLowerCase().replace(/[\s_-]/g, "");
export const isSensitiveField = (name, parent = "") =>
  SENSITIVE_FIELDS.includes(normalise(name)) || (normalise(name) === "number" && CARD_PARENTS.includes(normalise(parent)));

/** The runtime's checker of each keyword beyond the core ones (`Keywords`), by keyword (`format` by its value). */
const KEYWORD_CHECKERS = {
  pattern: "patternKeyword",
  date: "dateFormat",
  "date-time": "dateTimeFormat",
  uri: "uriFormat",
  allOf: "allOfKeyword",
  anyOf: "anyOfKeyword",
  oneOf: "oneOfKeyword",
  if: "ifKeyword",
};

/**
 * What an operation's input schema needs of the runtime beyond the core validator: the keyword checkers
 * it uses anywhere (through `$ref`s into `table`, union members and conditions), and whether it may hold
 * card data, personal numbers or billing keys: a property so named (with its parent's name, as the
 * runtime's scan of a body sees it: an array's items have the array's name as parent), or an object open
 * to any field (its keys are the caller's). `root` is the name of the object the input is sent in
 * (PaySsam's `bill`), or "". A null input accepts anything: personal.
 */
export function inputNeeds(input, table, root = "") {
  const keywords = new Set();
  let personal = input === null || input === undefined;
  const target = (name) => {
    if (!table.has(name)) throw new Error(`$ref to ${name}, which is not in the table`);
    return table.get(name);
  };
  // Whether a value in this place may be an object with fields the schema does not list.
  const open = (node, refs = []) => {
    if (!node || typeof node !== "object") return false;
    if (typeof node.$ref === "string") return !refs.includes(node.$ref) && open(target(node.$ref), [...refs, node.$ref]);
    const types = node.type === undefined ? undefined : [node.type].flat();
    if (node.enum !== undefined || node.const !== undefined || (types && !types.includes("object")) || node.additionalProperties === false) return false;
    if (node.allOf && !node.allOf.every((m) => open(m, refs))) return false;
    return (!node.anyOf || node.anyOf.some((m) => open(m, refs))) && (!node.oneOf || node.oneOf.some((m) => open(m, refs)));
  };
  const visited = new Set();
  // `place`: the node is what a value in its own place must match (a property, an item), not a union member or branch of one.
  const walk = (node, parent, place) => {
    if (!node || typeof node !== "object") return;
    if (place && open(node)) personal = true;
    if (typeof node.$ref === "string") {
      const key = `${node.$ref}\u0000${parent}`;
      if (!visited.has(key)) {
        visited.add(key);
        walk(target(node.$ref), parent, false);
      }
      return;
    }
    if (node.pattern !== undefined) keywords.add("pattern");
    if (typeof node.format === "string" && KEYWORD_CHECKERS[node.format]) keywords.add(node.format);
    for (const k of ["allOf", "anyOf", "oneOf"]) {
      if (node[k] === undefined) continue;
      keywords.add(k);
      for (const member of node[k]) walk(member, parent, false);
    }
    if (node.if !== undefined) {
      keywords.add("if");
      for (const branch of [node.if, node.then, node.else]) walk(branch, parent, false);
    }
    for (const [name, sub] of Object.entries(node.properties ?? {})) {
      if (isSensitiveField(name, parent)) personal = true;
      walk(sub, name, true);
    }
    walk(node.items, parent, true);
    if (typeof node.additionalProperties === "object") walk(node.additionalProperties, parent, true);
  };
  walk(input, root, true);
  return { keywords: [...keywords].sort(), personal };
}

/**
 * The text a row gets after its `output` for `needs` (`inputNeeds`): `"keywords":{…}` naming the
 * runtime's checkers, `"personal":personalData`; and the runtime names it imports.
 */
export function needsText(needs) {
  const names = needs.keywords.map((k) => KEYWORD_CHECKERS[k]);
  const parts = [];
  if (names.length) parts.push(`"keywords":{${needs.keywords.map((k) => `${JSON.stringify(k)}:${KEYWORD_CHECKERS[k]}`).join(",")}}`);
  if (needs.personal) parts.push('"personal":personalData');
  return { text: parts.map((p) => `,${p}`).join(""), imports: [...names, ...(needs.personal ? ["personalData"] : [])] };
}

/**
 * A rows module of one entry point: each operation's row as its own constant of type `type`, its
 * `input` referring to the constants of `../schemas.js` (as `S.Name`) and its `output` to those of
 * `../shapes.js` (as `O.Name`), imported only when used; then the runtime's keyword checkers the input
 * uses and `personalData` when it may hold personal fields (`inputNeeds` over `table`, the named request
 * schemas), so that a bundle carries only what its operations use. `rows` are `{ id, row, comment?,
 * root?, extra? }`: `root` the object the input is sent in, `extra` row text of the provider's own
 * (`[text, imports]`, e.g. PortOne Global's signer) written last.
 */
export function rowsModule({ header, type, rows, table }) {
  const runtime = new Set();
  const local = new Map();
  const lines = rows.map(({ id, row, comment, root, extra }) => {
    const { input, output, ...rest } = row;
    const needs = needsText(inputNeeds(input, table, root));
    needs.imports.forEach((name) => runtime.add(name));
    for (const [from, names] of Object.entries(extra?.imports ?? {})) for (const name of names) local.set(name, from);
    const text = `${literal(rest).slice(0, -1)},"input":${input ? withRefs(input, "S") : "null"},"output":${output ? withRefs(output, "O") : "null"}${needs.text}${extra?.text ?? ""}}`;
    return [...(comment ? [`/** ${comment} */`] : []), `export const ${id}: ${type} = ${text};`].join("\n");
  });
  const uses = (ns) => lines.some((line) => new RegExp(`[,:\\[]${ns}\\.[A-Za-z_$]`).test(line));
  const froms = [...new Set(local.values())].sort();
  return [
    header,
    ...(runtime.size ? [`import { ${[...runtime].sort().join(", ")} } from "@payspec/runtime";`] : []),
    ...froms.map((from) => `import { ${[...local].filter(([, f]) => f === from).map(([n]) => n).sort().join(", ")} } from "${from}";`),
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
