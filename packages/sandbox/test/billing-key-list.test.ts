// getBillingKeyInfos in the sandbox, through our client on the in-process fetch: the keys issued and deleted, newest
// first by requestedAt unless `sort` says otherwise, with the spec's PageInfo; the filters that make sense in memory
// (status, the time window on the field `timeRangeField` names, customer, text search, PG, method, version); and
// INVALID_REQUEST / FORBIDDEN when their condition holds. Every answer is validated against specs/portone. Before
// this change GET /billing-keys answered the sandbox's 501 "Not simulated" (the first test pins that).
import { createPortOneClient, paginate, type PortOneClient } from "@payspec/portone";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/index.js";
import { specJudge, type SpecJudge } from "./spec.js";

const CARD = { number: "5365100012345678", expiryYear: "29", expiryMonth: "07" };
const MINUTE = 60_000;
const DAY = 86_400_000;

let sb: Sandbox;
let judge: SpecJudge;
let client: PortOneClient;
let raw: typeof globalThis.fetch;
const auth = { authorization: "PortOne bkl-api-secret" };

beforeAll(async () => {
  judge = await specJudge();
  sb = createSandbox({ portone: { secret: "bkl-api-secret", storeId: "store-bkl" }, clock: { start: "2026-03-01T00:00:00Z" } });
  raw = judge.checked(sb.fetch);
  client = createPortOneClient({ secret: "bkl-api-secret", baseUrl: "https://api.portone.io", fetch: raw });
});
beforeEach(() => sb.reset());
afterEach(() => {
  const found = judge.violations.splice(0);
  expect(found).toEqual([]);
});
afterAll(() => sb?.close());

const apiCode = (result: { error?: { kind: string; code?: unknown } | undefined }) => (result.error?.kind === "api" ? result.error.code : result.error?.kind);

/** Three keys a minute apart of sandbox time (customers c-0, c-1, c-2); returns their keys, oldest first. */
async function threeKeys(): Promise<string[]> {
  const keys: string[] = [];
  for (const i of [0, 1, 2]) {
    const issued = await client.issueBillingKey({ channelKey: "k", method: { card: { credential: CARD } }, customer: { id: `c-${i}`, name: { full: i === 1 ? "김하늘" : "이서준" } } });
    expect(issued.error).toBeUndefined();
    keys.push(issued.data!.billingKeyInfo.billingKey);
    sb.clock.advance(MINUTE);
  }
  return keys;
}

/** The billing keys a filter lists (default page), in the order listed. */
const listed = async (input: object) => {
  const result = await client.getBillingKeyInfos(input as never);
  expect(result.error).toBeUndefined();
  return result.data!.items.map((key) => key.billingKey);
};

describe("getBillingKeyInfos: order and pages", () => {
  it("lists issued and deleted keys newest first with the spec's PageInfo (was a 501 before)", async () => {
    const [k0, k1, k2] = await threeKeys();
    await client.deleteBillingKey({ billingKey: k1! });
    const all = await client.getBillingKeyInfos();
    expect(all.error).toBeUndefined();
    expect(all.data!.page).toEqual({ number: 0, size: 10, totalCount: 3 });
    expect(all.data!.items.map((key) => [key.billingKey, key.status])).toEqual([
      [k2, "ISSUED"],
      [k1, "DELETED"],
      [k0, "ISSUED"],
    ]);
    // The card stays masked in the list, as in getBillingKeyInfo.
    expect(JSON.stringify(all.data)).not.toContain(CARD.number);
  });

  it("pages with page.number / page.size, sorts by `sort`, and paginate() of our client reads every key once", async () => {
    const [k0, k1, k2] = await threeKeys();
    const page0 = (await client.getBillingKeyInfos({ page: { number: 0, size: 2 } })).data!;
    expect(page0.items.map((key) => key.billingKey)).toEqual([k2, k1]);
    expect(page0.page).toEqual({ number: 0, size: 2, totalCount: 3 });
    const page1 = (await client.getBillingKeyInfos({ page: { number: 1, size: 2 } })).data!;
    expect(page1.items.map((key) => key.billingKey)).toEqual([k0]);
    expect(await listed({ sort: { by: "ISSUED_AT", order: "ASC" } })).toEqual([k0, k1, k2]);

    // DELETED_AT: the deleted key first (descending), keys never deleted after it in creation order.
    await client.deleteBillingKey({ billingKey: k0! });
    expect(await listed({ sort: { by: "DELETED_AT" } })).toEqual([k0, k1, k2]);
    // STATUS_TIMESTAMP: deletedAt for a deleted key (the latest event here), else issuedAt.
    expect(await listed({ sort: { by: "STATUS_TIMESTAMP", order: "DESC" } })).toEqual([k0, k2, k1]);

    const pages = paginate(client, "getBillingKeyInfos", { page: { size: 2 }, sort: { order: "ASC" } });
    const keys: string[] = [];
    for await (const key of pages) keys.push(String(key.billingKey));
    expect(pages.error).toBeUndefined();
    expect(keys).toEqual([k0, k1, k2]);
  });
});

describe("getBillingKeyInfos: filters", () => {
  it("filters by status, customer, text search, PG, method, platform and version", async () => {
    const [k0, k1, k2] = await threeKeys();
    await client.deleteBillingKey({ billingKey: k2! });
    expect(await listed({ filter: { status: ["DELETED"] } })).toEqual([k2]);
    expect(await listed({ filter: { status: ["ISSUED"] } })).toEqual([k1, k0]);
    expect(await listed({ filter: { customerId: "c-1" } })).toEqual([k1]);
    expect(await listed({ filter: { textSearch: { field: "CUSTOMER_NAME", value: "하늘" } } })).toEqual([k1]);
    expect(await listed({ filter: { textSearch: { field: "BILLING_KEY", value: k0 } } })).toEqual([k0]);
    expect(await listed({ filter: { textSearch: { field: "CARD_NUMBER", value: "536510" } } })).toHaveLength(3);
    expect(await listed({ filter: { pgProviders: ["TOSSPAYMENTS"], pgCompanies: ["TOSSPAYMENTS"], methods: ["CARD"], version: "V2", platformType: "API" } })).toHaveLength(3);
    // What the sandbox's keys are not: another PG, another method, V1, issued in a browser, in a channel group.
    for (const filter of [{ pgProviders: ["INICIS_V2"] }, { methods: ["MOBILE"] }, { version: "V1" }, { platformType: "SDK_PC" }, { channelGroupIds: ["g-1"] }]) {
      expect(await listed({ filter }), JSON.stringify(filter)).toEqual([]);
    }
  });

  it("applies the from/until window (default: the 90 days before now) to the field timeRangeField names", async () => {
    const start = sb.clock.now();
    const [k0, k1] = await threeKeys();
    sb.clock.advance(DAY);
    await client.deleteBillingKey({ billingKey: k0! });
    const at = (ms: number) => new Date(start + ms).toISOString();
    // Requested at minutes 0, 1, 2; k0 deleted a day later.
    expect(await listed({ filter: { from: at(0.5 * MINUTE), until: at(1.5 * MINUTE) } })).toEqual([k1]);
    expect(await listed({ filter: { timeRangeField: "ISSUED_AT", from: at(-MINUTE), until: at(0.5 * MINUTE) } })).toEqual([k0]);
    expect(await listed({ filter: { timeRangeField: "DELETED_AT", from: at(DAY), until: at(2 * DAY) } })).toEqual([k0]);
    expect(await listed({ filter: { timeRangeField: "STATUS_TIMESTAMP", from: at(DAY), until: at(2 * DAY) } })).toEqual([k0]);
    // A hundred days later the keys are out of the default window, and back in with an explicit `from`.
    sb.clock.advance(100 * DAY);
    expect(await listed({})).toEqual([]);
    expect(await listed({ filter: { from: at(-DAY) } })).toHaveLength(3);
  });

  it("answers INVALID_REQUEST for a status outside the enum, a window that ends before it starts and a page size of 0", async () => {
    for (const body of [{ filter: { status: ["EXPIRED"] } }, { filter: { from: "2026-03-02T00:00:00Z", until: "2026-03-01T00:00:00Z" } }, { page: { size: 0 } }, { filter: { textSearch: { value: "x" } } }]) {
      const response = await raw(`https://api.portone.io/billing-keys?requestBody=${encodeURIComponent(JSON.stringify(body))}`, { headers: auth });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await response.json()).toMatchObject({ type: "INVALID_REQUEST" });
    }
  });

  it("answers FORBIDDEN for another store in filter.storeId, and lists the sandbox's store when it is named", async () => {
    const [k0] = await threeKeys();
    expect(apiCode(await client.getBillingKeyInfos({ filter: { storeId: "store-other" } }))).toBe("FORBIDDEN");
    expect(await listed({ filter: { storeId: "store-bkl", customerId: "c-0" } })).toEqual([k0]);
  });
});
