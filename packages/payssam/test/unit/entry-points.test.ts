// Issue 16, item 1: each operation is a standalone function of its category's entry point, running the
// client's one implementation on a small core, and an entry point reaches no other operation.
import { readdirSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { reachedModules } from "@payspec/mock/module-graph";
import * as everything from "../../src/index.js";
import { createPaySsamClient, createPaySsamCore, createPaySsamFetchClient, PaySpecValidationError, type PaySsamCore } from "../../src/index.js";
import { destroyBill, readBill, sendBill } from "../../src/generated/entries/bill.js";
import { issueCashReceipt } from "../../src/generated/entries/cash-receipt.js";
import { readPointBalance } from "../../src/generated/entries/point.js";
import { chargeAutoPayBill } from "../../src/generated/entries/auto-pay.js";
import { operations } from "../../src/generated/operations.js";
import pkg from "../../package.json" with { type: "json" };

const credentials = { apiKey: "unit-test-api-key-0001", member: "MEMBER-1", merchant: "MERCHANT-1" };
const bill = { billId: "1024", sendType: "TALK" as const, productName: "수강료", price: "45000", memberName: "홍길동", phone: "01012345678", callbackUrl: "https://partner.example.kr/cb" };
const ok = (data: unknown = {}) => json({ code: "0000", message: "성공하였습니다.", data });
const src = new URL("../../src/", import.meta.url);
const entries = readdirSync(new URL("generated/entries/", src)).map((file) => file.replace(/\.ts$/, ""));

describe("standalone functions", () => {
  it("send the same request as the client's method (envelope and hash sealed) and read the answer the same way", async () => {
    const { fetch, requests, sent } = fakeFetch(() => ok({ billId: "1024", shortUrl: "https://payssam.kr/s/1" }));
    const options = { ...credentials, fetch, baseUrl: "https://mock.test/partner" };
    const viaFunction = await sendBill(createPaySsamCore(options), bill);
    const viaMethod = await createPaySsamClient(options).sendBill(bill);
    expect(viaFunction.data).toEqual({ billId: "1024", shortUrl: "https://payssam.kr/s/1" });
    expect(viaMethod.data).toEqual(viaFunction.data);
    const [a, b] = requests;
    expect(a?.url).toBe("https://mock.test/partner/bill");
    expect(a?.url).toBe(b?.url);
    expect([...a!.headers]).toEqual([...b!.headers]);
    // The three-part hash of the client test, written by the one `seal`.
    expect(sent[0]?.body).toEqual({ ...credentials, bill: { ...bill, hash: "c381cdd2f56bc990da035d998b0bee8df1f12f9d59966483db8306cead9d96e9" } });
    expect(sent[1]?.body).toEqual(sent[0]?.body);
  });

  it("take the whole client too, sharing its transport (one onEvent, one retry policy)", async () => {
    const events: string[] = [];
    const { fetch, sent } = fakeFetch((_r, i) => (i === 0 ? new Response("<html>503</html>", { status: 503 }) : ok({ billId: "1", apprState: "W" })));
    const client = createPaySsamClient({ ...credentials, fetch, retry: { limit: 2, baseDelayMs: 0, maxDelayMs: 0 }, onEvent: (event) => events.push(event.type) });
    const result = await readBill(client, { billId: "1" });
    expect(result.data?.apprState).toBe("W");
    expect(sent).toHaveLength(2);
    expect(events).toContain("retry");
    // A write is never sent again: the same policy as the method's.
    const { fetch: failing, sent: once } = fakeFetch(() => new Response("<html>503</html>", { status: 503 }));
    await destroyBill(createPaySsamClient({ ...credentials, fetch: failing, retry: { limit: 2, baseDelayMs: 0, maxDelayMs: 0 } }), { billId: "1", price: "1000" });
    expect(once).toHaveLength(1);
  });

  it("validate before sending, refuse the envelope fields and type the API error, like the method", async () => {
    const issuanceNumber = "01012345678";
    const { fetch, sent } = fakeFetch(() => json({ code: "BILL_003", message: `no bill, number ${issuanceNumber}, key ${credentials.apiKey}`, apiKey: credentials.apiKey }));
    const core = createPaySsamCore({ ...credentials, fetch });
    const bad = await sendBill(core, { ...bill, price: "12" });
    expect(bad.error).toBeInstanceOf(PaySpecValidationError);
    expect(bad.error?.kind === "validation" && bad.error.field).toBe("price");
    const reserved = await readPointBalance(core, { apiKey: "x" } as never);
    expect(reserved.error?.kind === "validation" && reserved.error.field).toBe("apiKey");
    expect(sent).toHaveLength(0);
    const missing = await issueCashReceipt(core, { billId: "1", price: "1000", supplyPrice: "909", tax: "91", issuanceNumber, trader: "0" });
    expect(missing.error?.kind === "api" && missing.error.code).toBe("BILL_003");
    // The key and what the caller sent that is personal are hidden in the error (received.sensitive).
    const shown = JSON.stringify({ ...missing.error, message: missing.error?.message });
    expect(shown).not.toContain(credentials.apiKey);
    expect(shown).not.toContain(issuanceNumber);
  });

  it("an unverified operation is a function too, running the same code as `client.unverified`", async () => {
    const { fetch, sent } = fakeFetch(() => ok({ anything: 1 }));
    const options = { ...credentials, fetch };
    const viaFunction = await chargeAutoPayBill(createPaySsamCore(options), { amount: "1000" });
    const viaMethod = await createPaySsamClient(options).unverified.chargeAutoPayBill({ amount: "1000" });
    expect(viaFunction.data).toEqual({ anything: 1 });
    expect(viaMethod.data).toEqual(viaFunction.data);
    expect(sent[0]?.body).toEqual({ ...credentials, amount: "1000" });
    expect(sent[1]?.body).toEqual(sent[0]?.body);
  });

  it("never throw for something that is not a core: a validation error, nothing sent", async () => {
    const { fetch, sent } = fakeFetch(() => ok());
    const throwing = new Proxy({}, { get: () => { throw new Error("trap"); } });
    for (const client of [{ baseUrl: "https://x", toJSON: () => ({}) }, credentials, null, undefined, "payssam", throwing]) {
      const result = await readBill(client as unknown as PaySsamCore, { billId: "1" });
      expect(result.error).toBeInstanceOf(PaySpecValidationError);
      expect(result.error?.kind === "validation" && result.error.field).toBe("client");
    }
    expect(sent).toHaveLength(0);
    void fetch;
  });
});

describe("createPaySsamCore", () => {
  it("checks its options like createPaySsamClient, naming itself", () => {
    expect(() => createPaySsamCore({ ...credentials, apiKey: "short" })).toThrow(PaySpecValidationError);
    expect(() => createPaySsamCore({ ...credentials, timeoutMS: 5 } as never)).toThrow(/createPaySsamCore/);
    expect(() => createPaySsamCore({ ...credentials, member: "" })).toThrow(/options\.member/);
  });

  it("keeps the API key out of JSON, inspect and its own keys", () => {
    const core = createPaySsamCore(credentials);
    expect(JSON.stringify(core)).toBe('{"baseUrl":"https://sandbox.paymint.co.kr/partner","member":"MEMBER-1","merchant":"MERCHANT-1"}');
    expect(inspect(core, { showHidden: true, depth: 5 })).not.toContain(credentials.apiKey);
    expect(Object.keys(core)).toEqual(["baseUrl", "toJSON"]);
  });

  it("an openapi-fetch client made from a core shares its transport and seals with its credentials", async () => {
    const events: string[] = [];
    const { fetch, sent } = fakeFetch(() => ok({ balance: 1 }));
    const core = createPaySsamCore({ ...credentials, fetch, onEvent: (event) => events.push(event.type) });
    await createPaySsamFetchClient(core).POST("/read/remain_count", { body: { apiKey: "placeholder" } });
    expect(sent[0]?.body).toEqual({ apiKey: credentials.apiKey });
    expect(events).toContain("request");
  });
});

describe("entry points", () => {
  it("every operation is a function of exactly one entry point, exported from the package root too", async () => {
    const owner = new Map<string, string>();
    for (const entry of entries) {
      const module = (await import(new URL(`generated/entries/${entry}.ts`, src).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        if (typeof value !== "function" || name === "createPaySsamCore") continue;
        expect(owner.has(name), `${name} in ${entry} and ${owner.get(name)}`).toBe(false);
        owner.set(name, entry);
        expect((everything as Record<string, unknown>)[name]).toBe(value);
      }
    }
    expect([...owner.keys()].sort()).toEqual(Object.keys(operations).sort());
    expect(entries.sort()).toEqual(["auto-pay", "bill", "cash-receipt", "point", "sub-merchant"]);
  });

  it("an entry point imports no other entry's rows, no operation table and no client (a bundler keeps only what is used)", () => {
    for (const entry of entries) {
      // What the entry point reaches by static imports within the package: what a bundler keeps.
      const modules = reachedModules(new URL(`generated/entries/${entry}.ts`, src), src);
      expect([...modules].filter((m) => m.startsWith("generated/rows/")), entry).toEqual([`generated/rows/${entry}.ts`]);
      for (const forbidden of ["generated/operations.ts", "generated/callbacks.ts", "client.ts", "fetch-client.ts", "index.ts", "webhooks.ts"]) {
        expect(modules.has(forbidden), `${entry} reaches ${forbidden}`).toBe(false);
      }
    }
  });

  it("package.json exports every entry point, types first, and declares no side effects", () => {
    const exports = pkg.exports as Record<string, unknown>;
    for (const entry of entries) {
      expect(exports[`./${entry}`]).toEqual({ types: `./dist/generated/entries/${entry}.d.ts`, default: `./dist/generated/entries/${entry}.js` });
      expect(Object.keys(exports[`./${entry}`] as object)[0]).toBe("types");
    }
    expect(exports["."]).toBeDefined();
    expect(exports["./webhooks"]).toBeDefined();
    expect(pkg.sideEffects).toBe(false);
  });
});
