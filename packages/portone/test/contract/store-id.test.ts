// Where a client's default `storeId` goes, for every operation of the spec: into the query
// parameter, the JSON body or the `requestBody` query JSON exactly where the spec declares a
// top-level `storeId`, nowhere else, and never over a caller's own. Read from the bundled spec,
// so a generator or client change that moves or drops the default fails here (Prism would not
// notice: it ignores extra query parameters and optional fields).
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { afterAll, describe, expect, it } from "vitest";
import { createPortOneClient, type PortOneClient } from "../../src/index.js";
import {
  inputOf,
  operations,
  referenceOperations,
  storeIdPlaces,
  useReference,
  type Operation,
  type StoreIdPlace,
} from "./spec.js";

const DEFAULT = "store-default-4f1c9e";
const CALLER = "store-caller-7b2d0a";
type Place = StoreIdPlace | "nowhere";

type Call = (input?: Record<string, unknown>) => Promise<{ data?: unknown; error?: { kind?: string } }>;
const method = (client: PortOneClient, id: string) => (client as unknown as Record<string, Call>)[id] as Call;

/** The spec's one place for `storeId` in an operation's input. */
function placeOf(op: Operation): Place {
  const places = storeIdPlaces(op);
  if (places.length > 1) throw new Error(`${op.operationId}: storeId in ${places.join(" and ")}`);
  return places[0] ?? "nowhere";
}

/** What a sent request says about a `storeId` value: the places holding it and how often it occurs at all. */
async function found(request: Request, value: string): Promise<{ places: Place[]; occurrences: number }> {
  const url = new URL(request.url);
  const text = await request.clone().text();
  const places: Place[] = [];
  if (url.searchParams.getAll("storeId").includes(value)) places.push("query");
  const query = url.searchParams.get("requestBody");
  if (query !== null && (JSON.parse(query) as Record<string, unknown>)["storeId"] === value) places.push("requestBody-query");
  if (text !== "" && (JSON.parse(text) as Record<string, unknown>)["storeId"] === value) places.push("body");
  const headers: string[] = [];
  request.headers.forEach((v, k) => headers.push(`${k}: ${v}`));
  const everything = [decodeURIComponent(request.url), text, ...headers].join("\n");
  return { places, occurrences: everything.split(value).length - 1 };
}

/** Problems with one sent request, given where `expected` should be and `absent` must not be. */
async function check(request: Request, place: Place, expected: string, absent?: string): Promise<string[]> {
  const problems: string[] = [];
  const { places, occurrences } = await found(request, expected);
  const want = place === "nowhere" ? [] : [place];
  if (places.join() !== want.join()) problems.push(`storeId ${expected} in [${places.join(", ")}], expected [${want.join(", ")}]`);
  if (occurrences !== want.length) problems.push(`storeId ${expected} occurs ${occurrences} time(s) in the request, expected ${want.length}`);
  if (absent !== undefined && (await found(request, absent)).occurrences > 0) problems.push(`storeId ${absent} was sent`);
  return problems;
}

/** Calls an operation through a fake fetch and returns the one request sent. */
async function send(op: Operation, input: Record<string, unknown>): Promise<{ request: Request | undefined; count: number; error: unknown }> {
  // `{}` is no 2xx the spec promises (invalid-response since responses are shape-checked); the request is what counts here.
  const fake = fakeFetch(() => json({}));
  const client = createPortOneClient({ secret: "payspec-store-id-secret", storeId: DEFAULT, fetch: fake.fetch, retry: false });
  const result = await method(client, op.operationId)(input);
  const error = result.error?.kind === "invalid-response" ? undefined : result.error;
  return { request: fake.requests[0], count: fake.requests.length, error };
}

/** The minimal valid input of an operation, from the spec's examples, without a `storeId` of its own. */
function minimalInput(op: Operation): Record<string, unknown> {
  const input = inputOf(op);
  delete input["storeId"];
  return input;
}

const counts: Record<Place, string[]> = { query: [], body: [], "requestBody-query": [], nowhere: [] };
afterAll(() => {
  const line = Object.entries(counts).map(([place, ids]) => `${place} ${ids.length}`).join(", ");
  console.log(`storeId placement over ${operations.length} operations: ${line}`);
});

describe.each(operations)("$operationId ($method $path)", (op) => {
  const place = placeOf(op);
  counts[place].push(op.operationId);

  it(`a default storeId goes to ${place === "nowhere" ? "no part of the request" : `the ${place}`}, and nowhere else`, async () => {
    const { request, count, error } = await send(op, minimalInput(op));
    expect(error).toBeUndefined();
    expect(count).toBe(1);
    expect(await check(request as Request, place, DEFAULT)).toEqual([]);
  });

  if (place !== "nowhere") {
    it("a caller's own storeId wins over the default", async () => {
      const { request, count, error } = await send(op, { ...minimalInput(op), storeId: CALLER });
      expect(error).toBeUndefined();
      expect(count).toBe(1);
      expect(await check(request as Request, place, CALLER, DEFAULT)).toEqual([]);
    });
  } else {
    it("a caller's storeId is refused before sending (the operation takes none)", async () => {
      const { count, error } = await send(op, { ...minimalInput(op), storeId: CALLER });
      expect(error).toMatchObject({ kind: "validation" });
      expect(count).toBe(0);
    });
  }
});

describe("the placement check can fail", () => {
  const byId = (id: string) => operations.find((o) => o.operationId === id) as Operation;

  it("a body operation's default moved into the query (capturePayment)", async () => {
    const op = byId("capturePayment");
    expect(placeOf(op)).toBe("body");
    const { request } = await send(op, minimalInput(op));
    const sent = request as Request;
    const body = JSON.parse(await sent.clone().text()) as Record<string, unknown>;
    delete body["storeId"];
    const moved = new Request(`${sent.url}?storeId=${DEFAULT}`, { method: sent.method, headers: sent.headers, body: JSON.stringify(body) });
    expect(await check(moved, "body", DEFAULT)).not.toEqual([]);
    const both = new Request(`${sent.url}?storeId=${DEFAULT}`, { method: sent.method, headers: sent.headers, body: await sent.clone().text() });
    expect(await check(both, "body", DEFAULT)).not.toEqual([]);
  });

  it("a query operation's default dropped (getBillingKeyInfo)", async () => {
    const op = byId("getBillingKeyInfo");
    expect(placeOf(op)).toBe("query");
    const { request } = await send(op, minimalInput(op));
    const url = new URL((request as Request).url);
    url.searchParams.delete("storeId");
    expect(await check(new Request(url, { headers: (request as Request).headers }), "query", DEFAULT)).not.toEqual([]);
  });

  it("a default sent over the caller's own", async () => {
    const op = byId("capturePayment");
    const { request } = await send(op, { ...minimalInput(op), storeId: CALLER });
    const sent = request as Request;
    const tagged = new Request(sent.url, { method: sent.method, headers: new Headers(sent.headers), body: await sent.clone().text() });
    tagged.headers.set("x-store", DEFAULT);
    expect(await check(tagged, "body", CALLER, DEFAULT)).toEqual([`storeId ${DEFAULT} was sent`]);
  });
});

describe.skipIf(!useReference())("the spec's storeId places against the provider reference", () => {
  const reference = referenceOperations();
  it("the reference lists the 147 operations", () => {
    expect(reference.size).toBe(147);
  });
  it.each(operations.map((op) => [op.operationId, op] as const))("%s: storeId where the reference declares it", (_id, op) => {
    const ref = reference.get(op.operationId);
    expect(ref, "in the reference").toBeDefined();
    // A body the reference lets travel as the `requestBody` query JSON (query-or-body) is sent that way.
    const { storeIdQuery, storeIdBody, requestBodyQuery } = ref as NonNullable<typeof ref>;
    const expected: Place = storeIdQuery ? "query" : storeIdBody ? (requestBodyQuery ? "requestBody-query" : "body") : "nowhere";
    expect(placeOf(op)).toBe(expected);
  });
});
