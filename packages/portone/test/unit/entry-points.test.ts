// Issue 16, item 1: each operation is a standalone function of its category's entry point, running the
// client's one implementation on a small core, and an entry point reaches no other operation.
import { readdirSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { reachedModules } from "@payspec/mock/module-graph";
import * as everything from "../../src/index.js";
import { createPortOneClient, createPortOneCore, PaySpecValidationError, type PortOneCore } from "../../src/index.js";
import { cancelPayment, getPayment } from "../../src/generated/entries/payment.js";
import { getBillingKeyInfo } from "../../src/generated/entries/billing-key.js";
import { operations } from "../../src/generated/operations.js";
import pkg from "../../package.json" with { type: "json" };

const secret = "portone-secret-3b9f0c2d7e";
const payment = {
  status: "READY",
  id: "p1",
  transactionId: "tx-1",
  merchantId: "m",
  storeId: "s",
  version: "V2",
  requestedAt: "2026-12-01T00:00:00Z",
  updatedAt: "2026-12-01T00:00:00Z",
  statusChangedAt: "2026-12-01T00:00:00Z",
  orderName: "o",
  amount: { total: 1000, taxFree: 0, discount: 0, paid: 0, cancelled: 0, cancelledTaxFree: 0 },
  currency: "KRW",
  customer: {},
  origin: { platformType: "PC", ipAddress: "127.0.0.1" },
};
const src = new URL("../../src/", import.meta.url);
const entries = readdirSync(new URL("generated/entries/", src)).map((file) => file.replace(/\.ts$/, ""));

describe("standalone functions", () => {
  it("send the same request as the client's method and read the answer the same way", async () => {
    const { fetch, requests } = fakeFetch(() => json(payment));
    const options = { secret, storeId: "store-1", fetch, baseUrl: "https://mock.test" };
    const viaFunction = await getPayment(createPortOneCore(options), { paymentId: "order/1" });
    const viaMethod = await createPortOneClient(options).getPayment({ paymentId: "order/1" });
    expect(viaFunction.data).toEqual(payment);
    expect(viaMethod.data).toEqual(payment);
    const [a, b] = requests;
    expect(a?.url).toBe("https://mock.test/payments/order%2F1?storeId=store-1");
    expect(a?.url).toBe(b?.url);
    expect([...a!.headers]).toEqual([...b!.headers]);
  });

  it("take the whole client too, sharing its transport (one onEvent, one retry policy)", async () => {
    const events: string[] = [];
    const { fetch, requests } = fakeFetch(() => json({ cancellation: { status: "SUCCEEDED" } }));
    const client = createPortOneClient({ secret, fetch, retry: true, onEvent: (event) => events.push(event.type) });
    await cancelPayment(client, { paymentId: "p1", reason: "r", amount: 100 });
    expect(JSON.parse(await requests[0]!.text())).toEqual({ reason: "r", amount: 100 });
    // Retries on: a write gets a generated idempotency key, as the method's would.
    expect(requests[0]!.headers.get("idempotency-key")).toMatch(/^"[0-9a-f-]{36}"$/);
    expect(events).toContain("request");
  });

  it("validate before sending and type the API error, like the method", async () => {
    const { fetch, requests } = fakeFetch(() => json({ type: "BILLING_KEY_NOT_FOUND", message: "no such key" }, 404));
    const core = createPortOneCore({ secret, fetch });
    const bad = await getBillingKeyInfo(core, {} as never);
    expect(bad.error).toBeInstanceOf(PaySpecValidationError);
    expect(requests).toHaveLength(0);
    const missing = await getBillingKeyInfo(core, { billingKey: "billing-key-123456" });
    expect(missing.error?.kind === "api" && missing.error.code).toBe("BILLING_KEY_NOT_FOUND");
    // The billing key in the path is the customer's card credential: hidden in the error like the secret.
    expect(JSON.stringify(missing.error)).not.toContain("billing-key-123456");
  });

  it("never throw for something that is not a core: a validation error, nothing sent", async () => {
    const { fetch, requests } = fakeFetch(() => json(payment));
    const throwing = new Proxy({}, { get: () => { throw new Error("trap"); } });
    for (const client of [{ baseUrl: "https://api.portone.io", toJSON: () => ({}) }, null, undefined, "portone", throwing]) {
      const result = await getPayment(client as unknown as PortOneCore, { paymentId: "p1" });
      expect(result.error).toBeInstanceOf(PaySpecValidationError);
      expect(result.error?.kind === "validation" && result.error.field).toBe("client");
    }
    expect(requests).toHaveLength(0);
    void fetch;
  });
});

describe("createPortOneCore", () => {
  it("checks its options like createPortOneClient, naming itself", () => {
    expect(() => createPortOneCore({ secret: "short" })).toThrow(PaySpecValidationError);
    expect(() => createPortOneCore({ secret, timeoutMS: 5 } as never)).toThrow(/createPortOneCore/);
  });

  it("has token mode where it is offered (the package root, /auth) and refuses it, naming where, elsewhere", async () => {
    const { createPortOneCore: fromPayment } = await import("../../src/generated/entries/payment.js");
    const { createPortOneCore: fromAuth } = await import("../../src/generated/entries/auth.js");
    expect(fromAuth).toBe(createPortOneCore);
    expect(JSON.stringify(fromAuth({ secret, auth: "token" }))).toContain('"auth":"token"');
    let thrown: unknown;
    try {
      fromPayment({ secret, auth: "token" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(PaySpecValidationError);
    expect((thrown as PaySpecValidationError).issues).toEqual([
      { field: "options.auth", rule: "enum", message: 'options.auth "token" needs token mode: take createPortOneCore from "@payspec/portone/auth" or "@payspec/portone"' },
    ]);
    expect(JSON.stringify(fromPayment({ secret }))).toContain('"auth":"secret"');
  });

  it("keeps the secret out of JSON, inspect and its own keys", () => {
    const core = createPortOneCore({ secret, storeId: "store-1" });
    expect(JSON.stringify(core)).toBe('{"baseUrl":"https://api.portone.io","storeId":"store-1","auth":"secret"}');
    expect(inspect(core, { showHidden: true, depth: 5 })).not.toContain(secret);
    expect(Object.keys(core)).toEqual(["baseUrl", "toJSON"]);
  });
});

describe("entry points", () => {
  it("every operation is a function of exactly one entry point, exported from the package root too", async () => {
    const owner = new Map<string, string>();
    for (const entry of entries) {
      const module = (await import(new URL(`generated/entries/${entry}.ts`, src).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        if (typeof value !== "function" || name === "createPortOneCore") continue;
        expect(owner.has(name), `${name} in ${entry} and ${owner.get(name)}`).toBe(false);
        owner.set(name, entry);
        expect((everything as Record<string, unknown>)[name]).toBe(value);
      }
    }
    expect([...owner.keys()].sort()).toEqual(Object.keys(operations).sort());
  });

  it("an entry point imports no other entry's rows, no operation table and no client (a bundler keeps only what is used)", () => {
    for (const entry of entries) {
      // What the entry point reaches by static imports within the package: what a bundler keeps.
      const modules = reachedModules(new URL(`generated/entries/${entry}.ts`, src), src);
      const rows = [...modules].filter((m) => m.startsWith("generated/rows/"));
      // Token mode (the login rows and the token source) only where it is offered: the auth entry.
      expect(rows.sort(), entry).toEqual([`generated/rows/${entry}.ts`]);
      expect(modules.has("token-mode.ts") || modules.has("token.ts"), `${entry} reaches token mode`).toBe(entry === "auth");
      for (const forbidden of ["generated/operations.ts", "client.ts", "index.ts", "paginate.ts"]) expect(modules.has(forbidden), `${entry} reaches ${forbidden}`).toBe(false);
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
