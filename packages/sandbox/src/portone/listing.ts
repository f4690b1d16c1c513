// What the page-based list operations of PortOne V2 share (getBillingKeyInfos, getPaymentSchedules, getCashReceipts):
// `page` (PageInput → PageInfo, default number 0 and size 10), `sort: { by, order }` (default DESC), and the
// `from`/`until` window of their filter (default: the 90 days before `until`, which defaults to now).
import type { FieldReader, Fields } from "./input.js";

const DAY_MS = 86_400_000;

export interface PageRequest {
  readonly number: number;
  readonly size: number;
}

/** `page` of the input; size at least 1, number at least 0. */
export function readPage(read: FieldReader, fields: Fields): PageRequest {
  const page = read.object(fields["page"], "page") ?? {};
  return { number: read.integer(page["number"], "page.number", 0) ?? 0, size: read.integer(page["size"], "page.size", 1) ?? 10 };
}

/** `sort: { by, order }` of the input, `by` one of `values` (default `fallback`), `order` DESC unless ASC. */
export function readSort<T extends string>(read: FieldReader, fields: Fields, values: readonly T[], fallback: T): { by: T; descending: boolean } {
  const sort = read.object(fields["sort"], "sort") ?? {};
  const by = read.oneOf(sort["by"], "sort.by", values) ?? fallback;
  const order = read.oneOf(sort["order"], "sort.order", ["DESC", "ASC"] as const) ?? "DESC";
  return { by, descending: order === "DESC" };
}

/**
 * The filter's time window in milliseconds: `until` defaults to now, `from` to 90 days before `until`. A window
 * that ends before it starts is INVALID_REQUEST (the message of the spec's getCashReceipts example).
 */
export function readWindow(read: FieldReader, filter: Fields, now: number): { from: number; until: number } {
  const until = read.dateTime(filter["until"], "filter.until") ?? now;
  const from = read.dateTime(filter["from"], "filter.from") ?? until - 90 * DAY_MS;
  if (from > until) read.problem("filter.from: 조회 시작 시점은 종료 시점보다 앞서야 합니다. (from must not be after until)");
  return { from, until };
}

/** Whether a timestamp (absent: never) lies in the window, both ends included. */
export const within = (window: { from: number; until: number }, at: string | undefined): boolean => {
  if (at === undefined) return false;
  const t = Date.parse(at);
  return t >= window.from && t <= window.until;
};

/**
 * One page of `items` sorted on `key` (an RFC 3339 time; items without one come last in either order, ties in
 * order of creation), as the spec's `{ items, page: { number, size, totalCount } }`. `totalCount` counts every
 * match, as getPayments does.
 */
export function onePage<T extends { readonly seq: number }, V>(
  items: readonly T[],
  key: (item: T) => string | undefined,
  descending: boolean,
  page: PageRequest,
  view: (item: T) => V,
): { items: V[]; page: { number: number; size: number; totalCount: number } } {
  const sorted = [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === undefined || kb === undefined) return ka === kb ? a.seq - b.seq : ka === undefined ? 1 : -1;
    const order = Date.parse(ka) - Date.parse(kb) || a.seq - b.seq;
    return descending ? -order : order;
  });
  const slice = sorted.slice(page.number * page.size, (page.number + 1) * page.size);
  return { items: slice.map(view), page: { number: page.number, size: page.size, totalCount: sorted.length } };
}
