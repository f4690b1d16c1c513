import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { createPortOneClient, paginate, pagination, type PortOneClient, type PortOneInput } from "../../src/index.js";
import { INCONSISTENT_PAGE } from "../../src/paginate.js";

const secret = "portone-secret-3b9f0c2d7e";
const baseUrl = "https://mock.test";

/** The JSON a request carried in its `requestBody` query parameter. */
const sent = (request: Request | undefined): Record<string, unknown> => JSON.parse(new URL(request!.url).searchParams.get("requestBody") ?? "{}");
const pageOf = (request: Request) => (sent(request)["page"] as { number?: number } | undefined)?.number ?? 0;
const payment = (id: string) => ({ status: "PAID", id });

/** A page list of `total` payments answered `size` at a time, by the requested page number. */
function pagedServer(total: number, size: number) {
  return fakeFetch((request) => {
    const number = pageOf(request);
    const ids = Array.from({ length: total }, (_, i) => `p${i}`).slice(number * size, (number + 1) * size);
    return json({ items: ids.map(payment), page: { number, size, totalCount: total } });
  });
}

/** The error of a page that contradicts the request or the pages before it, with its explanation. */
const inconsistent = (bodySnippet: string) => ({ kind: "invalid-response", reason: INCONSISTENT_PAGE, httpStatus: 200, bodySnippet, provider: "portone" });
/** A page whose page info is not of the type the spec requires: the client's response check refuses it before paginate sees it. */
const misshapen = (field: string) => ({ kind: "invalid-response", reason: "unexpected-shape", httpStatus: 200, provider: "portone", message: expect.stringContaining(field) });

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of pages) out.push(item);
  return out;
}

describe("page lists", () => {
  it("reads 3 pages, then ends at (number + 1) × size ≥ totalCount", async () => {
    const { fetch, requests } = pagedServer(5, 2);
    const client = createPortOneClient({ secret, baseUrl, fetch });
    const filter = { status: ["PAID" as const] };
    const pages = paginate(client, "getPayments", { filter, page: { size: 2 } });
    const items = await collect(pages);
    expect(items.map((p) => p.id)).toEqual(["p0", "p1", "p2", "p3", "p4"]);
    expect(requests.map(pageOf)).toEqual([0, 1, 2]);
    expect(requests.map((r) => sent(r))).toEqual([0, 1, 2].map((number) => ({ filter, page: { size: 2, ...(number ? { number } : {}) } })));
    expect(pages).toMatchObject({ error: undefined, pages: 3, items: 5 });
  });

  it("starts at the caller's page and leaves the size to the provider when none is given", async () => {
    const { fetch, requests } = pagedServer(25, 10);
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments", { page: { number: 1 } });
    expect((await collect(pages)).map((p) => p.id)).toEqual(Array.from({ length: 15 }, (_, i) => `p${i + 10}`));
    expect(requests.map((r) => sent(r)["page"])).toEqual([{ number: 1 }, { number: 2 }]);
  });

  it("an empty page where totalCount promises more is an error, not a silent end (8 payments were never read)", async () => {
    // Pinned the old silent end before: a reconciliation would have missed the rest of the list.
    const { fetch, requests } = fakeFetch((_r, i) => json({ items: i === 0 ? [payment("a")] : [], page: { number: i, size: 1, totalCount: 9 } }));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments", { page: { size: 1 } });
    expect(await collect(pages)).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expect(pages).toMatchObject({ error: inconsistent("page 1 of size 1 holds 0 items where totalCount 9 means 1"), pages: 2, items: 1 });
  });

  it("an empty page past the end is the end, without an error", async () => {
    const { fetch, requests } = pagedServer(3, 2);
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments", { page: { number: 5, size: 2 } });
    expect(await collect(pages)).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(pages).toMatchObject({ error: undefined, pages: 1, items: 0 });
  });

  it("getB2bTaxInvoices pages with pageNumber and pageSize", async () => {
    const { fetch, requests } = fakeFetch((request) => {
      const number = Number(sent(request)["pageNumber"] ?? 0);
      return json({ items: [{ id: `ti-${number}` }], page: { number, size: 1, totalCount: 2 } });
    });
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getB2bTaxInvoices", { pageSize: 1, test: true });
    expect((await collect(pages)).map((i) => i.id)).toEqual(["ti-0", "ti-1"]);
    expect(requests.map((r) => sent(r))).toEqual([{ pageSize: 1, test: true }, { pageSize: 1, test: true, pageNumber: 1 }]);
  });

  it("the items array is the one the spec names (transferSummaries)", async () => {
    expect(pagination.getPlatformTransferSummaries.items).toBe("transferSummaries");
    const { fetch } = fakeFetch(() => json({ transferSummaries: [{ id: "t1" }], page: { number: 0, size: 10, totalCount: 1 } }));
    expect(await collect(paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPlatformTransferSummaries"))).toEqual([{ id: "t1" }]);
  });
});

describe("errors", () => {
  it("an error on page 2 is returned typed and no page 3 is requested", async () => {
    const { fetch, requests } = fakeFetch((request) =>
      pageOf(request) === 1
        ? json({ type: "FORBIDDEN", message: "요청이 거절되었습니다." }, 403)
        : json({ items: [payment("a"), payment("b")], page: { number: 0, size: 2, totalCount: 6 } }),
    );
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments", { page: { size: 2 } });
    const items = await collect(pages);
    expect(items).toHaveLength(2);
    expect(requests.map(pageOf)).toEqual([0, 1]);
    expect(pages.pages).toBe(1);
    expect(pages.error).toMatchObject({ kind: "api", code: "FORBIDDEN", httpStatus: 403, operation: "getPayments", provider: "portone" });
    if (pages.error?.kind === "api" && pages.error.code === "FORBIDDEN") expect(pages.error.body.message).toBe("요청이 거절되었습니다.");
  });

  it("never throws: a validation error, an operation that is no list, a body without the items array", async () => {
    const { fetch, requests } = fakeFetch(() => json({ page: { number: 0, size: 1, totalCount: 1 } }));
    const client = createPortOneClient({ secret, baseUrl, fetch });
    const bad = paginate(client, "getPayments", { page: { number: "zero" } } as never);
    expect(await collect(bad)).toEqual([]);
    expect(bad.error).toMatchObject({ kind: "validation", field: "page.number" });
    const notObject = paginate(client, "getPayments", 7 as never);
    expect(await collect(notObject)).toEqual([]);
    expect(notObject.error).toMatchObject({ kind: "validation", field: "input" });
    const notList = paginate(client, "getPayment" as never, {} as never);
    expect(await collect(notList)).toEqual([]);
    expect(notList.error).toMatchObject({ kind: "validation", field: "operation" });
    const hostile = paginate(client, "getPayments", new Proxy({}, { ownKeys: () => { throw new Error("no"); } }));
    expect(await collect(hostile)).toEqual([]);
    expect(hostile.error).toMatchObject({ kind: "validation", field: "input" });
    expect(requests).toHaveLength(0);
    const shapeless = paginate(client, "getPayments");
    expect(await collect(shapeless)).toEqual([]);
    expect(shapeless.error).toMatchObject({ kind: "invalid-response", reason: "unexpected-shape", httpStatus: 200 });
  });

  it("passes timeoutMs and headers to every request", async () => {
    const { fetch, requests } = fakeFetch((_request, i, init) =>
      i === 0 ? json({ items: [payment("a")], page: { number: 0, size: 1, totalCount: 2 } }) : new Promise<Response>((_r, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
    );
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments", {}, { timeoutMs: 30, headers: { "X-Trace": "t1" } });
    expect(await collect(pages)).toHaveLength(1);
    expect(pages.error).toMatchObject({ kind: "timeout", timeoutMs: 30 });
    expect(requests.map((r) => r.headers.get("x-trace"))).toEqual(["t1", "t1"]);
  });
});

describe("abort", () => {
  afterEach(() => void vi.useRealTimers());

  it("abort while page 2 is in flight: that request is aborted, the iteration stops at once, no timer is left", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    let inFlightAborted = false;
    const { fetch, requests } = fakeFetch((_request, i, init) => {
      if (i === 0) return json({ items: [payment("a")], page: { number: 0, size: 1, totalCount: 3 } });
      return new Promise<Response>((_r, reject) => {
        init?.signal?.addEventListener("abort", () => {
          inFlightAborted = true;
          reject(init.signal?.reason);
        });
        queueMicrotask(() => controller.abort(new Error("user left")));
      });
    });
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments", {}, { signal: controller.signal, timeoutMs: 60_000 });
    // With fake timers nothing can time out: the loop ends only because the abort stopped it.
    expect(await collect(pages)).toHaveLength(1);
    expect(inFlightAborted).toBe(true);
    expect(requests).toHaveLength(2);
    expect(pages.error).toMatchObject({ kind: "aborted", operation: "getPayments" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("abort between items: the rest of the page is not yielded and nothing more is sent", async () => {
    const controller = new AbortController();
    const { fetch, requests } = pagedServer(6, 3);
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments", {}, { signal: controller.signal });
    const seen: string[] = [];
    for await (const p of pages) {
      seen.push(String(p.id));
      controller.abort();
    }
    expect(seen).toEqual(["p0"]);
    expect(requests).toHaveLength(1);
    expect(pages).toMatchObject({ pages: 1, items: 1, error: { kind: "aborted" } });
  });

  it("an already aborted signal sends nothing", async () => {
    const { fetch, requests } = pagedServer(3, 1);
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments", {}, { signal: AbortSignal.abort() });
    expect(await collect(pages)).toEqual([]);
    expect(requests).toHaveLength(0);
    expect(pages.error?.kind).toBe("aborted");
  });

  it("leaving the loop early stops without an error; a second iteration sends nothing", async () => {
    const { fetch, requests } = pagedServer(6, 2);
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments");
    for await (const _ of pages) break;
    expect(await collect(pages)).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(pages).toMatchObject({ error: undefined, pages: 1, items: 1 });
  });
});

describe("cursor lists", () => {
  const withCursor = (c: string) => ({ cursor: c, payment: payment(`pay-${c}`) });

  it("follows the last cursor, from the caller's cursor, and ends on a short page", async () => {
    const pagesByCursor: Record<string, string[]> = { c0: ["c1", "c2"], c2: ["c3", "c4"], c4: ["c5"] };
    const { fetch, requests } = fakeFetch((request) => json({ items: (pagesByCursor[String(sent(request)["cursor"])] ?? []).map(withCursor) }));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getAllPaymentsByCursor", { cursor: "c0", size: 2, from: "2025-03-01T00:00:00+09:00" });
    expect((await collect(pages)).map((i) => i.payment.id)).toEqual(["pay-c1", "pay-c2", "pay-c3", "pay-c4", "pay-c5"]);
    expect(requests.map((r) => sent(r)["cursor"])).toEqual(["c0", "c2", "c4"]);
    expect(sent(requests[2])).toEqual({ cursor: "c4", size: 2, from: "2025-03-01T00:00:00+09:00" });
    expect(pages).toMatchObject({ error: undefined, pages: 3, items: 5 });
  });

  it("a repeated cursor does not loop and is not a silent end: the repeated page is not yielded, the error says why", async () => {
    // Pinned the old silent stop before ("the server went back: a loop"): the caller could not tell it from the end.
    const { fetch, requests } = fakeFetch(() => json({ items: ["e1", "e2"].map((c) => ({ cursor: c, paymentEvent: { id: c } })) }));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getAllPaymentEventsByCursor", { size: 2 });
    expect((await collect(pages)).map((i) => i.cursor)).toEqual(["e1", "e2"]);
    expect(requests.map((r) => sent(r)["cursor"])).toEqual([undefined, "e2"]);
    expect(pages).toMatchObject({ error: inconsistent("item 0 of page 1 repeats a cursor already read"), pages: 2, items: 2 });
  });

  it("without a size the provider default (10, from the spec) decides what a short page is", async () => {
    expect(pagination.getAllPaymentsByCursor.defaultSize).toBe(10);
    const { fetch, requests } = fakeFetch((_r, i) => json({ items: Array.from({ length: i === 0 ? 10 : 9 }, (_, j) => withCursor(`${i}-${j}`)) }));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getAllPaymentsByCursor");
    expect(await collect(pages)).toHaveLength(19);
    expect(requests.map((r) => sent(r))).toEqual([{}, { cursor: "0-9" }]);
  });

  it("an item without a cursor is an error, not the end of the list (nothing of that page is yielded)", async () => {
    // Pinned the old silent end before: a full page whose last item has no cursor cannot be continued.
    const { fetch, requests } = fakeFetch(() => json({ items: [withCursor("a"), { payment: payment("b") }] }));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getAllPaymentsByCursor", { size: 2 });
    expect(await collect(pages)).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(pages).toMatchObject({ error: inconsistent("item 1 of page 0 has no cursor (missing)"), pages: 1, items: 0 });
  });
});

it("works with any object that has the method (a test double)", async () => {
  const double: Pick<PortOneClient, "getPlatformPartners"> = {
    getPlatformPartners: async () => ({ data: { items: [], page: { number: 0, size: 10, totalCount: 0 } }, response: new Response("{}") }) as never,
  };
  const pages = paginate(double, "getPlatformPartners");
  expect(await collect(pages)).toEqual([]);
  expect(pages).toMatchObject({ error: undefined, pages: 1, items: 0 });
});

// Issue 15, item 2: pagination trusts no server. Each case below ended silently, looped or yielded items twice
// before; now the page that lies is an `invalid-response` error (`bodySnippet` says what was wrong), none of its
// items is yielded, and nothing more is requested.
describe("a page list answer that lies is an invalid-response error", () => {
  /** A server answering every request with `answer(requested page number, request index)`. */
  const server = (answer: (number: number, i: number) => unknown) => fakeFetch((request, i) => json(answer(pageOf(request), i)));
  const ids = (...list: string[]) => list.map(payment);
  const read = async (fetch: typeof globalThis.fetch, input: PortOneInput<"getPayments"> = { page: { size: 2 } }) => {
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments", input);
    return { pages, ids: (await collect(pages)).map((p) => p.id) };
  };

  it("a server that ignores the page number (the issue's 6 items, 2 distinct): page 1 answered as page 0", async () => {
    const { fetch, requests } = server(() => ({ items: ids("p0", "p1"), page: { number: 0, size: 2, totalCount: 6 } }));
    const { pages, ids: seen } = await read(fetch);
    expect(seen).toEqual(["p0", "p1"]);
    expect(requests.map(pageOf)).toEqual([0, 1]);
    expect(pages).toMatchObject({ error: inconsistent("page 1 requested, page 0 answered"), pages: 2, items: 2 });
    expect(pages.error?.message).toMatch(/^getPayments: portone answered HTTP 200 with .+; the outcome is unknown$/);
  });

  it("a server that echoes the page number but repeats the items: the repeated id is refused", async () => {
    const { fetch, requests } = server((number) => ({ items: ids("p0", "p1"), page: { number, size: 2, totalCount: 6 } }));
    const { pages, ids: seen } = await read(fetch);
    expect(seen).toEqual(["p0", "p1"]);
    expect(requests).toHaveLength(2);
    expect(pages.error).toMatchObject(inconsistent("item 0 of page 1 repeats the id of an item already read"));
  });

  it("the same id twice in one page is refused", async () => {
    const { fetch } = server(() => ({ items: ids("p0", "p0"), page: { number: 0, size: 2, totalCount: 2 } }));
    const { pages, ids: seen } = await read(fetch);
    expect(seen).toEqual([]);
    expect(pages.error).toMatchObject(inconsistent("item 1 of page 0 repeats the id of an item already read"));
  });

  // Each of these ended silently after page 0 before (2 items, no error), or read on past a lie. A totalCount of the wrong
  // JSON type is refused by the client's check of the response (the spec requires an integer); the rest by paginate.
  it.each([
    ["a string", "6", misshapen("page.totalCount")],
    ["missing", undefined, misshapen("page.totalCount")],
    ["null", null, misshapen("page.totalCount")],
    ["not an integer", 2.5, misshapen("page.totalCount")],
    ["beyond Number.MAX_SAFE_INTEGER", 2 ** 53, misshapen("page.totalCount")],
    ["negative", -1, inconsistent("page 0: page.totalCount is -1, not a non-negative safe integer")],
    ["smaller than the items of the page", 1, inconsistent("page 0 of size 2 holds 2 items where totalCount 1 means 1")],
  ])("totalCount %s is refused before any item is yielded", async (_name, totalCount, refusal) => {
    const { fetch, requests } = server((number) => ({ items: ids("p0", "p1"), page: { number, size: 2, totalCount } }));
    const { pages, ids: seen } = await read(fetch);
    expect(seen).toEqual([]);
    expect(requests).toHaveLength(1);
    // A page the client refuses is not counted as received; one paginate refuses is.
    expect(pages).toMatchObject({ error: refusal, pages: refusal.reason === "unexpected-shape" ? 0 : 1, items: 0 });
  });

  it.each([
    ["falls below the items already read", 6, 2],
    ["grows (a list that changes while it is read skips or repeats items)", 4, 6],
  ])("a totalCount that changes between pages, or %s, is refused", async (_name, first, second) => {
    const { fetch, requests } = server((number) => ({ items: ids(`p${2 * number}`, `p${2 * number + 1}`), page: { number, size: 2, totalCount: number === 0 ? first : second } }));
    const { pages, ids: seen } = await read(fetch);
    expect(seen).toEqual(["p0", "p1"]);
    expect(requests).toHaveLength(2);
    expect(pages.error).toMatchObject(inconsistent(`page 1: page.totalCount changed from ${first} to ${second}; the list changed while it was read`));
  });

  it("a page without its page info, or with page.number missing or a string, is refused", async () => {
    const cases: [unknown, object][] = [
      [undefined, misshapen("page")],
      [[], misshapen("page")],
      [{ size: 2, totalCount: 2 }, misshapen("page.number")],
      [{ number: "0", size: 2, totalCount: 2 }, misshapen("page.number")],
      [{ number: 0, size: 0, totalCount: 2 }, inconsistent("page 0: page.size is 0, not a positive integer")],
    ];
    for (const [page, refusal] of cases) {
      const { fetch } = server(() => ({ items: ids("p0", "p1"), page }));
      const { pages, ids: seen } = await read(fetch);
      expect(seen, JSON.stringify(page)).toEqual([]);
      expect(pages.error, JSON.stringify(page)).toMatchObject(refusal);
    }
  });

  it("a page with more items than the size requested is refused (decision: the extra items belong to another page)", async () => {
    // Before: p0 p1 p2 from page 0, then p2 again from page 1.
    const { fetch, requests } = server((number) => ({ items: number === 0 ? ids("p0", "p1", "p2") : ids("p2"), page: { number, size: 2, totalCount: 3 } }));
    const { pages, ids: seen } = await read(fetch);
    expect(seen).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(pages.error).toMatchObject(inconsistent("page 0 holds 3 items, more than its size 2"));
  });

  it("a page size other than the one requested, or one that changes between pages, is refused", async () => {
    const bigger = server(() => ({ items: ids("p0", "p1", "p2"), page: { number: 0, size: 3, totalCount: 3 } }));
    const asked = await read(bigger.fetch);
    expect(asked.ids).toEqual([]);
    expect(asked.pages.error).toMatchObject(inconsistent("page 0: size 2 requested, size 3 answered"));
    // No size given: the first answer's size is kept. Before, page 1 read at size 3 skipped p2 silently.
    const all = ["p0", "p1", "p2", "p3", "p4"];
    const shifting = server((number) => {
      const size = number === 0 ? 2 : 3;
      return { items: ids(...all.slice(number * size, (number + 1) * size)), page: { number, size, totalCount: 5 } };
    });
    const changed = await read(shifting.fetch, {});
    expect(changed.ids).toEqual(["p0", "p1"]);
    expect(changed.pages.error).toMatchObject(inconsistent("page 1: size 2 answered before, size 3 answered"));
  });

  it("a short page before the end is refused (before: p3 was skipped and the list ended without an error)", async () => {
    const pagesByNumber = [ids("p0", "p1"), ids("p2"), ids("p4")];
    const { fetch, requests } = server((number) => ({ items: pagesByNumber[number] ?? [], page: { number, size: 2, totalCount: 5 } }));
    const { pages, ids: seen } = await read(fetch);
    expect(seen).toEqual(["p0", "p1"]);
    expect(requests).toHaveLength(2);
    expect(pages.error).toMatchObject(inconsistent("page 1 of size 2 holds 1 item where totalCount 5 means 2"));
  });

  it("an item that is not an object is refused", async () => {
    const { fetch } = server(() => ({ items: [payment("p0"), null], page: { number: 0, size: 2, totalCount: 2 } }));
    const { pages, ids: seen } = await read(fetch);
    expect(seen).toEqual([]);
    expect(pages.error).toMatchObject(inconsistent("item 1 of page 0 is null, not an object"));
  });

  it("items without an id (billing keys) are checked by page and count, and read once", async () => {
    const { fetch, requests } = fakeFetch((request) => {
      const number = pageOf(request);
      return json({ items: [{ billingKey: `bk-${number}`, status: "ISSUED" }], page: { number, size: 1, totalCount: 2 } });
    });
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getBillingKeyInfos", { page: { size: 1 } });
    expect((await collect(pages)).map((i) => i.billingKey)).toEqual(["bk-0", "bk-1"]);
    expect(requests).toHaveLength(2);
    expect(pages.error).toBeUndefined();
  });

  it("the explanation carries numbers and positions only, never a string the server sent", async () => {
    const echoed = "secret-looking-id-9f8e7d";
    const { fetch } = server((number) => ({ items: [{ status: "PAID", id: echoed }], page: { number: number + 1, size: 1, totalCount: 5 } }));
    const { pages } = await read(fetch, { page: { size: 1 } });
    expect(pages.error?.kind).toBe("invalid-response");
    expect(JSON.stringify({ ...pages.error, message: pages.error?.message })).not.toContain(echoed);
  });
});

describe("a pageNumber list (getB2bTaxInvoices) answer that lies is an invalid-response error", () => {
  const read = async (answer: (number: number) => unknown) => {
    const { fetch, requests } = fakeFetch((request) => json(answer(Number(sent(request)["pageNumber"] ?? 0))));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getB2bTaxInvoices", { pageSize: 1 });
    return { pages, requests, ids: (await collect(pages)).map((i) => i.id) };
  };

  it("a server that ignores pageNumber: page 1 answered as page 0 (before: ti-0 twice)", async () => {
    const { pages, requests, ids } = await read(() => ({ items: [{ id: "ti-0" }], page: { number: 0, size: 1, totalCount: 2 } }));
    expect(ids).toEqual(["ti-0"]);
    expect(requests.map((r) => sent(r)["pageNumber"])).toEqual([undefined, 1]);
    expect(pages.error).toMatchObject(inconsistent("page 1 requested, page 0 answered"));
  });

  it("a repeated id on the right page number is refused", async () => {
    const { pages, ids } = await read((number) => ({ items: [{ id: "ti-0" }], page: { number, size: 1, totalCount: 2 } }));
    expect(ids).toEqual(["ti-0"]);
    expect(pages.error).toMatchObject(inconsistent("item 0 of page 1 repeats the id of an item already read"));
  });

  it("a totalCount that is a string is refused (before: ended silently after page 0)", async () => {
    const { pages, ids } = await read((number) => ({ items: [{ id: `ti-${number}` }], page: { number, size: 1, totalCount: "2" } }));
    expect(ids).toEqual([]);
    expect(pages.error).toMatchObject(misshapen("page.totalCount"));
  });
});

describe("a cursor list answer that lies is an invalid-response error", () => {
  const item = (cursor: unknown) => ({ cursor, payment: payment(`pay-${String(cursor)}`) });
  /** A server answering the page after each cursor from a table (the first page under ""). */
  const read = async (table: Record<string, unknown[]>, input: PortOneInput<"getAllPaymentsByCursor"> = { size: 2 }) => {
    const { fetch, requests } = fakeFetch((request) => json({ items: table[String(sent(request)["cursor"] ?? "")] ?? [] }));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getAllPaymentsByCursor", input);
    const seen = (await collect(pages)).map((i) => i.cursor);
    return { pages, seen, cursors: requests.map((r) => sent(r)["cursor"]) };
  };

  it("a cursor repeated that is not the last of its page (before: a, b, c, a)", async () => {
    const { pages, cursors, seen } = await read({ "": [item("a"), item("b")], b: [item("c"), item("a")] });
    expect(seen).toEqual(["a", "b"]);
    expect(cursors).toEqual([undefined, "b"]);
    expect(pages.error).toMatchObject(inconsistent("item 1 of page 1 repeats a cursor already read"));
  });

  it("the caller's own cursor answered again is refused", async () => {
    const { pages, seen } = await read({ c0: [item("c0"), item("c1")] }, { cursor: "c0", size: 2 });
    expect(seen).toEqual([]);
    expect(pages.error).toMatchObject(inconsistent("item 0 of page 0 repeats a cursor already read"));
  });

  it("a page with more items than the size requested, or than the default 10, is refused", async () => {
    const over = await read({ "": [item("a"), item("b"), item("c")] });
    expect(over.seen).toEqual([]);
    expect(over.cursors).toEqual([undefined]);
    expect(over.pages.error).toMatchObject(inconsistent("page 0 holds 3 items, more than the size 2 requested"));
    const unsized = await read({ "": Array.from({ length: 11 }, (_, i) => item(`c${i}`)) }, {});
    expect(unsized.seen).toEqual([]);
    expect(unsized.pages.error).toMatchObject(inconsistent("page 0 holds 11 items, more than the size 10 requested"));
  });

  it("an empty or non-string cursor is refused (before: an empty last cursor ended the list silently)", async () => {
    const empty = await read({ "": [item("a"), item("")] });
    expect(empty.seen).toEqual([]);
    expect(empty.pages.error).toMatchObject(inconsistent("item 1 of page 0 has no cursor (an empty string)"));
    const numeric = await read({ "": [item(7)] });
    expect(numeric.pages.error).toMatchObject(inconsistent("item 0 of page 0 has no cursor (7)"));
  });
});

// Issue 15, item 10: a generator change that reorders the table (no sort, another comparator) must fail a test.
it("the generated pagination table is sorted by operationId, in code-unit order as the generator promises", () => {
  const ids = Object.keys(pagination);
  expect(ids).toHaveLength(19);
  expect(ids).toEqual([...ids].sort());
  // The spec lists getPayments before getAllPaymentsByCursor: the order is the generator's, not the spec's.
  expect(ids.slice(0, 3)).toEqual(["getAllPaymentEventsByCursor", "getAllPaymentsByCursor", "getB2bCounterparties"]);
});
