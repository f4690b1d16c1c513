import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { createPortOneClient, paginate, pagination, type PortOneClient } from "../../src/index.js";

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

  it("an empty page ends the list even when totalCount promises more", async () => {
    const { fetch, requests } = fakeFetch((_r, i) => json({ items: i === 0 ? [payment("a")] : [], page: { number: i, size: 1, totalCount: 9 } }));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getPayments", { page: { size: 1 } });
    expect(await collect(pages)).toHaveLength(1);
    expect(requests).toHaveLength(2);
    expect(pages).toMatchObject({ error: undefined, pages: 2, items: 1 });
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
    expect(shapeless.error).toMatchObject({ kind: "invalid-response", reason: "not-envelope", httpStatus: 200 });
  });

  it("passes timeoutMs and headers to every request", async () => {
    const { fetch, requests } = fakeFetch((request, i) =>
      i === 0 ? json({ items: [payment("a")], page: { number: 0, size: 1, totalCount: 2 } }) : new Promise<Response>((_r, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
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
    const { fetch, requests } = fakeFetch((request, i) => {
      if (i === 0) return json({ items: [payment("a")], page: { number: 0, size: 1, totalCount: 3 } });
      return new Promise<Response>((_r, reject) => {
        request.signal.addEventListener("abort", () => {
          inFlightAborted = true;
          reject(request.signal.reason);
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

  it("a repeated cursor does not loop: the repeated page ends the list and is not yielded", async () => {
    const { fetch, requests } = fakeFetch(() => json({ items: ["e1", "e2"].map((c) => ({ cursor: c, paymentEvent: { id: c } })) }));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getAllPaymentEventsByCursor", { size: 2 });
    expect((await collect(pages)).map((i) => i.cursor)).toEqual(["e1", "e2"]);
    expect(requests.map((r) => sent(r)["cursor"])).toEqual([undefined, "e2"]);
    expect(pages).toMatchObject({ error: undefined, pages: 2, items: 2 });
  });

  it("without a size the provider default (10, from the spec) decides what a short page is", async () => {
    expect(pagination.getAllPaymentsByCursor.defaultSize).toBe(10);
    const { fetch, requests } = fakeFetch((_r, i) => json({ items: Array.from({ length: i === 0 ? 10 : 9 }, (_, j) => withCursor(`${i}-${j}`)) }));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getAllPaymentsByCursor");
    expect(await collect(pages)).toHaveLength(19);
    expect(requests.map((r) => sent(r))).toEqual([{}, { cursor: "0-9" }]);
  });

  it("an item without a cursor ends the list", async () => {
    const { fetch, requests } = fakeFetch(() => json({ items: [withCursor("a"), { payment: payment("b") }] }));
    const pages = paginate(createPortOneClient({ secret, baseUrl, fetch }), "getAllPaymentsByCursor", { size: 2 });
    expect(await collect(pages)).toHaveLength(2);
    expect(requests).toHaveLength(1);
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
