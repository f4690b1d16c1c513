// Pagination over every list operation of the spec: one async iterator for page lists and cursor
// lists alike, typed per operation, stopping on the first error (kept typed in `.error`, never
// thrown), honouring the caller's signal, and never requesting the same page twice. A standalone
// function, so that a consumer that never pages does not bundle it.
import { PaySpecAbortedError, PaySpecInvalidResponseError, PaySpecValidationError } from "@payspec/runtime";
import type { PortOneCallOptions, PortOneData, PortOneInput, PortOneResult } from "./client.js";
import type { PortOneMethods } from "./generated/methods.js";
import { pagination, type PaginatedOperationId, type PaginationInfo } from "./generated/pagination.js";

export { pagination, type PaginatedOperationId, type PaginationInfo };

type ItemsOf<K extends PaginatedOperationId> = NonNullable<PortOneData<K>[(typeof pagination)[K]["items"] & keyof PortOneData<K>]>;
/** One item of a list operation's answer (`Payment` for `getPayments`, `PaymentWithCursor` for `getAllPaymentsByCursor`). */
export type PortOneListItem<K extends PaginatedOperationId> = ItemsOf<K> extends readonly (infer T)[] ? T : never;

/** The error of a list operation: the same `PaySpecCallError` union its method returns. */
export type PortOneCallError<K extends PaginatedOperationId> = NonNullable<PortOneResult<K>["error"]>;

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

type Call<K extends PaginatedOperationId> = (input: unknown, options: unknown) => Promise<PortOneResult<K>>;
type Json = Record<string, unknown>;
type PageState =
  | { readonly kind: "page" | "pageNumber"; readonly number: number; readonly size: number | undefined }
  | { readonly kind: "cursor"; readonly size: number };

const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isSafeInteger(value) && value >= 0 ? value : undefined);
const positive = (value: unknown): number | undefined => (count(value) ? (value as number) : undefined);

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
 * else the provider's default. Page lists end when `(number + 1) × size ≥ totalCount` or on an empty
 * page; cursor lists when a page has fewer items than the size or no last cursor, or when the server
 * answers with a cursor that was already requested (that page is not yielded again). `options`
 * (`signal`, `timeoutMs`, `headers`) go to every request; an abort stops the iteration promptly,
 * with an `aborted` error. Never throws.
 */
export function paginate<K extends PaginatedOperationId>(
  client: Pick<PortOneMethods, K>,
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
    const requested = new Set<string>();
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
        if (typeof given["cursor"] === "string") requested.add(given["cursor"]);
        state = { kind: "cursor", size: positive(given["size"]) ?? info.defaultSize ?? 1 };
      } else if (info.kind === "pageNumber") {
        state = { kind: "pageNumber", number: count(given["pageNumber"]) ?? 0, size: positive(given["pageSize"]) };
      } else {
        const page = isRecord(given["page"]) ? given["page"] : {};
        state = { kind: "page", number: count(page["number"]) ?? 0, size: positive(page["size"]) };
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
      if (!Array.isArray(list)) {
        const status = result.response?.status ?? 200;
        return void (error = new PaySpecInvalidResponseError(context, "not-envelope", status, "") as PortOneCallError<K>);
      }
      let next: Json | undefined;
      let fresh = true;
      if (list.length === 0) next = undefined;
      else if (state.kind === "cursor") {
        const last: unknown = (list[list.length - 1] as Json | null)?.["cursor"];
        if (typeof last === "string" && requested.has(last)) fresh = false; // the server went back: a loop
        else if (typeof last === "string" && last !== "" && list.length >= state.size) {
          requested.add(last);
          next = { ...given, cursor: last };
        }
      } else {
        const page = isRecord(data) && isRecord(data["page"]) ? data["page"] : {};
        const size = positive(page["size"]) ?? state.size ?? list.length;
        const total = count(page["totalCount"]);
        if (total !== undefined && (state.number + 1) * size < total) {
          state = { ...state, number: state.number + 1 };
          next =
            state.kind === "pageNumber"
              ? { ...given, pageNumber: state.number }
              : { ...given, page: { ...(isRecord(given["page"]) ? given["page"] : {}), number: state.number } };
        }
      }
      let rest = fresh ? list.length : 0;
      for (const item of (fresh ? list : []) as PortOneListItem<K>[]) {
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
