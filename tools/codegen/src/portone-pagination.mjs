// Generator of packages/portone/src/generated/pagination.ts: for every list operation of the
// bundled PortOne spec, how it pages and the name of its items array. Derived from the schemas,
// never listed by hand:
//   page        input `page: {number, size}`, output `page: {number, size, totalCount}` + one array
//   pageNumber  input `pageNumber` + `pageSize`, output `page: {…, totalCount}` + one array
//   cursor      input `cursor` + `size`, output one array whose items each carry a string `cursor`
// The cursor lists' default page size is read from the description of their `size` field
// ("기본값은 10"), since the answer does not echo it and the end of such a list is a short page.
import { deref, header, literal, operations } from "./emit.mjs";

const GENERATOR = "@payspec/codegen (tools/codegen/src/portone-pagination.mjs)";

/** The JSON input schema of an operation: its `requestBody` query parameter or its JSON body. */
function inputSchema(doc, operation) {
  for (const ref of operation.parameters ?? []) {
    const p = deref(doc, ref);
    if (p?.in === "query" && p.name === "requestBody" && p.content?.["application/json"]?.schema) {
      return deref(doc, p.content["application/json"].schema);
    }
  }
  const body = operation.requestBody && deref(doc, operation.requestBody);
  return body?.content?.["application/json"]?.schema ? deref(doc, body.content["application/json"].schema) : undefined;
}

function successSchema(doc, operation) {
  const response = operation.responses?.["200"] && deref(doc, operation.responses["200"]);
  const schema = response?.content?.["application/json"]?.schema;
  return schema ? deref(doc, schema) : undefined;
}

const props = (doc, schema) => Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([k, v]) => [k, deref(doc, v)]));
const has = (doc, schema, ...names) => {
  const p = props(doc, schema);
  return names.every((n) => p[n] !== undefined);
};
const isInteger = (schema) => schema?.type === "integer";

/** A default stated in a field's description: "기본값은 10", "기본 값은 500", "default 10". */
function statedDefault(schema) {
  const match = /(?:기본\s*값은|default(?: is)?)\s*(\d+)/i.exec(schema?.description ?? "");
  return match ? Number(match[1]) : undefined;
}

/** One row per list operation: { operationId, kind, items, defaultSize? }. */
export function listOperations(doc) {
  const rows = [];
  for (const { method, operation } of operations(doc)) {
    if (method !== "get") continue;
    const input = inputSchema(doc, operation);
    const output = successSchema(doc, operation);
    if (!input || !output) continue;
    const inp = props(doc, input);
    const out = props(doc, output);
    const arrays = Object.entries(out).filter(([, s]) => s.type === "array");
    const pageInfo = out["page"];
    const pagedOut = pageInfo !== undefined && has(doc, pageInfo, "number", "size", "totalCount");
    let kind;
    let sizeField;
    if (inp["page"] && has(doc, inp["page"], "number", "size") && pagedOut) {
      kind = "page";
      sizeField = props(doc, inp["page"])["size"];
    } else if (isInteger(inp["pageNumber"]) && isInteger(inp["pageSize"]) && pagedOut) {
      kind = "pageNumber";
      sizeField = inp["pageSize"];
    } else if (inp["cursor"]?.type === "string" && isInteger(inp["size"])) {
      const withCursor = arrays.filter(([, s]) => props(doc, deref(doc, s.items))["cursor"]?.type === "string");
      if (withCursor.length !== 1) continue;
      kind = "cursor";
      sizeField = inp["size"];
      arrays.splice(0, arrays.length, ...withCursor);
    } else continue;
    if (arrays.length !== 1) {
      throw new Error(`${operation.operationId}: a ${kind} list needs exactly one items array, found ${arrays.map(([k]) => k).join(", ") || "none"}`);
    }
    const row = { operationId: operation.operationId, kind, items: arrays[0][0] };
    const defaultSize = statedDefault(sizeField);
    if (kind === "cursor" && defaultSize === undefined) {
      throw new Error(`${operation.operationId}: the description of its size field states no default ("기본값은 N")`);
    }
    if (defaultSize !== undefined) row.defaultSize = defaultSize;
    rows.push(row);
  }
  return rows.sort((a, b) => (a.operationId < b.operationId ? -1 : a.operationId > b.operationId ? 1 : 0));
}

export function generatePortOnePagination(doc, entryOf) {
  const rows = listOperations(doc).map((row) => ({ ...row, entry: entryOf(row.operationId) }));
  const body = rows
    .map(({ operationId, kind, items, defaultSize }) => {
      const size = defaultSize === undefined ? "" : `, defaultSize: ${defaultSize}`;
      return `  ${operationId}: { kind: ${literal(kind)}, items: ${literal(items)}${size} },`;
    })
    .join("\n");
  const pascal = (id) => id.charAt(0).toUpperCase() + id.slice(1);
  const named = rows
    .map(({ operationId: id, items }) => `  ${id}: { item: NonNullable<${pascal(id)}Data[${literal(items)}]>[number]; error: ${pascal(id)}Error };`)
    .join("\n");
  const overloads = rows
    .map(({ operationId: id }) => `  (client: { ${id}: PortOneMethods[${literal(id)}] }, operation: ${literal(id)}, input?: ${pascal(id)}Input, options?: PaginateOptions): PortOnePages<${literal(id)}>;`)
    .join("\n");
  return `${header({ generator: GENERATOR, provider: "portone", doc })}
import type { PortOneInput } from "../client.js";
import type { PaginateOptions, PortOnePages } from "../paginate.js";
${[...new Set(rows.map((r) => r.entry))].map((entry) => `import type { ${rows.filter((r) => r.entry === entry).flatMap(({ operationId: id }) => [`${pascal(id)}Data`, `${pascal(id)}Error`, `${pascal(id)}Input`]).join(", ")} } from "./entries/${entry}.js";`).join("\n")}
import type { PortOneMethods } from "./methods.js";
import type { OperationId } from "./operations.js";

/**
 * How a list operation pages: \`page\` (\`page: { number, size }\` in, \`page: { number, size, totalCount }\`
 * out), \`pageNumber\` (\`pageNumber\` and \`pageSize\` in, \`page\` out) or \`cursor\` (\`cursor\` and \`size\` in,
 * each item carries its \`cursor\`); \`items\` names the array of the answer; \`defaultSize\` is the page size
 * the provider uses when none is sent, where the spec states one.
 */
export interface PaginationInfo {
  readonly kind: "page" | "pageNumber" | "cursor";
  readonly items: string;
  readonly defaultSize?: number;
}

/** Every list operation of the spec (${rows.length}) and how it pages. */
export const pagination = {
${body}
} as const satisfies { readonly [K in OperationId]?: PaginationInfo };

/** The operations \`paginate\` accepts. */
export type PaginatedOperationId = keyof typeof pagination;

/** The item and error types of each list operation, named (what \`PortOneListItem<K>\` and \`PortOneCallError<K>\` look up). */
export interface PaginatedTypes {
${named}
}

/**
 * The signatures of \`paginate\`: one per list operation, so that TypeScript checks an input against that
 * operation's type alone (a generic signature would check it against all ${rows.length} inputs first), then a
 * generic one for code that is generic over the operation. Each takes \`{ op: PortOneMethods["op"] }\`, what
 * \`Pick<PortOneMethods, "op">\` means, written out: a call tries the signatures in turn, and a \`Pick\` in each
 * was a mapped type instantiated for every signature tried (90 of the 120 instantiations of a call).
 */
export interface PaginateSignatures {
${overloads}
  <K extends PaginatedOperationId>(client: Pick<PortOneMethods, NoInfer<K>>, operation: K, input?: PortOneInput<K>, options?: PaginateOptions): PortOnePages<K>;
}
`;
}
