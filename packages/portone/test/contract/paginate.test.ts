// Every list operation paged through Prism. The spec gives each list named success examples
// `page0`, `page1`, … (one item a page); the fetch below asks Prism for the example of the page the
// client requested (`page.number`, `pageNumber`, or the cursor a previous page ended with), so the
// mock serves a multi-page list without a fixture server.
import { strictFetch } from "@payspec/mock/contract";
import { jsonQueryValidator } from "@payspec/mock/json-query";
import { describe, expect, inject, it } from "vitest";
import { createPortOneClient, paginate, pagination, type PaginatedOperationId } from "../../src/index.js";
import { INCONSISTENT_PAGE } from "../../src/paginate.js";
import { errorExamples, exampleValue, operations, spec, type Operation } from "./spec.js";

const baseUrl = inject("portoneMockUrl");
const secret = "payspec-contract-secret";
const checkJsonQuery = jsonQueryValidator(spec);

type Json = Record<string, unknown>;
interface List {
  readonly id: PaginatedOperationId;
  readonly op: Operation;
  readonly kind: "page" | "pageNumber" | "cursor";
  readonly items: string;
  /** The named page examples, in order. */
  readonly pages: Json[];
}

const lists: List[] = (Object.keys(pagination) as PaginatedOperationId[]).map((id) => {
  const op = operations.find((o) => o.operationId === id) as Operation;
  const examples = op.responses["200"]?.content?.["application/json"]?.examples ?? {};
  const names = Object.keys(examples)
    .filter((name) => /^page\d+$/.test(name))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  names.forEach((name, i) => expect(name, `${id}: page examples are numbered from 0`).toBe(`page${i}`));
  return { id, op, kind: pagination[id].kind, items: pagination[id].items, pages: names.map((name) => exampleValue(examples[name]) as Json) };
});

const itemsOf = (list: List, page: Json | undefined) => (page?.[list.items] ?? []) as Json[];

/** The operation's request example, asking for page 0 with the page size of the page examples. */
function firstInput(list: List): Json {
  const param = list.op.parameters?.find((p) => p.name === "requestBody" && p.in === "query");
  const { page: _page, pageNumber: _number, pageSize: _size, cursor: _cursor, size: _cursorSize, ...example } = (param?.content?.["application/json"]?.example ?? {}) as Json;
  const first = list.pages[0] as Json;
  if (list.kind === "cursor") return { ...example, size: itemsOf(list, first).length };
  const size = (first["page"] as { size: number }).size;
  return list.kind === "page" ? { ...example, page: { size } } : { ...example, pageSize: size };
}

/** Which page example a request asks for. */
function pageIndex(list: List, body: Json): number {
  if (list.kind === "page") return (body["page"] as { number?: number } | undefined)?.number ?? 0;
  if (list.kind === "pageNumber") return (body["pageNumber"] as number | undefined) ?? 0;
  if (body["cursor"] === undefined) return 0;
  const after = list.pages.findIndex((page) => itemsOf(list, page).at(-1)?.["cursor"] === body["cursor"]);
  expect(after, `${list.id}: the cursor ${String(body["cursor"])} ends a page`).toBeGreaterThanOrEqual(0);
  return after + 1;
}

/** A fetch that serves page N from the example `pageN` (or `fail` for one page) and records what was asked. */
function pagingFetch(list: List, fail?: { page: number; prefer: string }) {
  const requested: number[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    expect(checkJsonQuery(list.op, url.searchParams), `${list.id} requestBody query`).toEqual([]);
    const body = JSON.parse(url.searchParams.get("requestBody") ?? "{}") as Json;
    const index = pageIndex(list, body);
    requested.push(index);
    const prefer = fail?.page === index ? fail.prefer : `code=200, example=page${index}`;
    return strictFetch({ prefer })(request);
  };
  return { fetch, requested };
}

it("covers every list operation of the spec; each spans several pages, one at least three", () => {
  expect(lists).toHaveLength(19);
  for (const list of lists) expect(list.pages.length, `${list.id}: page examples`).toBeGreaterThanOrEqual(2);
  expect(Math.max(...lists.map((l) => l.pages.filter((p) => itemsOf(l, p).length > 0).length))).toBeGreaterThanOrEqual(3);
  console.log(`paginate contract: ${lists.length} list operations, ${lists.reduce((n, l) => n + l.pages.length, 0)} page examples`);
});

describe.each(lists)("$id ($kind)", (list) => {
  it("yields every item across the pages exactly once, requesting each page once", async () => {
    const { fetch, requested } = pagingFetch(list);
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }) as never, list.id, firstInput(list) as never);
    const yielded: unknown[] = [];
    for await (const item of pages) yielded.push(item);
    const expected = list.pages.flatMap((page) => itemsOf(list, page));
    expect(yielded).toEqual(expected);
    expect(new Set(yielded.map((item) => JSON.stringify(item))).size).toBe(yielded.length);
    expect(requested).toEqual(list.pages.map((_, i) => i));
    expect(pages).toMatchObject({ error: undefined, pages: list.pages.length, items: expected.length });
  });

  it("stops at a typed error on page 2 and requests nothing after it", async () => {
    const [status, name] = errorExamples(list.op)[0] as [number, string];
    const { fetch, requested } = pagingFetch(list, { page: 1, prefer: `code=${status}, example=${name}` });
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }) as never, list.id, firstInput(list) as never);
    let count = 0;
    for await (const _ of pages) count += 1;
    const example = exampleValue(list.op.responses[String(status)]?.content?.["application/json"]?.examples?.[name]) as { type: string };
    expect(count).toBe(itemsOf(list, list.pages[0]).length);
    expect(requested).toEqual([0, 1]);
    expect(pages.error).toMatchObject({ kind: "api", code: example.type, httpStatus: status, operation: list.id });
  });

  // Issue 15, item 2: a server that ignores the page asked for (here Prism serving page0 again) is refused, not read twice.
  it("refuses page 0 answered again for page 1: only page 0 is yielded, then an invalid-response error", async () => {
    const { fetch, requested } = pagingFetch(list, { page: 1, prefer: "code=200, example=page0" });
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }) as never, list.id, firstInput(list) as never);
    const yielded: unknown[] = [];
    for await (const item of pages) yielded.push(item);
    expect(yielded).toEqual(itemsOf(list, list.pages[0]));
    expect(requested).toEqual([0, 1]);
    const bodySnippet = list.kind === "cursor" ? "item 0 of page 1 repeats a cursor already read" : "page 1 requested, page 0 answered";
    expect(pages.error).toMatchObject({ kind: "invalid-response", reason: INCONSISTENT_PAGE, httpStatus: 200, bodySnippet, operation: list.id });
  });

  it("stops promptly on abort", async () => {
    const controller = new AbortController();
    const { fetch, requested } = pagingFetch(list);
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }) as never, list.id, firstInput(list) as never, { signal: controller.signal });
    let count = 0;
    for await (const _ of pages) {
      count += 1;
      controller.abort();
    }
    expect(count).toBe(1);
    expect(requested).toEqual([0]);
    expect(pages.error).toMatchObject({ kind: "aborted", operation: list.id });
  });
});
