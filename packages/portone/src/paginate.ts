// Pagination over every list operation of the spec: one async iterator for page lists and cursor
// lists alike, typed per operation, stopping on the first error (kept typed in `.error`, never
// thrown), honouring the caller's signal, never requesting the same page twice, and trusting no
// server: an answer that is not the page asked for, or that contradicts the pages before it, is an
// `invalid-response` error, since a reconciliation that reads it would miss or double count items.
// A standalone function, so that a consumer that never pages does not bundle it.
import { PaySpecAbortedError, PaySpecInvalidResponseError, PaySpecValidationError, type InvalidResponseReason } from "@payspec/runtime";
import type { PortOneInput, PortOneResult } from "./client.js";
import type { PortOneCallOptions } from "./core.js";
import type { PortOneMethods } from "./generated/methods.js";
import { pagination, type PaginatedOperationId, type PaginateSignatures, type PaginatedTypes, type PaginationInfo } from "./generated/pagination.js";

export { pagination, type PaginatedOperationId, type PaginatedTypes, type PaginateSignatures, type PaginationInfo };

/** One item of a list operation's answer (`Payment` for `getPayments`, `PaymentWithCursor` for `getAllPaymentsByCursor`). */
export type PortOneListItem<K extends PaginatedOperationId> = PaginatedTypes[K]["item"];

/** The error of a list operation: the same `PaySpecCallError` union its method returns. */
export type PortOneCallError<K extends PaginatedOperationId> = PaginatedTypes[K]["error"];

/** Call options of `paginate`, passed to every page request (a list is a read: no idempotency key). */
export type PaginateOptions = Omit<PortOneCallOptions, "idempotencyKey">;

/**
 * The items of a list, page after page: `for await (const item of pages)`. Iterate it once (a second
 * iteration yields nothing: no page is requested twice). Afterwards `error` says why it stopped early.
 */
export interface PortOnePages<K extends PaginatedOperationId> extends AsyncIterable<PortOneListItem<K>> {
  /** The first error (the operation's typed error), or `undefined` when the list was read to its end or the loop was left early. */
  readonly error: PortOneCallError<K> | undefined;
  /** The pages received so far. */
  readonly pages: number;
  /** The items yielded so far. */
  readonly items: number;
}

/** The reason of a page that contradicts the request or the pages before it. */
export const INCONSISTENT_PAGE: InvalidResponseReason = "inconsistent-page";

type Call<K extends PaginatedOperationId> = (input: unknown, options: unknown) => Promise<PortOneResult<K>>;
type Json = Record<string, unknown>;
/** Where a list is: the page (number and size) or cursor page size to ask for next, and what earlier answers said. */
type PageState =
  | {
      readonly kind: "page" | "pageNumber";
      readonly number: number;
      /** The size the caller asked for, else the one the first answer stated; every answer must state it. */
      readonly size: number | undefined;
      readonly sizeGiven: boolean;
      /** The first answer's `totalCount`; a list that changes while it is read can skip or repeat items. */
      readonly total: number | undefined;
    }
  | { readonly kind: "cursor"; readonly size: number };

const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined);
const positive = (value: unknown): number | undefined => (count(value) ? (value as number) : undefined);
/** A server value for an error's description: a number as is, anything else by its type only (a string may hold anything). */
const shown = (value: unknown): string =>
  typeof value === "number" ? String(value) : value === "" ? "an empty string" : value === undefined ? "missing" : value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;

const itemCount = (n: number): string => `${n} item${n === 1 ? "" : "s"}`;

/** What is wrong with an answer of a page list, or `undefined` when it is the page asked for and agrees with the pages before it. */
function pageProblem(state: Extract<PageState, { kind: "page" | "pageNumber" }>, data: Json, list: readonly unknown[], seen: Set<string>): string | undefined {
  const page = data["page"];
  if (!isRecord(page)) return `page ${state.number} requested, the answer's page is ${shown(page)}`;
  const { number, size, totalCount: total } = page;
  if (count(number) === undefined) return `page ${state.number} requested, page.number is ${shown(number)}`;
  if (number !== state.number) return `page ${state.number} requested, page ${String(number)} answered`;
  if (positive(size) === undefined) return `page ${state.number}: page.size is ${shown(size)}, not a positive integer`;
  if (state.size !== undefined && size !== state.size) {
    return `page ${state.number}: size ${state.size} ${state.sizeGiven ? "requested" : "answered before"}, size ${String(size)} answered`;
  }
  if (count(total) === undefined) return `page ${state.number}: page.totalCount is ${shown(total)}, not a non-negative safe integer`;
  if (state.total !== undefined && total !== state.total) {
    return `page ${state.number}: page.totalCount changed from ${state.total} to ${String(total)}; the list changed while it was read`;
  }
  const [n, s, t] = [number as number, size as number, total as number];
  if (list.length > s) return `page ${n} holds ${itemCount(list.length)}, more than its size ${s}`;
  // Exactly what the total leaves for this page: a short or empty page before the end would drop items silently.
  const expected = Math.max(0, Math.min(s, t - n * s));
  if (list.length !== expected) return `page ${n} of size ${s} holds ${itemCount(list.length)} where totalCount ${t} means ${expected}`;
  for (const [i, item] of list.entries()) {
    if (!isRecord(item)) return `item ${i} of page ${n} is ${shown(item)}, not an object`;
    const id = item["id"];
    if (typeof id !== "string") continue; // billing keys and cash receipts have no `id`
    if (seen.has(id)) return `item ${i} of page ${n} repeats the id of an item already read`;
    seen.add(id);
  }
  return undefined;
}

/** What is wrong with an answer of a cursor list, or `undefined`; `page` counts the answers from 0. */
function cursorProblem(size: number, page: number, list: readonly unknown[], seen: Set<string>): string | undefined {
  if (list.length > size) return `page ${page} holds ${itemCount(list.length)}, more than the size ${size} requested`;
  for (const [i, item] of list.entries()) {
    if (!isRecord(item)) return `item ${i} of page ${page} is ${shown(item)}, not an object`;
    const cursor = item["cursor"];
    if (typeof cursor !== "string" || cursor === "") return `item ${i} of page ${page} has no cursor (${shown(cursor)})`;
    // A cursor already read (or the one the list started from): the server went back, and following it would loop.
    if (seen.has(cursor)) return `item ${i} of page ${page} repeats a cursor already read`;
    seen.add(cursor);
  }
  return undefined;
}

/** The one implementation behind `paginate`'s signatures. */
function paginateAny<K extends PaginatedOperationId>(
  client: Pick<PortOneMethods, NoInfer<K>>,
  operation: K,
  input?: PortOneInput<K>,
  options?: PaginateOptions,
): PortOnePages<K> {
  let error: PortOneCallError<K> | undefined;
  let pages = 0;
  let items = 0;
  let started = false;

  async function* run(): AsyncGenerator<PortOneListItem<K>, void, undefined> {
    const context = { provider: "portone", operation: String(operation) } as const;
    const invalid = (field: string, message: string) => new PaySpecValidationError(context, [{ field, rule: "type", message }]) as PortOneCallError<K>;
    const info: PaginationInfo | undefined = Object.prototype.hasOwnProperty.call(pagination, operation) ? pagination[operation] : undefined;
    const method = (client as Record<string, unknown> | null | undefined)?.[operation];
    if (!info) return void (error = invalid("operation", `${String(operation)} is not a list operation`));
    if (typeof method !== "function") return void (error = invalid("client", `client has no method ${String(operation)}`));
    const call = method.bind(client) as Call<K>;

    let given: Json;
    let state: PageState;
    let signal: AbortSignal | undefined;
    // The ids (page lists) or cursors (cursor lists, with the caller's own) read so far.
    const seen = new Set<string>();
    try {
      const raw = isRecord(options) ? options["signal"] : undefined;
      signal = isRecord(raw) && typeof raw["aborted"] === "boolean" ? (raw as unknown as AbortSignal) : undefined;
      if (input !== undefined && !isRecord(input)) {
        // Let the operation report it exactly as a direct call would.
        const result = await call(input, options);
        error = result.error ?? invalid("input", "input must be an object");
        return;
      }
      given = { ...(input as Json | undefined) };
      if (info.kind === "cursor") {
        if (typeof given["cursor"] === "string") seen.add(given["cursor"]);
        state = { kind: "cursor", size: positive(given["size"]) ?? info.defaultSize ?? 1 };
      } else {
        const page = info.kind === "page" && isRecord(given["page"]) ? given["page"] : {};
        const [number, size] = info.kind === "pageNumber" ? [given["pageNumber"], given["pageSize"]] : [page["number"], page["size"]];
        state = { kind: info.kind, number: count(number) ?? 0, size: positive(size), sizeGiven: positive(size) !== undefined, total: undefined };
      }
    } catch {
      // A getter that throws, a Proxy, …: the input could not be read, so nothing is sent.
      return void (error = invalid("input", "input could not be read"));
    }

    // The first request carries the caller's input unchanged; the next ones only move the page.
    let request: Json = given;
    for (;;) {
      // Aborted before a page: stop without sending anything.
      if (signal?.aborted) return void (error = new PaySpecAbortedError(context, signal.reason) as PortOneCallError<K>);
      const result = await call(request, options);
      if (result.error) return void (error = result.error as PortOneCallError<K>);
      pages += 1;
      const data: unknown = result.data;
      const list = isRecord(data) ? data[info.items] : undefined;
      const status = result.response?.status ?? 200;
      if (!isRecord(data) || !Array.isArray(list)) {
        return void (error = new PaySpecInvalidResponseError(context, "not-envelope", status, `no ${info.items} array`) as PortOneCallError<K>);
      }
      let next: Json | undefined;
      const problem = state.kind === "cursor" ? cursorProblem(state.size, pages - 1, list, seen) : pageProblem(state, data, list, seen);
      if (problem !== undefined) return void (error = new PaySpecInvalidResponseError(context, INCONSISTENT_PAGE, status, problem) as PortOneCallError<K>);
      if (state.kind === "cursor") {
        // A full page may have more after it; a short or empty one is the end.
        if (list.length === state.size) next = { ...given, cursor: (list[list.length - 1] as Json)["cursor"] };
      } else {
        const page = data["page"] as { size: number; totalCount: number };
        state = { ...state, size: page.size, total: page.totalCount };
        if ((state.number + 1) * page.size < page.totalCount) {
          state = { ...state, number: state.number + 1 };
          next =
            state.kind === "pageNumber"
              ? { ...given, pageNumber: state.number }
              : { ...given, page: { ...(isRecord(given["page"]) ? given["page"] : {}), number: state.number } };
        }
      }
      let rest = list.length;
      for (const item of list as PortOneListItem<K>[]) {
        if (signal?.aborted) break;
        rest -= 1;
        items += 1;
        yield item;
      }
      // A list read to its end is complete even if the signal aborts afterwards.
      if (!next && rest === 0) return;
      if (signal?.aborted) return void (error = new PaySpecAbortedError(context, signal.reason) as PortOneCallError<K>);
      if (!next) return;
      request = next;
    }
  }

  const iterator = run();
  return {
    get error() {
      return error;
    },
    get pages() {
      return pages;
    },
    get items() {
      return items;
    },
    [Symbol.asyncIterator]() {
      if (started) return (async function* () {})() as AsyncGenerator<PortOneListItem<K>, void, undefined>;
      started = true;
      return iterator;
    },
  };
}

/**
 * Reads every item of a list operation, requesting one page after another:
 *
 * ```ts
 * const pages = paginate(portone, "getPayments", { filter: { status: ["PAID"] } }, { signal });
 * for await (const payment of pages) console.log(payment.id);
 * if (pages.error) console.error(pages.error.kind, pages.error.message);
 * ```
 *
 * Starts at the caller's `page.number` / `pageNumber` / `cursor` and uses the caller's page size,
 * else the provider's default. Page lists end when `(number + 1) × size ≥ totalCount`; cursor lists
 * on a page with fewer items than the size. No server is trusted: a page that is not the one
 * requested, an unusable or changing `page.size` / `page.totalCount`, more or fewer items than those
 * imply, an item id or cursor already read, or an item without a cursor is an `invalid-response`
 * error (`bodySnippet` says what was wrong) and none of that page's items is yielded. `options`
 * (`signal`, `timeoutMs`, `headers`) go to every request; an abort stops the iteration promptly,
 * with an `aborted` error. Never throws.
 */
export const paginate: PaginateSignatures = paginateAny;
